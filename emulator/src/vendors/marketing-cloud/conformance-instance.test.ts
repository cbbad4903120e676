/**
 * Conformance of the instance APIs and the legacy endpoint with Salesforce's own Node clients from npm
 * (`request`-based), against a real listening emulator on 127.0.0.1: fuel-rest 3.2.2 (REST, including
 * its 401 invalid_token refresh-and-retry), fuel-soap 2.2.4 (Retrieve BusinessUnit, `Token Expired`
 * detection) and fuel-auth 3.3.0 in legacy mode (`/v1/requestToken`, SSO refresh-token rotation).
 * Time travel goes through the admin clock; nothing sleeps.
 */
import FuelAuth from 'fuel-auth';
import FuelRest from 'fuel-rest';
import FuelSoap from 'fuel-soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialsEntry } from '../../index.js';
import { type RunningEmulator, startEmulatorServer } from '../../server.js';
import type { AppCenterClaimsV2 } from './app-center/jwt.js';
import { ENT, manifest, OTHER, TSSD } from './testing/fixtures.js';

let server: RunningEmulator;
let s2s: CredentialsEntry;

const admin = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${server.url}/_emulator${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
};

const accessTokens = async (clientId: string) =>
  ((await admin('GET', '/tokens')).items as { kind: string; clientId: string }[]).filter(
    (t) => t.kind === 'access' && t.clientId === clientId,
  ).length;

beforeAll(async () => {
  server = await startEmulatorServer({ port: 0, seed: { ...manifest() } });
  s2s = server.credentials.find((c) => c.address === 'acme/sync/api')!;
});
afterAll(() => server.close());

const v2Auth = () => ({
  clientId: s2s.clientId,
  clientSecret: s2s.clientSecret!,
  authUrl: `${s2s.authBaseUrl}v2/token`,
  authOptions: { authVersion: 2 as const, accountId: ENT },
});

describe('fuel-rest 3.2.2', () => {
  it('calls the REST instance, writes and reads DE rows, and refreshes on a 401 invalid_token after expiry', async () => {
    // GIVEN fuel-rest configured only with the auth URL and credentials
    const rest = new FuelRest({ auth: v2Auth(), origin: 'https://www.exacttargetapis.com' });
    // WHEN it calls tokenContext and writes then reads rows (fuel-rest lower-cases the path)
    const tc = await rest.get({ uri: '/platform/v1/tokenContext' });
    expect(tc.res.statusCode).toBe(200);
    expect(tc.body).toEqual({ enterprise: { id: ENT }, organization: { id: ENT }, user: { id: expect.any(Number) } });
    const write = await rest.post({
      uri: '/data/v1/async/dataextensions/key:Orders/rows',
      json: { items: [{ Id: 1 }] },
    });
    expect(write.res.statusCode).toBe(202);
    const read = await rest.get({ uri: '/data/v1/customobjectdata/key/Orders/rowset' });
    expect((read.body as { items: unknown[] }).items).toEqual([{ keys: {}, values: { id: 1 } }]);
    const before = await accessTokens(s2s.clientId);
    // and the emulator clock passes the token's 20-minute life (fuel-auth still thinks it is valid)
    await admin('POST', '/clock', { advanceSeconds: 1200 });
    const again = await rest.get({ uri: '/platform/v1/tokenContext' });
    // THEN fuel-rest saw the 401 invalid_token, fetched a new token and retried
    expect(again.res.statusCode).toBe(200);
    expect(await accessTokens(s2s.clientId)).toBe(before + 1);
  });

  it('gets the documented 403 for a missing scope', async () => {
    const rest = new FuelRest({ auth: v2Auth(), origin: 'https://www.exacttargetapis.com' });
    const res = await rest.post({
      uri: '/messaging/v1/email/messages/m1',
      json: { definitionKey: 'd', recipient: { contactKey: 'c' } },
    });
    expect(res.res.statusCode).toBe(403);
    expect(res.body).toMatchObject({ errorcode: 20002 });
  });
});

