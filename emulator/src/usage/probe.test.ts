/**
 * Probes (`x-grantform-probe`): a request carrying the header is served as usual but records no usage;
 * the same request without it is recorded. Through both vendors' token endpoints and API calls
 * (Marketing Cloud: client credentials, authorization code with its refresh token, a platform and a
 * data-extension REST call; Constant Contact: authorization code with its refresh token, a v3 call).
 */
import type { UsageExport } from '@grantform/config/usage';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../index.js';
import {
  API,
  basic,
  REDIRECT as CTCT_REDIRECT,
  authorize as ctctAuthorize,
  setupCtct,
  TOKEN,
} from '../vendors/constant-contact/test-fixtures.js';
import { AUTH, authorize, headless, REDIRECT, REST, setup, T0 } from '../vendors/marketing-cloud/testing/fixtures.js';
import { DISCARDED_USAGE, PROBE_HEADER, usageSink } from './probe.js';
import { UsageRecorder } from './recorder.js';

const PROBE = { [PROBE_HEADER]: 'verify' };
const usage = async (app: Emulator) => (await (await app.request('/_emulator/usage')).json()) as UsageExport;
const once = { count: 1, firstSeen: T0, lastSeen: T0 };

describe('usageSink', () => {
  it('is the recorder for a plain request and the discarding sink for a probe, whatever its value', () => {
    // GIVEN a recorder
    const recorder = new UsageRecorder('marketing-cloud');
    // WHEN the sinks of a plain request and of probes are taken
    // THEN the plain one is the recorder and the probes' the discarding sink
    expect(usageSink(new Request('http://localhost/'), recorder)).toBe(recorder);
    expect(usageSink(new Request('http://localhost/', { headers: PROBE }), recorder)).toBe(DISCARDED_USAGE);
    expect(usageSink(new Request('http://localhost/', { headers: { 'X-Grantform-Probe': '' } }), recorder)).toBe(
      DISCARDED_USAGE,
    );
    // AND the discarding sink records nothing
    DISCARDED_USAGE.token('a', '101', ['email_read'], 1000);
    expect(recorder.size).toBe(0);
  });
});

