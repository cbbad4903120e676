/**
 * @module
 * Cross-origin drill: what a web page the developer visits can do to a running emulator (a real
 * process, seeded), case by case: DNS rebinding (the page's own name in `Host`) reading the snapshot
 * or the console and resetting; "simple" `text/plain` and form POSTs that need no preflight; a
 * `null` or foreign `Origin`; `Sec-Fetch-Site: cross-site`; another local port; a preflight; and the
 * requests that must keep working (programs, the console's own forms, the vendor endpoints under any
 * `Host` or `Origin`). After the refused ones the emulator must be unchanged.
 */
import { type RawRequest, rawRequest } from '../../emulator/src/testing/raw-http.js';
import { withSeededEmulator } from './emulator-process.js';

export interface CrossOriginCase {
  readonly name: string;
  /** Path on the emulator's base URL (`{tssd}` is replaced). */
  readonly path: string;
  readonly request: RawRequest;
  /** The status wanted, and the admin error code when it is a refusal. */
  readonly expect: { readonly status: number; readonly code?: string; readonly noCors?: boolean };
}

export interface CrossOriginRow {
  readonly name: string;
  readonly expected: string;
  readonly got: string;
  readonly ok: boolean;
}

export interface CrossOriginResult {
  readonly rows: readonly CrossOriginRow[];
  /** After every refused request: still one tenant and the clock not moved. */
  readonly unchangedAfterRefusals: boolean;
  readonly passed: number;
  readonly failed: number;
}

const json = { 'content-type': 'application/json' };
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const page = 'http://attacker.example';

/** The refusals: each must leave the emulator as it was. `PORT` is the emulator's port. */
function refusals(port: string): CrossOriginCase[] {
  const rebound = `attacker.example:${port}`;
  const host = (code: string) => ({ status: 403, code });
  return [
    {
      name: 'rebinding: read the snapshot',
      path: '/_emulator/snapshot',
      request: { headers: { host: rebound } },
      expect: host('ERR_HOST_NOT_ALLOWED'),
    },
    {
      name: 'rebinding: read the console',
      path: '/_emulator/console/tokens',
      request: { headers: { host: rebound } },
      expect: host('ERR_HOST_NOT_ALLOWED'),
    },
    {
      name: 'rebinding: read tenants',
      path: '/_emulator/tenants',
      request: { headers: { host: rebound } },
      expect: host('ERR_HOST_NOT_ALLOWED'),
    },
    {
      name: 'rebinding: reset (the issue’s curl)',
      path: '/_emulator/reset',
      request: { method: 'POST', headers: { host: rebound, origin: page, 'content-type': 'text/plain' }, body: '' },
      expect: host('ERR_HOST_NOT_ALLOWED'),
    },
    {
      name: 'another local port as Host',
      path: '/_emulator/snapshot',
      request: { headers: { host: 'localhost:1' } },
      expect: host('ERR_HOST_NOT_ALLOWED'),
    },
    {
      name: 'page POSTs text/plain (no preflight)',
      path: '/_emulator/reset',
      request: {
        method: 'POST',
        headers: { origin: page, 'content-type': 'text/plain;charset=UTF-8', 'sec-fetch-site': 'cross-site' },
        body: '',
      },
      expect: host('ERR_CROSS_ORIGIN'),
    },
    {
      name: 'page POSTs text/plain, old browser (Origin only)',
      path: '/_emulator/clock',
      request: {
        method: 'POST',
        headers: { origin: page, 'content-type': 'text/plain' },
        body: '{"advanceSeconds":3600}',
      },
      expect: host('ERR_CROSS_ORIGIN'),
    },
    {
      name: 'page submits a form',
      path: '/_emulator/clock',
      request: {
        method: 'POST',
        headers: { ...form, origin: page, 'sec-fetch-site': 'cross-site' },
        body: 'advanceSeconds=3600',
      },
      expect: host('ERR_CROSS_ORIGIN'),
    },
    {
      name: 'no-cors fetch without Origin',
      path: '/_emulator/reset',
      request: { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } },
      expect: host('ERR_CROSS_ORIGIN'),
    },
    {
      name: 'Origin: null (sandboxed page)',
      path: '/_emulator/reset',
      request: { method: 'POST', headers: { origin: 'null' } },
      expect: host('ERR_CROSS_ORIGIN'),
    },
    {
      name: 'page on another local port',
      path: '/_emulator/reset',
      request: { method: 'POST', headers: { origin: 'http://localhost:1' } },
      expect: host('ERR_CROSS_ORIGIN'),
    },
    {
      name: 'page on another local port, JSON',
      path: '/_emulator/tenants/{tssd}',
      request: { method: 'DELETE', headers: { origin: 'http://127.0.0.1:1', ...json }, body: '{}' },
      expect: host('ERR_CROSS_ORIGIN'),
    },
    {
      name: 'console clock form from another site',
      path: '/_emulator/console/clock',
      request: {
        method: 'POST',
        headers: { ...form, origin: page, 'sec-fetch-site': 'cross-site' },
        body: 'advanceSeconds=3600',
      },
      expect: host('ERR_CROSS_ORIGIN'),
    },
    {
      name: 'program sends text/plain to a JSON route',
      path: '/_emulator/clock',
      request: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"advanceSeconds":3600}' },
      expect: { status: 415, code: 'ERR_UNSUPPORTED_MEDIA_TYPE' },
    },
    {
      name: 'program sends JSON without a type',
      path: '/_emulator/clock',
      request: { method: 'POST', body: '{"advanceSeconds":3600}' },
      expect: { status: 415, code: 'ERR_UNSUPPORTED_MEDIA_TYPE' },
    },
    {
      name: 'preflight from a page: no CORS grant',
      path: '/_emulator/reset',
      request: { method: 'OPTIONS', headers: { origin: page, 'access-control-request-method': 'POST' } },
      expect: { status: 404, noCors: true },
    },
    {
      name: 'cross-origin read: answered without CORS',
      path: '/_emulator/tenants',
      request: { headers: { origin: page, 'sec-fetch-site': 'cross-site' } },
      expect: { status: 200, noCors: true },
    },
  ];
}

