import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type RequestLogEntry, vendors } from '../../index.js';
import { manifest, tokenRequest } from '../../vendors/marketing-cloud/testing/fixtures.js';
import { TOY, TOY_CLIENT, TOY_HOST, type ToyToken, toyVendor } from './index.js';

const form = (body: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(body).toString(),
});
const json = (method: string, body?: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

/** An emulator serving the default vendors and the toy: the one registration line. */
const withToy = (): Emulator => createEmulator({ vendors: [...vendors, toyVendor] });

const toyToken = (app: Emulator, byHost = false) =>
  app.request(
    byHost ? `http://${TOY_HOST}/token` : `http://localhost/${TOY_HOST}/token`,
    form({ client_id: TOY_CLIENT, grant_type: 'client_credentials' }),
  );

describe('a third vendor, registered with one line', () => {
  it('is served by its host name and as a path, beside the default vendors', async () => {
    // GIVEN an emulator serving the default vendors and the toy, seeded with the Marketing Cloud fixture
    const app = withToy();
    const seeded = (await (await app.request('/_emulator/seed', json('POST', manifest()))).json()) as {
      credentials: { address: string; clientId: string; clientSecret: string }[];
    };
    const s2s = seeded.credentials.find((c) => c.address === 'acme/sync/api')!;
    // WHEN the toy's token route is called both ways, with a wrong client, and Marketing Cloud's as before
    const byHost = await toyToken(app, true);
    const byPath = await toyToken(app);
    const wrong = await app.request(`http://${TOY_HOST}/token`, form({ client_id: 'nope' }));
    const mc = await tokenRequest(app, {
      grant_type: 'client_credentials',
      client_id: s2s.clientId,
      client_secret: s2s.clientSecret,
    });
    // THEN the toy answers in its own shape, and Marketing Cloud is unchanged
    expect(byHost.status).toBe(200);
    expect(await byPath.json()).toEqual({ access_token: expect.any(String), token_type: 'Bearer' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'invalid_client', error_description: 'Unknown client.' });
    expect(mc.status).toBe(200);
    // AND the request log names its host, as every vendor's
    const log = (await (await app.request(`/_emulator/requests?host=${TOY_HOST}`)).json()) as {
      items: RequestLogEntry[];
    };
    expect(log.items.map((e) => `${e.method} ${e.host}${e.path} ${e.status} ${e.clientId ?? '-'}`)).toEqual([
      `POST ${TOY_HOST}/token 401 -`,
      `POST ${TOY_HOST}/token 200 ${TOY_CLIENT}`,
      `POST ${TOY_HOST}/token 200 ${TOY_CLIENT}`,
    ]);
  });

  it('keeps its state in its own typed partition, which reset clears', async () => {
    // GIVEN two toy tokens
    const app = withToy();
    await toyToken(app);
    await toyToken(app, true);
    // WHEN its admin route lists them, then the emulator is reset
    const listed = (await (await app.request('/_emulator/toy/tokens')).json()) as { items: ToyToken[] };
    const state = app.context.partition(TOY);
    const before = state.tokens.size;
    await app.request('/_emulator/reset', { method: 'POST' });
    // THEN
    expect(listed.items).toHaveLength(2);
    expect(listed.items.every((t) => t.clientId === TOY_CLIENT)).toBe(true);
    expect(before).toBe(2);
    expect(state.tokens.size).toBe(0);
  });

  it('adds its section to the snapshot, which an import brings back', async () => {
    // GIVEN a toy token, and the snapshot taken then
    const app = withToy();
    const { access_token } = (await (await toyToken(app)).json()) as { access_token: string };
    const snapshot = (await (await app.request('/_emulator/snapshot?include=keys')).json()) as Record<string, unknown>;
    // WHEN the emulator is reset and the snapshot imported
    await app.request('/_emulator/reset', { method: 'POST' });
    const imported = await app.request('/_emulator/snapshot', json('PUT', snapshot));
    // THEN the toy's section sits after the default vendors' and its token is back
    expect(Object.keys(snapshot)).toEqual([
      'version',
      'exportedAt',
      'store',
      'instanceData',
      'usage',
      'control',
      'constantContact',
      'toy',
    ]);
    expect(await imported.json()).toEqual({ tenants: 0, tokens: 0, toyTokens: 1 });
    expect([...app.context.partition(TOY).tokens.keys()]).toEqual([access_token]);
    // AND a snapshot with a broken toy section is refused, naming it
    const broken = await app.request('/_emulator/snapshot', json('PUT', { ...snapshot, toy: { tokens: 'x' } }));
    expect(broken.status).toBe(400);
    expect(JSON.stringify(await broken.json())).toContain('toy.tokens');
  });

  it('answers fault rules on its host in its own shape, and lists its admin path in the OpenAPI document', async () => {
    // GIVEN a fault rule on the toy's host
    const app = withToy();
    const rule = await app.request(
      '/_emulator/faults',
      json('POST', { match: { host: 'toy' }, action: { type: 'error', status: 503 }, times: 1 }),
    );
    // WHEN its token route is called twice
    const faulted = await toyToken(app);
    const then = await toyToken(app);
    const doc = (await (await app.request('/_emulator/openapi.json')).json()) as { paths: Record<string, unknown> };
    // THEN the first gets the toy's fault body, the second a token
    expect(rule.status).toBe(201);
    expect(faulted.status).toBe(503);
    expect(await faulted.json()).toEqual({ error: 'temporarily_unavailable', toy: true });
    expect(then.status).toBe(200);
    expect(Object.keys(doc.paths)).toContain('/toy/tokens');
  });

  it('is not served unless registered', async () => {
    // GIVEN the default emulator
    const app = createEmulator();
    // WHEN the toy's host is called, and its state asked for
    const res = await toyToken(app, true);
    // THEN
    expect(res.status).toBe(404);
    expect(() => app.context.partition(TOY)).toThrow(new Error('this emulator does not serve toy'));
    const fault = await app.request(
      '/_emulator/faults',
      json('POST', { match: { host: 'toy' }, action: { type: 'drop' } }),
    );
    expect(fault.status).toBe(400);
  });
});
