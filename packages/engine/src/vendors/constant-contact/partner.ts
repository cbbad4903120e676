/**
 * @module
 * The `ctct-partner` kind: a Constant Contact technology partner of an application (its target id is
 * the `partner_client_id`). The target hands out its partner secret.
 */
import type { CtctPartnerSpec } from '@grantform/config';
import { secretEnv } from '../../issued-secrets.js';
import { describeKind } from '../../registry/descriptor.js';

export const ctctPartner = describeKind<CtctPartnerSpec>({
  kind: 'ctct-partner',
  noun: 'partner',
  attributes: {
    name: { compare: 'value', onChange: 'update' },
    application: { compare: 'value', onChange: 'replace', local: true },
    partnerClientId: { compare: 'value', onChange: 'replace', local: true },
    partnerSecret: {
      compare: 'value',
      onChange: 'update',
      local: true,
      secretRef: { onEnvChange: 'rotate', noun: 'partner secret' },
    },
  },
  computed: ['clientId', 'endpoints'],
  parent: { attribute: 'application', kind: 'ctct-application' },
  component: false,
  secrets: [{ name: 'partnerSecret', env: { attribute: 'partnerSecret' } }],
  outputs: ({ id, attributes: a }) => {
    const env = secretEnv(a, 'partnerSecret');
    return {
      partnerClientId: a.clientId ?? id,
      ...(a.endpoints === undefined ? {} : { endpoints: a.endpoints }),
      ...(env === null ? {} : { partnerSecretEnv: env }),
    };
  },
});
