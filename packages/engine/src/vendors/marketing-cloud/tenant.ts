/**
 * @module
 * The `tenant` kind: a Marketing Cloud tenant (enterprise), identified by its subdomain, with its
 * business-unit tree. The target assigns its endpoints.
 */
import type { TenantSpec } from '@grantform/config';
import { describeKind, present, replacing, updatable } from '../../registry/descriptor.js';

export const tenant = describeKind<TenantSpec>({
  kind: 'tenant',
  noun: 'tenant',
  attributes: {
    subdomain: replacing(),
    name: updatable(),
    stackKey: updatable(),
    enterpriseMid: updatable(),
    businessUnits: updatable('bu-tree'),
  },
  computed: ['endpoints'],
  parent: null,
  component: false,
  secrets: [],
  // Its create (PUT by subdomain) is idempotent: one the target has without a label is taken over.
  claimsUnmanaged: true,
  outputs: ({ attributes: a }) => ({ subdomain: a.subdomain ?? null, ...present('endpoints', a.endpoints) }),
});
