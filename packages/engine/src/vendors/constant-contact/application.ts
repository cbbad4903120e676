/**
 * @module
 * The `ctct-application` kind: a Constant Contact application (its target id is the API key). A
 * declared `apiKey` names an existing one (a change replaces); an assigned one is the computed
 * `clientId`. The target hands out its client secret.
 */
import type { CtctApplicationSpec } from '@grantform/config';
import { secretEnv } from '../../issued-secrets.js';
import { describeKind } from '../../registry/descriptor.js';

export const ctctApplication = describeKind<CtctApplicationSpec>({
  kind: 'ctct-application',
  noun: 'application',
  attributes: {
    name: { compare: 'value', onChange: 'update' },
    // A declared API key names an existing application; the assigned one is the computed `clientId`.
    apiKey: { compare: 'value', onChange: 'replace', local: true },
    type: { compare: 'value', onChange: 'replace' },
    redirectUris: { compare: 'set', onChange: 'update' },
    scopes: { compare: 'set', onChange: 'update' },
    pkce: { compare: 'value', onChange: 'update' },
    refreshTokens: { compare: 'value', onChange: 'update' },
    clientSecret: {
      compare: 'value',
      onChange: 'update',
      local: true,
      secretRef: { onEnvChange: 'rotate', noun: 'client secret' },
    },
  },
  computed: ['clientId', 'endpoints'],
  parent: null,
  component: false,
  secrets: [{ name: 'clientSecret', env: { attribute: 'clientSecret' } }],
  outputs: ({ id, attributes: a }) => {
    const env = secretEnv(a, 'clientSecret');
    return {
      apiKey: a.clientId ?? id,
      type: a.type ?? null,
      ...(a.endpoints === undefined ? {} : { endpoints: a.endpoints }),
      ...(env === null ? {} : { clientSecretEnv: env }),
    };
  },
});
