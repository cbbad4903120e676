/**
 * @module
 * `@grantform/config/hosts`: every vendor host name grantform knows, written once. The emulator
 * serves these hosts, the engine calls them, and `@grantform/testing` routes them into an
 * in-process emulator. This module imports nothing (no zod, no constructs), so the emulator's
 * bundle and the testing package stay light.
 *
 * - Marketing Cloud tenant hosts: `{tssd}.{auth|rest|soap}.marketingcloudapis.com`.
 * - Legacy ExactTarget auth hosts: `auth.`, `auth-sN.` and `auth-test.exacttargetapis.com`.
 * - Constant Contact: `authz.constantcontact.com`, `identity.constantcontact.com`, `api.cc.email`
 *   and the partner token host `v3api-partner.auth.us-east-1.amazoncognito.com`.
 *
 * @example
 * marketingCloudHost('mc563885gzs27c5t9-63k636ttgm', 'auth'); // 'mc563885gzs27c5t9-63k636ttgm.auth.marketingcloudapis.com'
 * constantContactBase('api', 'http://127.0.0.1:4010'); // 'http://127.0.0.1:4010/api.cc.email'
 */

/** The vendors grantform knows, as named in host tables. */
export type VendorName = 'marketing-cloud' | 'constant-contact';

// ── Marketing Cloud ─────────────────────────────────────────────────────────

/** The three hosts every Marketing Cloud tenant has. */
export const MARKETING_CLOUD_HOST_KINDS = ['auth', 'rest', 'soap'] as const;
export type MarketingCloudHostKind = (typeof MARKETING_CLOUD_HOST_KINDS)[number];

/** A tenant subdomain (TSSD): 28 characters, `mc` then lower-case letters, digits or `-`. */
export const MARKETING_CLOUD_SUBDOMAIN = /^mc[a-z0-9-]{26}$/;

/** What {@link MARKETING_CLOUD_SUBDOMAIN} asks for, as error messages say it. */
export const MARKETING_CLOUD_SUBDOMAIN_FORMAT = 'must be 28 characters: mc + 26 of [0-9a-z-]';

/** The domain of the tenant hosts. */
export const MARKETING_CLOUD_DOMAIN = 'marketingcloudapis.com';

/**
 * A tenant host name, any letter case, with an optional trailing dot: group 1 is the tenant
 * subdomain (`mc` + 26 of `[0-9a-z-]`), group 2 the host kind.
 */
export const MARKETING_CLOUD_TENANT_HOST = /^(mc[0-9a-z-]{26})\.(auth|rest|soap)\.marketingcloudapis\.com\.?$/i;

/** `{tssd}.{kind}.marketingcloudapis.com`. */
export function marketingCloudHost(tssd: string, kind: MarketingCloudHostKind): string {
  return `${tssd}.${kind}.${MARKETING_CLOUD_DOMAIN}`;
}

/**
 * A tenant host's base URL with the trailing slash the vendor returns: `https://{host}/`, or on an
 * emulator `origin` the host as the first path segment (`http://127.0.0.1:4010/{host}/`).
 */
export function marketingCloudBase(tssd: string, kind: MarketingCloudHostKind, origin?: string): string {
  const host = marketingCloudHost(tssd, kind);
  return origin === undefined ? `https://${host}/` : `${origin.replace(/\/+$/, '')}/${host}/`;
}

/** The domain of the legacy ExactTarget hosts. */
export const EXACTTARGET_DOMAIN = 'exacttargetapis.com';

/**
 * A legacy ExactTarget auth host name (any case, optional trailing dot): `auth.`, `auth-sN.` (group
 * 1 is `sN`) or `auth-test.` (group 1 is `test`) `exacttargetapis.com`.
 */
export const EXACTTARGET_AUTH_HOST = /^auth(?:-(s\d{1,3}|test))?\.exacttargetapis\.com\.?$/i;

/** The legacy auth host of a stack: `default` → `auth.exacttargetapis.com`, `s7` → `auth-s7.…`, `test` → `auth-test.…`. */
export function exactTargetAuthHost(stack: string): string {
  return `auth${stack === 'default' ? '' : `-${stack}`}.${EXACTTARGET_DOMAIN}`;
}

// ── Constant Contact ────────────────────────────────────────────────────────

/** The Constant Contact hosts, by role (reference §3.1). */
export const CONSTANT_CONTACT_HOSTS = {
  /** Authorize, token, device authorization, the partner token (Okta). */
  authz: 'authz.constantcontact.com',
  /** The token issuer and its JWKS. */
  identity: 'identity.constantcontact.com',
  /** The v3 API (and `/v3/partner/*`). */
  api: 'api.cc.email',
  /** The documented partner token host (Amazon Cognito). */
  cognito: 'v3api-partner.auth.us-east-1.amazoncognito.com',
} as const;
export type ConstantContactHostKey = keyof typeof CONSTANT_CONTACT_HOSTS;

