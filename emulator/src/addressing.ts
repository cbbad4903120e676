/**
 * @module
 * Virtual hosts. Every vendor host (the vendors' {@link HostRule}s, built on `@grantform/config/hosts`)
 * is reached either by the request's host (`Host` header, when real names are routed here) or as the
 * first path segment (`http://127.0.0.1:4010/{tssd}.auth.marketingcloudapis.com/v2/token`). The
 * function {@link createVirtualPath} returns is the app's `getPath`: it maps both forms to
 * `{mount}/{h|p}{path}` (`/~auth/{tssd}/p/v2/token`), with `//` collapsed and, where the rule says
 * so, the path lower-cased, so routing stays a plain router match with no per-request URL object.
 */

/**
 * One family of host names a vendor is served under. A mount is two path segments,
 * `/~{first}/{second}` (`/~auth/{tssd}`, `/~ctct/api`), under which the vendor mounts its routes
 * as `/~{first}/{second}/:style` (`style`: `h` by host, `p` by path).
 */
export interface HostRule {
  /** The mount of a host name (any letter case, maybe a trailing dot); `undefined` when not this family's. */
  mount(hostname: string): string | undefined;
  /** The host name a mount's two segments stand for (the request log shows it); `undefined` when not this family's. */
  hostname(first: string, second: string): string | undefined;
  /** Paths on these hosts are case-insensitive: they are lower-cased before routing. */
  readonly foldCase: boolean;
}

/** Virtual paths of recent `host/path` strings kept per app (a pure mapping; emptied when full). */
const MEMO_SIZE = 1024;

/**
 * The `getPath` of an app serving these host rules (tried in order). Never throws. The result for a
 * URL without a query or fragment is memoised by its `host/path`: clients call the same few URLs
 * over and over. URLs with a query are mapped afresh, so no query string (which may carry
 * credentials) is kept.
 */
export function createVirtualPath(rules: readonly HostRule[]): (req: Request) => string {
  const memo = new Map<string, string>();
  const map = (url: string, hostStart: number) => mapVirtualPath(rules, url, hostStart);
  return (req) => {
    const url = req.url;
    const schemeEnd = url.indexOf('://');
    const hostStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
    if (url.includes('?', hostStart) || url.includes('#', hostStart)) return map(url, hostStart);
    const key = url.slice(hostStart);
    let path = memo.get(key);
    if (path === undefined) {
      path = map(url, hostStart);
      if (memo.size >= MEMO_SIZE) memo.clear();
      memo.set(key, path);
    }
    return path;
  };
}

function mapVirtualPath(rules: readonly HostRule[], url: string, hostStart: number): string {
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
  for (const rule of rules) {
    const mount = rule.mount(hostname);
    if (mount !== undefined) return `${mount}/h${rule.foldCase ? path.toLowerCase() : path}`;
  }

  const second = path.indexOf('/', 1);
  const first = second < 0 ? path.slice(1) : path.slice(1, second);
  if (first.includes('.')) {
    for (const rule of rules) {
      const mount = rule.mount(first);
      if (mount === undefined) continue;
      const rest = second < 0 ? '/' : path.slice(second);
      return `${mount}/p${rule.foldCase ? rest.toLowerCase() : rest}`;
    }
  }
  // A base-URL path may not pose as a virtual host.
  return path.startsWith('/~') ? `/!${path}` : path;
}

/** `/~{first}/{second}/{h|p}{path}`: the parts of a virtual path, for reading it back. */
const VIRTUAL = /^\/~([^/]+)\/([^/]+)\/[hp](.*)$/;

/**
 * The host name and path a virtual path stands for (`/~auth/{tssd}/p/v2/token` →
 * `{tssd}.auth.marketingcloudapis.com`, `/v2/token`); `undefined` for the emulator's own paths.
 */
export function hostOfVirtualPath(
  rules: readonly HostRule[],
  virtualPath: string,
): { host: string; path: string } | undefined {
  const m = VIRTUAL.exec(virtualPath);
  if (m === null) return undefined;
  for (const rule of rules) {
    const host = rule.hostname(m[1]!, m[2]!);
    if (host !== undefined) return { host, path: m[3] || '/' };
  }
  return undefined;
}

/** `scheme://host[:port]` of a URL string, without building a URL object. */
export function originOf(url: string): string {
  const start = url.indexOf('://') + 3;
  const end = url.indexOf('/', start);
  return end < 0 ? url : url.slice(0, end);
}
