/**
 * The CLI login against the in-process emulator: the "browser" is `emulator.authorize()`, which logs
 * the tenant's test user in on the emulator's pages and returns the native-scheme redirect.
 */
import '@grantform/testing/vitest';
import { startEmulator, type TestEmulator } from '@grantform/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import app from '../grantform.config.js';
import { CliLoginError, login, refresh, whoAmI } from './login.js';

describe('examples/public-app: PKCE login without a secret', () => {
  let emulator: TestEmulator;
  let sent: { url: string; body: string }[];
  /** The global (routed) fetch, recording what the CLI sends. */
  const recordingFetch: typeof fetch = async (input, init) => {
    sent.push({ url: String(input), body: typeof init?.body === 'string' ? init.body : '' });
    return fetch(input, init);
  };

  beforeEach(async () => {
    emulator = await startEmulator({ app });
    emulator.route();
    sent = [];
  });
  afterEach(() => emulator.dispose());

  const options = () => {
    const { clientId, authUrl } = emulator.credentials.get('fabrikam/fab-cli/api', 'public-app');
    return { clientId, authUrl, redirectUri: 'com.fabrikam.cli://oauth/callback', fetch: recordingFetch };
  };

  it('logs in with PKCE, never sending a secret, and refreshes', async () => {
    // GIVEN a "browser" that logs the test user in
    let authorizeUrl = '';
    const openBrowser = async (url: string) => {
      authorizeUrl = url;
      return (await emulator.authorize(url)).location;
    };
    // WHEN the CLI logs in
    const tokens = await login({ ...options(), scope: 'offline email_read', openBrowser });
    // THEN the authorize URL carried an S256 challenge, and the code went back with its verifier, no secret
    const q = new URL(authorizeUrl).searchParams;
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const exchange = JSON.parse(sent[0]?.body ?? '{}') as Record<string, string>;
    expect(Object.keys(exchange).sort()).toEqual(['client_id', 'code', 'code_verifier', 'grant_type', 'redirect_uri']);
    expect(tokens.scope).toBe('offline email_read');
    expect(await whoAmI(tokens, recordingFetch)).toBe(900);
    // AND the refresh token works once
    const again = await refresh(options(), tokens.refreshToken ?? '');
    expect(again.refreshToken).not.toBe(tokens.refreshToken);
    await expect(refresh(options(), tokens.refreshToken ?? '')).rejects.toThrow('token request failed: 400');
  });

  it('refuses a redirect that carries someone else’s state', async () => {
    const openBrowser = async (url: string) => {
      const back = new URL((await emulator.authorize(url)).location);
      back.searchParams.set('state', 'forged');
      return back.href;
    };
    await expect(login({ ...options(), openBrowser })).rejects.toThrow(CliLoginError);
    await emulator.assertNotRequested({ path: '/v2/token' });
  });

  it('reports a refused login', async () => {
    const openBrowser = async (url: string) => (await emulator.authorize(url, { decision: 'deny' })).location;
    await expect(login({ ...options(), openBrowser })).rejects.toThrow('login refused: access_denied');
  });

  it('cannot skip PKCE: the emulator enforces the integration’s pkce: required', async () => {
    // GIVEN an authorize URL without a challenge, built by hand
    const { clientId, authUrl } = options();
    const url = new URL('v2/authorize', authUrl);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: 'com.fabrikam.cli://oauth/callback',
    }).toString();
    // WHEN the browser opens it
    const back = await emulator.authorize(url);
    // THEN it comes back with an error instead of a code
    expect(back).toMatchObject({ code: null, error: 'invalid_request' });
  });
});