/** Base URLs (no trailing slash) of the Constant Contact hosts, by role. */
export type ConstantContactBaseUrls = { readonly [K in ConstantContactHostKey]: string };

/** A Constant Contact host's base URL (no trailing slash): `https://{host}`, or `{origin}/{host}` on an emulator. */
export function constantContactBase(key: ConstantContactHostKey, origin?: string): string {
  const host = CONSTANT_CONTACT_HOSTS[key];
  return origin === undefined ? `https://${host}` : `${origin.replace(/\/+$/, '')}/${host}`;
}

/** Every Constant Contact base URL: the vendor's (no `origin`) or an emulator's at `origin`. */
export function constantContactBaseUrls(origin?: string): ConstantContactBaseUrls {
  return {
    authz: constantContactBase('authz', origin),
    identity: constantContactBase('identity', origin),
    api: constantContactBase('api', origin),
    cognito: constantContactBase('cognito', origin),
  };
}

// ── enumeration ─────────────────────────────────────────────────────────────

/**
 * A host name pattern a vendor is served under. `*` stands for the variable part of one label
 * (a tenant subdomain, a stack number), so `*.auth.marketingcloudapis.com` is also a certificate
 * name; `test` tells a concrete host name whether it is one of them.
 */
export interface ServedHost {
  readonly vendor: VendorName;
  readonly pattern: string;
  test(hostname: string): boolean;
}

const tenantHost = (kind: MarketingCloudHostKind): ServedHost => ({
  vendor: 'marketing-cloud',
  pattern: `*.${kind}.${MARKETING_CLOUD_DOMAIN}`,
  test: (name) => MARKETING_CLOUD_TENANT_HOST.exec(name)?.[2]?.toLowerCase() === kind,
});

/** A legacy auth host pattern; `stack` is told group 1 of {@link EXACTTARGET_AUTH_HOST} (lower case). */
const legacyHost = (pattern: string, stack: (s: string | undefined) => boolean): ServedHost => ({
  vendor: 'marketing-cloud',
  pattern,
  test: (name) => {
    const m = EXACTTARGET_AUTH_HOST.exec(name);
    return m !== null && stack(m[1]?.toLowerCase());
  },
});

const SERVED_HOSTS: readonly ServedHost[] = [
  ...MARKETING_CLOUD_HOST_KINDS.map(tenantHost),
  legacyHost(`auth.${EXACTTARGET_DOMAIN}`, (s) => s === undefined),
  legacyHost(`auth-s*.${EXACTTARGET_DOMAIN}`, (s) => s?.startsWith('s') === true),
  legacyHost(`auth-test.${EXACTTARGET_DOMAIN}`, (s) => s === 'test'),
  ...Object.values(CONSTANT_CONTACT_HOSTS).map(
    (host): ServedHost => ({
      vendor: 'constant-contact',
      pattern: host,
      test: (name) => name.toLowerCase().replace(/\.$/, '') === host,
    }),
  ),
];

/** Every host name pattern the emulator serves, per vendor, in a stable order. */
export function servedHosts(vendor?: VendorName): readonly ServedHost[] {
  return vendor === undefined ? SERVED_HOSTS : SERVED_HOSTS.filter((h) => h.vendor === vendor);
}

/**
 * Origins (`scheme://host[:port]`, no `$` after the port) that `@grantform/testing` routes into an
 * in-process emulator, per vendor. Wider than {@link servedHosts} on purpose: any tenant-like label
 * and the other ExactTarget hosts are routed too, so a test that calls one gets the emulator's 404
 * instead of reaching the network.
 */
export const ROUTED_ORIGIN_PATTERNS: { readonly [V in VendorName]: readonly RegExp[] } = {
  'marketing-cloud': [
    // Tenant-specific endpoints (auth, rest, soap). Matched against `https://host:443`, so no `$`
    // right after the domain.
    /^https?:\/\/[a-z0-9-]+\.(?:auth|rest|soap)\.marketingcloudapis\.com(?::\d+)?/i,
    // Legacy ExactTarget hosts.
    /^https?:\/\/(?:auth|auth-s\d+|auth-test|www|webservice|webservice\.s\d+)\.exacttargetapis\.com(?::\d+)?/i,
    /^https?:\/\/[a-z0-9.-]+\.exacttarget\.com(?::\d+)?/i,
  ],
  'constant-contact': [
    /^https?:\/\/(?:authz|identity)\.constantcontact\.com(?::\d+)?/i,
    /^https?:\/\/api\.cc\.email(?::\d+)?/i,
    /^https?:\/\/v3api-partner\.auth\.us-east-1\.amazoncognito\.com(?::\d+)?/i,
  ],
};
