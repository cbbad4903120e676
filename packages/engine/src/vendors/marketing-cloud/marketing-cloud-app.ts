/**
 * @module
 * The `marketing-cloud-app` kind: a package's Marketing Cloud App component (SSO login, redirect and
 * logout URLs). The vendor cannot remove it on its own. It names where its package's JWT signing
 * secret is kept; renaming that env moves the value in the sink.
 */
import type { MarketingCloudAppSpec } from '@grantform/config';
import { describeKind, local, secretEnvOutput, secretRef, updatable } from '../../registry/descriptor.js';

export const marketingCloudApp = describeKind<MarketingCloudAppSpec>({
  kind: 'marketing-cloud-app',
  noun: 'Marketing Cloud App',
  attributes: {
    package: local(),
    loginUrl: updatable(),
    redirectUrl: updatable(),
    logoutUrl: updatable(),
    claimsVersion: updatable(),
    jwtSigningSecret: secretRef('rename', 'JWT signing secret'),
  },
  computed: [],
  parent: { attribute: 'package', kind: 'installed-package' },
  component: true,
  secrets: [],
  outputs: ({ attributes: a }) => secretEnvOutput(a, 'jwtSigningSecret', 'jwtSigningSecretEnv'),
});
