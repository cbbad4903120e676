/**
 * The requirement table (`@grantform/config/scope-requirements`) and Constant Contact's v3
 * enforcement agree: every v3 route the emulator serves (outside the partner API, which a partner
 * token and API key guard, not a scope) has a row, and for every row a token lacking its scope gets
 * the 403 while a token holding it gets through; the usage recorder saw both.
 */
import { callName, SCOPE_REQUIREMENTS } from '@grantform/config/scope-requirements';
import type { UsageExport } from '@grantform/config/usage';
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../index.js';
import { CTCT_SCOPES } from './scopes.js';
import { API, type CtctSetup, REDIRECT, setupCtct, userTokens } from './test-fixtures.js';

const served = SCOPE_REQUIREMENTS.filter((r) => r.vendor === 'constant-contact' && r.api === 'v3' && r.served);
const ALL = CTCT_SCOPES.filter((s) => s !== 'billing_data');

type Call = (s: CtctSetup, token: string) => Response | Promise<Response>;
const call =
  (method: string, path: string, body?: unknown): Call =>
  (s, token) =>
    s.app.request(`${API}/v3${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
let seq = 0;
/** A contact created with a token holding every scope; returns its id. */
const contact = async (s: CtctSetup, full: string) => {
  const res = await call('POST', '/contacts', {
    email_address: { address: `c${++seq}@example.com` },
    create_source: 'Account',
  })(s, full);
  return ((await res.json()) as { contact_id: string }).contact_id;
};

/** How to call each served row and the status of a granted call; a row without one fails the test. */
const PROBES: Readonly<
  Record<
    string,
    { request: (s: CtctSetup, token: string, full: string) => Response | Promise<Response>; status: number }
  >
> = {
  'V3 GET /account/summary': { request: call('GET', '/account/summary'), status: 200 },
  'V3 PUT /account/summary': {
    request: call('PUT', '/account/summary', { website: 'https://b.example' }),
    status: 200,
  },
  'V3 GET /emails': { request: call('GET', '/emails'), status: 200 },
  'V3 POST /contacts': {
    request: (s, t) =>
      call('POST', '/contacts', { email_address: { address: `p${++seq}@example.com` }, create_source: 'Account' })(
        s,
        t,
      ),
    status: 201,
  },
  'V3 GET /contacts': { request: call('GET', '/contacts'), status: 200 },
  'V3 GET /contacts/{id}': {
    request: async (s, t, full) => call('GET', `/contacts/${await contact(s, full)}`)(s, t),
    status: 200,
  },
  'V3 DELETE /contacts/{id}': {
    request: async (s, t, full) => call('DELETE', `/contacts/${await contact(s, full)}`)(s, t),
    status: 204,
  },
};

describe('Constant Contact: the scope requirement table and the v3 enforcement agree', () => {
  it('has a row for every v3 route the emulator serves, and a probe for every row', () => {
    const prefix = '/~ctct/api/:style/v3';
    const routes = createEmulator()
      .routes.filter((r) => r.method !== 'ALL' && r.path.startsWith(prefix) && !r.path.startsWith(`${prefix}/partner`))
      .map((r) => `${r.method} ${r.path.slice(prefix.length)}`);
    const rows = served.map((r) => r.call.replace(/\{(\w+)\}/g, ':$1'));
    expect([...new Set(routes)].sort()).toEqual([...rows].sort());
    expect(Object.keys(PROBES).sort()).toEqual(served.map(callName).sort());
  });

  it('refuses each route without its scope and grants it with the scope', async () => {
    // GIVEN an application holding every application scope, and tokens for the bakery account
    const s = await setupCtct({ constantContact: { rateLimits: false } });
    const created = await s.app.request('/_emulator/ctct/applications', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'everything', redirectUris: [REDIRECT], scopes: ALL }),
    });
    const { apiKey, secret } = (await created.json()) as { apiKey: string; secret: string };
    const everything = { ...s.newsletter, apiKey, clientSecret: secret };
    const token = async (scopes: readonly string[]) =>
      (await userTokens(s, scopes.join('+'), 'bakery_owner', everything)).access_token;
    const full = await token(ALL);
    for (const row of served) {
      const probe = PROBES[callName(row)];
      if (probe === undefined) continue; // the test above fails
      // WHEN a token lacking the row's scope calls it
      const lacking = await token(ALL.filter((x) => !row.anyOf.includes(x)));
      const refused = await probe.request(s, lacking, full);
      // THEN 403 naming the scope
      expect([callName(row), refused.status, await refused.json()]).toEqual([
        callName(row),
        403,
        [
          {
            error_key: 'forbidden',
            error_message: `The access token does not include the scope required by this endpoint: ${row.anyOf.join(' or ')}.`,
          },
        ],
      ]);
      // AND with the scope alone it gets through
      for (const scope of row.anyOf) {
        const res = await probe.request(s, await token([scope]), full);
        expect([callName(row), scope, res.status]).toEqual([callName(row), scope, probe.status]);
      }
    }
    // AND the usage recorder holds each call, refused and granted by its scope
    const usage = (await (await s.app.request('/_emulator/usage')).json()) as UsageExport;
    const mine = usage.integrations.find((u) => u.clientId === apiKey);
    for (const row of served) {
      const calls = mine?.calls.filter((c) => c.call === callName(row)) ?? [];
      expect([callName(row), calls.some((c) => !c.granted), calls.some((c) => c.grantedBy === row.anyOf[0])]).toEqual([
        callName(row),
        true,
        true,
      ]);
    }
    expect(mine?.businessUnits.map((b) => b.id)).toEqual([s.bakery.encodedAccountId]);
  });

  it('issues a refresh token exactly when the token-endpoint row is satisfied', async () => {
    // GIVEN the table's served token-endpoint rows (one: the refresh token)
    const rows = SCOPE_REQUIREMENTS.filter((r) => r.vendor === 'constant-contact' && r.api === 'auth' && r.served);
    expect(rows.map(callName)).toEqual(['AUTH POST /oauth2/default/v1/token (refresh token)']);
    const s = await setupCtct({ constantContact: { rateLimits: false } });
    for (const row of rows) {
      // WHEN a grant without any of its scopes is redeemed
      const without = await userTokens(s, 'account_read+contact_data');
      // THEN no refresh token is issued
      expect([callName(row), 'refresh_token' in without]).toEqual([callName(row), false]);
      // AND with each of its scopes one is
      for (const scope of row.anyOf) {
        const granted = await userTokens(s, `account_read+${scope}`);
        expect([callName(row), scope, typeof granted.refresh_token]).toEqual([callName(row), scope, 'string']);
      }
      // AND the usage recorder holds the row, granted by exactly those scopes and never refused
      const usage = (await (await s.app.request('/_emulator/usage')).json()) as UsageExport;
      const calls = usage.integrations
        .find((u) => u.clientId === s.newsletter.apiKey)
        ?.calls.filter((c) => c.call === callName(row));
      expect(calls?.map((c) => [c.granted, c.grantedBy])).toEqual(row.anyOf.map((scope) => [true, scope]));
    }
  });
});