describe('fuel-soap 2.2.4', () => {
  const retrieve = (soap: FuelSoap, options: Parameters<FuelSoap['retrieve']>[2]) =>
    new Promise<{
      err: Parameters<Parameters<FuelSoap['retrieve']>[3]>[0];
      result: Parameters<Parameters<FuelSoap['retrieve']>[3]>[1];
    }>((resolve) =>
      soap.retrieve('BusinessUnit', ['ID', 'Name', 'ParentID'], options, (err, result) => resolve({ err, result })),
    );

  it('retrieves BusinessUnits with QueryAllAccounts and a filter, and recognises Token Expired', async () => {
    // GIVEN fuel-soap (it builds soap_instance_url + "Service.asmx")
    const soap = new FuelSoap({ auth: v2Auth() });
    // WHEN it retrieves all accounts, then one by filter
    const all = await retrieve(soap, { queryAllAccounts: true });
    const one = await retrieve(soap, {
      queryAllAccounts: true,
      filter: { leftOperand: 'ID', operator: 'equals', rightOperand: String(OTHER) },
    });
    // THEN
    expect(all.err).toBeNull();
    expect(all.result?.body.OverallStatus).toBe('OK');
    expect(all.result?.body.Results.map((r) => r.Name)).toEqual(['Acme', 'Acme EU', 'Acme Labs']);
    expect(one.result?.body.Results).toEqual([{ ID: String(OTHER), Name: 'Acme Labs', ParentID: String(ENT) }]);
    // after the token expires on the emulator clock, fuel-soap sees exactly "Token Expired"
    await admin('POST', '/clock', { advanceSeconds: 1200 });
    const expired = await retrieve(soap, {});
    expect(expired.err?.faultstring).toBe('Token Expired');
    // a forced refresh makes it work again
    await soap.AuthClient.getAccessToken({ force: true });
    expect((await retrieve(soap, {})).err).toBeNull();
  });
});

describe('fuel-auth 3.3.0 in legacy mode', () => {
  it('gets a v1 token on the legacy host and uses it with fuel-rest, then rotates an SSO refresh token', async () => {
    // GIVEN a legacy package with an API integration and a v2-claims app
    const pkg = await admin('POST', `/tenants/${TSSD}/packages`, { name: 'legacy-conformance', legacy: true });
    const integration = await admin('PUT', `/packages/${pkg.id}/integration`, {
      type: 'server-to-server',
      scopes: ['data_extensions_read'],
    });
    await admin('PUT', `/packages/${pkg.id}/app`, {
      loginUrl: 'https://app.example.com/login',
      redirectUrl: 'https://app.example.com/',
      logoutUrl: 'https://app.example.com/logout',
    });
    const clientId = integration.clientId as string;
    const clientSecret = integration.secret as string;
    // WHEN fuel-auth (no authVersion = legacy) asks the path-style legacy host
    const auth = new FuelAuth({
      clientId,
      clientSecret,
      authUrl: `${server.url}/auth.exacttargetapis.com/v1/requestToken`,
    });
    const token = await auth.getAccessToken();
    // THEN it gets a 1-hour token that fuel-rest can use on the tenant's REST host
    expect(token.accessToken).toEqual(expect.any(String));
    expect(token.expiresIn).toBe(3600);
    const rest = new FuelRest({ auth, origin: s2s.restBaseUrl });
    const tc = await rest.get({ uri: 'platform/v1/tokenContext' });
    expect(tc.res.statusCode).toBe(200);
    // and an App Center launch hands over a refresh token that fuel-auth redeems and rotates
    const launch = await admin('POST', `/packages/${pkg.id}/app/launch`, { username: 'admin@acme', deliver: 'json' });
    const claims = launch.claims as AppCenterClaimsV2;
    const sso = new FuelAuth({
      clientId,
      clientSecret,
      authUrl: claims.request.rest.authEndpoint,
      refreshToken: claims.request.rest.refreshToken!,
    });
    const first = await sso.getAccessToken();
    expect(first.accessToken).toEqual(expect.any(String));
    expect(sso.refreshToken).not.toBe(claims.request.rest.refreshToken);
    const second = await sso.getAccessToken({ force: true });
    expect(second.accessToken).toEqual(expect.any(String));
    expect(second.accessToken).not.toBe(first.accessToken);
  });
});

describe('faults over a real connection', () => {
  it('drops the connection, then serves normally again', async () => {
    await admin('POST', '/faults', { match: { host: 'auth', path: '/v2/token' }, action: { type: 'drop' }, times: 1 });
    const dropped = new FuelAuth({ ...v2Auth() });
    await expect(dropped.getAccessToken()).rejects.toThrow(/socket hang up|ECONNRESET/);
    const ok = await new FuelAuth({ ...v2Auth() }).getAccessToken();
    expect(ok.accessToken).toEqual(expect.any(String));
  });
});
