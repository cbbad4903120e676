/**
 * The requirement table (`@grantform/config/scope-requirements`) and Marketing Cloud's enforcement
 * agree for every REST route and SOAP action the emulator serves (and the token endpoint's refresh-token
 * row, below): every served route has a row, and
 * for every row (and each of its cases) a token lacking the row's scopes is refused while a token
 * holding any one of them gets through; the usage recorder saw each call with the scope that granted it.
 */
import {
  alternativesOf,
  callName,
  SCOPE_REQUIREMENTS,
  type ScopeRequirement,
} from '@grantform/config/scope-requirements';
import type { UsageExport } from '@grantform/config/usage';
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../../index.js';
import { ERROR_HANDLING_DOC } from '../faults.js';
import { authorize, headless, REDIRECT, REST, setup, tokenRequest } from '../testing/fixtures.js';
import {
  adminJson,
  bearer,
  type InstanceSetup,
  instanceSetup,
  jsonPost,
  RESOURCE_SCOPES,
  SOAP,
} from '../testing/instance-fixtures.js';

const FORBIDDEN = {
  documentation: ERROR_HANDLING_DOC,
  errorcode: 20002,
  message: 'Insufficient privileges to complete this action.',
};

const served = SCOPE_REQUIREMENTS.filter(
  (r) => r.vendor === 'marketing-cloud' && r.served && (r.api === 'rest' || r.api === 'soap'),
);

/** One way to call a row: the request, for a case of the row (or its default). */
interface Probe {
  readonly case?: string;
  /** The status of a granted call. @default 200 */
  readonly status?: number;
  request(s: InstanceSetup, token: string): Response | Promise<Response>;
}

const get =
  (path: string): Probe['request'] =>
  (s, token) =>
    s.app.request(`${REST}${path}`, bearer(token));
const post =
  (path: string, body: unknown): Probe['request'] =>
  (s, token) =>
    s.app.request(`${REST}${path}`, jsonPost(token, body));
let seq = 0;
const unique = () => `k${++seq}`;

/** An asset of each case, created with a token holding every scope. */
async function assetOf(s: InstanceSetup, type: string): Promise<number> {
  const res = await s.app.request(
    `${REST}/asset/v1/content/assets`,
    jsonPost(await s.token(), { name: 'a', assetType: { id: 1, name: type } }),
  );
  return ((await res.json()) as { id: number }).id;
}

const retrieveBusinessUnits = (token: string) =>
  `<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Header><fueloauth xmlns="http://exacttarget.com">${token}</fueloauth></Header><Body><RetrieveRequestMsg xmlns="http://exacttarget.com/wsdl/partnerAPI"><RetrieveRequest><ObjectType>BusinessUnit</ObjectType><Properties>ID</Properties></RetrieveRequest></RetrieveRequestMsg></Body></Envelope>`;

