import { describe, expect, it } from 'vitest';
import type { RequestLogEntry } from './request-log.js';
import { ERROR_URI } from './vendors/marketing-cloud/errors.js';
import { AUTH, setup, T0, TSSD, tokenRequest } from './vendors/marketing-cloud/testing/fixtures.js';

const HOST = `${TSSD}.auth.marketingcloudapis.com`;

async function log(app: Awaited<ReturnType<typeof setup>>['app'], limit: number): Promise<RequestLogEntry[]> {
  const res = await app.request(`/_emulator/requests?host=${HOST}&limit=${limit}`);
  return ((await res.json()) as { items: RequestLogEntry[] }).items;
}

describe('request pipeline', () => {
  it('logs every vendor request once, with its virtual host, path, status and (once known) client', async () => {
    // GIVEN a seeded emulator
    const { app, s2s } = await setup();
    // WHEN a client gets a token, then presents a wrong secret, then an unknown grant type
    const ok = await tokenRequest(app, {
      grant_type: 'client_credentials',
      client_id: s2s.clientId,
      client_secret: s2s.clientSecret,
    });
    const badSecret = await tokenRequest(app, {
      grant_type: 'client_credentials',
      client_id: s2s.clientId,
      client_secret: 'wrong',
    });
    const badGrant = await app.request(`${AUTH}//V2/Token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password' }),
    });
    // THEN the log holds the three, newest first: the client only where it authenticated, and the
    // path as routed (lower case, `//` collapsed)
    expect([ok.status, badSecret.status, badGrant.status]).toEqual([200, 401, 400]);
    const entries = await log(app, 10);
    expect(entries.map(({ id: _id, durationMs: _ms, ...rest }) => rest)).toEqual([
      { at: T0, method: 'POST', host: HOST, path: '/v2/token', status: 400 },
      { at: T0, method: 'POST', host: HOST, path: '/v2/token', status: 401 },
      { at: T0, method: 'POST', host: HOST, path: '/v2/token', status: 200, clientId: s2s.clientId },
    ]);
    expect(entries.every((e) => typeof e.durationMs === 'number' && e.durationMs >= 0)).toBe(true);
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => b - a));
  });

  it('lets a fault rule answer before routing, and logs the faulted request', async () => {
    // GIVEN a rule that fails the next token request with a 500
    const { app, s2s } = await setup();
    const rule = await app.request('/_emulator/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        match: { host: 'auth', path: '/v2/token' },
        action: { type: 'error', status: 500 },
        times: 1,
      }),
    });
    expect(rule.status).toBe(201);
    const body = { grant_type: 'client_credentials', client_id: s2s.clientId, client_secret: s2s.clientSecret };
    // WHEN the client asks twice
    const faulted = await tokenRequest(app, body);
    const after = await tokenRequest(app, body);
    // THEN the first gets the injected error and no token was issued for it; the second is routed
    expect(faulted.status).toBe(500);
    expect(await faulted.json()).toEqual({
      error: 'server_error',
      error_description: 'Internal Server Error',
      error_uri: ERROR_URI,
    });
    expect(after.status).toBe(200);
    const tokens = (await (await app.request('/_emulator/tokens')).json()) as { items: { clientId: string }[] };
    expect(tokens.items.filter((t) => t.clientId === s2s.clientId)).toHaveLength(1);
    expect((await log(app, 2)).map((e) => [e.status, e.clientId])).toEqual([
      [200, s2s.clientId],
      [500, undefined],
    ]);
  });
});
