import { describe, expect, it } from 'vitest';
import { createEmulator } from '../index.js';
import { ENT, manifest, setup, T0, TSSD, tokenRequest } from '../vendors/marketing-cloud/testing/fixtures.js';

const json = (method: string, body?: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});
const SUB = 'mcbbbbbbbbbbbbbbbbbbbbbbbbbb';
const tenant = {
  name: 'beta',
  stackKey: 'S1',
  enterpriseMid: 500,
  businessUnits: [{ mid: 500, name: 'Beta', parentMid: null }],
};

describe('/_emulator admin API', () => {
  it('health, clock and reset', async () => {
    const { app } = await setup();
    expect(await (await app.request('/_emulator/health')).json()).toEqual({ status: 'ok', version: '0.1.0', now: T0 });
    expect(await (await app.request('/_emulator/clock', json('POST', { advanceSeconds: 301 }))).json()).toEqual({
      now: '2026-01-01T00:05:01.000Z',
      offsetSeconds: 301,
    });
    expect(await (await app.request('/_emulator/clock', json('POST', { now: '2026-01-02T00:00:00Z' }))).json()).toEqual(
      {
        now: '2026-01-02T00:00:00.000Z',
        offsetSeconds: 86400,
      },
    );
    const bad = await app.request('/_emulator/clock', json('POST', { advanceSeconds: 'x' }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('ERR_VALIDATION');
    expect((await app.request('/_emulator/reset', { method: 'POST' })).status).toBe(204);
    expect(await (await app.request('/_emulator/tenants')).json()).toEqual({ items: [] });
    expect(((await (await app.request('/_emulator/clock')).json()) as { offsetSeconds: number }).offsetSeconds).toBe(
      86400,
    );
  });

  it('tenants: create 201, update 200, read, 404 shape, delete blocked while packages remain', async () => {
    const app = createEmulator();
    const created = await app.request(`/_emulator/tenants/${SUB}`, json('PUT', tenant));
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({
      subdomain: SUB,
      ...tenant,
      endpoints: {
        auth: `http://localhost/${SUB}.auth.marketingcloudapis.com/`,
        rest: `http://localhost/${SUB}.rest.marketingcloudapis.com/`,
        soap: `http://localhost/${SUB}.soap.marketingcloudapis.com/`,
      },
      owner: null,
    });
    expect((await app.request(`/_emulator/tenants/${SUB}`, json('PUT', { ...tenant, name: 'beta2' }))).status).toBe(
      200,
    );
    const missing = await app.request('/_emulator/tenants/mccccccccccccccccccccccccccc');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: {
        code: 'ERR_NOT_FOUND',
        message: 'no tenant with subdomain mccccccccccccccccccccccccccc',
        path: '/_emulator/tenants/mccccccccccccccccccccccccccc',
      },
    });
    await app.request(
      `/_emulator/tenants/${SUB}/packages`,
      json('POST', { name: 'p', description: '', legacy: false, sourceMid: 500 }),
    );
    const blocked = await app.request(`/_emulator/tenants/${SUB}`, { method: 'DELETE' });
    expect(blocked.status).toBe(409);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('ERR_CONFLICT');
  });

  it('reports every validation issue with its path', async () => {
    const app = createEmulator();
    const res = await app.request(
      `/_emulator/tenants/${SUB}`,
      json('PUT', { ...tenant, stackKey: 'x', businessUnits: [{ mid: 501, name: 'A', parentMid: 999 }] }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: 'ERR_VALIDATION',
        message: 'the request is invalid',
        path: `/_emulator/tenants/${SUB}`,
        issues: [{ path: 'stackKey', message: 'must look like S7' }],
      },
    });
    const res2 = await app.request(
      `/_emulator/tenants/${SUB}`,
      json('PUT', { ...tenant, businessUnits: [{ mid: 501, name: 'A', parentMid: 999 }] }),
    );
    expect(((await res2.json()) as { error: { issues: unknown } }).error.issues).toEqual([
      { path: 'businessUnits', message: 'must include the enterprise business unit' },
      { path: 'businessUnits.0.parentMid', message: 'must be the MID of another BU in this tenant' },
    ]);
    const badJson = await app.request(`/_emulator/tenants/${SUB}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(((await badJson.json()) as { error: { issues: unknown } }).error.issues).toEqual([
      { path: '', message: 'the body must be valid JSON' },
    ]);
  });

  it('packages and integrations: secrets only on create/rotate; type fixed; components not removable', async () => {
    const app = createEmulator();
    await app.request(`/_emulator/tenants/${SUB}`, json('PUT', tenant));
    const pkgRes = await app.request(
      `/_emulator/tenants/${SUB}/packages`,
      json('POST', { name: 'p', description: 'd', legacy: false, sourceMid: 500 }),
    );
    expect(pkgRes.status).toBe(201);
    const pkg = (await pkgRes.json()) as Record<string, unknown>;
    expect(pkg).toEqual({
      id: expect.any(String),
      tenant: SUB,
      name: 'p',
      description: 'd',
      legacy: false,
      sourceMid: 500,
      integration: null,
      app: null,
      owner: null,
      jwtSigningSecret: expect.stringMatching(/^[A-Za-z0-9_-]{86}$/),
      jwtSigningSecretStatus: { createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), expiresAt: null },
    });
    expect((await app.request(`/_emulator/tenants/${SUB}/packages`, json('POST', { name: 'p' }))).status).toBe(409);
    const body = {
      type: 'web-app',
      scopes: ['email_read'],
      redirectUris: ['https://a.example.com/cb'],
      businessUnits: 'all',
      pkce: 'optional',
    };
    const created = await app.request(`/_emulator/packages/${pkg.id}/integration`, json('PUT', body));
    expect(created.status).toBe(201);
    const integ = (await created.json()) as Record<string, unknown>;
    expect(integ).toMatchObject({
      clientId: expect.stringMatching(/^[a-z0-9]{24}$/),
      secret: expect.any(String),
      appExchange: false,
    });
    const updated = await app.request(
      `/_emulator/packages/${pkg.id}/integration`,
      json('PUT', { ...body, scopes: ['email_read', 'offline'] }),
    );
    expect(updated.status).toBe(200);
    expect(await updated.json()).not.toHaveProperty('secret');
    const read = (await (await app.request(`/_emulator/packages/${pkg.id}`)).json()) as Record<string, unknown>;
    expect(JSON.stringify(read)).not.toContain(String(integ.secret));
    expect(read).not.toHaveProperty('jwtSigningSecret');
    const retype = await app.request(
      `/_emulator/packages/${pkg.id}/integration`,
      json('PUT', { ...body, type: 'public-app' }),
    );
    expect(((await retype.json()) as { error: { issues: unknown } }).error.issues).toEqual([
      { path: 'type', message: 'the integration type cannot change' },
    ]);
    const del = await app.request(`/_emulator/packages/${pkg.id}/integration`, { method: 'DELETE' });
    expect(del.status).toBe(409);
    expect(((await del.json()) as { error: { code: string } }).error.code).toBe('ERR_COMPONENT_NOT_REMOVABLE');
    const patch = await app.request(`/_emulator/packages/${pkg.id}`, json('PATCH', { legacy: true }));
    expect(((await patch.json()) as { error: { issues: unknown } }).error.issues).toEqual([
      { path: 'legacy', message: 'legacy cannot change' },
    ]);
    const renamed = await app.request(`/_emulator/packages/${pkg.id}`, json('PATCH', { name: 'q' }));
    expect(((await renamed.json()) as { name: string }).name).toBe('q');
    const app2 = await app.request(
      `/_emulator/packages/${pkg.id}/app`,
      json('PUT', {
        loginUrl: 'https://a.example.com/login',
        redirectUrl: 'https://a.example.com/r',
        logoutUrl: 'https://a.example.com/out',
        claimsVersion: 2,
      }),
    );
    expect(app2.status).toBe(201);
    expect((await app.request(`/_emulator/packages/${pkg.id}/app`, { method: 'DELETE' })).status).toBe(409);
  });

  it('refuses bad integrations with every issue', async () => {
    const app = createEmulator();
    await app.request(`/_emulator/tenants/${SUB}`, json('PUT', tenant));
    const pkg = (await (
      await app.request(`/_emulator/tenants/${SUB}/packages`, json('POST', { name: 'p' }))
    ).json()) as { id: string };
    const res = await app.request(
      `/_emulator/packages/${pkg.id}/integration`,
      json('PUT', {
        type: 'web-app',
        scopes: ['email_read', 'root'],
        redirectUris: ['http://a.example.com/', 'https://localhost/cb', 'https://*.example.com/'],
        businessUnits: [500, 9],
        pkce: 'optional',
      }),
    );
    expect(((await res.json()) as { error: { issues: unknown } }).error.issues).toEqual([
      { path: 'scopes.1', message: 'unknown scope root' },
      { path: 'redirectUris.0', message: 'must use https:// (or a native-app scheme)' },
      { path: 'redirectUris.1', message: 'localhost is rejected; use https://127.0.0.1/' },
      { path: 'redirectUris.2', message: 'must not contain a wildcard' },
      { path: 'businessUnits.1', message: 'no business unit 9 in this tenant' },
    ]);
  });

  it('deleting a package revokes its tokens', async () => {
    const { app, s2s } = await setup();
    const token = (
      (await (
        await tokenRequest(app, {
          grant_type: 'client_credentials',
          client_id: s2s.clientId,
          client_secret: s2s.clientSecret,
        })
      ).json()) as { access_token: string }
    ).access_token;
    expect((await app.request(`/_emulator/packages/${s2s.packageId}`, { method: 'DELETE' })).status).toBe(204);
    const tokens = (await (await app.request('/_emulator/tokens')).json()) as {
      items: { state: string; clientId: string }[];
    };
    expect(tokens.items.filter((t) => t.clientId === s2s.clientId).map((t) => t.state)).toEqual(['revoked']);
    const tc = await app.request(`http://localhost/${TSSD}.rest.marketingcloudapis.com/platform/v1/tokenContext`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(tc.status).toBe(401);
  });

  it('users: created without exposing passwords; duplicates conflict', async () => {
    const { app } = await setup();
    const res = await app.request(
      `/_emulator/tenants/${TSSD}/users`,
      json('POST', {
        username: 'ann@acme',
        password: 'pw',
        name: 'Ann',
        email: 'ann@example.com',
        defaultMid: ENT,
        businessUnits: 'all',
      }),
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({
      id: expect.any(String),
      tenant: TSSD,
      username: 'ann@acme',
      name: 'Ann',
      email: 'ann@example.com',
      defaultMid: ENT,
      businessUnits: 'all',
    });
    expect(
      (await app.request(`/_emulator/tenants/${TSSD}/users`, json('POST', { username: 'ann@acme', password: 'x' })))
        .status,
    ).toBe(409);
    const list = await (await app.request(`/_emulator/tenants/${TSSD}/users`)).text();
    expect(list).not.toContain('password');
  });

  it('request log: newest first, filtered, no secrets or query strings', async () => {
    const { app, s2s } = await setup();
    await tokenRequest(app, {
      grant_type: 'client_credentials',
      client_id: s2s.clientId,
      client_secret: s2s.clientSecret,
    });
    await app.request(
      `http://localhost/${TSSD}.auth.marketingcloudapis.com/v2/authorize?client_id=x&state=secret-state`,
    );
    const res = await app.request(`/_emulator/requests?host=${TSSD}.auth.marketingcloudapis.com&limit=5`);
    const { items } = (await res.json()) as { items: Record<string, unknown>[] };
    expect(items.map((i) => [i.method, i.path, i.status, i.clientId])).toEqual([
      ['GET', '/v2/authorize', 400, undefined],
      ['POST', '/v2/token', 200, s2s.clientId],
    ]);
    const all = await (await app.request('/_emulator/requests')).text();
    expect(all).not.toContain(s2s.clientSecret!);
    expect(all).not.toContain('secret-state');
    expect((await app.request('/_emulator/requests?limit=0')).status).toBe(400);
  });

  it('tokens listing never shows token values', async () => {
    const { app, s2s } = await setup();
    const body = (await (
      await tokenRequest(app, {
        grant_type: 'client_credentials',
        client_id: s2s.clientId,
        client_secret: s2s.clientSecret,
        scope: 'email_read',
      })
    ).json()) as { access_token: string };
    const text = await (await app.request('/_emulator/tokens')).text();
    expect(text).not.toContain(body.access_token);
    expect(JSON.parse(text).items[0]).toEqual({
      id: expect.any(String),
      kind: 'access',
      clientId: s2s.clientId,
      tenant: TSSD,
      mid: ENT,
      scopes: ['email_read'],
      issuedAt: T0,
      expiresAt: '2026-01-01T00:20:00.000Z',
      state: 'active',
    });
  });

  it('requires the admin token when configured (JWKS stays public)', async () => {
    const app = createEmulator({ adminToken: 'sekrit-token' });
    const res = await app.request('/_emulator/health');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: {
        code: 'ERR_UNAUTHORIZED',
        message: 'this emulator needs Authorization: Bearer <admin token>',
        path: '/_emulator/health',
      },
    });
    expect((await app.request('/_emulator/health', { headers: { authorization: 'Bearer sekrit-token' } })).status).toBe(
      200,
    );
    expect((await app.request('/_emulator/jwks.json')).status).toBe(200);
  });

  it('serves an OpenAPI 3.1 description of every route', async () => {
    const app = createEmulator();
    const doc = (await (await app.request('/_emulator/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    // Constant Contact paths (/ctct/…) are checked in constant-contact/admin.test.ts.
    expect(
      Object.keys(doc.paths)
        .filter((p) => !p.startsWith('/ctct/'))
        .sort(),
    ).toEqual([
      '/clock',
      '/faults',
      '/faults/{id}',
      '/health',
      '/jwks.json',
      '/keys',
      '/keys/rotate',
      '/keys/unknown-kid-token',
      '/keys/{kid}',
      '/packages/{id}',
      '/packages/{id}/app',
      '/packages/{id}/app/launch',
      '/packages/{id}/installations',
      '/packages/{id}/installations/{subdomain}',
      '/packages/{id}/integration',
      '/packages/{id}/integration/secret',
      '/packages/{id}/integration/secret/activate',
      '/packages/{id}/integration/secret/stage',
      '/packages/{id}/jwt-signing-secret',
      '/propagation',
      '/requests',
      '/reset',
      '/seed',
      '/settings',
      '/snapshot',
      '/tenants',
      '/tenants/{subdomain}',
      '/tenants/{subdomain}/packages',
      '/tenants/{subdomain}/users',
      '/tls',
      '/tls/ca.pem',
      '/tokens',
      '/usage',
    ]);
  });

  it('is not served on tenant hosts', async () => {
    const app = createEmulator();
    expect((await app.request(`http://localhost/${TSSD}.auth.marketingcloudapis.com/_emulator/health`)).status).toBe(
      404,
    );
    expect(manifest().resources.length).toBe(7);
  });
});
