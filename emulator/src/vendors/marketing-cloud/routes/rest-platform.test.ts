import { describe, expect, it } from 'vitest';
import { REST, setup, TSSD, tokenRequest } from '../testing/fixtures.js';

describe('REST platform routes', () => {
  it('names the calling client in the request log for tokenContext and both endpoints routes', async () => {
    // GIVEN a server-to-server token
    const { app, s2s } = await setup();
    const token = (await (
      await tokenRequest(app, {
        grant_type: 'client_credentials',
        client_id: s2s.clientId,
        client_secret: s2s.clientSecret,
      })
    ).json()) as { access_token: string };
    const auth = { headers: { authorization: `Bearer ${token.access_token}` } };
    // WHEN it calls the three platform routes
    for (const path of ['/platform/v1/tokenContext', '/platform/v1/endpoints', '/platform/v1/endpoints/soap']) {
      expect((await app.request(`${REST}${path}`, auth)).status).toBe(200);
    }
    // THEN each log entry carries the client id
    const log = (await (
      await app.request(`/_emulator/requests?host=${TSSD}.rest.marketingcloudapis.com&limit=3`)
    ).json()) as { items: { path: string; clientId?: string }[] };
    expect(log.items.map((e) => [e.path, e.clientId])).toEqual([
      ['/platform/v1/endpoints/soap', s2s.clientId],
      ['/platform/v1/endpoints', s2s.clientId],
      ['/platform/v1/tokencontext', s2s.clientId],
    ]);
  });
});