describe('Marketing Cloud', () => {
  /** A client-credentials token of the server-to-server client, a tokenContext and a rowset read with it. */
  const job = async (app: Emulator, s2s: { clientId: string; clientSecret?: string }, headers = {}) => {
    const res = await app.request(`${AUTH}/v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: s2s.clientId,
        client_secret: s2s.clientSecret,
      }),
    });
    expect(res.status).toBe(200);
    const bearer = { authorization: `Bearer ${((await res.json()) as { access_token: string }).access_token}` };
    const context = await app.request(`${REST}/platform/v1/tokenContext`, { headers: { ...bearer, ...headers } });
    expect(context.status).toBe(200);
    const rows = await app.request(`${REST}/data/v1/customobjectdata/key/orders/rowset`, {
      headers: { ...bearer, ...headers },
    });
    expect(rows.status).toBe(404);
  };

  it('records no token and no call of a probe; the same requests without the header are recorded', async () => {
    // GIVEN a seeded emulator
    const { app, s2s } = await setup();
    // WHEN the server-to-server client gets a token and makes two REST calls, every request a probe
    await job(app, s2s, PROBE);
    // THEN no usage is recorded
    expect((await usage(app)).integrations).toEqual([]);
    // WHEN it does the same without the header
    await job(app, s2s);
    // THEN the token, its business unit and scopes, and both calls are recorded once
    const [recorded, ...others] = (await usage(app)).integrations;
    expect(others).toEqual([]);
    expect(recorded).toMatchObject({
      clientId: s2s.clientId,
      address: 'acme/sync/api',
      tokens: once,
      businessUnits: [{ id: '100000001', ...once }],
    });
    expect(recorded?.scopes.map((s) => [s.scope, s.count])).toEqual([
      ['data_extensions_read', 1],
      ['data_extensions_write', 1],
      ['email_read', 1],
    ]);
    expect(recorded?.calls.map((c) => [c.call, c.grantedBy, c.count])).toEqual([
      ['REST GET /data/v1/customobjectdata/key/{key}/rowset', 'data_extensions_read', 1],
      ['REST GET /platform/v1/tokenContext', '', 1],
    ]);
  });

  it('records neither the token nor the refresh token (offline) of a probing authorization-code redemption', async () => {
    // GIVEN a seeded emulator and a code for the web app with offline
    const { app, web } = await setup();
    const redeem = async (headers: Record<string, string>) => {
      const url = await authorize(app, {
        client_id: web.clientId,
        redirect_uri: REDIRECT,
        scope: 'email_read offline',
        ...headless,
      });
      const res = await app.request(`${AUTH}/v2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({
          grant_type: 'authorization_code',
          code: url.searchParams.get('code'),
          client_id: web.clientId,
          client_secret: web.clientSecret,
          redirect_uri: REDIRECT,
        }),
      });
      return (await res.json()) as { refresh_token?: string };
    };
    // WHEN it is redeemed as a probe
    const probed = await redeem(PROBE);
    // THEN a refresh token is issued but nothing is recorded
    expect(typeof probed.refresh_token).toBe('string');
    expect((await usage(app)).integrations).toEqual([]);
    // WHEN a code is redeemed without the header
    await redeem({});
    // THEN the token and the refresh-token row (granted by offline) are recorded
    const [recorded] = (await usage(app)).integrations;
    expect([recorded?.clientId, recorded?.tokens.count]).toEqual([web.clientId, 1]);
    expect(recorded?.calls.map((c) => [c.call, c.grantedBy, c.count])).toEqual([
      ['AUTH POST /v2/token (refresh token)', 'offline', 1],
    ]);
  });
});

describe('Constant Contact', () => {
  it('records no token, refresh token or v3 call of a probe; the same without the header are recorded', async () => {
    // GIVEN a seeded emulator and the newsletter app
    const s = await setupCtct({ constantContact: { rateLimits: false } });
    const app = s.newsletter;
    const job = async (headers: Record<string, string>) => {
      const url = await ctctAuthorize(s.app, { client_id: app.apiKey, scope: 'account_read+offline_access' });
      const res = await s.app.request(
        `${TOKEN}?${new URLSearchParams({
          code: url.searchParams.get('code')!,
          redirect_uri: CTCT_REDIRECT,
          grant_type: 'authorization_code',
        })}`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            authorization: basic(app.apiKey, app.clientSecret!),
            ...headers,
          },
        },
      );
      expect(res.status).toBe(200);
      const token = (await res.json()) as { access_token: string; refresh_token?: string };
      expect(typeof token.refresh_token).toBe('string');
      const summary = await s.app.request(`${API}/v3/account/summary`, {
        headers: { authorization: `Bearer ${token.access_token}`, ...headers },
      });
      expect(summary.status).toBe(200);
    };
    // WHEN the app redeems a code (with offline_access) and reads the account summary, every request a probe
    await job(PROBE);
    // THEN no usage is recorded
    expect((await usage(s.app)).integrations).toEqual([]);
    // WHEN it does the same without the header
    await job({});
    // THEN the token, its account and both calls are recorded once
    const [recorded, ...others] = (await usage(s.app)).integrations;
    expect(others).toEqual([]);
    expect(recorded).toMatchObject({
      vendor: 'constant-contact',
      clientId: app.apiKey,
      tokens: { count: 1 },
      businessUnits: [{ id: s.bakery.encodedAccountId, count: 1 }],
    });
    expect(recorded?.calls.map((c) => [c.call, c.grantedBy, c.count])).toEqual([
      ['AUTH POST /oauth2/default/v1/token (refresh token)', 'offline_access', 1],
      ['V3 GET /account/summary', 'account_read', 1],
    ]);
  });
});
