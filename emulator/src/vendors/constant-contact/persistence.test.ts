import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Emulator, EmulatorSnapshot } from '../../index.js';
import { startEmulatorServer } from '../../server.js';
import { CTCT_AUDIENCE, CTCT_AUTH_SERVER_ID, CTCT_ISSUER } from './hosts.js';
import {
  API,
  AUTHZ,
  authorize,
  basic,
  COGNITO,
  ctctManifest,
  IDENTITY,
  PARTNER_API_KEY,
  REDIRECT,
  setupCtct,
  T0,
  tokenByQuery,
} from './test-fixtures.js';

type Tokens = { access_token: string; refresh_token?: string; scope: string };

const json = (method: string, body?: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

async function ok<T>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${await r.text()}`);
  return (await r.json()) as T;
}

const adminCtct = <T>(app: Emulator, method: string, path: string, body?: unknown, status = 200) =>
  ok<T>(app.request(`http://localhost/_emulator/ctct${path}`, json(method, body)), status);

/** Authorization code → tokens for `login` on the application `apiKey`. */
async function codeTokens(
  app: Emulator,
  apiKey: string,
  secret: string,
  login: string,
): Promise<Tokens & { code: string }> {
  const url = await authorize(app, { client_id: apiKey, scope: 'account_read+contact_data+offline_access' }, login);
  const code = url.searchParams.get('code')!;
  const tokens = await ok<Tokens>(
    tokenByQuery(app, { code, redirect_uri: REDIRECT, grant_type: 'authorization_code' }, basic(apiKey, secret)),
  );
  return { ...tokens, code };
}

const refresh = (app: Emulator, apiKey: string, secret: string, refreshToken: string) =>
  tokenByQuery(app, { grant_type: 'refresh_token', refresh_token: refreshToken }, basic(apiKey, secret));

async function partnerToken(app: Emulator, id: string, secret: string): Promise<string> {
  const res = await app.request(`${COGNITO}/oauth2/token?grant_type=client_credentials&scope=v3api/general.partner`, {
    method: 'POST',
    headers: { authorization: basic(id, secret), 'content-type': 'application/x-www-form-urlencoded' },
  });
  return (await ok<{ access_token: string }>(res)).access_token;
}

const partnerHeaders = (token: string) => ({ authorization: `Bearer ${token}`, 'x-api-key': PARTNER_API_KEY });

async function jwksOf(app: Emulator) {
  const res = await app.request(`${IDENTITY}/oauth2/${CTCT_AUTH_SERVER_ID}/v1/keys`);
  return createLocalJWKSet((await res.json()) as JSONWebKeySet);
}

async function waitForFile(path: string, needle: string, timeoutMs = 3000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const text = await readFile(path, 'utf8');
    if (text.includes(needle) || Date.now() > until) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Constant Contact with --state', () => {
  it('survives a restart: applications, partners, accounts, v3 data, refresh tokens and the signing key', async () => {
    // GIVEN a server on a state file, seeded with Constant Contact applications, a partner and its accounts
    const dir = await mkdtemp(join(tmpdir(), 'gf-ctct-'));
    const statePath = join(dir, 'state.json');
    const now = () => new Date(T0);
    const first = await startEmulatorServer({
      port: 0,
      statePath,
      now,
      headlessAuthorize: true,
      seed: { ...ctctManifest() },
    });
    const creds = first.constantContact!;
    const newsletter = creds.applications.find((a) => a.address === 'ctct/apps/newsletter')!;
    const agency = creds.partners[0]!;
    const bakery = creds.accounts.find((a) => a.loginName === 'bakery_owner')!;
    // WHEN admin changes are made, they are on disk before the response
    const created = await adminCtct<{ apiKey: string; secret: string }>(
      first.app,
      'POST',
      '/applications',
      { name: 'Restart app', redirectUris: [REDIRECT], scopes: ['account_read', 'offline_access'] },
      201,
    );
    const own = await adminCtct<{ encodedAccountId: string; password: string }>(
      first.app,
      'POST',
      '/accounts',
      { loginName: 'solo_owner', password: 'Pa55word-never-on-disk', contactEmail: 'solo@example.com' },
      201,
    );
    await adminCtct(first.app, 'PUT', '/settings', { rateLimits: false });
    const afterAdmin = JSON.parse(await readFile(statePath, 'utf8')) as EmulatorSnapshot;
    expect(afterAdmin.constantContact?.applications.map((a) => a.apiKey)).toContain(created.apiKey);
    expect(afterAdmin.constantContact?.accounts.map((a) => a.loginName)).toContain('solo_owner');
    expect(afterAdmin.constantContact?.rateLimits).toBe(false);
    // AND tokens are issued (code flow, one rotating refresh), a contact is written through the v3 API,
    // and the partner creates an account and syncs a contact into its managed account
    const issued = await codeTokens(first.app, newsletter.apiKey, newsletter.clientSecret!, 'bakery_owner');
    const rotated = await ok<Tokens>(
      refresh(first.app, newsletter.apiKey, newsletter.clientSecret!, issued.refresh_token!),
    );
    const contact = await ok<{ contact_id: string }>(
      first.app.request(
        `${API}/v3/contacts`,
        json(
          'POST',
          { email_address: { address: 'ada@example.com' }, first_name: 'Ada', create_source: 'Account' },
          { authorization: `Bearer ${rotated.access_token}` },
        ),
      ),
      201,
    );
    const ptoken = await partnerToken(first.app, agency.partnerClientId, agency.partnerSecret);
    const viaPartner = await ok<{ encoded_account_id: string }>(
      first.app.request(
        `${API}/v3/partner/accounts`,
        json(
          'POST',
          {
            contact_email: 'owner@cafe.example',
            country_code: 'US',
            state_code: 'NY',
            login_name: 'cafe_owner',
            password: 'Cafe-pa55word-secret',
            managed_site_owner: true,
          },
          partnerHeaders(ptoken),
        ),
      ),
      201,
    );
    const synced = await ok<{ contact_id: string }>(
      first.app.request(
        `${API}/v3/partner/accounts/${bakery.encodedAccountId}/account_operations/sync`,
        json(
          'POST',
          {
            account_operation_url: '/contacts',
            account_operation_method: 'POST',
            account_operation_payload: JSON.stringify({
              email_address: { address: 'zoe@example.com' },
              create_source: 'Contact',
            }),
          },
          partnerHeaders(ptoken),
        ),
      ),
      201,
    );
    // (token and v3 writes reach the file in a batch, without an admin change or a shutdown)
    const batched = await waitForFile(statePath, 'zoe@example.com');
    expect(batched).toContain('zoe@example.com');
    expect(batched).toContain('cafe_owner');
    await first.close();
    const onDisk = await readFile(statePath, 'utf8');
    // THEN the file holds no secret, password, code or token value
    for (const value of [
      newsletter.clientSecret!,
      created.secret,
      agency.partnerSecret,
      own.password,
      'Cafe-pa55word-secret',
      issued.code,
      issued.access_token,
      issued.refresh_token!,
      rotated.access_token,
      rotated.refresh_token!,
      ptoken,
    ]) {
      expect(onDisk).not.toContain(value);
    }
    const snapshot = JSON.parse(onDisk) as EmulatorSnapshot;
    expect(snapshot.version).toBe(2);
    expect(snapshot.constantContact?.signingKey).toMatchObject({ alg: 'RS256', jwk: { kty: 'RSA' } });

    // AND a new server on the same file (no seed) has everything back
    const second = await startEmulatorServer({ port: 0, statePath, now, headlessAuthorize: true });
    try {
      const apps = await adminCtct<{ items: { apiKey: string }[] }>(second.app, 'GET', '/applications');
      expect(apps.items.map((a) => a.apiKey)).toEqual(expect.arrayContaining([newsletter.apiKey, created.apiKey]));
      expect(await adminCtct(second.app, 'GET', `/partners/${agency.partnerClientId}`)).toMatchObject({
        partnerClientId: agency.partnerClientId,
        applicationApiKey: PARTNER_API_KEY,
      });
      expect(await adminCtct(second.app, 'GET', `/accounts/${bakery.encodedAccountId}`)).toMatchObject({
        loginName: 'bakery_owner',
        partnerClientId: agency.partnerClientId,
        managed: true,
        contactCount: 2,
      });
      expect(await adminCtct(second.app, 'GET', `/accounts/${viaPartner.encoded_account_id}`)).toMatchObject({
        loginName: 'cafe_owner',
        managed: true,
      });
      expect(await adminCtct(second.app, 'GET', '/settings')).toEqual({ rateLimits: false });
      // the access token issued before the restart verifies against the identity host's JWKS …
      const { payload } = await jwtVerify(rotated.access_token, await jwksOf(second.app), {
        issuer: CTCT_ISSUER,
        audience: CTCT_AUDIENCE,
        currentDate: new Date(T0),
      });
      expect(payload).toMatchObject({ cid: newsletter.apiKey, sub: 'bakery_owner' });
      // … and on the v3 API, which still has the contacts written before
      const list = await ok<{ contacts: { contact_id: string }[] }>(
        second.app.request(`${API}/v3/contacts`, { headers: { authorization: `Bearer ${rotated.access_token}` } }),
      );
      expect(list.contacts.map((c) => c.contact_id)).toEqual([contact.contact_id, synced.contact_id]);
      // the refresh token rotated away before the restart stays dead; the current one works (rotating)
      expect(
        (await refresh(second.app, newsletter.apiKey, newsletter.clientSecret!, issued.refresh_token!)).status,
      ).toBe(400);
      const next = await ok<Tokens>(
        refresh(second.app, newsletter.apiKey, newsletter.clientSecret!, rotated.refresh_token!),
      );
      expect(next.refresh_token).not.toBe(rotated.refresh_token);
      expect(
        (await refresh(second.app, newsletter.apiKey, newsletter.clientSecret!, rotated.refresh_token!)).status,
      ).toBe(400);
      // the partner's secret and token still work, and it lists the account it created
      const accounts = await ok<{ site_owner_list: { encoded_account_id: string }[] }>(
        second.app.request(`${API}/v3/partner/accounts?account_type=managed`, { headers: partnerHeaders(ptoken) }),
      );
      expect(accounts.site_owner_list.map((a) => a.encoded_account_id)).toContain(viaPartner.encoded_account_id);
      await partnerToken(second.app, agency.partnerClientId, agency.partnerSecret);
      // passwords (digests) still log in
      const url = await authorize(second.app, { client_id: created.apiKey, scope: 'account_read' }, 'solo_owner');
      expect(url.searchParams.get('code')).toEqual(expect.any(String));
    } finally {
      await second.close();
    }
  });
});

