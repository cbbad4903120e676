/**
 * @module
 * Fuzz drill: seeded malformed requests at a real emulator process (`grantform emulator`, seeded with
 * every vendor's integrations) over the routes a hostile or broken client reaches: SFMC `/v2/token`,
 * `/v2/authorize` with its login and consent steps, SOAP `Service.asmx`, the admin API (`/_emulator/*`),
 * and Constant Contact's token and authorize endpoints. Requests are built from valid ones by mutation
 * (fields dropped, retyped, repeated or swapped for junk; prototype-named keys; bad JSON, forms and
 * percent-encoding; wrong content types; oversized bodies; XXE and entity expansion in SOAP; foreign
 * Host and Origin headers on the admin API), by path style and by vendor host name.
 *
 * Every answer is checked: no 5xx except SOAP faults (HTTP 500 with a `soap:Fault`, the SOAP norm), no
 * stack trace, no secret (client secrets, JWT signing secrets, private key material of the emulator's
 * signing keys), and an answer at all. Afterwards the process must still answer: health, and a real
 * token for a real client. The same seed sends the same requests.
 */

import { rawRequest } from '../../emulator/src/testing/raw-http.js';
import { CTCT_HOSTS } from '../../emulator/src/vendors/constant-contact/hosts.js';
import { type DrillCredentials, withSeededEmulator } from './emulator-process.js';
import { createRandom, type Random } from './random.js';

export type FuzzFamily = 'token' | 'authorize' | 'login' | 'soap' | 'admin' | 'ctct-token' | 'ctct-authorize';

const FAMILIES: readonly FuzzFamily[] = [
  'token',
  'authorize',
  'login',
  'soap',
  'admin',
  'ctct-token',
  'ctct-authorize',
];

export interface FuzzOptions {
  /** Requests to send. */
  readonly requests: number;
  readonly seed: number;
  /** Requests in flight at once. @default 4 */
  readonly concurrency?: number;
  readonly log?: (line: string) => void;
}

/** One request that broke a rule. */
export interface FuzzFailure {
  readonly family: FuzzFamily;
  readonly method: string;
  readonly path: string;
  readonly status: number | null;
  readonly reason: string;
  /** The start of the answer, for the report. */
  readonly body: string;
}

export interface FuzzResult {
  readonly seed: number;
  readonly requests: number;
  readonly durationMs: number;
  /** Per family: requests sent and the statuses answered. */
  readonly byFamily: Record<FuzzFamily, { requests: number; statuses: Record<string, number> }>;
  /** HTTP 500 answers that are SOAP faults (allowed). */
  readonly soapFaults: number;
  readonly failures: readonly FuzzFailure[];
  /** After the run: health answered 200 and a real client got a token. */
  readonly answeringAfterwards: boolean;
}

interface FuzzRequest {
  readonly family: FuzzFamily;
  readonly method: string;
  /** Path on the emulator's base URL. */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** What the generators know about the seeded emulator. */
interface Target {
  readonly tssd: string;
  readonly port: string;
  readonly s2s: { clientId: string; clientSecret: string };
  readonly web: { clientId: string; clientSecret: string; redirectUri: string };
  readonly spa: { clientId: string; redirectUri: string };
  readonly ctct: { apiKey: string; secret: string; redirectUri: string };
  readonly packageIds: readonly string[];
  /** A valid access token (SOAP requests use it some of the time). */
  readonly accessToken: string;
  /** A real login in progress (some login and consent requests use it, until one ends it). */
  readonly interaction: string;
}

// ── junk ──────────────────────────────────────────────────────────────────────

const JUNK_STRINGS = [
  '',
  ' ',
  'a',
  'null',
  'undefined',
  'true',
  '0',
  '-1',
  '1e309',
  'NaN',
  '__proto__',
  'constructor',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '%',
  '%zz',
  '%E0%A4%A',
  '%00',
  '\u0000',
  '\ud800',
  '🙂',
  'a\r\nSet-Cookie: x=1',
  '{{7*7}}',
  '$' + '{jndi:ldap://x}', // a log4j-style lookup, as text
  'mc563885gzs27c5t9-63k636ttgm',
  'https://evil.example.com/cb',
  'urn:ietf:params:oauth:grant-type:jwt-bearer',
  'client_credentials',
  'authorization_code',
  'refresh_token',
];
const PROTO_KEYS = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'prototype'];

