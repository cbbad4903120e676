/**
 * Conformance: real third-party clients from npm, configured only by URL and credentials, against a
 * real listening emulator on 127.0.0.1. fuel-auth (Salesforce's own Node auth client, `request`-based)
 * and openid-client v6 (oauth4webapi) drive client_credentials, authorization code (+PKCE) and refresh.
 */
import FuelAuth from 'fuel-auth';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialsEntry } from '../../index.js';
import { type RunningEmulator, startEmulatorServer } from '../../server.js';
import { manifest, REDIRECT, TSSD } from './testing/fixtures.js';

let server: RunningEmulator;
let s2s: CredentialsEntry;
let web: CredentialsEntry;
let spa: CredentialsEntry;

beforeAll(async () => {
  server = await startEmulatorServer({ port: 0, headlessAuthorize: true, seed: { ...manifest() } });
  const by = (a: string) => server.credentials.find((c) => c.address === a)!;
  s2s = by('acme/sync/api');
  web = by('acme/web/api');
  spa = by('acme/spa/api');
});
afterAll(() => server.close());

async function headlessCode(url: URL): Promise<URL> {
  url.searchParams.set('login_hint', 'admin@acme');
  url.searchParams.set('grantform_auto_approve', '1');
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

describe('fuel-auth 3.3.0', () => {
  it('gets a client_credentials token and its instance URLs', async () => {
    const auth = new FuelAuth({
      clientId: s2s.clientId,
      clientSecret: s2s.clientSecret!,
      authUrl: `${s2s.authBaseUrl}v2/token`,
      authOptions: { authVersion: 2, accountId: String(s2s.businessUnits[1]), scope: 'email_read' },
    });
    const body = await auth.getAccessToken();
    expect(body.error).toBeUndefined();
    expect(body.accessToken).toEqual(expect.any(String));
    expect(body).toMatchObject({
      expires_in: 1079,
      scope: 'email_read',
      rest_instance_url: `${server.url}/${TSSD}.rest.marketingcloudapis.com/`,
    });
    // the token verifies against the published JWKS
    const jwks = createRemoteJWKSet(new URL(`${s2s.authBaseUrl}.well-known/jwks.json`));
    const { payload } = await jwtVerify(body.accessToken!, jwks, {
      issuer: `https://${TSSD}.auth.marketingcloudapis.com/`,
    });
    expect(payload.mid).toBe(s2s.businessUnits[1]);
    // and the REST host accepts it
    const tc = await fetch(`${body.rest_instance_url}platform/v1/tokenContext`, {
      headers: { authorization: `Bearer ${body.accessToken}` },
    });
    expect(((await tc.json()) as { organization: { id: number } }).organization.id).toBe(s2s.businessUnits[1]);
  });

  it('reports the vendor error body for bad credentials', async () => {
    const auth = new FuelAuth({
      clientId: s2s.clientId,
      clientSecret: 'wrong',
      authUrl: `${s2s.authBaseUrl}v2/token`,
      authOptions: { authVersion: 2 },
    });
    const body = await auth.getAccessToken();
    expect(body.error).toBe('invalid_client');
  });

  it('exchanges a web-app code, then refreshes (rotating)', async () => {
    const authorizeUrl = new URL(`${web.authBaseUrl}v2/authorize`);
    authorizeUrl.search = new URLSearchParams({
      response_type: 'code',
      client_id: web.clientId,
      redirect_uri: REDIRECT,
    }).toString();
    const code = (await headlessCode(authorizeUrl)).searchParams.get('code')!;
    const auth = new FuelAuth({
      clientId: web.clientId,
      clientSecret: web.clientSecret!,
      authUrl: `${web.authBaseUrl}v2/token`,
      authOptions: { authVersion: 2, applicationType: 'web', redirectURI: REDIRECT, authorizationCode: code },
    });
    const first = await auth.getAccessToken();
    expect(first.refresh_token).toEqual(expect.any(String));
    const second = await auth.getAccessToken({ force: true });
    expect(second.error).toBeUndefined();
    expect(second.refresh_token).not.toBe(first.refresh_token);
  });
});

describe('openid-client 6 (oauth4webapi)', () => {
  const discover = (c: CredentialsEntry) =>
    oidc.discovery(
      new URL(c.authBaseUrl),
      c.clientId,
      undefined,
      c.clientSecret === undefined ? oidc.None() : oidc.ClientSecretPost(c.clientSecret),
      { execute: [oidc.allowInsecureRequests] },
    );

  it('client_credentials', async () => {
    const config = await discover(s2s);
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'email_read data_extensions_read' });
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.expires_in).toBe(1079);
    expect(tokens.scope).toBe('email_read data_extensions_read');
  });

  it('authorization code with PKCE for a public app, then refresh and userinfo', async () => {
    const config = await discover(spa);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'email_read offline',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    const callback = await headlessCode(url);
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    expect(tokens.scope).toBe('email_read offline');
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    const res = await oidc.fetchProtectedResource(
      config,
      refreshed.access_token,
      new URL(`${spa.authBaseUrl}v2/userinfo`),
      'GET',
    );
    const info = (await res.json()) as { user: { preferred_username: string }; application: { appScopes: string[] } };
    expect(info.user.preferred_username).toBe('admin@acme');
    expect(info.application.appScopes).toEqual(['openid', 'email_read', 'offline']);
  });

  it('web app with client_secret_post', async () => {
    const config = await discover(web);
    const state = oidc.randomState();
    const callback = await headlessCode(
      oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: 'email_read', state }),
    );
    const tokens = await oidc.authorizationCodeGrant(config, callback, { expectedState: state });
    expect(tokens.scope).toBe('email_read');
    expect(tokens.refresh_token).toBeUndefined();
  });
});
