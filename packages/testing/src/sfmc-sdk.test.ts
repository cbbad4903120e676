/**
 * The Accenture `sfmc-sdk` (axios, Node http adapter), unmodified, against the in-process emulator.
 * It refuses any auth_url not matching `https://[\da-z-]{28}.auth.marketingcloudapis.com/`
 * (vendor-endpoints §4.4), so it can only be tested through host routing. REST and SOAP both go
 * through axios' Node http adapter, which nock 14 intercepts.
 */
import './vitest.js';
import SDK from 'sfmc-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerToServerCredentials } from './credentials.js';
import { startEmulator, type TestEmulator } from './start-emulator.js';
import { fixtureApp, SUBDOMAIN } from './testing-fixtures.js';

interface TokenContext {
  enterprise: { id: number };
  organization: { id: number };
  user: { id: number };
}

describe('sfmc-sdk through the routing', () => {
  let emulator: TestEmulator;
  let crm: ServerToServerCredentials;
  beforeEach(async () => {
    emulator = await startEmulator({ app: fixtureApp() });
    emulator.route();
    crm = emulator.credentials.get('acme/crm-sync/api', 'server-to-server');
  });
  afterEach(() => emulator.dispose());

  const sdkFor = (accountId: number, options?: { requestAttempts?: number }) =>
    new SDK(
      {
        client_id: crm.clientId,
        client_secret: crm.clientSecret,
        auth_url: `https://${SUBDOMAIN}.auth.marketingcloudapis.com/`,
        account_id: String(accountId),
      },
      options,
    );

  it('gets a token per business unit and calls REST /platform/v1/tokenContext', async () => {
    // GIVEN an SDK per business unit, configured with the real auth URL
    const us = sdkFor(101);
    const eu = sdkFor(102);
    // WHEN each calls REST
    const a = (await us.rest.get('/platform/v1/tokenContext')) as TokenContext;
    const b = (await eu.rest.get('/platform/v1/tokenContext')) as TokenContext;
    // THEN each token is for its own BU, and the requests went to the real hosts
    expect(a).toEqual({ enterprise: { id: 100 }, organization: { id: 101 }, user: { id: expect.any(Number) } });
    expect(b.organization.id).toBe(102);
    await emulator.assertRequested({ kind: 'auth', method: 'POST', path: '/v2/token', status: 200 }, 2);
    await emulator.assertRequested({ kind: 'rest', path: '/platform/v1/tokencontext', clientId: crm.clientId }, 2);
  });

  it('reads /platform/v1/endpoints with host-style URLs', async () => {
    const endpoints = (await sdkFor(101).rest.get('/platform/v1/endpoints/soap')) as { type: string; url: string };
    expect(endpoints).toEqual({ type: 'soap', url: `https://${SUBDOMAIN}.soap.marketingcloudapis.com/Service.asmx` });
  });

  it('gets a new token and retries when the emulator clock has expired its token', async () => {
    // GIVEN an SDK holding a token (its own expiry check uses process.hrtime, so it will not notice)
    const sdk = sdkFor(101, { requestAttempts: 2 });
    await sdk.rest.get('/platform/v1/tokenContext');
    // WHEN the emulator's clock passes the token's 20-minute lifetime
    await emulator.clock.advance(1200);
    const ctx = (await sdk.rest.get('/platform/v1/tokenContext')) as TokenContext;
    // THEN the 401 made it fetch a second token and retry
    expect(ctx.organization.id).toBe(101);
    expect((await emulator.requests()).map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      'POST /v2/token 200',
      'GET /platform/v1/tokencontext 200',
      'GET /platform/v1/tokencontext 401',
      'POST /v2/token 200',
      'GET /platform/v1/tokencontext 200',
    ]);
  });

  it('reports the emulator’s OAuth error text for a bad secret', async () => {
    const sdk = new SDK({
      client_id: crm.clientId,
      client_secret: 'wrong',
      auth_url: crm.authUrl,
      account_id: 101,
    });
    await expect(sdk.rest.get('/platform/v1/tokenContext')).rejects.toMatchObject({
      name: 'RestError',
      code: 'invalid_client',
      message:
        'Client authentication failed. Make sure that the client ID and client secret are valid and that the package is installed and enabled.',
    });
  });

  it('retrieves BusinessUnit over SOAP with sdk.soap.retrieve', async () => {
    // WHEN
    const res = (await sdkFor(101).soap.retrieve('BusinessUnit', ['ID', 'Name'], {})) as {
      OverallStatus: string;
      Results: { ID: string | number; Name: string }[];
    };
    // THEN
    expect(res.OverallStatus).toBe('OK');
    expect(res.Results).toEqual([{ ID: 101, Name: 'Acme US' }]);
    await emulator.assertRequested({ kind: 'soap', method: 'POST', path: '/service.asmx', status: 200 }, 1);
  });
});