function junk(r: Random): string {
  if (r.chance(0.08)) return r.pick(['x', '€', '%']).repeat(r.int(100, 5000));
  if (r.chance(0.1)) return String.fromCharCode(...Array.from({ length: r.int(1, 40) }, () => r.int(0, 0xffff)));
  return r.pick(JUNK_STRINGS);
}

function jsonValue(r: Random, depth = 0): unknown {
  const k = r.int(0, depth > 2 ? 4 : 7);
  switch (k) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick([0, -1, 1.5, 2 ** 53 + 1, 1e308, 100_000_001, 100_000_002]);
    case 3:
    case 4:
      return junk(r);
    case 5:
      return Array.from({ length: r.int(0, 3) }, () => jsonValue(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(0, 3); i > 0; i--) o[r.chance(0.3) ? r.pick(PROTO_KEYS) : junk(r)] = jsonValue(r, depth + 1);
      return o;
    }
  }
}

/** Drops, retypes or adds fields of a valid parameter set. */
function mutate(r: Random, base: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  const keys = Object.keys(out);
  for (let n = r.int(0, 3); n > 0; n--) {
    const op = r.int(0, 3);
    const key = keys.length > 0 ? r.pick(keys) : 'x';
    if (op === 0) delete out[key];
    else if (op === 1) out[key] = jsonValue(r);
    else if (op === 2) out[r.chance(0.5) ? r.pick(PROTO_KEYS) : junk(r)] = jsonValue(r);
    else out[key] = junk(r);
  }
  return out;
}

/** A header value Node's client will send (the junk list has control characters). */
const headerSafe = (s: string): string => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');

/** `encodeURIComponent` that survives lone surrogates (raw bad percent-encoding comes from the junk list instead). */
const enc = (s: string): string => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'));

function formOf(r: Random, params: Record<string, unknown>): string {
  const pairs: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    const value = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
    pairs.push(`${enc(k)}=${enc(value)}`);
    if (r.chance(0.05)) pairs.push(`${enc(k)}=${enc(junk(r))}`); // repeated
  }
  if (r.chance(0.05)) pairs.push(r.pick(['%zz=1', '=', '&&&', 'a=%E0%A4%A', `${r.pick(PROTO_KEYS)}=1`]));
  return pairs.join('&');
}

/** A body for a parameter set: JSON, a form, or something broken, with a matching or wrong content type. */
function bodyOf(r: Random, params: Record<string, unknown>): { body: string; headers: Record<string, string> } {
  const kind = r.int(0, 9);
  if (kind <= 4)
    return {
      body: JSON.stringify(params),
      headers: {
        'content-type': r.pick([
          'application/json',
          'application/json; charset=utf-8',
          'text/plain',
          'application/x-www-form-urlencoded',
        ]),
      },
    };
  if (kind <= 7)
    return {
      body: formOf(r, params),
      headers: {
        'content-type': r.pick([
          'application/x-www-form-urlencoded',
          'application/json',
          'multipart/form-data; boundary=x',
        ]),
      },
    };
  if (kind === 8) {
    const text = JSON.stringify(params);
    return { body: text.slice(0, r.int(0, text.length)), headers: { 'content-type': 'application/json' } };
  }
  return {
    body: r.pick([
      '',
      '[]',
      '"x"',
      '1',
      'null',
      `${'['.repeat(5000)}${']'.repeat(5000)}`,
      'x'.repeat(70_000),
      '\u0000\u0001',
    ]),
    headers: r.chance(0.5) ? { 'content-type': 'application/json' } : {},
  };
}

function query(r: Random, params: Record<string, unknown>): string {
  return r.chance(0.1) ? r.pick(['%zz', 'a=%E0%A4%A', '&&', '=x', 'client_id']) : formOf(r, params);
}

// ── generators, one per family ────────────────────────────────────────────────

