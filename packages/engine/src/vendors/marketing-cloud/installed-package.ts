/**
 * @module
 * The `installed-package` kind: an installed package in a tenant. The target hands out its JWT
 * signing secret, kept only when a Marketing Cloud App of the package says where.
 */
import type { InstalledPackageSpec } from '@grantform/config';
import { describeKind, local, replacing, updatable } from '../../registry/descriptor.js';

export const installedPackage = describeKind<InstalledPackageSpec>({
  kind: 'installed-package',
  noun: 'package',
  attributes: {
    tenant: local(),
    name: updatable(),
    description: updatable(),
    legacy: replacing(),
    sourceMid: replacing(),
  },
  computed: ['secretStatus'],
  parent: { attribute: 'tenant', kind: 'tenant' },
  component: false,
  secrets: [{ name: 'jwtSigningSecret', env: { childKind: 'marketing-cloud-app', attribute: 'jwtSigningSecret' } }],
  unmanagedHint:
    'adopt it with `grantform import <its integration address> --client-id ID --client-secret-env NAME`, or remove it from the target (`DELETE /_emulator/packages/{id}`)',
  outputs: ({ id, attributes: a }) => ({ packageId: id, name: a.name ?? null }),
});
