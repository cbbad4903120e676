/**
 * @module
 * Routes real vendor hostnames into an in-process app with nock 14 (which also intercepts
 * `fetch`), so application code that calls `https://{tssd}.auth.marketingcloudapis.com/…`
 * runs unmodified in tests. Requests to hosts that are not routed fail loudly: nothing leaks
 * to the network.
 */
import { ROUTED_ORIGIN_PATTERNS } from '@grantform/config/hosts';
import nock from 'nock';
import { isNetworkGuarded, LOOPBACK } from './net-guard.js';

/** The in-process seam: Hono's `app.request` (or anything with its shape). */
export interface RequestableApp {
  request(input: string | URL | Request, init?: RequestInit): Response | Promise<Response>;
}

/**
 * Origin patterns of every vendor host (`@grantform/config/hosts`, `ROUTED_ORIGIN_PATTERNS`): Marketing
 * Cloud tenant hosts, the ExactTarget hosts, and the Constant Contact hosts.
 */
export const VENDOR_HOST_PATTERNS: readonly RegExp[] = Object.values(ROUTED_ORIGIN_PATTERNS).flat();

export interface RouteHostsOptions {
  /** Host patterns to route. @default VENDOR_HOST_PATTERNS */
  readonly hosts?: readonly RegExp[];
  /**
   * Hosts that may still reach the real network (a local server under test, say).
   * @default LOOPBACK (`127.0.0.1` and `[::1]`, any port); everything else is refused.
   */
  readonly allowNetConnect?: RegExp;
}

/** What `routeHosts` returns: call `restore()` in `afterEach`/`afterAll`. */
export interface HostRouting {
  /** Every request forwarded, in order (method, full URL, status). */
  readonly requests: readonly { method: string; url: string; status: number }[];
  /**
   * Removes this routing's interceptors (other nock scopes stay). The network is re-opened unless the
   * vitest setup module (`@grantform/testing/vitest`) guards it.
   */
  restore(): void;
}

type ReplyTuple = [number, string, Record<string, string | string[]>];

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

function serializeBody(body: unknown): string | undefined {
  if (body === undefined || body === null || body === '') return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

function responseHeaders(res: Response): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  res.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const cookies = res.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  return headers;
}

/**
 * Routes every request to the given hostnames into `app.request`, keeping the real URL
 * (scheme, host and path), so the app sees the same `Host` it would in production.
 *
 * @example
 * const routing = routeHosts(emulator.app);
 * afterAll(() => routing.restore());
 * await fetch('https://mc…28….auth.marketingcloudapis.com/v2/token', …); // served in-process
 */
export function routeHosts(app: RequestableApp, options: RouteHostsOptions = {}): HostRouting {
  const hosts = options.hosts ?? VENDOR_HOST_PATTERNS;
  const requests: { method: string; url: string; status: number }[] = [];
  const interceptors: nock.Interceptor[] = [];

  for (const host of hosts) {
    const scope = nock(host).persist();
    for (const method of METHODS) {
      const interceptor = scope.intercept(/.*/, method.toUpperCase());
      interceptors.push(interceptor);
      interceptor.reply(async function forward(
        this: nock.ReplyFnContext,
        path: string,
        body: nock.Body,
      ): Promise<ReplyTuple> {
        const req = this.req;
        // Every vendor host is HTTPS; nock does not expose the scheme to reply functions.
        const url = new URL(path, `https://${req.headers.host ?? req.host}`);
        const headers = new Headers();
        for (const [key, value] of Object.entries(req.headers)) {
          if (value === undefined) continue;
          headers.set(key, Array.isArray(value) ? value.join(', ') : String(value));
        }
        const method = req.method.toUpperCase();
        const payload = method === 'GET' || method === 'HEAD' ? undefined : serializeBody(body);
        const init: RequestInit = { method, headers };
        if (payload !== undefined) init.body = payload;
        const res = await app.request(url.toString(), init);
        requests.push({ method, url: url.toString(), status: res.status });
        return [res.status, await res.text(), responseHeaders(res)];
      });
    }
  }

  nock.disableNetConnect();
  nock.enableNetConnect(options.allowNetConnect ?? LOOPBACK);

  return {
    requests,
    restore() {
      for (const interceptor of interceptors.splice(0)) nock.removeInterceptor(interceptor);
      if (isNetworkGuarded()) {
        nock.disableNetConnect();
        nock.enableNetConnect(LOOPBACK);
      } else {
        nock.enableNetConnect();
      }
    },
  };
}
