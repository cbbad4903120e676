/**
 * @module
 * The `ctct-client-account` kind: a client account of a Constant Contact partner (its target id is
 * the `encoded_account_id`). Its login name cannot change in place.
 */
import type { CtctClientAccountSpec } from '@grantform/config';
import { describeKind } from '../../registry/descriptor.js';

export const ctctClientAccount = describeKind<CtctClientAccountSpec>({
  kind: 'ctct-client-account',
  noun: 'client account',
  attributes: {
    partner: { compare: 'value', onChange: 'replace', local: true },
    name: { compare: 'value', onChange: 'update', local: true },
    managed: { compare: 'value', onChange: 'update' },
    loginName: { compare: 'value', onChange: 'replace' },
    contactEmail: { compare: 'value', onChange: 'update' },
    organizationName: { compare: 'value', onChange: 'update' },
    countryCode: { compare: 'value', onChange: 'update' },
    stateCode: { compare: 'value', onChange: 'update' },
    firstName: { compare: 'value', onChange: 'update' },
    lastName: { compare: 'value', onChange: 'update' },
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
