/**
 * @module
 * The front door of the admin API (`/_emulator/*`) and the console (`/_emulator/console`) against web
 * pages: without it, any page a developer visits could reset or alter the emulator (a "simple"
 * `text/plain` POST needs no CORS preflight), and DNS rebinding could read its snapshot. Checked on
 * every request, before the admin token:
 *
 * 1. **Host.** The `Host` (and the request URL's host) must be one of the emulator's own names:
 *    `localhost`, `127.0.0.1` or `[::1]` (with the emulator's port or none; any port in process, where
 *    no port is known), the host of `baseUrl`, or an `allowedHosts` entry (`name`: any port;
 *    `name:port`: that port). Otherwise 403 `ERR_HOST_NOT_ALLOWED`. A rebinding page reaches the
 *    emulator under its own name (`attacker.example:4010`), so this is what stops it.
 * 2. **Origin.** A state-changing request (anything but GET, HEAD, OPTIONS) is refused with 403
 *    `ERR_CROSS_ORIGIN` when it says `Sec-Fetch-Site: cross-site`, or (unless the browser vouches for
 *    it with `Sec-Fetch-Site: same-origin`) has an `Origin` that is `null`, unreadable, or whose host
 *    fails check 1. Programs (the engine, curl, `@grantform/testing`) send neither header; browsers
 *    always send `Origin` on such requests. The console's own forms are same-origin (their `Origin`
 *    is `null`: the console's pages say `Referrer-Policy: no-referrer`).
 * 3. **JSON** (admin API only, `json: true`). A state-changing request must send a body as
 *    `Content-Type: application/json`; any other declared type is refused even with an empty body,
 *    and so is a body without a type: 415 `ERR_UNSUPPORTED_MEDIA_TYPE`. A web page cannot send
 *    `application/json` to another origin without a preflight, which the emulator never grants.
 *
 * Vendor endpoints (tokens, authorize, REST, SOAP, Constant Contact) are mounted elsewhere and never
 * pass through here: they are reached by the vendors' real host names.
 */
import type { MiddlewareHandler } from 'hono';
import type { EmulatorContext } from '../env.js';
import { AdminError } from '../errors.js';
import { hostOf } from '../request-log.js';

/** The emulator's own loopback names, always allowed. */
export const LOOPBACK_NAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `host[:port]` → `[name, port]` (port `''` when absent); `undefined` when it is not a host. */
function splitHost(host: string): [string, string] | undefined {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    if (end < 0) return undefined;
    const rest = h.slice(end + 1);
    if (rest !== '' && !/^:\d{1,5}$/.test(rest)) return undefined;
    return [h.slice(0, end + 1), rest.slice(1)];
  }
  const colon = h.indexOf(':');
  if (colon < 0) return h === '' ? undefined : [h, ''];
  const port = h.slice(colon + 1);
  if (!/^\d{1,5}$/.test(port)) return undefined;
  return [h.slice(0, colon), port];
}

/**
 * Whether a `Host` value names this emulator, per `baseUrl` (its own address and port, when it
 * listens) and `allowedHosts` (see the module comment).
 */
export function createHostCheck(o: {
  readonly baseUrl: string | undefined;
  readonly allowedHosts: readonly string[];
}): (host: string) => boolean {
  const own = o.baseUrl === undefined ? undefined : splitHost(new URL(o.baseUrl).host);
  const ownPort = own?.[1];
  const exact = new Set<string>();
  const anyPort = new Set<string>();
  if (own) exact.add(own[1] === '' ? own[0] : `${own[0]}:${own[1]}`);
  for (const entry of o.allowedHosts) {
    const parts = splitHost(entry);
    if (!parts) continue;
    if (parts[1] === '') anyPort.add(parts[0]);
    else exact.add(`${parts[0]}:${parts[1]}`);
  }
  return (host) => {
    const parts = splitHost(host);
    if (!parts) return false;
    const [name, port] = parts;
    if (LOOPBACK_NAMES.includes(name) && (ownPort === undefined || port === '' || port === ownPort)) return true;
    if (anyPort.has(name)) return true;
    return exact.has(port === '' ? name : `${name}:${port}`);
  };
}

/** A header value as it may be quoted in an error message (bounded, printable). */
function quoted(value: string): string {
  return JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value);
}

/** The host of an `Origin` header value, or `undefined` for `null` and anything that is not an http(s) origin. */
function originHost(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host : undefined;
  } catch {
    return undefined;
  }
}

/** The guard middleware; `json: true` adds check 3 (the admin API; the console posts forms). */
export function adminGuard(ctx: EmulatorContext, o: { readonly json: boolean }): MiddlewareHandler {
  const allowed = createHostCheck(ctx.options);
  const names = [...LOOPBACK_NAMES, ...ctx.options.allowedHosts].join(', ');
  return async (c, next) => {
    const header = c.req.header('host');
    const host = header ?? hostOf(c.req.url);
    if (!allowed(host) || (header !== undefined && !allowed(hostOf(c.req.url)))) {
      throw new AdminError(
        'ERR_HOST_NOT_ALLOWED',
        `the admin API and console answer only to this emulator's own names (${names}); the request named Host ${quoted(host)}. To reach it by that name on purpose, start it with --allowed-host (option allowedHosts)`,
      );
    }
    if (SAFE_METHODS.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site')?.toLowerCase();
    if (site === 'cross-site') {
      throw new AdminError(
        'ERR_CROSS_ORIGIN',
        'a web page of another site may not change the emulator (Sec-Fetch-Site: cross-site); call the admin API from a program, or use the console',
      );
    }
    const origin = site === 'same-origin' ? undefined : c.req.header('origin');
    if (origin !== undefined) {
      const from = originHost(origin);
      if (from === undefined || !allowed(from)) {
        throw new AdminError(
          'ERR_CROSS_ORIGIN',
          `a web page of another origin may not change the emulator (Origin ${quoted(origin)}); call the admin API from a program, or use the console`,
        );
      }
    }
    if (o.json) {
      const type = c.req.header('content-type');
      const media = type?.split(';')[0]?.trim().toLowerCase();
      if (media !== undefined && media !== 'application/json') {
        throw new AdminError(
          'ERR_UNSUPPORTED_MEDIA_TYPE',
          `admin request bodies must be JSON sent with Content-Type: application/json (got ${quoted(type ?? '')})`,
        );
      }
      if (media === undefined && (await c.req.text().catch(() => '')) !== '') {
        throw new AdminError(
          'ERR_UNSUPPORTED_MEDIA_TYPE',
          'admin request bodies must be JSON sent with Content-Type: application/json (the body had no Content-Type)',
        );
      }
    }
    return next();
  };
}
