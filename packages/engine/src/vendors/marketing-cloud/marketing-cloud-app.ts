/**
 * @module
 * The `marketing-cloud-app` kind: a package's Marketing Cloud App component (SSO login, redirect and
 * logout URLs). The vendor cannot remove it on its own. It names where its package's JWT signing
 * secret is kept; renaming that env moves the value in the sink.
 */
import type { MarketingCloudAppSpec } from '@grantform/config';
import { secretEnv } from '../../issued-secrets.js';
import { describeKind } from '../../registry/descriptor.js';

export const marketingCloudApp = describeKind<MarketingCloudAppSpec>({
  kind: 'marketing-cloud-app',
  noun: 'Marketing Cloud App',
  attributes: {
    package: { compare: 'value', onChange: 'replace', local: true },
    loginUrl: { compare: 'value', onChange: 'update' },
    redirectUrl: { compare: 'value', onChange: 'update' },
    logoutUrl: { compare: 'value', onChange: 'update' },
    claimsVersion: { compare: 'value', onChange: 'update' },
    jwtSigningSecret: {
      compare: 'value',
      onChange: 'update',
      local: true,
      secretRef: { onEnvChange: 'rename', noun: 'JWT signing secret' },
    },
  },
  computed: [],
  parent: { attribute: 'package', kind: 'installed-package' },
  component: true,
  secrets: [],
  outputs: ({ attributes: a }) => {
    const env = secretEnv(a, 'jwtSigningSecret');
    return { ...(env === null ? {} : { jwtSigningSecretEnv: env }) };
  },
});
