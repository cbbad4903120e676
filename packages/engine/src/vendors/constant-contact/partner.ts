/**
 * @module
 * The `ctct-partner` kind: a Constant Contact technology partner of an application (its target id is
 * the `partner_client_id`). The target hands out its partner secret.
 */
import type { CtctPartnerSpec } from '@grantform/config';
import {
  describeKind,
  local,
  policy,
  present,
  secretEnvOutput,
  secretRef,
  updatable,
} from '../../registry/descriptor.js';

export const ctctPartner = describeKind<CtctPartnerSpec>({
  kind: 'ctct-partner',
  noun: 'partner',
  attributes: {
    name: updatable(),
    application: local(),
    partnerClientId: local(),
    partnerSecret: secretRef('rotate', 'partner secret'),
    rotation: policy(),
  },
  computed: ['clientId', 'endpoints', 'secretStatus'],
  parent: { attribute: 'application', kind: 'ctct-application' },
  component: false,
  secrets: [{ name: 'partnerSecret', env: { attribute: 'partnerSecret' } }],
  outputs: ({ id, attributes: a }) => ({
    partnerClientId: a.clientId ?? id,
    ...present('endpoints', a.endpoints),
    ...secretEnvOutput(a, 'partnerSecret', 'partnerSecretEnv'),
  }),
});
