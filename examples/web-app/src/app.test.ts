/**
 * The portal driven in process like a browser would: `/login` → the emulator's authorize pages (as
 * the tenant's test user) → `/oauth/callback` → `/me`. The portal's own `fetch` calls to the real
 * host names are routed into the in-process emulator by `@grantform/testing`.
 */
import '@grantform/testing/vitest';
import { startEmulator, type TestEmulator } from '@grantform/testing';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import app from '../grantform.config.js';
import { createWebApp, type WebAppOptions } from './app.js';

const ORIGIN = 'https://127.0.0.1:8443';

/** A one-site cookie jar: what a browser keeps between requests. */
function browser(portal: Hono) {
  const jar = new Map<string, string>();
  return async (url: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await portal.request(new URL(url, ORIGIN).href, { ...init, headers });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/Max-Age=0/i.test(c)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };
}

describe('examples/web-app: login, code, refresh, userinfo', () => {
  let emulator: TestEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ app, clock: '2030-01-01T09:00:00Z' });
    emulator.route();
  });
  afterEach(() => emulator.dispose());

  const portalWith = (extra: Partial<WebAppOptions> = {}) => {
    const { clientId, clientSecret, authUrl } = emulator.credentials.get('contoso/preferences-portal/api', 'web-app');
    return createWebApp({ clientId, clientSecret, authUrl, redirectUri: `${ORIGIN}/oauth/callback`, ...extra });
  };

  async function logIn(get: ReturnType<typeof browser>): Promise<void> {
    const login = await get('/login');
    expect(login.status).toBe(302);
    const authorize = login.headers.get('location') ?? '';
    expect(authorize).toMatch(/^https:\/\/mc[0-9a-z-]{26}\.auth\.marketingcloudapis\.com\/v2\/authorize\?/);
    // the test user logs in and approves on the emulator's pages
    const back = await emulator.authorize(authorize);
    expect(back.location.startsWith(`${ORIGIN}/oauth/callback?`)).toBe(true);
    const callback = await get(back.location);
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/');
  }

  it('logs the user in and shows who they are', async () => {
    // GIVEN the portal, using the emulator's clock
    const get = browser(portalWith({ now: () => emulator.clock.now() }));
    // WHEN the user logs in and opens /me
    await logIn(get);
    const me = await get('/me');
    // THEN
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      username: 'admin@contoso',
      email: 'admin@contoso',
      mid: 700,
      enterpriseId: 700,
      refreshes: 0,
    });
    expect(await (await get('/')).text()).toContain('Logged in.');
  });

  it('refreshes an expired access token before calling userinfo', async () => {
    const get = browser(portalWith({ now: () => emulator.clock.now() }));
    await logIn(get);
    // WHEN the 1079 s the token response promised have passed
    await emulator.clock.advance(1079);
    const me = await get('/me');
    // THEN the portal refreshed first: no 401 on the way
    expect(await me.json()).toMatchObject({ username: 'admin@contoso', refreshes: 1 });
    expect((await emulator.requests()).map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      'GET /v2/authorize 200',
      'POST /v2/authorize/login 200',
      'POST /v2/authorize/consent 302',
      'POST /v2/token 200',
      'POST /v2/token 200',
      'GET /v2/userinfo 200',
    ]);
  });

  it('refreshes and retries once when userinfo says 401', async () => {
    // GIVEN a portal on real time, so it does not know the emulator's clock has moved on
    const get = browser(portalWith());
    await logIn(get);
    await emulator.clock.advance(1200);
    // WHEN
    const me = await get('/me');
    // THEN
    expect(await me.json()).toMatchObject({ refreshes: 1 });
    const tail = (await emulator.requests()).slice(-4).map((e) => `${e.method} ${e.path} ${e.status}`);
    expect(tail).toEqual(['POST /v2/token 200', 'GET /v2/userinfo 401', 'POST /v2/token 200', 'GET /v2/userinfo 200']);
  });

  it('refuses a callback whose state is not the one it sent, and a denied login', async () => {
    const get = browser(portalWith());
    await get('/login');
    expect((await get('/oauth/callback?code=abc&state=forged')).status).toBe(400);
    const login = await get('/login');
    const denied = await emulator.authorize(login.headers.get('location') ?? '', { decision: 'deny' });
    const res = await get(denied.location);
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('login refused: access_denied');
    expect((await get('/me')).status).toBe(401);
  });

  it('logs out', async () => {
    const get = browser(portalWith());
    await logIn(get);
    await get('/logout', { method: 'POST' });
    expect((await get('/me')).status).toBe(401);
  });
});
