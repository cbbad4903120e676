import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { authorizeUrl, createPkce, TokenRequestError } from './oauth.js';
import { startEmulator, type TestEmulator } from './start-emulator.js';
import { fixtureApp, SUBDOMAIN } from './testing-fixtures.js';

const REST = `https://${SUBDOMAIN}.rest.marketingcloudapis.com/`;

describe('OAuth helpers', () => {
  let emulator: TestEmulator;
  afterEach(() => emulator?.dispose());

  it('token(): a client-credentials token for a business unit', async () => {
    emulator = await startEmulator({ app: fixtureApp() });
    // WHEN
    const tokens = await emulator.token('acme/crm-sync/api', { accountId: 102, scope: 'email_send' });
    // THEN
    expect(tokens).toMatchObject({
      token_type: 'Bearer',
      expires_in: 1079,
      scope: 'email_send',
      rest_instance_url: REST,
    });
    const ctx = await emulator.app.request(`${REST}platform/v1/tokenContext`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(await ctx.json()).toMatchObject({ organization: { id: 102 } });
  });

  it('token(): a refusal is a TokenRequestError with the vendor body', async () => {
    emulator = await startEmulator({ app: fixtureApp() });
    const err = await emulator.token('acme/crm-sync/api', { accountId: 100 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TokenRequestError);
    expect(err).toMatchObject({
      status: 401,
      error: 'unauthorized_client',
      errorDescription: 'The client is not authorized to access business unit 100.',
    });
  });

  it('login(): a web app user goes through the login and consent pages and gets tokens with a refresh token', async () => {
    // GIVEN an emulator NOT in headless mode (the helper drives the real pages)
    emulator = await startEmulator({ app: fixtureApp(), options: { headlessAuthorize: false } });
    // WHEN
    const { tokens, code } = await emulator.login('acme/portal/api');
    // THEN
    expect(code.redirectUri).toBe('https://127.0.0.1:8443/callback');
    expect(code.codeVerifier).toBeUndefined();
    expect(tokens.scope).toBe('email_read offline');
    expect(tokens.refresh_token).toEqual(expect.any(String));
    // AND the refresh token rotates
    const refreshed = await emulator.refresh('acme/portal/api', tokens.refresh_token ?? '');
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    await expect(emulator.refresh('acme/portal/api', tokens.refresh_token ?? '')).rejects.toMatchObject({
      status: 400,
      error: 'invalid_grant',
    });
  });

  it('login(): a public app uses PKCE and no secret', async () => {
    emulator = await startEmulator({ app: fixtureApp() });
    const { tokens, code } = await emulator.login('acme/cli/api', { scope: 'email_read' });
    expect(code.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(code.redirectUri).toBe('com.acme.cli://oauth/callback');
    expect(tokens.scope).toBe('email_read');
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('authorizationCode(): refuses a server-to-server integration', async () => {
    emulator = await startEmulator({ app: fixtureApp() });
    await expect(emulator.authorizationCode('acme/crm-sync/api')).rejects.toThrow('use clientCredentials()');
  });

  it('authorize(): plays the browser for a URL the app built, and can deny', async () => {
    // GIVEN an authorize URL built by application code
    emulator = await startEmulator({ app: fixtureApp() });
    const portal = emulator.credentials.get('acme/portal/api');
    const url = authorizeUrl(portal, { redirectUri: 'https://127.0.0.1:8443/callback', state: 's1' });
    // WHEN the user approves, then denies
    const approved = await emulator.authorize(url);
    const denied = await emulator.authorize(url, { decision: 'deny' });
    // THEN
    expect(approved.location).toMatch(/^https:\/\/127\.0\.0\.1:8443\/callback\?state=s1&code=/);
    expect(approved).toMatchObject({ state: 's1', error: null, tssd: null, code: expect.any(String) });
    expect(denied).toMatchObject({ state: 's1', code: null, error: 'access_denied' });
  });

  it('authorize(): surfaces an error page and a failed login', async () => {
    emulator = await startEmulator({ app: fixtureApp() });
    const portal = emulator.credentials.get('acme/portal/api');
    const bad = authorizeUrl(portal, { redirectUri: 'https://evil.example/cb' });
    await expect(emulator.authorize(bad)).rejects.toThrow('authorize refused (400)');
    const good = authorizeUrl(portal, { redirectUri: 'https://127.0.0.1:8443/callback' });
    await expect(emulator.authorize(good, { user: { username: 'admin@acme', password: 'wrong' } })).rejects.toThrow(
      'login as admin@acme failed',
    );
  });

  it('createPkce(): an S256 pair', () => {
    const pkce = createPkce(() => new Uint8Array(32));
    expect(pkce).toEqual({
      codeVerifier: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      codeChallenge: createHash('sha256').update('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').digest('base64url'),
      codeChallengeMethod: 'S256',
    });
  });
});
