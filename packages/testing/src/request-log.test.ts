import { AssertionError } from 'node:assert';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type TestEmulator } from './start-emulator.js';
import { fixtureApp, SUBDOMAIN } from './testing-fixtures.js';

const AUTH_HOST = `${SUBDOMAIN}.auth.marketingcloudapis.com`;
const REST_HOST = `${SUBDOMAIN}.rest.marketingcloudapis.com`;

describe('request log', () => {
  let emulator: TestEmulator;
  afterEach(() => emulator?.dispose());

  async function twoCalls() {
    emulator = await startEmulator({ app: fixtureApp() });
    const { access_token } = await emulator.token('acme/crm-sync/api');
    await emulator.app.request(`https://${REST_HOST}/platform/v1/tokenContext`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    await emulator.app.request(`https://${REST_HOST}/platform/v1/endpoints`);
  }

  it('lists the vendor-host requests oldest first, without the admin calls', async () => {
    await twoCalls();
    const clientId = emulator.credentials.get('acme/crm-sync/api').clientId;
    const log = await emulator.requests();
    expect(log.map((e) => [e.method, e.host, e.path, e.status, e.clientId])).toEqual([
      ['POST', AUTH_HOST, '/v2/token', 200, clientId],
      ['GET', REST_HOST, '/platform/v1/tokencontext', 200, clientId],
      ['GET', REST_HOST, '/platform/v1/endpoints', 401, undefined],
    ]);
    expect((await emulator.requests({ includeAdmin: true })).some((e) => e.path === '/_emulator/seed')).toBe(true);
  });

  it('filters by method, host, path (string or RegExp), status and kind', async () => {
    await twoCalls();
    expect(await emulator.requests({ kind: 'rest' })).toHaveLength(2);
    expect(await emulator.requests({ kind: 'auth', method: 'post' })).toHaveLength(1);
    expect(await emulator.requests({ path: /^\/platform\//, status: 401 })).toHaveLength(1);
    expect(await emulator.requests({ host: REST_HOST.toUpperCase(), path: '/platform/v1/tokenContext' })).toHaveLength(
      1,
    );
    expect(await emulator.requests({ kind: 'soap' })).toEqual([]);
  });

  it('assertRequested() returns the matches, or throws listing the whole log', async () => {
    await twoCalls();
    await expect(emulator.assertRequested({ kind: 'rest' }, 2)).resolves.toHaveLength(2);
    await expect(emulator.assertRequested({ path: '/v2/token' })).resolves.toHaveLength(1);
    const err = await emulator.assertRequested({ kind: 'rest' }, 3).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AssertionError);
    expect((err as Error).message).toBe(
      [
        'expected 3 request(s) matching {"kind":"rest"}, found 2. Requests:',
        `  POST ${AUTH_HOST}/v2/token → 200 (${emulator.credentials.get('acme/crm-sync/api').clientId})`,
        `  GET ${REST_HOST}/platform/v1/tokencontext → 200 (${emulator.credentials.get('acme/crm-sync/api').clientId})`,
        `  GET ${REST_HOST}/platform/v1/endpoints → 401`,
      ].join('\n'),
    );
  });

  it('assertNotRequested() throws when something matches', async () => {
    await twoCalls();
    await expect(emulator.assertNotRequested({ kind: 'soap' })).resolves.toBeUndefined();
    await expect(emulator.assertNotRequested({ status: 401 })).rejects.toThrow(
      /expected no request matching \{"status":401\}, found 1:\n {2}GET .*endpoints → 401/,
    );
  });

  it('clearRequests() forgets what came before', async () => {
    await twoCalls();
    await emulator.clearRequests();
    expect(await emulator.requests()).toEqual([]);
    await emulator.token('acme/crm-sync/api');
    expect(await emulator.requests()).toHaveLength(1);
  });
});
