/**
 * @module
 * The partner's multi-tenant app (Hono). A customer's user connects it with `/connect` (authorize on
 * the partner's auth host, logging in with their own tenant's account); the redirect names the
 * customer's tenant (`tssd`), and the code is exchanged on **that tenant's** auth host, as the vendor
 * requires for AppExchange apps. Each connection's tokens are kept per tenant; `/tenants` acts in
 * every connected tenant (REST `tokenContext`), refreshing tokens that have expired.
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export interface PartnerAppOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The partner's own auth host, where `/connect` starts: `https://{partner tssd}.auth.marketingcloudapis.com/` */
  readonly authUrl: string;
  readonly redirectUri: string;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/** One customer tenant the app may act in. */
export interface Connection {
  readonly tssd: string;
  accessToken: string;
  refreshToken: string | undefined;
  expiresAt: number;
  restUrl: string;
}

interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  rest_instance_url: string;
}

const TSSD = /^[a-z0-9-]{28}$/;
const COOKIE = { httpOnly: true, secure: true, sameSite: 'Lax', path: '/' } as const;

/** The customer tenant's auth host. */
export const customerAuthUrl = (tssd: string): string => `https://${tssd}.auth.marketingcloudapis.com/`;

export function createPartnerApp(o: PartnerAppOptions): { app: Hono; connections: ReadonlyMap<string, Connection> } {
  const http = o.fetch ?? globalThis.fetch;
  const now = o.now ?? (() => new Date());
  const connections = new Map<string, Connection>();
  const app = new Hono();

  const token = async (tssd: string, body: Record<string, string>): Promise<TokenResponse> => {
    const res = await http(new URL('v2/token', customerAuthUrl(tssd)), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: o.clientId, client_secret: o.clientSecret, ...body }),
    });
    if (!res.ok) throw new Error(`token request to ${tssd} failed: ${res.status} ${await res.text()}`);
    return (await res.json()) as TokenResponse;
  };
  const save = (tssd: string, t: TokenResponse, previous?: Connection): Connection => {
    const c: Connection = {
      tssd,
      accessToken: t.access_token,
      refreshToken: t.refresh_token ?? previous?.refreshToken,
      expiresAt: now().getTime() + t.expires_in * 1000,
      restUrl: t.rest_instance_url,
    };
    connections.set(tssd, c);
    return c;
  };
  const fresh = async (c: Connection): Promise<Connection> => {
    if (now().getTime() < c.expiresAt) return c;
    if (!c.refreshToken) throw new Error(`connection to ${c.tssd} expired and has no refresh token`);
    return save(c.tssd, await token(c.tssd, { grant_type: 'refresh_token', refresh_token: c.refreshToken }), c);
  };

  app.get('/connect', (c) => {
    const state = randomBytes(18).toString('base64url');
    setCookie(c, 'connect_state', state, { ...COOKIE, maxAge: 600 });
    const url = new URL('v2/authorize', o.authUrl);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', o.clientId);
    url.searchParams.set('redirect_uri', o.redirectUri);
    url.searchParams.set('state', state);
    return c.redirect(url.href, 302);
  });

  app.get('/oauth/callback', async (c) => {
    const expected = getCookie(c, 'connect_state');
    deleteCookie(c, 'connect_state', COOKIE);
    const { code, state, tssd, error } = c.req.query();
    if (error) return c.text(`connection refused: ${error}`, 403);
    if (!code || !expected || state !== expected) return c.text('state mismatch', 400);
    if (!tssd || !TSSD.test(tssd)) return c.text('the redirect does not name the customer tenant (tssd)', 400);
    const t = await token(tssd, { grant_type: 'authorization_code', code, redirect_uri: o.redirectUri });
    save(tssd, t);
    return c.redirect('/tenants', 302);
  });

  app.get('/tenants', async (c) => {
    const out = [];
    for (const existing of connections.values()) {
      const conn = await fresh(existing);
      const res = await http(new URL('platform/v1/tokenContext', conn.restUrl), {
        headers: { authorization: `Bearer ${conn.accessToken}` },
      });
      if (!res.ok) throw new Error(`tokenContext in ${conn.tssd} failed: ${res.status}`);
      const ctx = (await res.json()) as { enterprise: { id: number }; organization: { id: number } };
      out.push({ tssd: conn.tssd, enterpriseId: ctx.enterprise.id, mid: ctx.organization.id });
    }
    return c.json(out);
  });

  return { app, connections };
}
