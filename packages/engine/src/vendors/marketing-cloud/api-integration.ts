/**
 * @module
 * The `api-integration` kind: a package's API Integration component (server-to-server, web app or
 * public app). The vendor cannot remove it on its own; the target assigns its client id and
 * endpoints and hands out its client secret.
 */
import type { ApiIntegrationSpec } from '@grantform/config';
import {
  describeKind,
  local,
  policy,
  present,
  replacing,
  secretEnvOutput,
  secretRef,
  updatable,
} from '../../registry/descriptor.js';

export const apiIntegration = describeKind<ApiIntegrationSpec>({
  kind: 'api-integration',
  noun: 'API integration',
  attributes: {
    package: local(),
    type: replacing(),
    scopes: updatable('set'),
    redirectUris: updatable('set'),
    businessUnits: updatable('business-units'),
    pkce: updatable(),
    clientSecret: secretRef('rotate', 'client secret'),
    // Whether the vendor lists it as an AppExchange app (the emulator seeds it; no target API sets it).
    appExchange: local('update'),
    rotation: policy(),
  },
  computed: ['clientId', 'endpoints', 'secretStatus'],
  parent: { attribute: 'package', kind: 'installed-package' },
  component: true,
  secrets: [{ name: 'clientSecret', env: { attribute: 'clientSecret' } }],
  outputs: ({ id, attributes: a }) => ({
    clientId: a.clientId ?? id,
    type: a.type ?? null,
    ...present('endpoints', a.endpoints),
    ...secretEnvOutput(a, 'clientSecret', 'clientSecretEnv'),
  }),
});
