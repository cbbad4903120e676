/**
 * @module
 * The `api-integration` kind: a package's API Integration component (server-to-server, web app or
 * public app). The vendor cannot remove it on its own; the target assigns its client id and
 * endpoints and hands out its client secret.
 */
import type { ApiIntegrationSpec } from '@grantform/config';
import { secretEnv } from '../../issued-secrets.js';
import { describeKind } from '../../registry/descriptor.js';

export const apiIntegration = describeKind<ApiIntegrationSpec>({
  kind: 'api-integration',
  noun: 'API integration',
  attributes: {
    package: { compare: 'value', onChange: 'replace', local: true },
    type: { compare: 'value', onChange: 'replace' },
    scopes: { compare: 'set', onChange: 'update' },
    redirectUris: { compare: 'set', onChange: 'update' },
    businessUnits: { compare: 'business-units', onChange: 'update' },
    pkce: { compare: 'value', onChange: 'update' },
    clientSecret: {
      compare: 'value',
      onChange: 'update',
      local: true,
      secretRef: { onEnvChange: 'rotate', noun: 'client secret' },
    },
  },
  computed: ['clientId', 'endpoints'],
  parent: { attribute: 'package', kind: 'installed-package' },
  component: true,
  secrets: [{ name: 'clientSecret', env: { attribute: 'clientSecret' } }],
  outputs: ({ id, attributes: a }) => {
    const env = secretEnv(a, 'clientSecret');
    return {
      clientId: a.clientId ?? id,
      type: a.type ?? null,
      ...(a.endpoints === undefined ? {} : { endpoints: a.endpoints }),
      ...(env === null ? {} : { clientSecretEnv: env }),
    };
  },
});