/** What must keep working. Run after the refusals (the console form moves the clock). */
function allowed(port: string, tokenBody: string): CrossOriginCase[] {
  return [
    { name: 'program reads as 127.0.0.1', path: '/_emulator/health', request: {}, expect: { status: 200 } },
    {
      name: 'program reads as localhost',
      path: '/_emulator/health',
      request: { headers: { host: `localhost:${port}` } },
      expect: { status: 200 },
    },
    {
      name: 'program reads as [::1]',
      path: '/_emulator/health',
      request: { headers: { host: `[::1]:${port}` } },
      expect: { status: 200 },
    },
    {
      name: 'program changes the clock (JSON)',
      path: '/_emulator/clock',
      request: { method: 'POST', headers: json, body: '{"advanceSeconds":1}' },
      expect: { status: 200 },
    },
    {
      name: 'program clears fault rules (body-less, no type)',
      path: '/_emulator/faults',
      request: { method: 'DELETE' },
      expect: { status: 204 },
    },
    {
      name: 'console’s own form (same-origin)',
      path: '/_emulator/console/clock',
      request: {
        method: 'POST',
        headers: { ...form, origin: 'null', 'sec-fetch-site': 'same-origin' },
        body: 'advanceSeconds=1',
      },
      expect: { status: 303 },
    },
    {
      name: 'page of the emulator’s own origin',
      path: '/_emulator/clock',
      request: {
        method: 'POST',
        headers: { ...json, origin: `http://127.0.0.1:${port}` },
        body: '{"advanceSeconds":1}',
      },
      expect: { status: 200 },
    },
    {
      name: 'vendor token by path, foreign Host and Origin',
      path: '/{tssd}.auth.marketingcloudapis.com/v2/token',
      request: {
        method: 'POST',
        headers: { ...json, host: `attacker.example:${port}`, origin: page },
        body: tokenBody,
      },
      expect: { status: 200 },
    },
    {
      name: 'vendor token by its host name',
      path: '/v2/token',
      request: { method: 'POST', headers: { ...json, host: '{tssd}.auth.marketingcloudapis.com' }, body: tokenBody },
      expect: { status: 200 },
    },
  ];
}

