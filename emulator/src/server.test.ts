import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, type JWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Emulator, EmulatorSnapshot } from './index.js';
import { createSigningKey, exportSigningKey } from './keys.js';
import { startEmulatorServer } from './server.js';
import { mcContext } from './vendors/marketing-cloud/context.js';
import { EmulatorStore } from './vendors/marketing-cloud/store/store.js';
import { ENT, manifest, REST, T0, TSSD, tokenRequest } from './vendors/marketing-cloud/testing/fixtures.js';
import {
  adminJson,
  bearer,
  createClient,
  jsonPost,
  RESOURCE_SCOPES,
} from './vendors/marketing-cloud/testing/instance-fixtures.js';

describe('startEmulatorServer with --state', () => {
  it('persists admin changes before acknowledging, batches tokens, and reloads everything', async () => {
    // GIVEN a server seeded with a state file
    const dir = await mkdtemp(join(tmpdir(), 'gf-emu-'));
    const statePath = join(dir, 'state.json');
    const first = await startEmulatorServer({ port: 0, statePath, seed: { ...manifest() } });
    const s2s = first.credentials.find((c) => c.type === 'server-to-server')!;
    expect((await stat(statePath)).mode & 0o777).toBe(0o600);
    const onDisk = await readFile(statePath, 'utf8');
    expect(onDisk).not.toContain(s2s.clientSecret!);
    // WHEN a token is issued and the server stops
    const res = await fetch(`${s2s.authBaseUrl}v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: s2s.clientId,
        client_secret: s2s.clientSecret,
      }),
    });
    const token = ((await res.json()) as { access_token: string }).access_token;
    await first.close();
    // THEN a new server on the same file knows the client, the secret and the token
    const second = await startEmulatorServer({ port: 0, statePath });
    const base = `${second.url}/${s2s.subdomain}.rest.marketingcloudapis.com/`;
    const tc = await fetch(`${base}platform/v1/tokenContext`, { headers: { authorization: `Bearer ${token}` } });
    expect(tc.status).toBe(200);
    const again = await fetch(`${second.url}/${s2s.subdomain}.auth.marketingcloudapis.com/v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: s2s.clientId,
        client_secret: s2s.clientSecret,
      }),
    });
    expect(again.status).toBe(200);
    await second.close();
  });

  it('refuses a corrupt state file with a clear error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gf-emu-'));
    const statePath = join(dir, 'state.json');
    await (await import('node:fs/promises')).writeFile(statePath, '{"version":9}');
    await expect(startEmulatorServer({ port: 0, statePath })).rejects.toThrow(/unknown format/);
  });
});

