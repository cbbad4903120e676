import { createLocalJWKSet, decodeProtectedHeader, type JWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../index.js';
import { mcContext } from '../vendors/marketing-cloud/context.js';
import { ERROR_URI } from '../vendors/marketing-cloud/errors.js';
import { ERROR_HANDLING_DOC } from '../vendors/marketing-cloud/faults.js';
import { AUTH, authorize, REDIRECT, REST, TSSD, tokenRequest } from '../vendors/marketing-cloud/testing/fixtures.js';
import {
  admin,
  adminJson,
  bearer,
  instanceSetup,
  jsonPost,
} from '../vendors/marketing-cloud/testing/instance-fixtures.js';

type S = Awaited<ReturnType<typeof instanceSetup>>;
const cc = (s: S, extra: Record<string, unknown> = {}) =>
  tokenRequest(s.app, {
    grant_type: 'client_credentials',
    client_id: s.full.clientId,
    client_secret: s.full.secret,
    ...extra,
  });
const advance = (s: S, seconds: number) => admin(s.app, 'POST', '/clock', { advanceSeconds: seconds });

describe('/_emulator/faults', () => {
  it('answers the next N token requests with 429 + Retry-After and the vendor body, then stops', async () => {
    // GIVEN a rule for the next 2 token requests of one client
    const s = await instanceSetup();
    const created = await admin(s.app, 'POST', '/faults', {
      match: { host: 'auth', path: '/v2/token', clientId: s.full.clientId },
      action: { type: 'error', status: 429 },
      times: 2,
    });
    expect(created.status).toBe(201);
    const rule = (await created.json()) as { id: string };
    expect(rule).toEqual({
      id: expect.any(String),
      match: { host: 'auth', path: '/v2/token', clientId: s.full.clientId },
      action: { type: 'error', status: 429 },
      times: 2,
      probability: 1,
      remaining: 2,
      hits: 0,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    // WHEN the client asks three times (another client is not affected)
    const other = await tokenRequest(s.app, {
      grant_type: 'client_credentials',
      client_id: s.s2s.clientId,
      client_secret: s.s2s.clientSecret,
    });
    const first = await cc(s);
    const second = await cc(s);
    const third = await cc(s);
    // THEN
    expect(other.status).toBe(200);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('5');
    expect(await first.json()).toEqual({
      error: 'rate_limit_exceeded',
      error_description: 'Rate limit exceeded.',
      error_uri: ERROR_URI,
    });
    expect(second.status).toBe(429);
    expect(third.status).toBe(200);
    expect(await adminJson(s.app, 'GET', '/faults')).toEqual({ items: [] });
  });

  it('injects invalid_grant, REST 429/500 bodies, SOAP Rate Limited, and can be listed and removed', async () => {
    const s = await instanceSetup();
    const token = await s.token();
    await admin(s.app, 'POST', '/faults', {
      match: { path: '/v2/token' },
      action: { type: 'error', status: 400, error: 'invalid_grant' },
      times: 1,
    });
    expect(await (await cc(s)).json()).toEqual({
      error: 'invalid_grant',
      error_description: 'The grant is invalid (injected fault).',
      error_uri: ERROR_URI,
    });
    const rest429 = (await adminJson(s.app, 'POST', '/faults', {
      match: { host: 'rest', tenant: TSSD },
      action: { type: 'error', status: 429, retryAfter: 7 },
    })) as { id: string };
    const limited = await s.app.request(`${REST}/platform/v1/tokenContext`, bearer(token));
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(await limited.json()).toEqual({
      message: 'Rate limit exceeded',
      errorcode: 50100,
      documentation: ERROR_HANDLING_DOC,
      retryAfter: 7,
    });
    expect(((await adminJson(s.app, 'GET', '/faults')) as { items: { hits: number }[] }).items[0]?.hits).toBe(1);
    expect((await admin(s.app, 'DELETE', `/faults/${rest429.id}`)).status).toBe(204);
    expect((await admin(s.app, 'DELETE', `/faults/${rest429.id}`)).status).toBe(404);
    await admin(s.app, 'POST', '/faults', {
      match: { host: 'rest' },
      action: { type: 'error', status: 500 },
      times: 1,
    });
    expect(await (await s.app.request(`${REST}/platform/v1/tokenContext`, bearer(token))).json()).toEqual({
      message: 'Internal Server Error',
      errorcode: 0,
      documentation: ERROR_HANDLING_DOC,
    });
    await admin(s.app, 'POST', '/faults', {
      match: { host: 'soap' },
      action: { type: 'error', status: 429 },
      times: 1,
    });
    const soap = await s.app.request(`http://localhost/${TSSD}.soap.marketingcloudapis.com/Service.asmx`, {
      method: 'POST',
      body: '<x/>',
    });
    expect(soap.status).toBe(500);
    expect(await soap.text()).toContain(
      '<faultcode>soap:Server</faultcode><faultstring>Rate Limited</faultstring><detail><ErrorCode>17</ErrorCode></detail>',
    );
    // probability 0 never fires; admin routes are never faulted
    await admin(s.app, 'POST', '/faults', { action: { type: 'error', status: 500 }, probability: 0 });
    expect((await cc(s)).status).toBe(200);
    expect((await admin(s.app, 'DELETE', '/faults')).status).toBe(204);
    const bad = await admin(s.app, 'POST', '/faults', { action: { type: 'explode' } });
    expect(bad.status).toBe(400);
  });

  it('adds latency, returns malformed JSON, and drops the connection', async () => {
    const s = await instanceSetup();
    await admin(s.app, 'POST', '/faults', {
      match: { path: '/v2/token' },
      action: { type: 'latency', ms: 40 },
      times: 1,
    });
    const started = performance.now();
    expect((await cc(s)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    await admin(s.app, 'POST', '/faults', { action: { type: 'malformed-json' }, times: 1 });
    const malformed = await cc(s);
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();
    await admin(s.app, 'POST', '/faults', { action: { type: 'drop' }, times: 1 });
    const dropped = await cc(s);
    await expect(dropped.text()).rejects.toThrow('connection dropped (injected fault)');
  });
});

describe('/_emulator/keys', () => {
  it('rotates with both keys published for the grace period, then only the new one', async () => {
    // GIVEN a token signed with the initial key
    const s = await instanceSetup();
    const old = await s.token();
    const oldKid = decodeProtectedHeader(old).kid;
    // WHEN the key is rotated with a 600 s grace period
    const rotated = (await adminJson(s.app, 'POST', '/keys/rotate', { graceSeconds: 600 })) as {
      items: { kid: string; status: string }[];
    };
    // THEN both keys are published and both tokens work
    expect(rotated.items.map((k) => k.status)).toEqual(['published', 'active']);
    const jwks = (await adminJson(s.app, 'GET', '/jwks.json')) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual([oldKid, rotated.items[1]?.kid]);
    const fresh = await s.token();
    expect(decodeProtectedHeader(fresh).kid).toBe(rotated.items[1]?.kid);
    expect((await s.app.request(`${REST}/platform/v1/tokenContext`, bearer(old))).status).toBe(200);
    // after the grace period the old key is gone
    await advance(s, 600);
    expect((await s.app.request(`${REST}/platform/v1/tokenContext`, bearer(old))).status).toBe(401);
    expect((await s.app.request(`${REST}/platform/v1/tokenContext`, bearer(fresh))).status).toBe(200);
    const after = (await (await s.app.request(`${AUTH}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    expect(after.keys.map((k) => k.kid)).toEqual([rotated.items[1]?.kid]);
  });

  it('retires a published key at once and issues a token with an unknown kid', async () => {
    const s = await instanceSetup();
    const old = await s.token();
    const oldKid = decodeProtectedHeader(old).kid!;
    await admin(s.app, 'POST', '/keys/rotate', {});
    expect((await admin(s.app, 'DELETE', `/keys/${oldKid}`)).status).toBe(200);
    expect((await s.app.request(`${REST}/platform/v1/tokenContext`, bearer(old))).status).toBe(401);
    const active = ((await adminJson(s.app, 'GET', '/keys')) as { items: { kid: string }[] }).items[0]!.kid;
    expect((await admin(s.app, 'DELETE', `/keys/${active}`)).status).toBe(409);
    const unknown = (await adminJson(s.app, 'POST', '/keys/unknown-kid-token', { clientId: s.full.clientId })) as {
      access_token: string;
      kid: string;
    };
    expect(decodeProtectedHeader(unknown.access_token).kid).toBe(unknown.kid);
    const res = await s.app.request(`${REST}/platform/v1/tokenContext`, bearer(unknown.access_token));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
    const keys = (await adminJson(s.app, 'GET', '/jwks.json')) as { keys: { kid: string }[] };
    expect(keys.keys.some((k) => k.kid === unknown.kid)).toBe(false);
  });
});

describe('client secret rotation', () => {
  it('stages at most once per 5 minutes, accepts both after 5 minutes, activation disables the old one', async () => {
    const s = await instanceSetup();
    const path = `/packages/${s.full.packageId}/integration/secret`;
    // GIVEN a staged secret
    const staged = (await adminJson(s.app, 'POST', `${path}/stage`)) as {
      secret: string;
      staged: { acceptedFrom: string };
    };
    expect(staged.staged.acceptedFrom).toBe('2026-01-01T00:05:00.000Z');
    expect((await admin(s.app, 'POST', `${path}/stage`)).status).toBe(409);
    // WHEN less than 5 minutes have passed, only the old secret works
    expect((await cc(s, { client_secret: staged.secret })).status).toBe(401);
    expect((await admin(s.app, 'POST', `${path}/activate`)).status).toBe(409);
    await advance(s, 300);
    // THEN both work
    expect((await cc(s, { client_secret: staged.secret })).status).toBe(200);
    expect((await cc(s)).status).toBe(200);
    // activation disables the old one at once
    expect(await adminJson(s.app, 'POST', `${path}/activate`)).toEqual({
      active: { createdAt: '2026-01-01T00:00:00.000Z', expiresAt: '2026-06-30T00:00:00.000Z', expired: false },
      staged: null,
      lastActivatedAt: '2026-01-01T00:05:00.000Z',
      nextStageAt: '2026-01-01T00:05:00.000Z',
    });
    expect((await cc(s)).status).toBe(401);
    expect((await cc(s, { client_secret: staged.secret })).status).toBe(200);
  });

  it('shows when each secret was generated and expires in the package and integration views', async () => {
    // GIVEN a package whose client secret is staged a day after it was created
    const s = await instanceSetup();
    const path = `/packages/${s.full.packageId}`;
    await advance(s, 86_400);
    await admin(s.app, 'POST', `${path}/integration/secret/stage`);
    // WHEN the package is read
    const pkg = (await adminJson(s.app, 'GET', path)) as {
      jwtSigningSecretStatus: unknown;
      integration: { secretStatus: unknown };
    };
    // THEN the views carry the dates (never a secret): the client secret's, with the staged one and when
    // the next may be staged, and the JWT signing secret's, which never expires
    expect(pkg.integration.secretStatus).toEqual({
      active: { createdAt: '2026-01-01T00:00:00.000Z', expiresAt: '2026-06-30T00:00:00.000Z', expired: false },
      staged: {
        createdAt: '2026-01-02T00:00:00.000Z',
        acceptedFrom: '2026-01-02T00:05:00.000Z',
        expiresAt: '2026-07-01T00:00:00.000Z',
        accepted: false,
        activatableFrom: '2026-01-02T00:05:00.000Z',
      },
      lastActivatedAt: null,
      nextStageAt: '2026-01-02T00:05:00.000Z',
    });
    expect(pkg.jwtSigningSecretStatus).toEqual({ createdAt: '2026-01-01T00:00:00.000Z', expiresAt: null });
    // AND refreshing the JWT signing secret dates it anew
    await admin(s.app, 'POST', `${path}/jwt-signing-secret`);
    expect(
      ((await adminJson(s.app, 'GET', path)) as { jwtSigningSecretStatus: unknown }).jwtSigningSecretStatus,
    ).toEqual({ createdAt: '2026-01-02T00:00:00.000Z', expiresAt: null });
  });

  it('expires secrets 180 days after they were generated', async () => {
    const s = await instanceSetup();
    await advance(s, 180 * 86400 - 1);
    expect((await cc(s)).status).toBe(200);
    await advance(s, 1);
    const res = await cc(s);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_client');
    expect(
      (
        (await adminJson(s.app, 'GET', `/packages/${s.full.packageId}/integration/secret`)) as {
          active: { expired: boolean };
        }
      ).active.expired,
    ).toBe(true);
  });
});

describe('propagation delay, clock, snapshots and reset', () => {
  it('applies integration changes only after the configured delay', async () => {
    const s = await instanceSetup();
    expect(await adminJson(s.app, 'GET', '/settings')).toEqual({ propagationDelaySeconds: 0, secretLifetimeDays: 180 });
    await admin(s.app, 'PUT', '/settings', { propagationDelaySeconds: 300 });
    await admin(s.app, 'PUT', `/packages/${s.full.packageId}/integration`, {
      type: 'server-to-server',
      scopes: ['email_read'],
    });
    expect(((await (await cc(s)).json()) as { scope: string }).scope).toContain('email_send');
    const pending = (await adminJson(s.app, 'GET', '/propagation')) as { items: { effectiveAt: string }[] };
    expect(pending.items.map((p) => p.effectiveAt)).toEqual(['2026-01-01T00:05:00.000Z']);
    await advance(s, 300);
    expect(((await (await cc(s)).json()) as { scope: string }).scope).toBe('email_read');
  });

  it('every expiry follows the admin clock: codes, access and refresh tokens', async () => {
    const s = await instanceSetup();
    const url = await authorize(s.app, {
      client_id: s.web.clientId,
      login_hint: 'admin@acme',
      grantform_auto_approve: '1',
    });
    await advance(s, 300);
    const expiredCode = await tokenRequest(s.app, {
      grant_type: 'authorization_code',
      code: url.searchParams.get('code'),
      client_id: s.web.clientId,
      client_secret: s.web.clientSecret,
      redirect_uri: REDIRECT,
    });
    expect(((await expiredCode.json()) as { error_description: string }).error_description).toBe(
      'The authorization code has expired.',
    );
    const code2 = (
      await authorize(s.app, { client_id: s.web.clientId, login_hint: 'admin@acme', grantform_auto_approve: '1' })
    ).searchParams.get('code');
    const tokens = (await (
      await tokenRequest(s.app, {
        grant_type: 'authorization_code',
        code: code2,
        client_id: s.web.clientId,
        client_secret: s.web.clientSecret,
        redirect_uri: REDIRECT,
      })
    ).json()) as { refresh_token: string };
    await advance(s, 30 * 86400);
    const refresh = await tokenRequest(s.app, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: s.web.clientId,
      client_secret: s.web.clientSecret,
    });
    expect(((await refresh.json()) as { error_description: string }).error_description).toBe(
      'The refresh token has expired.',
    );
  });

  it('exports a snapshot, resets, and imports it back with tokens, data, faults and keys', async () => {
    // GIVEN state in every part
    const s = await instanceSetup();
    const token = await s.token();
    await s.app.request(`${REST}/data/v1/async/dataextensions/key:orders/rows`, jsonPost(token, { items: [{ a: 1 }] }));
    await admin(s.app, 'POST', '/keys/rotate', { graceSeconds: 3600 });
    await admin(s.app, 'POST', '/faults', { match: { host: 'soap' }, action: { type: 'error', status: 500 } });
    const snapshot = await adminJson(s.app, 'GET', '/snapshot?include=keys');
    expect(Object.keys(snapshot)).toEqual([
      'version',
      'exportedAt',
      'store',
      'instanceData',
      'usage',
      'control',
      'constantContact',
    ]);
    // WHEN everything is reset
    expect((await admin(s.app, 'POST', '/reset')).status).toBe(204);
    expect((await s.app.request(`${REST}/platform/v1/tokenContext`, bearer(token))).status).toBe(401);
    expect(await adminJson(s.app, 'GET', '/faults')).toEqual({ items: [] });
    // THEN importing the snapshot brings it all back
    const imported = await admin(s.app, 'PUT', '/snapshot', snapshot);
    expect(imported.status).toBe(200);
    expect((await s.app.request(`${REST}/platform/v1/tokenContext`, bearer(token))).status).toBe(200);
    const rows = (await (
      await s.app.request(`${REST}/data/v1/customobjectdata/key/orders/rowset`, bearer(token))
    ).json()) as { count: number };
    expect(rows.count).toBe(1);
    expect(((await adminJson(s.app, 'GET', '/faults')) as { items: unknown[] }).items).toHaveLength(1);
    expect(((await adminJson(s.app, 'GET', '/keys')) as { items: unknown[] }).items).toHaveLength(2);
    expect((await cc(s)).status).toBe(200);
    // a broken snapshot is refused
    const bad = await admin(s.app, 'PUT', '/snapshot', { version: 2 });
    expect(bad.status).toBe(400);
  });
});

describe('snapshot and signing material', () => {
  it('leaves private keys and JWT signing secrets out unless ?include=keys, and will not import such a snapshot', async () => {
    // GIVEN an emulator with packages (each with a JWT signing secret) and a rotated key ring
    const s = await instanceSetup();
    await admin(s.app, 'POST', '/keys/rotate', { graceSeconds: 3600 });
    type Full = {
      store: { tenants: { packages: { jwtSigningSecret?: string }[] }[] };
      control: {
        keys: {
          activeKid: string;
          keys: {
            key: { kid: string; alg: string; jwk: { d?: string } };
            publishedUntil: number | null;
            createdAt: number;
          }[];
        };
      };
    };
    const full = await adminJson<Full>(s.app, 'GET', '/snapshot?include=keys');
    const secrets = full.store.tenants.flatMap((t) => t.packages.map((p) => p.jwtSigningSecret!));
    const privateParts = full.control.keys.keys.map((k) => k.key.jwk.d!);
    expect(secrets.length).toBeGreaterThan(0);
    expect(privateParts).toHaveLength(2);
    // WHEN the snapshot is read without asking for keys
    const res = await admin(s.app, 'GET', '/snapshot');
    const text = await res.text();
    const keyless = JSON.parse(text) as Record<string, unknown> & Full;
    // THEN it says so, lists the keys by kid only, and holds no private key or signing secret
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(keyless.keys).toBe('omitted');
    expect(keyless.control.keys).toEqual({
      activeKid: full.control.keys.activeKid,
      keys: full.control.keys.keys.map((k) => ({
        kid: k.key.kid,
        alg: k.key.alg,
        publishedUntil: k.publishedUntil,
        createdAt: k.createdAt,
      })),
    });
    expect(keyless.store.tenants.flatMap((t) => t.packages.map((p) => 'jwtSigningSecret' in p))).not.toContain(true);
    for (const value of [...secrets, ...privateParts]) expect(text).not.toContain(value);
    // AND importing it is refused with the way out, while the full one imports
    const put = await admin(s.app, 'PUT', '/snapshot', keyless);
    expect(put.status).toBe(400);
    expect(await put.json()).toEqual({
      error: {
        code: 'ERR_VALIDATION',
        message: 'the request is invalid',
        path: '/_emulator/snapshot',
        issues: [
          {
            path: '',
            message:
              'the snapshot cannot be imported: it was exported without its signing keys, so the tokens and secrets in it could not be used; export it with GET /_emulator/snapshot?include=keys',
          },
        ],
      },
    });
    expect((await admin(s.app, 'PUT', '/snapshot', full)).status).toBe(200);
    // AND an unknown include is refused
    const other = await admin(s.app, 'GET', '/snapshot?include=passwords');
    expect(other.status).toBe(400);
    expect(((await other.json()) as { error: { issues: unknown } }).error.issues).toEqual([
      { path: 'include', message: 'must be "keys" (the only part left out by default)' },
    ]);
  });
});

describe('snapshot versions', () => {
  it('reads a version 1 snapshot, refuses unknown versions, and leaves the state unchanged when an import fails', async () => {
    // GIVEN an emulator with a rotated key ring and its snapshot (version 2), relabelled as version 1
    const s = await instanceSetup();
    await admin(s.app, 'POST', '/keys/rotate', { graceSeconds: 3600 });
    const snapshot = await adminJson<{ version: number; control: { keys: { keys: { key: { jwk: object } }[] } } }>(
      s.app,
      'GET',
      '/snapshot?include=keys',
    );
    expect(snapshot.version).toBe(2);
    const keysBefore = await adminJson(s.app, 'GET', '/keys');
    // WHEN it is imported as version 1, as version 3, and with a key that does not import
    const v1 = await admin(s.app, 'PUT', '/snapshot', { ...snapshot, version: 1 });
    const v3 = await admin(s.app, 'PUT', '/snapshot', { ...snapshot, version: 3 });
    const broken = structuredClone(snapshot);
    broken.control.keys.keys[1]!.key.jwk = { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA', d: 'AA' };
    await admin(s.app, 'POST', '/reset');
    const badKey = await admin(s.app, 'PUT', '/snapshot', broken);
    // THEN
    expect(v1.status).toBe(200);
    expect(v3.status).toBe(400);
    expect(await v3.json()).toEqual({
      error: {
        code: 'ERR_VALIDATION',
        message: 'the request is invalid',
        path: '/_emulator/snapshot',
        issues: [
          {
            path: '',
            message:
              'the snapshot cannot be imported: unknown format: version 3 (this emulator reads versions 1 and 2)',
          },
        ],
      },
    });
    expect(badKey.status).toBe(400);
    expect(mcContext(s.app.context).store.tenants()).toEqual([]);
    expect(await adminJson(s.app, 'GET', '/keys')).not.toEqual(keysBefore);
    expect(((await adminJson(s.app, 'GET', '/keys')) as { items: unknown[] }).items).toHaveLength(1);
  });
});

describe('JWKS after rotation', () => {
  it('verifies tokens of both keys during the grace period with jose', async () => {
    const s = await instanceSetup();
    const old = await s.token();
    await admin(s.app, 'POST', '/keys/rotate', { graceSeconds: 60 });
    const fresh = await s.token();
    const { keys } = (await adminJson(s.app, 'GET', '/jwks.json')) as { keys: JWK[] };
    const set = createLocalJWKSet({ keys });
    const opts = {
      issuer: `https://${TSSD}.auth.marketingcloudapis.com/`,
      currentDate: new Date(s.app.context.nowMs()),
    };
    await expect(jwtVerify(old, set, opts)).resolves.toBeDefined();
    await expect(jwtVerify(fresh, set, opts)).resolves.toBeDefined();
  });
});

describe('options and protection', () => {
  it('takes the propagation delay from the options (kept across reset) and sits behind the admin token', async () => {
    const s = { app: createEmulator({ propagationDelaySeconds: 300, adminToken: 'admin-token-123' }) };
    const auth = { authorization: 'Bearer admin-token-123', 'content-type': 'application/json' };
    expect((await s.app.request('http://localhost/_emulator/faults')).status).toBe(401);
    const settings = await s.app.request('http://localhost/_emulator/settings', { headers: auth });
    expect(await settings.json()).toEqual({ propagationDelaySeconds: 300, secretLifetimeDays: 180 });
    await s.app.request('http://localhost/_emulator/reset', { method: 'POST', headers: auth });
    const after = await s.app.request('http://localhost/_emulator/settings', { headers: auth });
    expect(await after.json()).toEqual({ propagationDelaySeconds: 300, secretLifetimeDays: 180 });
  });
});

describe('OpenAPI description', () => {
  it('documents every test-control route', async () => {
    const s = await instanceSetup();
    const doc = (await adminJson(s.app, 'GET', '/openapi.json')) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    for (const path of [
      '/settings',
      '/propagation',
      '/faults',
      '/faults/{id}',
      '/keys',
      '/keys/rotate',
      '/keys/{kid}',
      '/keys/unknown-kid-token',
      '/snapshot',
      '/packages/{id}/integration/secret',
      '/packages/{id}/integration/secret/stage',
      '/packages/{id}/integration/secret/activate',
      '/packages/{id}/installations',
      '/packages/{id}/installations/{subdomain}',
      '/packages/{id}/app/launch',
    ]) {
      expect(doc.paths[path]).toBeDefined();
    }
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['FaultInput', 'LaunchInput', 'Snapshot']),
    );
  });
});
