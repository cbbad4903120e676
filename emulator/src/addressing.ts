/**
 * @module
 * Virtual hosts. A tenant's hosts (`{tssd}.auth|rest|soap.marketingcloudapis.com`) are reached either by
 * the request's host (Host header, when real names are routed here) or as the first path segment
 * (`http://127.0.0.1:4010/{tssd}.auth.marketingcloudapis.com/v2/token`). {@link virtualPath} is the app's
 * `getPath`: it maps both forms to `/~{kind}/{tssd}/{h|p}{path}` with the path lower-cased and `//`
 * collapsed, so routing stays a plain router match with no per-request URL object.
 */
import type { Context } from 'hono';
import { CTCT_HOSTS } from './constant-contact/hosts.js';

export type HostKind = 'auth' | 'rest' | 'soap';

/** A tenant host: `{tssd}.{kind}.marketingcloudapis.com` (groups: tssd, kind). */
export const VHOST = /^(mc[0-9a-z-]{26})\.(auth|rest|soap)\.marketingcloudapis\.com\.?$/i;
/** Legacy ExactTarget auth hosts: `auth.`, `auth-sN.`, `auth-test.exacttargetapis.com` → `/~legacy/{default|sN|test}/…`. */
export const LEGACY_HOST = /^auth(?:-(s\d{1,3}|test))?\.exacttargetapis\.com\.?$/i;

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

/** Virtual paths of recent `host/path` strings (a pure mapping; emptied when full). */
const memo = new Map<string, string>();
const MEMO_SIZE = 1024;

/**
 * Hono `getPath`: see the module comment. Never throws. The result for a URL without a query or
 * fragment is memoised by its `host/path`: clients call the same few URLs over and over. URLs with a
 * query are mapped afresh, so no query string (which may carry credentials) is kept.
 */
export function virtualPath(req: Request): string {
  const url = req.url;
  const schemeEnd = url.indexOf('://');
  const hostStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
  if (url.includes('?', hostStart) || url.includes('#', hostStart)) return mapVirtualPath(url, hostStart);
  const key = url.slice(hostStart);
  let path = memo.get(key);
  if (path === undefined) {
    path = mapVirtualPath(url, hostStart);
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(key, path);
  }
  return path;
}

function mapVirtualPath(url: string, hostStart: number): string {
  let pathStart = url.indexOf('/', hostStart);
  if (pathStart < 0) pathStart = url.length;
  let pathEnd = url.indexOf('?', pathStart);
  if (pathEnd < 0) pathEnd = url.length;
  const hash = url.indexOf('#', pathStart);
  if (hash >= 0 && hash < pathEnd) pathEnd = hash;
  let path = pathStart < pathEnd ? url.slice(pathStart, pathEnd) : '/';
  if (path.includes('//')) path = path.replace(/\/{2,}/g, '/');

  let hostname = url.slice(hostStart, pathStart);
  const colon = hostname.lastIndexOf(':');
  if (colon > 0 && !hostname.endsWith(']')) hostname = hostname.slice(0, colon);
  const byHost = VHOST.exec(hostname);
  if (byHost) return `/~${byHost[2]!.toLowerCase()}/${byHost[1]!.toLowerCase()}/h${path.toLowerCase()}`;
  // Constant Contact hosts (constant-contact/hosts.ts): paths keep their case.
  const ctctHost = CTCT_HOSTS[hostname.toLowerCase()];
  if (ctctHost !== undefined) return `/~ctct/${ctctHost}/h${path}`;
  const legacyHost = hostname.endsWith('exacttargetapis.com') ? LEGACY_HOST.exec(hostname) : null;
  if (legacyHost) return `/~legacy/${(legacyHost[1] ?? 'default').toLowerCase()}/h${path.toLowerCase()}`;

  const second = path.indexOf('/', 1);
  const first = second < 0 ? path.slice(1) : path.slice(1, second);
  const byPath = first.length > 40 ? VHOST.exec(first) : null;
  if (byPath) {
    const rest = second < 0 ? '/' : path.slice(second).toLowerCase();
    return `/~${byPath[2]!.toLowerCase()}/${byPath[1]!.toLowerCase()}/p${rest}`;
  }
  const ctctPath = first.includes('.') ? CTCT_HOSTS[first.toLowerCase()] : undefined;
  if (ctctPath !== undefined) return `/~ctct/${ctctPath}/p${second < 0 ? '/' : path.slice(second)}`;
  const legacyPath = first.endsWith('exacttargetapis.com') ? LEGACY_HOST.exec(first) : null;
  if (legacyPath) {
    return `/~legacy/${(legacyPath[1] ?? 'default').toLowerCase()}/p${second < 0 ? '/' : path.slice(second).toLowerCase()}`;
  }
  // A base-URL path may not pose as a virtual host.
  return path.startsWith('/~') ? `/!${path}` : path;
}

/** `scheme://host[:port]` of a URL string, without building a URL object. */
export function originOf(url: string): string {
  const start = url.indexOf('://') + 3;
  const end = url.indexOf('/', start);
  return end < 0 ? url : url.slice(0, end);
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
  const name = `${vhost.tssd}.${kind}.marketingcloudapis.com`;
  return vhost.style === 'host' ? `https://${name}/` : `${vhost.origin}/${name}/`;
}

/** Canonical (host-style) base URL: the issuer of every token. */
export function canonicalBase(tssd: string, kind: HostKind): string {
  return `https://${tssd}.${kind}.marketingcloudapis.com/`;
}

/** Path-style base URLs of a tenant on this emulator. */
export function tenantEndpoints(origin: string, tssd: string): { auth: string; rest: string; soap: string } {
  const p = { tssd, style: 'path' as const, origin };
  return { auth: hostBase(p, 'auth'), rest: hostBase(p, 'rest'), soap: hostBase(p, 'soap') };
}