async function runCase(url: string, tssd: string, c: CrossOriginCase): Promise<CrossOriginRow> {
  const fill = (s: string) => s.replaceAll('{tssd}', tssd);
  const headers = Object.fromEntries(Object.entries(c.request.headers ?? {}).map(([k, v]) => [k, fill(v)]));
  const res = await rawRequest(`${url}${fill(c.path)}`, { ...c.request, headers });
  let code: string | undefined;
  try {
    code = (JSON.parse(res.body) as { error?: { code?: string } }).error?.code;
  } catch {}
  const cors = res.headers['access-control-allow-origin'];
  const expected = `${c.expect.status}${c.expect.code ? ` ${c.expect.code}` : ''}${c.expect.noCors ? ', no CORS' : ''}`;
  const got = `${res.status}${c.expect.code ? ` ${code ?? '-'}` : ''}${c.expect.noCors ? (cors === undefined ? ', no CORS' : `, CORS ${cors}`) : ''}`;
  const ok =
    res.status === c.expect.status &&
    (c.expect.code === undefined || code === c.expect.code) &&
    (!c.expect.noCors || cors === undefined);
  return { name: c.name, expected, got, ok };
}

/** Runs the matrix against a fresh seeded emulator process, which it stops afterwards. */
export async function crossOriginDrill(o: { log?: (line: string) => void } = {}): Promise<CrossOriginResult> {
  return withSeededEmulator(
    () => [],
    async ({ emulator, creds }) => {
      const s2s = creds.credentials.find((c) => c.type === 'server-to-server')!;
      const port = new URL(emulator.url).port;
      const rows: CrossOriginRow[] = [];
      for (const c of refusals(port)) rows.push(await runCase(emulator.url, s2s.subdomain, c));
      const tenants = JSON.parse((await rawRequest(`${emulator.url}/_emulator/tenants`)).body) as { items: unknown[] };
      const clock = JSON.parse((await rawRequest(`${emulator.url}/_emulator/clock`)).body) as { offsetSeconds: number };
      const unchangedAfterRefusals = tenants.items.length === 1 && clock.offsetSeconds === 0;
      const tokenBody = JSON.stringify({
        grant_type: 'client_credentials',
        client_id: s2s.clientId,
        client_secret: s2s.clientSecret,
      });
      for (const c of allowed(port, tokenBody)) rows.push(await runCase(emulator.url, s2s.subdomain, c));
      const passed = rows.filter((r) => r.ok).length;
      const result: CrossOriginResult = { rows, unchangedAfterRefusals, passed, failed: rows.length - passed };
      o.log?.(formatCrossOrigin(result));
      return result;
    },
  );
}

/** The matrix as report lines. */
export function formatCrossOrigin(r: CrossOriginResult): string {
  const width = Math.max(...r.rows.map((row) => row.name.length));
  return [
    `  cross-origin: ${r.passed}/${r.rows.length} cases as expected; emulator unchanged after the refusals: ${r.unchangedAfterRefusals ? 'yes' : 'NO'}`,
    ...r.rows.map(
      (row) =>
        `    ${row.ok ? '✓' : '✗'} ${row.name.padEnd(width)}  ${row.got}${row.ok ? '' : ` (wanted ${row.expected})`}`,
    ),
  ].join('\n');
}
