/**
 * A real OAuth client from npm (openid-client 6, over oauth4webapi) drives the Constant Contact
 * endpoints over HTTP on 127.0.0.1 (path-style addressing, `allowInsecureRequests` for http).
 */
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigningKey } from '../../keys.js';
import { type RunningEmulator, startEmulatorServer } from '../../server.js';
import { CTCT_ISSUER } from './hosts.js';
import type { CtctCredentials } from './seed.js';
import { ctctManifest, NATIVE_REDIRECT, REDIRECT } from './test-fixtures.js';

let server: RunningEmulator;
let creds: CtctCredentials;

beforeAll(async () => {
  server = await startEmulatorServer({
    port: 0,
    headlessAuthorize: true,
    constantContact: { signingKey: createSigningKey('RS256'), deviceInterval: 1 },
  });
  const res = await fetch(`${server.url}/_emulator/seed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ctctManifest()),
  });
  creds = ((await res.json()) as { constantContact: CtctCredentials }).constantContact;
});
afterAll(async () => {
  await server.close();
});

function configuration(address: string, auth: 'basic' | 'none'): client.Configuration {
  const a = creds.applications.find((x) => x.address === address)!;
  const config = new client.Configuration(
    {
      issuer: CTCT_ISSUER,
      authorization_endpoint: a.authorizeUrl,
      token_endpoint: a.tokenUrl,
      device_authorization_endpoint: a.deviceAuthorizeUrl,
      jwks_uri: a.jwksUrl,
    },
    a.apiKey,
    undefined,
    auth === 'basic' ? client.ClientSecretBasic(a.clientSecret!) : client.None(),
  );
  client.allowInsecureRequests(config);
  return config;
}

async function callback(
  config: client.Configuration,
  redirectUri: string,
  scope: string,
  verifier: string,
  state: string,
): Promise<URL> {
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope,
    state,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    login_hint: 'bakery_owner',
    grantform_auto_approve: '1',
  });
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

describe('openid-client against the Constant Contact emulator', () => {
  it('authorization code with Basic auth and PKCE, then rotating refresh', async () => {
    // GIVEN
    const config = configuration('ctct/apps/newsletter', 'basic');
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const cb = await callback(config, REDIRECT, 'account_read contact_data offline_access', verifier, state);
    // WHEN
    const tokens = await client.authorizationCodeGrant(config, cb, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    // THEN
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.expiresIn()).toBeGreaterThan(86_390);
    expect(tokens.scope).toBe('account_read contact_data offline_access');
    const summary = await fetch(`${creds.applications[0]!.apiBaseUrl.replace(/\/v3$/, '')}/v3/account/summary`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(summary.status).toBe(200);
    // WHEN refreshed twice (rotating), the first refresh token is dead
    const second = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(second.refresh_token).not.toBe(tokens.refresh_token);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
      error_description: 'The refresh token is invalid or expired.',
    });
  });

  it('PKCE for a public application, no secret', async () => {
    const config = configuration('ctct/apps/desktop', 'none');
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const cb = await callback(config, NATIVE_REDIRECT, 'contact_data', verifier, state);
    const tokens = await client.authorizationCodeGrant(config, cb, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    expect(tokens.scope).toBe('contact_data');
    expect(tokens.refresh_token).toBeUndefined();
  });

  // The emulator runs on the real clock here, so this one test waits one polling interval (1 s);
  // device.test.ts covers polling with the emulator clock.
  it('device flow, polled by the client until approved', async () => {
    // GIVEN a device authorization
    const config = configuration('ctct/apps/desktop', 'none');
    const d = await client.initiateDeviceAuthorization(config, { scope: 'contact_data' });
    // WHEN approved headlessly, then polled
    await fetch(`${d.verification_uri_complete}&login_hint=bakery_owner&grantform_auto_approve=1`);
    const tokens = await client.pollDeviceAuthorizationGrant(config, d);
    // THEN
    expect(tokens.scope).toBe('contact_data');
  }, 15_000);
});