/** How to call each served row; a row without probes fails the test below. */
const PROBES: Readonly<Record<string, readonly Probe[]>> = {
  'REST GET /platform/v1/tokenContext': [{ request: get('/platform/v1/tokenContext') }],
  'REST GET /platform/v1/endpoints': [{ request: get('/platform/v1/endpoints') }],
  'REST GET /platform/v1/endpoints/{type}': [{ request: get('/platform/v1/endpoints/soap') }],
  'REST POST /messaging/v1/email/messages': [
    {
      request: (s, t) =>
        post('/messaging/v1/email/messages', {
          definitionKey: 'welcome',
          recipients: [{ contactKey: 'c', messageKey: unique() }],
        })(s, t),
      status: 202,
    },
  ],
  'REST POST /messaging/v1/email/messages/{messageKey}': [
    {
      request: (s, t) =>
        post(`/messaging/v1/email/messages/${unique()}`, { definitionKey: 'welcome', recipient: { contactKey: 'c' } })(
          s,
          t,
        ),
      status: 202,
    },
  ],
  'REST GET /messaging/v1/email/messages/{messageKey}': [
    {
      request: async (s, t) => {
        const key = unique();
        await post(`/messaging/v1/email/messages/${key}`, { definitionKey: 'w', recipient: { contactKey: 'c' } })(
          s,
          await s.token(),
        );
        return get(`/messaging/v1/email/messages/${key}`)(s, t);
      },
    },
  ],
  'REST POST /data/v1/async/dataextensions/{ref}/rows': [
    { request: post('/data/v1/async/dataextensions/key:orders/rows', { items: [{ id: 1 }] }), status: 202 },
  ],
  'REST POST /hub/v1/dataevents/{ref}/rowset': [
    { request: post('/hub/v1/dataevents/key:orders/rowset', [{ keys: { id: 1 }, values: { total: 2 } }]) },
  ],
  'REST GET /data/v1/customobjectdata/key/{key}/rowset': [
    {
      request: async (s, t) => {
        await post('/hub/v1/dataevents/key:orders/rowset', [{ keys: { id: 1 } }])(s, await s.token());
        return get('/data/v1/customobjectdata/key/orders/rowset')(s, t);
      },
    },
  ],
  'REST POST /asset/v1/content/assets': [
    {
      case: 'documents-and-images',
      request: post('/asset/v1/content/assets', { name: 'l', assetType: { name: 'png' } }),
      status: 201,
    },
    {
      case: 'saved-content',
      request: post('/asset/v1/content/assets', { name: 'e', assetType: { name: 'htmlemail' } }),
      status: 201,
    },
  ],
  'REST GET /asset/v1/content/assets/{id}': [
    {
      case: 'documents-and-images',
      request: async (s, t) => get(`/asset/v1/content/assets/${await assetOf(s, 'png')}`)(s, t),
    },
    {
      case: 'saved-content',
      request: async (s, t) => get(`/asset/v1/content/assets/${await assetOf(s, 'htmlemail')}`)(s, t),
    },
    { request: get('/asset/v1/content/assets/999999'), status: 404 },
  ],
  'REST GET /asset/v1/content/assets': [{ request: get('/asset/v1/content/assets') }],
  'REST POST /contacts/v1/contacts': [{ request: post('/contacts/v1/contacts', { contactKey: 'alice' }) }],
  'REST GET /contacts/v1/contacts/{ref}': [
    {
      request: async (s, t) => {
        await post('/contacts/v1/contacts', { contactKey: 'bob' })(s, await s.token());
        return get('/contacts/v1/contacts/key:bob')(s, t);
      },
    },
  ],
  'SOAP Retrieve BusinessUnit': [
    {
      request: (s, t) =>
        s.app.request(`${SOAP}/Service.asmx`, {
          method: 'POST',
          headers: { 'content-type': 'text/xml', soapaction: 'Retrieve' },
          body: retrieveBusinessUnits(t),
        }),
    },
  ],
};

const hono = (path: string) => path.replace(/\{(\w+)\}/g, ':$1').toLowerCase();