describe('Constant Contact in the snapshot', () => {
  it('round-trips through GET|PUT /_emulator/snapshot, and reset empties it', async () => {
    // GIVEN an emulator with Constant Contact resources and tokens
    const s = await setupCtct({ constantContact: { rateLimits: false } });
    const issued = await codeTokens(s.app, s.newsletter.apiKey, s.newsletter.clientSecret!, 'bakery_owner');
    await ok(
      s.app.request(
        `${API}/v3/contacts`,
        json(
          'POST',
          { email_address: { address: 'ada@example.com' }, create_source: 'Account' },
          { authorization: `Bearer ${issued.access_token}` },
        ),
      ),
      201,
    );
    const snapshot = await ok<EmulatorSnapshot>(s.app.request('http://localhost/_emulator/snapshot?include=keys'));
    expect(Object.keys(snapshot.constantContact ?? {})).toEqual([
      'version',
      'signingKey',
      'rateLimits',
      'applications',
      'partners',
      'accounts',
      'grants',
      'codes',
      'refreshTokens',
      'accessTokens',
      'devices',
      'usage',
    ]);
    const text = JSON.stringify(snapshot);
    for (const value of [
      s.newsletter.clientSecret!,
      s.partner.partnerSecret,
      issued.code,
      issued.access_token,
      issued.refresh_token!,
    ])
      expect(text).not.toContain(value);
    // WHEN the emulator is reset
    expect((await s.app.request('http://localhost/_emulator/reset', { method: 'POST' })).status).toBe(204);
    // THEN Constant Contact is empty
    expect(await adminCtct(s.app, 'GET', '/applications')).toEqual({ items: [] });
    const empty = await ok<EmulatorSnapshot>(s.app.request('http://localhost/_emulator/snapshot'));
    expect(empty.constantContact).toMatchObject({ applications: [], partners: [], accounts: [], accessTokens: [] });
    expect(
      (await s.app.request(`${API}/v3/contacts`, { headers: { authorization: `Bearer ${issued.access_token}` } }))
        .status,
    ).toBe(401);
    // WHEN the snapshot is imported back
    expect((await s.app.request('http://localhost/_emulator/snapshot', json('PUT', snapshot))).status).toBe(200);
    // THEN the same export comes out, and the old tokens work again
    const again = await ok<EmulatorSnapshot>(s.app.request('http://localhost/_emulator/snapshot?include=keys'));
    expect(again.constantContact).toEqual(snapshot.constantContact);
    const list = await ok<{ contacts_count: number }>(
      s.app.request(`${API}/v3/contacts`, { headers: { authorization: `Bearer ${issued.access_token}` } }),
    );
    expect(list.contacts_count).toBe(1);
    expect((await refresh(s.app, s.newsletter.apiKey, s.newsletter.clientSecret!, issued.refresh_token!)).status).toBe(
      200,
    );
  });

  it('imports a snapshot without the section as empty, and refuses a broken section leaving the state as it was', async () => {
    // GIVEN an emulator with Constant Contact resources and its snapshot
    const s = await setupCtct();
    const snapshot = await ok<EmulatorSnapshot>(s.app.request('http://localhost/_emulator/snapshot?include=keys'));
    const count = async () => (await adminCtct<{ items: unknown[] }>(s.app, 'GET', '/applications')).items.length;
    const before = await count();
    expect(before).toBe(4);
    // WHEN a section references a missing application, or holds a key that is not RSA
    const dangling = structuredClone(snapshot);
    dangling.constantContact!.applications = dangling.constantContact!.applications.filter(
      (a) => a.apiKey !== PARTNER_API_KEY,
    );
    const badKey = structuredClone(snapshot) as unknown as {
      constantContact: { signingKey: { jwk: { kty: string } } };
    };
    badKey.constantContact.signingKey.jwk.kty = 'EC';
    const refused = [
      await s.app.request('http://localhost/_emulator/snapshot', json('PUT', dangling)),
      await s.app.request('http://localhost/_emulator/snapshot', json('PUT', badKey)),
    ];
    // THEN both are refused and nothing changed
    expect(refused.map((r) => r.status)).toEqual([400, 400]);
    expect(JSON.stringify(await refused[0]!.json())).toContain(`no application ${PARTNER_API_KEY}`);
    expect(await count()).toBe(before);
    // WHEN a snapshot written before the section existed is imported
    const { constantContact: _, ...old } = snapshot;
    expect((await s.app.request('http://localhost/_emulator/snapshot', json('PUT', old))).status).toBe(200);
    // THEN Constant Contact is empty and the issuer still publishes a key
    expect(await count()).toBe(0);
    const keys = (await (await s.app.request(`${AUTHZ}/oauth2/default/v1/keys`)).json()) as { keys: unknown[] };
    expect(keys.keys).toHaveLength(1);
  });
});
