/**
 * @module
 * Marketing Cloud's hosts (`@grantform/config/hosts`): a tenant's `{tssd}.auth|rest|soap.marketingcloudapis.com`,
 * mounted at `/~{kind}/{tssd}`, and the legacy ExactTarget auth hosts `auth[-sN|-test].exacttargetapis.com`,
 * mounted at `/~legacy/{default|sN|test}`. Paths on both are case-insensitive (fuel-rest lower-cases
 * them). Token responses and userinfo return instance URLs in the form the request used.
 */
import {
  EXACTTARGET_AUTH_HOST,
  EXACTTARGET_DOMAIN,
  exactTargetAuthHost,
  MARKETING_CLOUD_DOMAIN,
  MARKETING_CLOUD_HOST_KINDS,
  MARKETING_CLOUD_TENANT_HOST,
  type MarketingCloudHostKind,
  marketingCloudBase,
  marketingCloudHost,
} from '@grantform/config/hosts';
import type { Context } from 'hono';
import { type HostRule, originOf } from '../../addressing.js';
import type { ServedHostPattern } from '../../tls/hosts.js';

export type HostKind = MarketingCloudHostKind;

/** Tenant hosts: `/~{auth|rest|soap}/{tssd}`. Host names shorter than 41 characters are not tried. */
export const tenantHosts: HostRule = {
  foldCase: true,
  mount(name) {
    const m = name.length > 40 ? MARKETING_CLOUD_TENANT_HOST.exec(name) : null;
    return m ? `/~${m[2]!.toLowerCase()}/${m[1]!.toLowerCase()}` : undefined;
  },
  hostname: (kind, tssd) =>
    (MARKETING_CLOUD_HOST_KINDS as readonly string[]).includes(kind)
      ? marketingCloudHost(tssd, kind as HostKind)
      : undefined,
};

/** Legacy ExactTarget auth hosts: `/~legacy/{default|sN|test}`. */
export const legacyHosts: HostRule = {
  foldCase: true,
  mount(name) {
    const m = name.endsWith(EXACTTARGET_DOMAIN) ? EXACTTARGET_AUTH_HOST.exec(name) : null;
    return m ? `/~legacy/${(m[1] ?? 'default').toLowerCase()}` : undefined;
  },
  hostname: (first, stack) => (first === 'legacy' ? exactTargetAuthHost(stack) : undefined),
};

/** Marketing Cloud's hosts as the TLS side serves them: every tenant's auth/rest/soap host and the legacy auth hosts. */
export const mcTlsHosts: readonly ServedHostPattern[] = [
  ...MARKETING_CLOUD_HOST_KINDS.map(
    (kind): ServedHostPattern => ({
      display: `{tssd}.${kind}.${MARKETING_CLOUD_DOMAIN}`,
      subtree: `${kind}.${MARKETING_CLOUD_DOMAIN}`,
      matches: (h) => MARKETING_CLOUD_TENANT_HOST.exec(h)?.[2]?.toLowerCase() === kind,
    }),
  ),
  {
    display: `auth[-s{N}|-test].${EXACTTARGET_DOMAIN}`,
    // auth.…, auth-s7.… and auth-test.… share no narrower subtree than the vendor's domain.
    subtree: EXACTTARGET_DOMAIN,
    matches: (h) => EXACTTARGET_AUTH_HOST.test(h),
  },
];

/** The virtual host a request addressed, and how it addressed it. */
export interface VirtualHost {
  readonly kind: HostKind;
  /** Tenant subdomain (lower case). */
  readonly tssd: string;
  /** `host`: reached by hostname (answer with `https://{host}/` URLs); `path`: reached by path prefix. */
  readonly style: 'host' | 'path';
  /** `scheme://host[:port]` of the request. */
  readonly origin: string;
}

/** Reads the virtual host from a route mounted under `/~{kind}/:tssd/:style`. */
export function vhostOf(c: Context, kind: HostKind): VirtualHost {
  return {
    kind,
    tssd: c.req.param('tssd') ?? '',
    style: c.req.param('style') === 'h' ? 'host' : 'path',
    origin: originOf(c.req.url),
  };
}

/** A tenant host's base URL (with the trailing slash), in the same form the request used. */
export function hostBase(vhost: Pick<VirtualHost, 'tssd' | 'style' | 'origin'>, kind: HostKind): string {
  return marketingCloudBase(vhost.tssd, kind, vhost.style === 'host' ? undefined : vhost.origin);
}

/** Canonical (host-style) base URL: the issuer of every token. */
export function canonicalBase(tssd: string, kind: HostKind): string {
  return marketingCloudBase(tssd, kind);
}

/** Path-style base URLs of a tenant on this emulator. */
export function tenantEndpoints(origin: string, tssd: string): { auth: string; rest: string; soap: string } {
  const p = { tssd, style: 'path' as const, origin };
  return { auth: hostBase(p, 'auth'), rest: hostBase(p, 'rest'), soap: hostBase(p, 'soap') };
}
