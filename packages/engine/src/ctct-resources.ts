/**
 * @module
 * What the engine knows about the Constant Contact kinds (registered into `resources.ts` and
 * `desired.ts`): attributes and how they compare, server-assigned values, and parent references.
 * Target ids: the API key of an application, the `partner_client_id` of a partner, the
 * `encoded_account_id` of a client account.
 */
import type { ResourceKind } from '@grantform/config';
import type { AttributeRule } from './resources.js';

export type CtctKind = 'ctct-application' | 'ctct-partner' | 'ctct-client-account';

export const CTCT_KINDS: readonly CtctKind[] = ['ctct-application', 'ctct-partner', 'ctct-client-account'];

export const CTCT_ATTRIBUTE_RULES: { readonly [K in CtctKind]: Readonly<Record<string, AttributeRule>> } = {
  'ctct-application': {
    name: { compare: 'value', onChange: 'update' },
    // A declared API key names an existing application; the assigned one is the computed `clientId`.
    apiKey: { compare: 'value', onChange: 'replace', local: true },
    type: { compare: 'value', onChange: 'replace' },
    redirectUris: { compare: 'set', onChange: 'update' },
    scopes: { compare: 'set', onChange: 'update' },
    pkce: { compare: 'value', onChange: 'update' },
    refreshTokens: { compare: 'value', onChange: 'update' },
    clientSecret: { compare: 'value', onChange: 'update', local: true },
  },
  'ctct-partner': {
    name: { compare: 'value', onChange: 'update' },
    application: { compare: 'value', onChange: 'replace', local: true },
    partnerClientId: { compare: 'value', onChange: 'replace', local: true },
    partnerSecret: { compare: 'value', onChange: 'update', local: true },
  },
  'ctct-client-account': {
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
};

/** Values the target assigns (kept in state for `output`, never diffed). */
export const CTCT_COMPUTED_ATTRIBUTES: { readonly [K in CtctKind]: readonly string[] } = {
  'ctct-application': ['clientId', 'endpoints'],
  'ctct-partner': ['clientId', 'endpoints'],
  'ctct-client-account': [],
};

/** The attribute naming the parent (partner → application, account → partner). */
export const CTCT_PARENT_ATTRIBUTE: { readonly [K in CtctKind]: string | null } = {
  'ctct-application': null,
  'ctct-partner': 'application',
  'ctct-client-account': 'partner',
};

/** The kind each parent reference must point at. */
export const CTCT_EXPECTED_PARENT: Partial<Record<ResourceKind, ResourceKind>> = {
  'ctct-partner': 'ctct-application',
  'ctct-client-account': 'ctct-partner',
};

export function isCtctKind(kind: string): kind is CtctKind {
  return (CTCT_KINDS as readonly string[]).includes(kind);
}