function tokenRequest(r: Random, t: Target): FuzzRequest {
  const valid: Record<string, unknown>[] = [
    { grant_type: 'client_credentials', client_id: t.s2s.clientId, client_secret: t.s2s.clientSecret },
    {
      grant_type: 'client_credentials',
      client_id: t.s2s.clientId,
      client_secret: t.s2s.clientSecret,
      account_id: 100_000_002,
      scope: 'email_read',
    },
    {
      grant_type: 'authorization_code',
      code: junk(r),
      client_id: t.web.clientId,
      client_secret: t.web.clientSecret,
      redirect_uri: t.web.redirectUri,
    },
    { grant_type: 'refresh_token', refresh_token: junk(r), client_id: t.spa.clientId },
    {
      grant_type: 'authorization_code',
      code: junk(r),
      client_id: t.spa.clientId,
      code_verifier: junk(r),
      redirect_uri: t.spa.redirectUri,
    },
  ];
  const { body, headers } = bodyOf(r, mutate(r, r.pick(valid)));
  const at = vendorAt(r, t, 'auth', '/v2/token');
  const method = r.chance(0.95) ? 'POST' : r.pick(['GET', 'PUT', 'DELETE']);
  return { family: 'token', method, path: at.path, headers: { ...headers, ...at.host }, body };
}

function authorizeRequest(r: Random, t: Target): FuzzRequest {
  const client = r.pick([t.web, t.spa]);
  const base = {
    response_type: r.chance(0.8) ? 'code' : junk(r),
    client_id: r.chance(0.85) ? client.clientId : junk(r),
    redirect_uri: r.chance(0.85) ? client.redirectUri : junk(r),
    scope: r.pick(['email_read', 'email_read offline', '', junk(r)]),
    state: r.chance(0.1) ? 'x'.repeat(r.int(2040, 2100)) : junk(r),
    ...(r.chance(0.3) ? { code_challenge: junk(r), code_challenge_method: r.pick(['S256', 'plain', junk(r)]) } : {}),
    ...(r.chance(0.2) ? { login_hint: 'admin@acme', grantform_auto_approve: '1' } : {}),
  };
  const at = vendorAt(r, t, 'auth', `/v2/authorize?${query(r, mutate(r, base))}`);
  return { family: 'authorize', method: 'GET', path: at.path, headers: at.host };
}

function loginRequest(r: Random, t: Target): FuzzRequest {
  const step = r.pick(['/v2/authorize/login', '/v2/authorize/consent']);
  const fields = mutate(r, {
    interaction: r.chance(0.3) ? t.interaction : junk(r),
    username: r.pick(['admin@acme', junk(r)]),
    password: r.pick(['grantform', junk(r)]),
    decision: r.pick(['approve', 'deny', junk(r)]),
  });
  const body = r.chance(0.85) ? formOf(r, fields) : junk(r);
  const at = vendorAt(r, t, 'auth', step);
  const type = r.pick(['application/x-www-form-urlencoded', 'multipart/form-data; boundary=zz', 'text/plain']);
  return { family: 'login', method: 'POST', path: at.path, headers: { 'content-type': type, ...at.host }, body };
}

const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

function soapRequest(r: Random, t: Target): FuzzRequest {
  const token = r.chance(0.5) ? t.accessToken : junk(r);
  const objectType = r.pick(['BusinessUnit', 'Account', 'DataExtension', junk(r)]);
  const properties = Array.from(
    { length: r.int(0, 4) },
    () => `<Properties>${r.pick(['ID', 'Name', 'ParentID', junk(r)])}</Properties>`,
  ).join('');
  const valid = `<Envelope xmlns="${SOAP_NS}"><Header><fueloauth xmlns="http://exacttarget.com">${token}</fueloauth></Header><Body><RetrieveRequestMsg xmlns="http://exacttarget.com/wsdl/partnerAPI"><RetrieveRequest><ObjectType>${objectType}</ObjectType>${properties}${r.chance(0.3) ? '<QueryAllAccounts>true</QueryAllAccounts>' : ''}${r.chance(0.2) ? `<ClientIDs><ID>${r.pick(['100000002', junk(r)])}</ID></ClientIDs>` : ''}</RetrieveRequest></RetrieveRequestMsg></Body></Envelope>`;
  const kind = r.int(0, 9);
  let body: string;
  if (kind <= 3) body = valid;
  else if (kind === 4) body = valid.slice(0, r.int(0, valid.length));
  else if (kind === 5)
    body = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${valid.replace('<ObjectType>', '<ObjectType>&e;')}`;
  else if (kind === 6) {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    body = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY l0 "lol">${lol}]><Envelope xmlns="${SOAP_NS}"><Body>&l9;</Body></Envelope>`;
  } else if (kind === 7)
    body = valid.replace('RetrieveRequestMsg', r.pick(['CreateRequest', 'DeleteRequest', 'Foo', '']));
  else if (kind === 8) body = `<Envelope xmlns="${SOAP_NS}">${'<a>'.repeat(r.int(10, 3000))}`;
  else body = junk(r);
  const at = vendorAt(r, t, 'soap', r.pick(['/Service.asmx', '/service.asmx', '/Service.asmx?wsdl']));
  return {
    family: 'soap',
    method: r.chance(0.95) ? 'POST' : 'GET',
    path: at.path,
    headers: {
      'content-type': r.pick(['text/xml', 'text/xml; charset=utf-8', 'application/soap+xml', 'application/json']),
      ...(r.chance(0.7) ? { soapaction: headerSafe(r.pick(['Retrieve', 'Create', junk(r)])) } : {}),
      ...at.host,
    },
    body,
  };
}

