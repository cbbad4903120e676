/**
 * @module
 * Deterministic names: resource name format, default secret environment variable names and the
 * tenant subdomain derived from a tenant's name.
 */
import { createHash } from 'node:crypto';
import { MARKETING_CLOUD_SUBDOMAIN } from './hosts.js';

/** Resource names: lower-case letters, digits and single hyphens, starting with a letter, at most 63. */
export const NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const NAME_MAX_LENGTH = 63;

/** `{subdomain}.auth.marketingcloudapis.com`: 28 characters, `mc` then lower-case letters, digits, `-`. */
export const SUBDOMAIN_PATTERN = MARKETING_CLOUD_SUBDOMAIN;

/** Stack keys such as `S7`. */
export const STACK_KEY_PATTERN = /^S[1-9][0-9]?$/;

/** Environment variable names (POSIX portable: upper case, digits, `_`). */
export const ENV_NAME_PATTERN = /^[A-Z_][A-Z0-9_]*$/;

/** The stack key used when a tenant does not set one. */
export const DEFAULT_STACK_KEY = 'S7';

/** Whether `name` is a valid resource name. */
export function isValidName(name: string): boolean {
  return name.length <= NAME_MAX_LENGTH && NAME_PATTERN.test(name);
}

/** The kind of secret a default environment variable name is derived for. */
export type SecretKind = 'client-secret' | 'jwt-signing-secret';

/**
 * The default environment variable holding a resource's secret:
 * `GRANTFORM_` + the address upper-cased with every run of other characters turned into `_` +
 * `_CLIENT_SECRET` or `_JWT_SIGNING_SECRET`.
 * @example defaultSecretEnv('acme/crm-sync/api', 'client-secret') // 'GRANTFORM_ACME_CRM_SYNC_API_CLIENT_SECRET'
 * @example defaultSecretEnv('acme/portal/app', 'jwt-signing-secret') // 'GRANTFORM_ACME_PORTAL_APP_JWT_SIGNING_SECRET'
 */
export function defaultSecretEnv(address: string, kind: SecretKind): string {
  const stem = address
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `GRANTFORM_${stem}_${kind === 'client-secret' ? 'CLIENT_SECRET' : 'JWT_SIGNING_SECRET'}`;
}

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * The tenant subdomain used when a tenant does not set one: `mc` followed by 26 base-36
 * characters of `sha256("grantform-tenant:" + name)`. Same name, same subdomain, on every machine.
 * @example deriveSubdomain('acme').length // 28
 */
export function deriveSubdomain(tenantName: string): string {
  const digest = createHash('sha256').update(`grantform-tenant:${tenantName}`).digest();
  let tail = '';
  for (const byte of digest.subarray(0, 26)) tail += BASE36[byte % 36];
  return `mc${tail}`;
}

/** The default environment variable of a partner secret: `GRANTFORM_CTCT_PARTNERS_<NAME>_PARTNER_SECRET`. */
export function defaultPartnerSecretEnv(address: string): string {
  return defaultSecretEnv(address, 'client-secret').replace(/_CLIENT_SECRET$/, '_PARTNER_SECRET');
}
