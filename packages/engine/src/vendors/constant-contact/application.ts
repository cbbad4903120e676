/**
 * @module
 * The `ctct-application` kind: a Constant Contact application (its target id is the API key). A
 * declared `apiKey` names an existing one (a change replaces); an assigned one is the computed
 * `clientId`. The target hands out its client secret.
 */
import type { CtctApplicationSpec } from '@grantform/config';
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

export const ctctApplication = describeKind<CtctApplicationSpec>({
  kind: 'ctct-application',
  noun: 'application',
  attributes: {
    name: updatable(),
    // A declared API key names an existing application; the assigned one is the computed `clientId`.
    apiKey: local(),
    type: replacing(),
    redirectUris: updatable('set'),
    scopes: updatable('set'),
    pkce: updatable(),
    refreshTokens: updatable(),
    clientSecret: secretRef('rotate', 'client secret'),
    rotation: policy(),
  },
  computed: ['clientId', 'endpoints', 'secretStatus'],
  parent: null,
  component: false,
  secrets: [{ name: 'clientSecret', env: { attribute: 'clientSecret' } }],
  outputs: ({ id, attributes: a }) => ({
    apiKey: a.clientId ?? id,
    type: a.type ?? null,
    ...present('endpoints', a.endpoints),
    ...secretEnvOutput(a, 'clientSecret', 'clientSecretEnv'),
  }),
});