describe('Marketing Cloud: the scope requirement table and the enforcement agree', () => {
  it('has a row for every REST route and SOAP endpoint the emulator serves, and a probe for every row', () => {
    // GIVEN the routes an emulator registers on the REST and SOAP hosts
    const app = createEmulator();
    const mounted = (prefix: string) =>
      app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith(prefix))
        .map((r) => `${r.method} ${r.path.slice(prefix.length).toLowerCase()}`);
    const rest = [...new Set(mounted('/~rest/:tssd/:style'))].sort();
    // WHEN they are set against the table's served rows
    const rows = served
      .filter((r) => r.api === 'rest')
      .map((r) => {
        const [method, path = ''] = r.call.split(' ');
        return `${method} ${hono(path)}`;
      });
    // THEN each served route has exactly one row and each row a route; SOAP is one endpoint
    expect(rest).toEqual([...rows].sort());
    expect([...new Set(mounted('/~soap/:tssd/:style'))]).toEqual(['POST /service.asmx']);
    expect(Object.keys(PROBES).sort()).toEqual(served.map(callName).sort());
  });

  for (const row of served) {
    it(`${callName(row)}: ${row.anyOf.length === 0 ? 'any valid token' : `needs ${row.anyOf.join(' or ')}`}`, async () => {
      const s = await instanceSetup();
      for (const probe of PROBES[callName(row)] ?? []) {
        const alternatives = alternativesOf(row, probe.case);
        const what = `${callName(row)}${probe.case === undefined ? '' : ` (${probe.case})`}`;
        // GIVEN a token holding every other resource scope (or none, for a call that needs none)
        const others = RESOURCE_SCOPES.filter((x) => !alternatives.includes(x));
        const lacking = await s.token(alternatives.length === 0 ? '' : others.join(' '));
        // WHEN it makes the call
        const refused = await probe.request(s, lacking);
        // THEN it is refused exactly when the row names a scope
        if (alternatives.length > 0) {
          expect(refused.status, what).toBe(403);
          expect(await refused.json(), what).toEqual(FORBIDDEN);
        } else {
          expect(refused.status, what).toBeLessThan(300);
        }
        // AND a token holding any one of the alternatives gets through
        for (const scope of alternatives) {
          const res = await probe.request(s, await s.token(scope));
          expect(res.status, `${what} with ${scope}`).toBe(probe.status ?? 200);
        }
      }
      // AND the usage recorder saw the call, refused and granted, with the scope that granted it
      const usage = await adminJson<UsageExport>(s.app, 'GET', '/usage');
      const calls = usage.integrations.find((u) => u.clientId === s.full.clientId)?.calls ?? [];
      const mine = calls.filter((c) => c.call === callName(row));
      const grantedBy = [...new Set(mine.filter((c) => c.granted).map((c) => c.grantedBy))].sort();
      const expected = row.anyOf.length === 0 ? [''] : [...new Set(expectedGrants(row))].sort();
      expect(grantedBy).toEqual(expected);
      expect(mine.some((c) => !c.granted)).toBe(row.anyOf.length > 0);
    });
  }
});

describe('Marketing Cloud: the token-endpoint row and the refresh tokens issued agree', () => {
  it('issues a refresh token exactly when the row is satisfied, and records it', async () => {
    // GIVEN the table's served token-endpoint rows (one: the refresh token) and a web app holding offline
    const rows = SCOPE_REQUIREMENTS.filter((r) => r.vendor === 'marketing-cloud' && r.api === 'auth' && r.served);
    expect(rows.map(callName)).toEqual(['AUTH POST /v2/token (refresh token)']);
    const { app, web } = await setup();
    const redeem = async (scope: string) => {
      const code = (await authorize(app, { client_id: web.clientId, scope, ...headless })).searchParams.get('code');
      const res = await tokenRequest(app, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        client_id: web.clientId,
        client_secret: web.clientSecret,
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { refresh_token?: string };
    };
    for (const row of rows) {
      // WHEN a grant without any of its scopes is redeemed
      // THEN no refresh token is issued
      expect([callName(row), 'refresh_token' in (await redeem('email_read'))]).toEqual([callName(row), false]);
      // AND with each of its scopes one is
      for (const scope of row.anyOf) {
        const body = await redeem(`email_read ${scope}`);
        expect([callName(row), scope, typeof body.refresh_token]).toEqual([callName(row), scope, 'string']);
      }
      // AND the usage recorder holds the row, granted by exactly those scopes and never refused
      const usage = await adminJson<UsageExport>(app, 'GET', '/usage');
      const calls = usage.integrations
        .find((u) => u.clientId === web.clientId)
        ?.calls.filter((c) => c.call === callName(row));
      expect(calls?.map((c) => [c.granted, c.grantedBy])).toEqual(row.anyOf.map((scope) => [true, scope]));
    }
  });
});

/** Every alternative of every probe of the row (what the granted calls were let through by). */
function expectedGrants(row: ScopeRequirement): string[] {
  return (PROBES[callName(row)] ?? []).flatMap((p) => [...alternativesOf(row, p.case)]);
}
