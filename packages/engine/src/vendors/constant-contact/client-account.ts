/**
 * @module
 * The `ctct-client-account` kind: a client account of a Constant Contact partner (its target id is
 * the `encoded_account_id`). Its login name cannot change in place.
 */
import type { CtctClientAccountSpec } from '@grantform/config';
import { describeKind, local, replacing, updatable } from '../../registry/descriptor.js';

export const ctctClientAccount = describeKind<CtctClientAccountSpec>({
  kind: 'ctct-client-account',
  noun: 'client account',
  attributes: {
    partner: local(),
    name: local('update'),
    managed: updatable(),
    loginName: replacing(),
    contactEmail: updatable(),
    organizationName: updatable(),
    countryCode: updatable(),
    stateCode: updatable(),
    firstName: updatable(),
    lastName: updatable(),
  },
  computed: [],
  parent: { attribute: 'partner', kind: 'ctct-partner' },
  component: false,
  secrets: [],
  outputs: ({ id, attributes: a }) => ({
    encodedAccountId: id,
    loginName: a.loginName ?? null,
    managed: a.managed ?? null,
  }),
});