/** Admin routes to fuzz. Left out on purpose: reset, fault rules, secret rotation (they would change what the other families test). */
const ADMIN_PATHS = [
  '/health',
  '/clock',
  '/seed',
  '/requests?limit={junk}&status={junk}',
  '/tokens',
  '/tenants',
  '/tenants/{tssd}',
  '/tenants/{junk}',
  '/tenants/{tssd}/packages',
  '/tenants/{tssd}/users',
  '/packages/{pkg}',
  '/packages/{junk}',
  '/packages/{pkg}/integration',
  '/packages/{pkg}/app',
  '/packages/{junk}/installations/{junk}',
  '/packages/{pkg}/app/launch',
  '/settings',
  '/keys',
  '/keys/{junk}',
  '/snapshot',
  '/snapshot?include={junk}',
  '/propagation',
  '/openapi.json',
  '/console',
  '/console/tokens?state={junk}',
  '/console/clock',
  '/ctct/applications',
  '/ctct/applications/{junk}',
  '/ctct/accounts?partner={junk}',
  '/ctct/settings',
  '/{junk}',
];

function adminRequest(r: Random, t: Target): FuzzRequest {
  const template = r.pick(ADMIN_PATHS);
  const path = `/_emulator${template
    .replaceAll('{tssd}', t.tssd)
    .replaceAll('{pkg}', r.pick(t.packageIds))
    .replaceAll('{junk}', () => enc(junk(r)).slice(0, 300))}`;
  // Reads of real resources, and changes only with bodies that are junk or mutated (never a reset).
  const method = r.pick(['GET', 'GET', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']);
  const safeToChange = !template.includes('{pkg}') || method === 'PATCH' || method === 'PUT';
  const headers: Record<string, string> = {};
  if (r.chance(0.15))
    headers.host = r.pick([
      `attacker.example:${t.port}`,
      `localhost:${t.port}`,
      `[::1]:${t.port}`,
      'localhost:1',
      headerSafe(junk(r).slice(0, 50)) || 'x',
    ]);
  if (r.chance(0.15))
    headers.origin = r.pick([
      'http://attacker.example',
      'null',
      `http://localhost:${t.port}`,
      headerSafe(junk(r).slice(0, 50)),
    ]);
  if (r.chance(0.05)) headers['sec-fetch-site'] = r.pick(['cross-site', 'same-site', 'same-origin', 'none']);
  let body: string | undefined;
  if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS' && r.chance(0.85)) {
    const b = bodyOf(
      r,
      mutate(r, {
        name: junk(r),
        type: r.pick(['server-to-server', 'web-app', junk(r)]),
        scopes: [junk(r)],
        advanceSeconds: jsonValue(r),
        version: r.pick([1, 2, 3]),
      }),
    );
    body = b.body.length > 65_536 ? b.body.slice(0, 65_536) : b.body;
    Object.assign(headers, b.headers);
  }
  return {
    family: 'admin',
    method: safeToChange ? method : 'GET',
    path,
    headers,
    ...(safeToChange && body !== undefined ? { body } : {}),
  };
}

const CTCT_AUTHZ = Object.entries(CTCT_HOSTS).find(([, kind]) => kind === 'authz')![0];

function ctctTokenRequest(r: Random, t: Target): FuzzRequest {
  const params = mutate(
    r,
    r.pick([
      { grant_type: 'authorization_code', code: junk(r), redirect_uri: t.ctct.redirectUri },
      { grant_type: 'refresh_token', refresh_token: junk(r) },
      { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: junk(r), client_id: t.ctct.apiKey },
      { grant_type: junk(r) },
    ]),
  );
  const auth = r.pick([
    `Basic ${Buffer.from(`${t.ctct.apiKey}:${t.ctct.secret}`).toString('base64')}`,
    `Basic ${Buffer.from(`${t.ctct.apiKey}:wrong`).toString('base64')}`,
    'Basic %%%',
    'Basic ',
    `Basic ${Buffer.from(junk(r)).toString('base64')}`,
    headerSafe(`Basic ${junk(r)}`),
    'Bearer x',
    '',
  ]);
  const inQuery = r.chance(0.5);
  return {
    family: 'ctct-token',
    method: 'POST',
    path: `/${CTCT_AUTHZ}/oauth2/default/v1/${r.pick(['token', 'token', 'device/authorize'])}${inQuery ? `?${query(r, params)}` : ''}`,
    headers: {
      'content-type': r.pick(['application/x-www-form-urlencoded', 'application/json', 'text/plain']),
      ...(auth ? { authorization: auth } : {}),
    },
    ...(inQuery ? (r.chance(0.2) ? { body: junk(r) } : {}) : { body: formOf(r, params) }),
  };
}

function ctctAuthorizeRequest(r: Random, t: Target): FuzzRequest {
  const params = mutate(r, {
    response_type: r.pick(['code', 'token', junk(r)]),
    client_id: r.chance(0.85) ? t.ctct.apiKey : junk(r),
    redirect_uri: r.chance(0.85) ? t.ctct.redirectUri : junk(r),
    scope: r.pick(['account_read', 'account_read+contact_data', junk(r)]),
    state: r.chance(0.9) ? junk(r) || 's' : 'x'.repeat(2100),
    ...(r.chance(0.3) ? { code_challenge: junk(r), code_challenge_method: 'S256' } : {}),
    ...(r.chance(0.2) ? { login_hint: 'bakery_owner', grantform_auto_approve: '1' } : {}),
  });
  if (r.chance(0.2)) {
    return {
      family: 'ctct-authorize',
      method: 'POST',
      path: `/${CTCT_AUTHZ}/oauth2/default/v1/authorize/login`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: formOf(
        r,
        mutate(r, { interaction: junk(r), username: 'bakery_owner', password: junk(r), decision: 'allow' }),
      ),
    };
  }
  return {
    family: 'ctct-authorize',
    method: 'GET',
    path: `/${CTCT_AUTHZ}/oauth2/default/v1/authorize?${query(r, params)}`,
    headers: {},
  };
}

/** A tenant host reached by path (`/{tssd}.auth.marketingcloudapis.com/…`) or, sometimes, by its name in `Host`. */
function vendorAt(
  r: Random,
  t: Target,
  kind: 'auth' | 'soap',
  path: string,
): { path: string; host: Record<string, string> } {
  const name = `${t.tssd}.${kind}.marketingcloudapis.com`;
  return r.chance(0.15) ? { path, host: { host: name } } : { path: `/${name}${path}`, host: {} };
}

const GENERATORS: Record<FuzzFamily, (r: Random, t: Target) => FuzzRequest> = {
  token: tokenRequest,
  authorize: authorizeRequest,
  login: loginRequest,
  soap: soapRequest,
  admin: adminRequest,
  'ctct-token': ctctTokenRequest,
  'ctct-authorize': ctctAuthorizeRequest,
};

// ── checks ────────────────────────────────────────────────────────────────────

const STACK_TRACE = /\n\s+at [^\n]*[(:]|node:internal|\.ts:\d+:\d+|\/work\/|file:\/\//;

/** The reasons an answer breaks the rules (empty when it does not). */
export function checkAnswer(
  family: FuzzFamily,
  status: number,
  body: string,
  secrets: readonly string[],
): { reasons: string[]; soapFault: boolean } {
  const reasons: string[] = [];
  const soapFault = family === 'soap' && status === 500 && body.includes('<soap:Fault>');
  if (status >= 500 && !soapFault) reasons.push(`HTTP ${status}`);
  if (STACK_TRACE.test(body)) reasons.push('a stack trace or file path in the body');
  for (const secret of secrets) if (body.includes(secret)) reasons.push('a secret in the body');
  return { reasons, soapFault };
}

/** Collects every secret the emulator holds, as the full snapshot and the credentials file show them. */
async function secretsOf(url: string, creds: DrillCredentials): Promise<string[]> {
  const snapshot = JSON.parse((await rawRequest(`${url}/_emulator/snapshot?include=keys`)).body) as {
    store: { tenants: { packages: { jwtSigningSecret: string }[] }[] };
    control: { keys: { keys: { key: { jwk: Record<string, unknown> } }[] } };
    constantContact?: { signingKey: { jwk: Record<string, unknown> } | null };
  };
  const privateParts = (jwk: Record<string, unknown>) =>
    ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'].map((m) => jwk[m]).filter((v): v is string => typeof v === 'string');
  const secrets = [
    ...creds.credentials.map((c) => c.clientSecret),
    ...(creds.constantContact?.applications.map((a) => a.clientSecret) ?? []),
    ...(creds.constantContact?.partners.map((p) => p.partnerSecret) ?? []),
    ...(creds.constantContact?.accounts.map((a) => a.password) ?? []),
    ...snapshot.store.tenants.flatMap((t) => t.packages.map((p) => p.jwtSigningSecret)),
    ...snapshot.control.keys.keys.flatMap((k) => privateParts(k.key.jwk)),
    ...(snapshot.constantContact?.signingKey ? privateParts(snapshot.constantContact.signingKey.jwk) : []),
  ];
  return [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 16))];
}

