import { afterEach, describe, expect, it } from 'vitest';
import { TokenRequestError } from './oauth.js';
import { startEmulator, type TestEmulator } from './start-emulator.js';
import { fixtureApp, SUBDOMAIN } from './testing-fixtures.js';

describe('faults', () => {
  let emulator: TestEmulator;
  afterEach(() => emulator?.dispose());

  it('fails the next token request once, then lets requests through', async () => {
    // GIVEN a one-shot 503 on the token endpoint
    emulator = await startEmulator({ app: fixtureApp() });
    const rule = await emulator.faults.add({
      match: { host: 'auth', path: '/v2/token' },
      action: { type: 'error', status: 503, error: 'temporarily_unavailable', description: 'try again' },
      times: 1,
    });
    expect(rule).toMatchObject({ times: 1, remaining: 1, hits: 0, probability: 1, id: expect.any(String) });
    // WHEN two tokens are requested
    const first = await emulator.token('acme/crm-sync/api').catch((e: unknown) => e);
    const second = await emulator.token('acme/crm-sync/api');
    // THEN only the first failed, and the rule is used up
    expect(first).toBeInstanceOf(TokenRequestError);
    expect(first).toMatchObject({ status: 503, error: 'temporarily_unavailable', errorDescription: 'try again' });
    expect(second.access_token).toEqual(expect.any(String));
    expect(await emulator.faults.list()).toEqual([]);
    expect((await emulator.requests()).map((e) => e.status)).toEqual([503, 200]);
  });

  it('matches by client id, and can be removed or cleared', async () => {
    emulator = await startEmulator({ app: fixtureApp() });
    const portal = emulator.credentials.get('acme/portal/api');
    const rule = await emulator.faults.add({
      match: { clientId: portal.clientId },
      action: { type: 'error', status: 429, retryAfter: 7 },
    });
    // the server-to-server client is not affected; the portal is
    await expect(emulator.token('acme/crm-sync/api')).resolves.toMatchObject({ token_type: 'Bearer' });
    await expect(emulator.login('acme/portal/api')).rejects.toMatchObject({ status: 429 });
    expect((await emulator.faults.list()).map((r) => r.id)).toEqual([rule.id]);
    await emulator.faults.remove(rule.id);
    await expect(emulator.login('acme/portal/api')).resolves.toHaveProperty('tokens');
    await emulator.faults.add({ action: { type: 'malformed-json' } });
    await emulator.faults.add({ action: { type: 'latency', ms: 5 } });
    expect(await emulator.faults.list()).toHaveLength(2);
    await emulator.faults.clear();
    expect(await emulator.faults.list()).toEqual([]);
  });

  it('returns malformed JSON from REST', async () => {
    emulator = await startEmulator({ app: fixtureApp() });
    const { access_token } = await emulator.token('acme/crm-sync/api');
    await emulator.faults.add({ match: { host: 'rest' }, action: { type: 'malformed-json' }, times: 1 });
    const res = await emulator.app.request(
      `https://${SUBDOMAIN}.rest.marketingcloudapis.com/platform/v1/tokenContext`,
      { headers: { authorization: `Bearer ${access_token}` } },
    );
    await expect(res.json()).rejects.toThrow();
  });

  it('refuses an invalid rule with the admin API’s validation error', async () => {
    emulator = await startEmulator();
    await expect(emulator.faults.add({ action: { type: 'error', status: 200 } })).rejects.toMatchObject({
      status: 400,
      code: 'ERR_VALIDATION',
    });
    await expect(emulator.faults.remove('nope')).rejects.toMatchObject({ status: 404 });
  });
});
