import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../index.js';
import { startEmulatorServer } from '../server.js';
import { mcContext } from '../vendors/marketing-cloud/context.js';

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

describe('ownership labels (owner) and the JWT signing secret refresh', () => {
  it('owner: set on create, kept by a PUT without it, never handed to another owner until released', async () => {
    // GIVEN a tenant claimed by state A, and a package it created
    const app = createEmulator();
    const A = 'grantform:lineage-a:beta';
    expect((await app.request(`/_emulator/tenants/${SUB}`, json('PUT', { ...tenant, owner: A }))).status).toBe(201);
    const pkg = (await (
      await app.request(`/_emulator/tenants/${SUB}/packages`, json('POST', { name: 'p', owner: `${A}/p` }))
    ).json()) as { id: string; owner: string };
    // WHEN the tenant is updated without an owner, then claimed by state B
    const kept = await app.request(`/_emulator/tenants/${SUB}`, json('PUT', { ...tenant, name: 'beta2' }));
    const taken = await app.request(`/_emulator/tenants/${SUB}`, json('PUT', { ...tenant, owner: 'grantform:b:x' }));
    const pkgTaken = await app.request(`/_emulator/packages/${pkg.id}`, json('PATCH', { owner: 'grantform:b:x/p' }));
    // THEN the owner stays A's, and B is refused with 409 naming the owner
    expect(pkg.owner).toBe(`${A}/p`);
    expect(((await kept.json()) as { owner: string }).owner).toBe(A);
    expect(taken.status).toBe(409);
    expect(await taken.json()).toEqual({
      error: {
        code: 'ERR_CONFLICT',
        message: `tenant ${SUB} is owned by ${A}; release it first (owner: null) to give it another owner`,
        path: `/_emulator/tenants/${SUB}`,
      },
    });
    expect(pkgTaken.status).toBe(409);
    // AND once released (owner: null) it can be claimed again
    await app.request(`/_emulator/tenants/${SUB}`, json('PUT', { ...tenant, owner: null }));
    const claimed = await app.request(`/_emulator/tenants/${SUB}`, json('PUT', { ...tenant, owner: 'grantform:b:x' }));
    expect(((await claimed.json()) as { owner: string }).owner).toBe('grantform:b:x');
    const released = await app.request(`/_emulator/packages/${pkg.id}`, json('PATCH', { owner: null }));
    expect(((await released.json()) as { owner: string | null }).owner).toBeNull();
  });

  it("refreshes a package's JWT signing secret: shown once, and the new one signs", async () => {
    // GIVEN a package
    const app = createEmulator();
    await app.request(`/_emulator/tenants/${SUB}`, json('PUT', tenant));
    const pkg = (await (
      await app.request(`/_emulator/tenants/${SUB}/packages`, json('POST', { name: 'p' }))
    ).json()) as { id: string; jwtSigningSecret: string };
    // WHEN its JWT signing secret is refreshed
    const res = await app.request(`/_emulator/packages/${pkg.id}/jwt-signing-secret`, { method: 'POST' });
    // THEN a new secret is returned once, stored, and never shown by reads
    const { jwtSigningSecret } = (await res.json()) as { jwtSigningSecret: string };
    expect(res.status).toBe(200);
    expect(jwtSigningSecret).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(jwtSigningSecret).not.toBe(pkg.jwtSigningSecret);
    expect(mcContext(app.context).store.package(pkg.id)?.jwtSigningSecret).toBe(jwtSigningSecret);
    expect(JSON.stringify(await (await app.request(`/_emulator/packages/${pkg.id}`)).json())).not.toContain(
      jwtSigningSecret,
    );
    expect((await app.request('/_emulator/packages/nope/jwt-signing-secret', { method: 'POST' })).status).toBe(404);
  });

  it('owners survive a restart with --state, on tenants, packages and Constant Contact records', async () => {
    // GIVEN a server on a state file with owned records of every kind the engine creates
    const statePath = join(await mkdtemp(join(tmpdir(), 'gf-owner-')), 'state.json');
    const first = await startEmulatorServer({ port: 0, statePath });
    const call = async (method: string, path: string, body?: unknown) =>
      (await (await fetch(`${first.url}/_emulator${path}`, json(method, body))).json()) as Record<string, string>;
    await call('PUT', `/tenants/${SUB}`, { ...tenant, owner: 'o:tenant' });
    const pkg = await call('POST', `/tenants/${SUB}/packages`, { name: 'p', owner: 'o:pkg' });
    const app = await call('POST', '/ctct/applications', {
      name: 'App',
      redirectUris: ['https://app.example.com/cb'],
      scopes: ['account_read'],
      owner: 'o:app',
    });
    const partner = await call('POST', '/ctct/partners', { name: 'P', applicationApiKey: app.apiKey, owner: 'o:p' });
    const account = await call('POST', '/ctct/accounts', {
      partnerClientId: partner.partnerClientId,
      loginName: 'owned_account',
      contactEmail: 'owned@example.com',
      owner: 'o:acct',
    });
    // WHEN the server restarts on the same file
    await first.close();
    const second = await startEmulatorServer({ port: 0, statePath });
    const get = async (path: string) =>
      ((await (await fetch(`${second.url}/_emulator${path}`)).json()) as { owner: string }).owner;
    // THEN every owner is still there
    expect([
      await get(`/tenants/${SUB}`),
      await get(`/packages/${pkg.id}`),
      await get(`/ctct/applications/${app.apiKey}`),
      await get(`/ctct/partners/${partner.partnerClientId}`),
      await get(`/ctct/accounts/${account.encodedAccountId}`),
    ]).toEqual(['o:tenant', 'o:pkg', 'o:app', 'o:p', 'o:acct']);
    await second.close();
  });

  it('Constant Contact records: owner on create and PATCH, never handed over while owned', async () => {
    // GIVEN an owned application
    const app = createEmulator();
    const created = (await (
      await app.request(
        '/_emulator/ctct/applications',
        json('POST', { name: 'A', redirectUris: ['https://a.example.com/cb'], scopes: ['account_read'], owner: 'x' }),
      )
    ).json()) as { apiKey: string; owner: string };
    // WHEN another owner claims it, then it is released and claimed
    const taken = await app.request(`/_emulator/ctct/applications/${created.apiKey}`, json('PATCH', { owner: 'y' }));
    await app.request(`/_emulator/ctct/applications/${created.apiKey}`, json('PATCH', { owner: null }));
    const claimed = await app.request(`/_emulator/ctct/applications/${created.apiKey}`, json('PATCH', { owner: 'y' }));
    // THEN
    expect(created.owner).toBe('x');
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { error: { message: string } }).error.message).toBe(
      `application ${created.apiKey} is owned by x; release it first (owner: null) to give it another owner`,
    );
    expect(((await claimed.json()) as { owner: string }).owner).toBe('y');
  });
});
