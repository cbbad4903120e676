/**
 * @module
 * The portal: a Hono app that logs users in with Marketing Cloud (authorization code), keeps their
 * tokens server-side, refreshes them, and shows `/v2/userinfo`.
 *
 * | Route | Does |
 * | --- | --- |
 * | `GET /login` | new `state` in a cookie, redirect to `{authUrl}v2/authorize` |
 * | `GET /oauth/callback` | checks `state`, exchanges the code, starts a session (cookie `sid`) |
 * | `GET /me` | the user's `/v2/userinfo`; refreshes the token first when it has expired, or once after a 401 |
 * | `POST /logout` | forgets the session |
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export interface WebAppOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** `https://{tssd}.auth.marketingcloudapis.com/` */
  readonly authUrl: string;
  /** Must be one of the integration's redirect URIs, byte for byte. */
  readonly redirectUri: string;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** @default 24 random bytes, base64url */
  readonly randomId?: () => string;
}

interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  rest_instance_url: string;
}

interface Session {
  accessToken: string;
  refreshToken: string | undefined;
  /** Epoch ms after which the access token is treated as expired. */
  expiresAt: number;
  refreshes: number;
}

const COOKIE = { httpOnly: true, secure: true, sameSite: 'Lax', path: '/' } as const;

/** Creates the portal app. Sessions live in memory, per app instance. */
export function createWebApp(o: WebAppOptions): Hono {
  const http = o.fetch ?? globalThis.fetch;
  const now = o.now ?? (() => new Date());
  const randomId = o.randomId ?? (() => randomBytes(24).toString('base64url'));
  const sessions = new Map<string, Session>();
  const app = new Hono();

  const token = async (body: Record<string, string>): Promise<TokenResponse> => {
    const res = await http(new URL('v2/token', o.authUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: o.clientId, client_secret: o.clientSecret, ...body }),
    });
    if (!res.ok) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
    return (await res.json()) as TokenResponse;
  };
  const store = (s: Session | undefined, t: TokenResponse): Session => ({
    accessToken: t.access_token,
    refreshToken: t.refresh_token ?? s?.refreshToken,
    expiresAt: now().getTime() + t.expires_in * 1000,
    refreshes: s ? s.refreshes + 1 : 0,
  });
  const refresh = async (sid: string, s: Session): Promise<Session> => {
    if (!s.refreshToken) throw new Error('no refresh token (the integration needs the offline scope)');
    const next = store(s, await token({ grant_type: 'refresh_token', refresh_token: s.refreshToken }));
    sessions.set(sid, next);
    return next;
  };

  app.get('/', (c) => {
    const sid = getCookie(c, 'sid');
    return c.html(
      sid && sessions.has(sid)
        ? '<p>Logged in. <a href="/me">Who am I?</a></p>'
        : '<p><a href="/login">Log in with Marketing Cloud</a></p>',
    );
  });

  app.get('/login', (c) => {
    const state = randomId();
    setCookie(c, 'oauth_state', state, { ...COOKIE, maxAge: 600 });
    const url = new URL('v2/authorize', o.authUrl);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', o.clientId);
    url.searchParams.set('redirect_uri', o.redirectUri);
    url.searchParams.set('state', state);
    return c.redirect(url.href, 302);
  });

  app.get('/oauth/callback', async (c) => {
    const expected = getCookie(c, 'oauth_state');
    deleteCookie(c, 'oauth_state', COOKIE);
    const { code, state, error } = c.req.query();
    if (error) return c.text(`login refused: ${error}`, 403);
    if (!code || !expected || state !== expected) return c.text('login failed: state mismatch', 400);
    const t = await token({ grant_type: 'authorization_code', code, redirect_uri: o.redirectUri });
    const sid = randomId();
    sessions.set(sid, store(undefined, t));
    setCookie(c, 'sid', sid, COOKIE);
    return c.redirect('/', 302);
  });

  app.get('/me', async (c) => {
    const sid = getCookie(c, 'sid');
    let s = sid ? sessions.get(sid) : undefined;
    if (!sid || !s) return c.json({ error: 'not logged in' }, 401);
    if (now().getTime() >= s.expiresAt) s = await refresh(sid, s);
    const userinfo = (accessToken: string) =>
      http(new URL('v2/userinfo', o.authUrl), { headers: { authorization: `Bearer ${accessToken}` } });
    let res = await userinfo(s.accessToken);
    if (res.status === 401) {
      s = await refresh(sid, s);
      res = await userinfo(s.accessToken);
    }
    if (!res.ok) return c.json({ error: `userinfo failed: ${res.status}` }, 502);
    const info = (await res.json()) as {
      user: { email: string; preferred_username: string };
      organization: { member_id: number; enterprise_id: number };
    };
    return c.json({
      username: info.user.preferred_username,
      email: info.user.email,
      mid: info.organization.member_id,
      enterpriseId: info.organization.enterprise_id,
      refreshes: s.refreshes,
    });
  });

  app.post('/logout', (c) => {
    const sid = getCookie(c, 'sid');
    if (sid) sessions.delete(sid);
    deleteCookie(c, 'sid', COOKIE);
    return c.redirect('/', 302);
  });

  return app;
}
