/**
 * @module
 * The Constant Contact kinds, by name (for this vendor's drivers, verify and import). Target ids:
 * the API key of an application, the `partner_client_id` of a partner, the `encoded_account_id` of a
 * client account.
 */
import type { KindDescriptor } from '../../registry/descriptor.js';
import { ctctApplication } from './application.js';
import { ctctClientAccount } from './client-account.js';
import { ctctPartner } from './partner.js';

export type CtctKind = 'ctct-application' | 'ctct-partner' | 'ctct-client-account';

export const CTCT_DESCRIPTORS: { readonly [K in CtctKind]: KindDescriptor } = {
  'ctct-application': ctctApplication,
  'ctct-partner': ctctPartner,
  'ctct-client-account': ctctClientAccount,
};

export function isCtctKind(kind: string): kind is CtctKind {
  return Object.hasOwn(CTCT_DESCRIPTORS, kind);
}
