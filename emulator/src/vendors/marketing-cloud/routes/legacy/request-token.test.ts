import { describe, expect, it } from 'vitest';
import { ERROR_URI, MESSAGES } from '../../errors.js';
import { AUTH, ENT, REST, TSSD, tokenRequest } from '../../testing/fixtures.js';
import { admin, bearer, createClient, instanceSetup } from '../../testing/instance-fixtures.js';
import { LEGACY_MESSAGES } from './errors.js';

const UNAUTHORIZED = { message: 'Unauthorized', errorcode: 1, documentation: '' };

async function legacySetup() {
  const s = await instanceSetup();
  const legacy = await createClient(
    s.app,
    TSSD,
    { name: 'legacy', legacy: true },
    { type: 'server-to-server', scopes: ['data_extensions_read'], businessUnits: 'all' },
  );
  const request = (body: unknown, query = '', base = AUTH, init: RequestInit = {}) =>
    s.app.request(`${base}/v1/requestToken${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      ...init,
    });
  const creds = { clientId: legacy.clientId, clientSecret: legacy.secret };
  return { ...s, legacy, request, creds };
}

describe('POST /v1/requestToken', () => {
  it('issues a 3600-second token for a legacy package that works on the REST instance', async () => {
    // GIVEN a legacy package
    const s = await legacySetup();
    // WHEN it asks for a token with camelCase JSON
    const res = await s.request(s.creds);
    // THEN
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accessToken: string };
    expect(body).toEqual({ accessToken: expect.any(String), expiresIn: 3600 });
    const tc = await s.app.request(`${REST}/platform/v1/tokenContext`, bearer(body.accessToken));
    expect(((await tc.json()) as { organization: { id: number } }).organization.id).toBe(ENT);
    // and it lives 3600 s on the emulator clock
    await admin(s.app, 'POST', '/clock', { advanceSeconds: 3599 });
    expect((await s.app.request(`${REST}/platform/v1/tokenContext`, bearer(body.accessToken))).status).toBe(200);
    await admin(s.app, 'POST', '/clock', { advanceSeconds: 1 });
    expect((await s.app.request(`${REST}/platform/v1/tokenContext`, bearer(body.accessToken))).status).toBe(401);
  });

  it('adds legacyToken with ?legacy=1 and refreshToken with accessType offline; tolerates a form body', async () => {
    const s = await legacySetup();
    const res = await s.request({ ...s.creds, accessType: 'offline' }, '?legacy=1');
    expect(await res.json()).toEqual({
      accessToken: expect.any(String),
      expiresIn: 3600,
      refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{64}$/),
      legacyToken: expect.any(String),
    });
    const form = await s.app.request(`${AUTH}/v1/requestToken`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(s.creds).toString(),
    });
    expect(await form.json()).toEqual({ accessToken: expect.any(String), expiresIn: 3600 });
  });

  it('makes refresh tokens single use with a 5-minute grace window and a 700-day life', async () => {
    const s = await legacySetup();
    const first = (await (await s.request({ ...s.creds, accessType: 'offline' })).json()) as { refreshToken: string };
    // first use returns a replacement
    const second = (await (await s.request({ ...s.creds, refreshToken: first.refreshToken })).json()) as {
      refreshToken: string;
    };
    expect(second.refreshToken).toEqual(expect.any(String));
    expect(second.refreshToken).not.toBe(first.refreshToken);
    // reuse inside the grace window is tolerated
    await admin(s.app, 'POST', '/clock', { advanceSeconds: 300 });
    expect((await s.request({ ...s.creds, refreshToken: first.refreshToken })).status).toBe(200);
    // after it → 401
    await admin(s.app, 'POST', '/clock', { advanceSeconds: 1 });
    const reused = await s.request({ ...s.creds, refreshToken: first.refreshToken });
    expect(reused.status).toBe(401);
    expect(await reused.json()).toEqual(UNAUTHORIZED);
    // an unused one lives 700 days (client secrets expire after 180 days unless the setting says otherwise)
    await admin(s.app, 'PUT', '/settings', { secretLifetimeDays: 3650 });
    await admin(s.app, 'POST', '/clock', { advanceSeconds: 700 * 86400 - 302 });
    const late = (await (await s.request({ ...s.creds, refreshToken: second.refreshToken })).json()) as {
      refreshToken: string;
    };
    expect(late.refreshToken).toEqual(expect.any(String));
    await admin(s.app, 'POST', '/clock', { advanceSeconds: 700 * 86400 });
    expect((await s.request({ ...s.creds, refreshToken: late.refreshToken })).status).toBe(401);
  });

  it('refuses bad credentials, enhanced packages (10007), and v2 refuses legacy packages', async () => {
    const s = await legacySetup();
    const bad = await s.request({ ...s.creds, clientSecret: 'wrong' });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual(UNAUTHORIZED);
    expect(await (await s.request({})).json()).toEqual(UNAUTHORIZED);
    const enhanced = await s.request({ clientId: s.full.clientId, clientSecret: s.full.secret });
    expect(enhanced.status).toBe(401);
    expect(await enhanced.json()).toEqual({
      message: LEGACY_MESSAGES.enhancedPackage,
      errorcode: 10007,
      documentation: '',
    });
    const v2 = await tokenRequest(s.app, {
      grant_type: 'client_credentials',
      client_id: s.legacy.clientId,
      client_secret: s.legacy.secret,
    });
    expect(v2.status).toBe(401);
    expect(await v2.json()).toEqual({
      error: 'invalid_client',
      error_description: MESSAGES.legacyPackage,
      error_uri: ERROR_URI,
    });
    const notJson = await s.app.request(`${AUTH}/v1/requestToken`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({
      message: 'The request body is not valid JSON.',
      errorcode: 0,
      documentation: '',
    });
  });

  it('answers on the legacy hosts, by Host header and path-style; auth-sN must match the stack', async () => {
    const s = await legacySetup();
    const init = (body: unknown): RequestInit => ({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    for (const url of [
      'https://auth.exacttargetapis.com/v1/requestToken',
      'https://auth-s7.exacttargetapis.com/v1/requestToken',
      'https://auth-test.exacttargetapis.com/v1/requestToken',
      'http://127.0.0.1:4010/auth.exacttargetapis.com/v1/requestToken',
      'http://127.0.0.1:4010/auth-s7.exacttargetapis.com/v1/requesttoken',
    ]) {
      const res = await s.app.request(url, init(s.creds));
      expect([url, res.status]).toEqual([url, 200]);
    }
    const wrongStack = await s.app.request('https://auth-s4.exacttargetapis.com/v1/requestToken', init(s.creds));
    expect(wrongStack.status).toBe(401);
    const log = (await (await admin(s.app, 'GET', '/requests?host=auth-s4.exacttargetapis.com')).json()) as {
      items: { host: string; path: string; status: number; clientId: string }[];
    };
    expect(log.items).toEqual([
      expect.objectContaining({
        host: 'auth-s4.exacttargetapis.com',
        path: '/v1/requesttoken',
        status: 401,
        clientId: s.legacy.clientId,
      }),
    ]);
  });
});