async function clientCredentials(
  url: string,
  t: Pick<Target, 'tssd' | 's2s'>,
): Promise<{ status: number; token: string | undefined }> {
  const res = await rawRequest(`${url}/${t.tssd}.auth.marketingcloudapis.com/v2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: t.s2s.clientId,
      client_secret: t.s2s.clientSecret,
    }),
  });
  const token = res.status === 200 ? (JSON.parse(res.body) as { access_token: string }).access_token : undefined;
  return { status: res.status, token };
}

/** Builds the request list for a seed (deterministic: the same seed and target give the same requests). */
export function fuzzRequests(seed: number, count: number, t: Target): FuzzRequest[] {
  const r = createRandom(seed);
  return Array.from({ length: count }, () => {
    const req = GENERATORS[r.pick(FAMILIES)](r, t);
    // Past Node's 16 KB header limit its HTTP parser answers 431 before the emulator sees anything
    // (and a request interceptor in the test process may never read that answer): the drill tests the
    // emulator, so request targets are cut to 8 KB. Long bodies stay.
    return req.path.length <= MAX_TARGET ? req : { ...req, path: req.path.slice(0, MAX_TARGET) };
  });
}

/** Longest request target sent (see {@link fuzzRequests}). */
const MAX_TARGET = 8000;

/** Runs the fuzz drill against a fresh seeded emulator process, which it stops afterwards. */
export async function fuzzDrill(o: FuzzOptions): Promise<FuzzResult> {
  return withSeededEmulator(
    () => ['--headless'],
    async ({ emulator, creds }) => {
      const by = (type: string) => creds.credentials.find((c) => c.type === type)!;
      const [s2s, web, spa] = [by('server-to-server'), by('web-app'), by('public-app')];
      const newsletter = creds.constantContact!.applications.find((a) => a.address === 'ctct/apps/newsletter')!;
      const packages = JSON.parse(
        (await rawRequest(`${emulator.url}/_emulator/tenants/${s2s.subdomain}/packages`)).body,
      ) as {
        items: { id: string }[];
      };
      const base: Omit<Target, 'accessToken' | 'interaction'> = {
        tssd: s2s.subdomain,
        port: new URL(emulator.url).port,
        s2s: { clientId: s2s.clientId, clientSecret: s2s.clientSecret! },
        web: { clientId: web.clientId, clientSecret: web.clientSecret!, redirectUri: web.redirectUris[0]! },
        spa: { clientId: spa.clientId, redirectUri: spa.redirectUris[0]! },
        ctct: { apiKey: newsletter.apiKey, secret: newsletter.clientSecret!, redirectUri: newsletter.redirectUris[0]! },
        packageIds: packages.items.map((p) => p.id),
      };
      const first = await clientCredentials(emulator.url, base);
      if (!first.token) throw new Error(`the seeded client got no token (${first.status})`);
      const loginPage = await rawRequest(
        `${emulator.url}/${base.tssd}.auth.marketingcloudapis.com/v2/authorize?${new URLSearchParams({ response_type: 'code', client_id: base.web.clientId, redirect_uri: base.web.redirectUri })}`,
      );
      const interaction = /name="interaction" value="([^"]+)"/.exec(loginPage.body)?.[1];
      if (!interaction) throw new Error(`no login page (${loginPage.status})`);
      const target: Target = { ...base, accessToken: first.token, interaction };
      const secrets = await secretsOf(emulator.url, creds);
      const list = fuzzRequests(o.seed, o.requests, target);
      const byFamily = Object.fromEntries(
        FAMILIES.map((f) => [f, { requests: 0, statuses: {} }]),
      ) as FuzzResult['byFamily'];
      const failures: FuzzFailure[] = [];
      let soapFaults = 0;
      let next = 0;
      const started = performance.now();
      const worker = async () => {
        while (next < list.length) {
          const req = list[next++]!;
          const entry = byFamily[req.family];
          entry.requests++;
          let status: number | null = null;
          let body = '';
          let reasons: string[];
          try {
            const res = await rawRequest(`${emulator.url}${req.path}`, {
              method: req.method,
              headers: req.headers,
              ...(req.body === undefined ? {} : { body: req.body }),
              timeoutMs: 15_000,
            });
            status = res.status;
            body = res.body;
            const checked = checkAnswer(req.family, res.status, res.body, secrets);
            reasons = checked.reasons;
            if (checked.soapFault) soapFaults++;
          } catch (err) {
            reasons = [`no answer: ${(err as Error).message}`];
          }
          const key = status === null ? 'none' : String(status);
          entry.statuses[key] = (entry.statuses[key] ?? 0) + 1;
          for (const reason of reasons) {
            failures.push({
              family: req.family,
              method: req.method,
              path: req.path.slice(0, 200),
              status,
              reason,
              body: body.slice(0, 300),
            });
          }
        }
      };
      await Promise.all(Array.from({ length: o.concurrency ?? 4 }, worker));
      const durationMs = performance.now() - started;
      const health = await rawRequest(`${emulator.url}/_emulator/health`).catch(() => ({ status: 0 }));
      const after = await clientCredentials(emulator.url, target).catch(() => ({ status: 0 }));
      const answeringAfterwards = health.status === 200 && after.status === 200 && emulator.child.exitCode === null;
      const result: FuzzResult = {
        seed: o.seed,
        requests: list.length,
        durationMs,
        byFamily,
        soapFaults,
        failures,
        answeringAfterwards,
      };
      o.log?.(formatFuzz(result));
      return result;
    },
  );
}

/** The drill's figures as report lines. */
export function formatFuzz(r: FuzzResult): string {
  const families = FAMILIES.map((f) => {
    const { requests, statuses } = r.byFamily[f];
    const parts = Object.entries(statuses)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    return `    ${f.padEnd(15)} ${String(requests).padStart(6)}  ${parts}`;
  });
  const count = (re: RegExp) => r.failures.filter((f) => re.test(f.reason)).length;
  return [
    `  fuzz: ${r.requests} requests, seed ${r.seed}, ${(r.durationMs / 1000).toFixed(1)} s`,
    ...families,
    `    non-SOAP 5xx: ${count(/^HTTP 5/)}, SOAP faults (HTTP 500, allowed): ${r.soapFaults}, stack traces: ${count(/stack trace/)}, secrets echoed: ${count(/secret/)}, no answer: ${count(/^no answer/)}`,
    `    answering afterwards: ${r.answeringAfterwards ? 'yes' : 'NO'}`,
    ...r.failures
      .slice(0, 10)
      .map(
        (f) =>
          `    ✗ ${f.family} ${f.method} ${f.path} → ${f.status ?? '-'}: ${f.reason} ${JSON.stringify(f.body.slice(0, 120))}`,
      ),
  ].join('\n');
}