describe('--state holds the whole emulator', () => {
  const fixedNow = () => new Date(T0);
  const post = (token: string, body: unknown): RequestInit => jsonPost(token, body);

  it('survives a restart: keys (old tokens still verify, the rotated ring), faults, settings, propagation, REST data', async () => {
    // GIVEN a server on a state file, with a client holding every resource scope and a token signed by the first key
    const dir = await mkdtemp(join(tmpdir(), 'gf-emu-'));
    const statePath = join(dir, 'state.json');
    const first = await startEmulatorServer({ port: 0, statePath, now: fixedNow, seed: { ...manifest() } });
    const full = await createClient(
      first.app,
      TSSD,
      { name: 'full' },
      { type: 'server-to-server', scopes: RESOURCE_SCOPES, businessUnits: 'all' },
    );
    const ccToken = async (app: Emulator) => {
      const res = await tokenRequest(app, {
        grant_type: 'client_credentials',
        client_id: full.clientId,
        client_secret: full.secret,
      });
      return ((await res.json()) as { access_token: string }).access_token;
    };
    const before = await ccToken(first.app);
    // WHEN the key is rotated, test controls are set and REST data is written
    await adminJson(first.app, 'POST', '/keys/rotate', { graceSeconds: 3600 });
    const after = await ccToken(first.app);
    await adminJson(first.app, 'PUT', '/settings', { propagationDelaySeconds: 300, secretLifetimeDays: 90 });
    // (an admin change is on disk before its response)
    expect((JSON.parse(await readFile(statePath, 'utf8')) as EmulatorSnapshot).control.settings).toEqual({
      propagationDelaySeconds: 300,
      secretLifetimeDays: 90,
    });
    await adminJson(first.app, 'POST', '/faults', { match: { host: 'soap' }, action: { type: 'error', status: 500 } });
    await adminJson(first.app, 'PUT', `/packages/${full.packageId}/integration`, {
      type: 'server-to-server',
      scopes: ['email_read'],
    });
    await adminJson(first.app, 'POST', '/clock', { advanceSeconds: 60 });
    // (REST writes after the last admin change: they reach the file in a batch, or on close)
    await first.app.request(
      `${REST}/data/v1/async/dataextensions/key:orders/rows`,
      post(after, { items: [{ Id: 7 }] }),
    );
    await first.app.request(`${REST}/contacts/v1/contacts`, post(after, { contactKey: 'c-1', attributeSets: [] }));
    const asset = (await (
      await first.app.request(
        `${REST}/asset/v1/content/assets`,
        post(after, { name: 'Logo', assetType: { id: 28, name: 'png' } }),
      )
    ).json()) as { id: number };
    await first.app.request(
      `${REST}/messaging/v1/email/messages/m-1`,
      post(after, { definitionKey: 'welcome', recipient: { contactKey: 'c-1', to: 'a@example.com' } }),
    );
    const reads = [
      `${REST}/data/v1/customobjectdata/key/orders/rowset`,
      `${REST}/contacts/v1/contacts/key:c-1`,
      `${REST}/asset/v1/content/assets/${asset.id}`,
      `${REST}/messaging/v1/email/messages/m-1`,
    ];
    const readAll = async (app: Emulator) =>
      Promise.all(reads.map(async (url) => (await app.request(url, bearer(after))).json()));
    const dataBefore = await readAll(first.app);
    const controlBefore = await Promise.all(
      ['/keys', '/faults', '/settings', '/propagation', '/clock'].map((p) => adminJson(first.app, 'GET', p)),
    );
    await first.close();
    const onDisk = await readFile(statePath, 'utf8');
    // THEN the file holds no token value and no client secret
    expect(onDisk).not.toContain(before);
    expect(onDisk).not.toContain(after);
    expect(onDisk).not.toContain(full.secret);
    expect((JSON.parse(onDisk) as EmulatorSnapshot).version).toBe(2);
    // AND a new server on the same file has the same keys, faults, settings, pending changes, clock and data
    const second = await startEmulatorServer({ port: 0, statePath, now: fixedNow });
    try {
      const controlAfter = await Promise.all(
        ['/keys', '/faults', '/settings', '/propagation', '/clock'].map((p) => adminJson(second.app, 'GET', p)),
      );
      expect(controlAfter).toEqual(controlBefore);
      const keys = controlAfter[0] as { items: { kid: string; status: string; publishedUntil: string | null }[] };
      expect(keys.items.map((k) => [k.status, k.publishedUntil])).toEqual([
        ['published', '2026-01-01T01:00:00.000Z'],
        ['active', null],
      ]);
      expect(controlAfter[2]).toEqual({ propagationDelaySeconds: 300, secretLifetimeDays: 90 });
      expect(controlAfter[4]).toEqual({ now: '2026-01-01T00:01:00.000Z', offsetSeconds: 60 });
      expect(await readAll(second.app)).toEqual(dataBefore);
      expect((dataBefore[0] as { count: number }).count).toBe(1);
      // tokens signed before the restart, by the old and the new key, still verify (emulator and jose)
      for (const token of [before, after]) {
        const tc = await second.app.request(`${REST}/platform/v1/tokenContext`, bearer(token));
        expect(tc.status).toBe(200);
      }
      const jwksSet = createLocalJWKSet(await adminJson<{ keys: JWK[] }>(second.app, 'GET', '/jwks.json'));
      const verified = await jwtVerify(before, jwksSet, { currentDate: new Date('2026-01-01T00:01:00.000Z') });
      expect(verified.protectedHeader.kid).toBe(keys.items[0]!.kid);
      // the fault rule still fires; the pending change still takes effect on the clock
      const soap = await second.app.request(`http://localhost/${TSSD}.soap.marketingcloudapis.com/Service.asmx`, {
        method: 'POST',
        body: '<x/>',
      });
      expect(soap.status).toBe(500);
      await adminJson(second.app, 'POST', '/clock', { advanceSeconds: 300 });
      expect(
        (
          (await (
            await tokenRequest(second.app, {
              grant_type: 'client_credentials',
              client_id: full.clientId,
              client_secret: full.secret,
            })
          ).json()) as { scope: string }
        ).scope,
      ).toBe('email_read');
    } finally {
      await second.close();
    }
  });

  it('lets settings given at start override the file, keeping the others', async () => {
    // GIVEN a state file whose settings say 300 s / 90 days
    const dir = await mkdtemp(join(tmpdir(), 'gf-emu-'));
    const statePath = join(dir, 'state.json');
    const first = await startEmulatorServer({ port: 0, statePath, now: fixedNow });
    await adminJson(first.app, 'PUT', '/settings', { propagationDelaySeconds: 300, secretLifetimeDays: 90 });
    await first.close();
    // WHEN a server starts on it with propagationDelaySeconds 0 (`--propagation-delay 0`)
    const second = await startEmulatorServer({ port: 0, statePath, now: fixedNow, propagationDelaySeconds: 0 });
    // THEN
    expect(await adminJson(second.app, 'GET', '/settings')).toEqual({
      propagationDelaySeconds: 0,
      secretLifetimeDays: 90,
    });
    await second.close();
  });

  it('upgrades a version 1 state file (one signing key, store only)', async () => {
    // GIVEN a state file in the format written before version 2
    const dir = await mkdtemp(join(tmpdir(), 'gf-emu-'));
    const statePath = join(dir, 'state.json');
    const key = createSigningKey('ES256');
    const store = new EmulatorStore();
    store.putTenant({
      subdomain: TSSD,
      name: 'acme',
      stackKey: 'S7',
      enterpriseMid: ENT,
      businessUnits: [{ mid: ENT, name: 'Acme', parentMid: null }],
    });
    await writeFile(
      statePath,
      JSON.stringify({ version: 1, savedAt: T0, signingKey: exportSigningKey(key), store: store.snapshot() }),
    );
    // WHEN a server starts on it
    const running = await startEmulatorServer({ port: 0, statePath, now: fixedNow });
    // THEN its key is the active one, the tenant is there, and the file is rewritten as version 2
    const keys = await adminJson<{ items: { kid: string; status: string }[] }>(running.app, 'GET', '/keys');
    expect(keys.items.map((k) => [k.kid, k.status])).toEqual([[key.kid, 'active']]);
    expect(mcContext(running.app.context).store.tenant(TSSD)?.name).toBe('acme');
    expect(await adminJson(running.app, 'GET', '/settings')).toEqual({
      propagationDelaySeconds: 0,
      secretLifetimeDays: 180,
    });
    expect((JSON.parse(await readFile(statePath, 'utf8')) as EmulatorSnapshot).version).toBe(2);
    await running.close();
  });

  it('refuses an unknown version and a broken shape, naming the file and the problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gf-emu-'));
    const statePath = join(dir, 'state.json');
    await writeFile(statePath, '{"version":3,"store":{}}');
    await expect(startEmulatorServer({ port: 0, statePath })).rejects.toThrow(
      `state file ${statePath}: unknown format: version 3 (this emulator reads versions 1 and 2)`,
    );
    await writeFile(statePath, '{"version":2,"store":{"version":1}}');
    await expect(startEmulatorServer({ port: 0, statePath })).rejects.toMatchObject({
      code: 'ERR_STATE_FILE',
      message: expect.stringMatching(/^state file .*: not a snapshot: store\.clockOffsetMs: /),
    });
  });
});
