/**
 * Usage recording: the recorder's bounds (clients, business units and calls per client, with
 * `droppedClients`), what a clear keeps, and the snapshot round trip; then through the admin API on a
 * `--state` server: exported with what the emulator knows of the client, kept across a restart, and
 * forgotten by `DELETE /_emulator/usage` while the seeded addresses stay.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scopeRequirement } from '@grantform/config/scope-requirements';
import type { UsageExport } from '@grantform/config/usage';
import { describe, expect, it } from 'vitest';
import { startEmulatorServer } from '../server.js';
import { manifest, REST, T0, tokenRequest } from '../vendors/marketing-cloud/testing/fixtures.js';
import { UsageRecorder } from './recorder.js';

const DE_ROWS = scopeRequirement('marketing-cloud', 'rest', 'GET /data/v1/customobjectdata/key/{key}/rowset');
const ENDPOINTS = scopeRequirement('marketing-cloud', 'rest', 'GET /platform/v1/endpoints');
const NONE = { tenant: null, package: null, integration: null };

describe('UsageRecorder', () => {
  it('keeps within its bounds and counts the client ids it had to drop', () => {
    // GIVEN a recorder for 2 clients, 1 business unit and 1 distinct call per client
    const r = new UsageRecorder('marketing-cloud', { clients: 2, units: 1, calls: 1 });
    // WHEN three clients get tokens for two units and make two distinct calls
    for (const id of ['a', 'b', 'c']) {
      r.token(id, '101', ['email_read'], 1000);
      r.token(id, '102', ['email_read'], 2000);
      r.call(id, DE_ROWS, 'data_extensions_read', 3000);
      r.call(id, ENDPOINTS, '', 4000);
    }
    // THEN two clients are recorded, each with its first unit and first call, and one client was dropped
    const out = r.export(() => NONE);
    expect(out.map((u) => u.clientId)).toEqual(['a', 'b']);
    expect(r.droppedClients).toBe(1); // client c, once, however many times it came back
    expect(out[0]).toEqual({
      vendor: 'marketing-cloud',
      clientId: 'a',
      address: null,
      ...NONE,
      tokens: { count: 2, firstSeen: '1970-01-01T00:00:01.000Z', lastSeen: '1970-01-01T00:00:02.000Z' },
      businessUnits: [
        { id: '101', count: 1, firstSeen: '1970-01-01T00:00:01.000Z', lastSeen: '1970-01-01T00:00:01.000Z' },
      ],
      scopes: [
        { scope: 'email_read', count: 2, firstSeen: '1970-01-01T00:00:01.000Z', lastSeen: '1970-01-01T00:00:02.000Z' },
      ],
      calls: [
        {
          call: 'REST GET /data/v1/customobjectdata/key/{key}/rowset',
          required: ['data_extensions_read'],
          granted: true,
          grantedBy: 'data_extensions_read',
          count: 1,
          firstSeen: '1970-01-01T00:00:03.000Z',
          lastSeen: '1970-01-01T00:00:03.000Z',
        },
      ],
    });
  });

  it('restores exactly what it snapshotted; a clear forgets the counts and keeps the addresses', () => {
    // GIVEN a recorder with a labelled client, a refused and a granted call
    const r = new UsageRecorder('marketing-cloud');
    r.label('a', 'acme/sync/api');
    r.token('a', '101', ['email_read'], 1000);
    r.call('a', DE_ROWS, null, 2000);
    r.call('a', DE_ROWS, 'data_extensions_read', 3000);
    // WHEN its snapshot is restored into a new recorder (through JSON, as on disk)
    const copy = new UsageRecorder('marketing-cloud');
    copy.restore(JSON.parse(JSON.stringify(r.snapshot())));
    // THEN both export the same
    expect(copy.export(() => NONE)).toEqual(r.export(() => NONE));
    expect(copy.export(() => NONE)[0]?.calls.map((c) => [c.granted, c.grantedBy])).toEqual([
      [false, null],
      [true, 'data_extensions_read'],
    ]);
    // WHEN it is cleared and the client comes back
    copy.clear();
    expect(copy.export(() => NONE)).toEqual([]);
    copy.token('a', '102', [], 5000);
    // THEN the seeded address is still known
    expect(copy.export(() => NONE)[0]).toMatchObject({ clientId: 'a', address: 'acme/sync/api', calls: [] });
  });
});

describe('GET|DELETE /_emulator/usage with --state', () => {
  it('exports what each client did, keeps it across a restart, and forgets it on DELETE', async () => {
    // GIVEN a server on a state file, seeded, whose server-to-server client reads a data extension
    const dir = await mkdtemp(join(tmpdir(), 'gf-usage-'));
    const statePath = join(dir, 'state.json');
    const now = () => new Date(T0);
    const first = await startEmulatorServer({ port: 0, statePath, now, seed: { ...manifest() } });
    const s2s = first.credentials.find((c) => c.address === 'acme/sync/api')!;
    const token = (await (
      await tokenRequest(first.app, {
        grant_type: 'client_credentials',
        client_id: s2s.clientId,
        client_secret: s2s.clientSecret,
      })
    ).json()) as { access_token: string };
    const read = await first.app.request(`${REST}/data/v1/customobjectdata/key/orders/rowset`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(read.status).toBe(404);
    const usage = async (app: typeof first.app) =>
      (await (await app.request('/_emulator/usage')).json()) as UsageExport;
    // WHEN the usage is exported
    const before = await usage(first.app);
    // THEN the client is there with its address, tenant, package, grants, token and call
    expect(before.integrations).toEqual([
      {
        vendor: 'marketing-cloud',
        clientId: s2s.clientId,
        address: 'acme/sync/api',
        tenant: 'mc563885gzs27c5t9-63k636ttgm',
        package: 'sync',
        integration: {
          scopes: ['data_extensions_read', 'data_extensions_write', 'email_read'],
          businessUnits: ['100000001', '100000002'],
        },
        tokens: { count: 1, firstSeen: T0, lastSeen: T0 },
        businessUnits: [{ id: '100000001', count: 1, firstSeen: T0, lastSeen: T0 }],
        scopes: ['data_extensions_read', 'data_extensions_write', 'email_read'].map((scope) => ({
          scope,
          count: 1,
          firstSeen: T0,
          lastSeen: T0,
        })),
        calls: [
          {
            call: 'REST GET /data/v1/customobjectdata/key/{key}/rowset',
            required: ['data_extensions_read'],
            granted: true,
            grantedBy: 'data_extensions_read',
            count: 1,
            firstSeen: T0,
            lastSeen: T0,
          },
        ],
      },
    ]);
    await first.close();
    // WHEN a new server starts on the same file
    const second = await startEmulatorServer({ port: 0, statePath, now });
    try {
      // THEN the usage is back as it was
      expect((await usage(second.app)).integrations).toEqual(before.integrations);
      // WHEN it is deleted
      expect((await second.app.request('/_emulator/usage', { method: 'DELETE' })).status).toBe(204);
      // THEN nothing is recorded, and the next token is again attributed to the seeded address
      expect((await usage(second.app)).integrations).toEqual([]);
      await tokenRequest(second.app, {
        grant_type: 'client_credentials',
        client_id: s2s.clientId,
        client_secret: s2s.clientSecret,
      });
      expect((await usage(second.app)).integrations.map((u) => [u.clientId, u.address, u.tokens.count])).toEqual([
        [s2s.clientId, 'acme/sync/api', 1],
      ]);
    } finally {
      await second.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
