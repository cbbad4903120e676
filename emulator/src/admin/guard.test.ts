import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from '../index.js';
import { type RunningEmulator, startEmulatorServer } from '../server.js';
import { rawRequest } from '../testing/raw-http.js';
import { manifest, TSSD } from '../vendors/marketing-cloud/testing/fixtures.js';
import { createHostCheck } from './guard.js';

const NAMES = 'localhost, 127.0.0.1, [::1]';
const hostRefused = (host: string, path: string, names = NAMES) => ({
  error: {
    code: 'ERR_HOST_NOT_ALLOWED',
    message: `the admin API and console answer only to this emulator's own names (${names}); the request named Host ${JSON.stringify(host)}. To reach it by that name on purpose, start it with --allowed-host (option allowedHosts)`,
    path,
  },
});
const originRefused = (origin: string, path: string) => ({
  error: {
    code: 'ERR_CROSS_ORIGIN',
    message: `a web page of another origin may not change the emulator (Origin ${JSON.stringify(origin)}); call the admin API from a program, or use the console`,
    path,
  },
});

describe('createHostCheck', () => {
  it('allows the loopback names on the own port (or none), the base URL host and the configured hosts', () => {
    // GIVEN a listening emulator's policy (port 4803) with two extra hosts
    const allowed = createHostCheck({
      baseUrl: 'http://127.0.0.1:4803',
      allowedHosts: ['emulator.internal', 'ci-box:9000'],
    });
    // THEN
    for (const host of ['localhost:4803', '127.0.0.1:4803', '[::1]:4803', 'LOCALHOST:4803', 'localhost', '[::1]']) {
      expect({ host, ok: allowed(host) }).toEqual({ host, ok: true });
    }
    for (const host of ['emulator.internal', 'emulator.internal:1', 'ci-box:9000']) {
      expect({ host, ok: allowed(host) }).toEqual({ host, ok: true });
    }
    for (const host of [
      'attacker.example:4803',
      'localhost:3000',
      '127.0.0.1:80',
      'ci-box:9001',
      'ci-box',
      'localhost.:4803',
      '127.0.0.2:4803',
      '::1',
      '',
      'localhost:x',
      'evil.localhost:4803',
    ]) {
      expect({ host, ok: allowed(host) }).toEqual({ host, ok: false });
    }
  });

  it('in process (no base URL, no port known) allows the loopback names on any port', () => {
    const allowed = createHostCheck({ baseUrl: undefined, allowedHosts: [] });
    expect([allowed('localhost'), allowed('127.0.0.1:4010'), allowed('[::1]:1')]).toEqual([true, true, true]);
    expect([allowed('emulator.test'), allowed('attacker.example:4010')]).toEqual([false, false]);
  });
});

describe('allowedHosts option', () => {
  it('is checked when the emulator is created', () => {
    // WHEN an entry is not a host
    // THEN createEmulator throws, naming the entry
    expect(() => createEmulator({ allowedHosts: ['ok.example', 'http://bad.example/'] })).toThrow(
      'emulator option "allowedHosts[1]" must be a host name or address with an optional port, such as emulator.internal or emulator.internal:4010 (got "http://bad.example/")',
    );
    expect(() => createEmulator({ allowedHosts: ['*'] })).toThrow(/allowedHosts\[0\]/);
  });
});

describe('admin API and console guard, in process', () => {
  it('refuses a foreign Host on reads (DNS rebinding), and answers to the loopback names and allowed hosts', async () => {
    // GIVEN an emulator that also answers to emulator.internal
    const app = createEmulator({ allowedHosts: ['emulator.internal'] });
    // WHEN a rebinding page reads the snapshot under its own name
    const res = await app.request('http://attacker.example:4010/_emulator/snapshot');
    // THEN it is refused, and nothing about the emulator is in the answer
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual(
      hostRefused('attacker.example:4010', '/_emulator/snapshot', `${NAMES}, emulator.internal`),
    );
    // AND the console too
    const page = await app.request('http://attacker.example:4010/_emulator/console/tokens');
    expect(page.status).toBe(403);
    expect(await page.json()).toEqual(
      hostRefused('attacker.example:4010', '/_emulator/console/tokens', `${NAMES}, emulator.internal`),
    );
    // AND its own names and the allowed host are answered
    for (const origin of [
      'http://localhost',
      'http://127.0.0.1:4010',
      'http://[::1]:4010',
      'http://emulator.internal:8080',
    ]) {
      expect({ origin, status: (await app.request(`${origin}/_emulator/health`)).status }).toEqual({
        origin,
        status: 200,
      });
    }
  });

  it('refuses state-changing requests from a foreign Origin, a null Origin or Sec-Fetch-Site: cross-site', async () => {
    // GIVEN a seeded emulator
    const app = createEmulator();
    await app.request('/_emulator/seed', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(manifest()),
    });
    // WHEN a page of another origin resets it with a simple text/plain POST (no preflight)
    const foreign = await app.request('/_emulator/reset', {
      method: 'POST',
      headers: { origin: 'http://attacker.example', 'content-type': 'text/plain' },
      body: '',
    });
    // THEN it is refused before anything changes
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toEqual(originRefused('http://attacker.example', '/_emulator/reset'));
    // AND so are an opaque origin, another local port... and a cross-site fetch without Origin
    const nullOrigin = await app.request('/_emulator/reset', { method: 'POST', headers: { origin: 'null' } });
    expect(await nullOrigin.json()).toEqual(originRefused('null', '/_emulator/reset'));
    const otherScheme = await app.request('/_emulator/reset', { method: 'POST', headers: { origin: 'file://' } });
    expect(otherScheme.status).toBe(403);
    const crossSite = await app.request('/_emulator/reset', {
      method: 'POST',
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toEqual({
      error: {
        code: 'ERR_CROSS_ORIGIN',
        message:
          'a web page of another site may not change the emulator (Sec-Fetch-Site: cross-site); call the admin API from a program, or use the console',
        path: '/_emulator/reset',
      },
    });
    expect(((await (await app.request('/_emulator/tenants')).json()) as { items: unknown[] }).items).toHaveLength(1);
    // AND a cross-origin GET is answered (the browser keeps the answer from the page: no CORS headers)
    const read = await app.request('/_emulator/tenants', { headers: { origin: 'http://attacker.example' } });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    // AND the emulator's own origin may change it
    const own = await app.request('http://localhost/_emulator/reset', {
      method: 'POST',
      headers: { origin: 'http://localhost' },
    });
    expect(own.status).toBe(204);
  });

  it('requires application/json for request bodies (415), and accepts body-less changes without a type', async () => {
    // GIVEN an emulator
    const app = createEmulator();
    // WHEN a JSON body comes as text/plain, as a form, or without a type
    const plain = await app.request('/_emulator/clock', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"advanceSeconds":60}',
    });
    const form = await app.request('/_emulator/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'advanceSeconds=60',
    });
    const untyped = await app.request('/_emulator/clock', {
      method: 'POST',
      body: new TextEncoder().encode('{"advanceSeconds":60}'),
    });
    // THEN each is refused with 415 and the clock did not move
    expect([plain.status, form.status, untyped.status]).toEqual([415, 415, 415]);
    expect(await plain.json()).toEqual({
      error: {
        code: 'ERR_UNSUPPORTED_MEDIA_TYPE',
        message: 'admin request bodies must be JSON sent with Content-Type: application/json (got "text/plain")',
        path: '/_emulator/clock',
      },
    });
    expect(await untyped.json()).toEqual({
      error: {
        code: 'ERR_UNSUPPORTED_MEDIA_TYPE',
        message:
          'admin request bodies must be JSON sent with Content-Type: application/json (the body had no Content-Type)',
        path: '/_emulator/clock',
      },
    });
    expect(((await (await app.request('/_emulator/clock')).json()) as { offsetSeconds: number }).offsetSeconds).toBe(0);
    // AND JSON with a charset, and a body-less POST without a type, are accepted
    const json = await app.request('/_emulator/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"advanceSeconds":60}',
    });
    expect(json.status).toBe(200);
    expect((await app.request('/_emulator/reset', { method: 'POST' })).status).toBe(204);
  });

  it('leaves the vendor endpoints alone: real host names and any Origin reach them', async () => {
    // GIVEN a seeded emulator
    const app = createEmulator();
    const seeded = await app.request('/_emulator/seed', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(manifest()),
    });
    const { credentials } = (await seeded.json()) as { credentials: { clientId: string; clientSecret: string }[] };
    const s2s = credentials[0]!;
    const token = (url: string, headers: Record<string, string> = {}) =>
      app.request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({
          grant_type: 'client_credentials',
          client_id: s2s.clientId,
          client_secret: s2s.clientSecret,
        }),
      });
    // WHEN a token is asked for by the vendor's host name, and by path under a foreign Host and Origin
    const byHost = await token(`https://${TSSD}.auth.marketingcloudapis.com/v2/token`);
    const byPath = await token(`http://attacker.example:4010/${TSSD}.auth.marketingcloudapis.com/v2/token`, {
      origin: 'http://attacker.example',
    });
    // THEN both are issued
    expect([byHost.status, byPath.status]).toEqual([200, 200]);
  });

  it('console: a foreign Origin cannot move the clock; its own (same-origin) form can', async () => {
    // GIVEN an emulator
    const app = createEmulator();
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    // WHEN another site posts the clock form
    const foreign = await app.request('/_emulator/console/clock', {
      method: 'POST',
      headers: { ...form, origin: 'http://attacker.example', 'sec-fetch-site': 'cross-site' },
      body: 'advanceSeconds=60',
    });
    // THEN it is refused, and the console's own form (Origin null under its no-referrer policy) is not
    expect(foreign.status).toBe(403);
    const own = await app.request('/_emulator/console/clock', {
      method: 'POST',
      headers: { ...form, origin: 'null', 'sec-fetch-site': 'same-origin' },
      body: 'advanceSeconds=60',
    });
    expect(own.status).toBe(303);
    expect(app.context.clock.offsetMs).toBe(60_000);
  });
});

describe('admin API guard over HTTP', () => {
  let server: RunningEmulator;
  let port: string;
  beforeAll(async () => {
    server = await startEmulatorServer({ port: 0, seed: { ...manifest() } });
    port = new URL(server.url).port;
  });
  afterAll(async () => {
    await server.close();
  });
  const tenants = async () =>
    (JSON.parse((await rawRequest(`${server.url}/_emulator/tenants`)).body) as { items: unknown[] }).items.length;

  it('refuses the reset from the issue (rebinding Host, foreign Origin, text/plain): tenants stay', async () => {
    // GIVEN one tenant
    expect(await tenants()).toBe(1);
    // WHEN: curl -X POST -H 'Origin: http://attacker.example' -H 'Host: attacker.example:PORT' -H 'Content-Type: text/plain' --data '' …/_emulator/reset
    const res = await rawRequest(`${server.url}/_emulator/reset`, {
      method: 'POST',
      headers: { origin: 'http://attacker.example', host: `attacker.example:${port}`, 'content-type': 'text/plain' },
      body: '',
    });
    // THEN 403, and the tenant is still there
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toEqual(hostRefused(`attacker.example:${port}`, '/_emulator/reset'));
    expect(await tenants()).toBe(1);
  });

  it('refuses a rebinding read of the snapshot, and another local port', async () => {
    // WHEN the snapshot is read under a rebound name, or as localhost on a port that is not the emulator's
    const rebound = await rawRequest(`${server.url}/_emulator/snapshot`, {
      headers: { host: `attacker.example:${port}` },
    });
    const otherPort = await rawRequest(`${server.url}/_emulator/snapshot`, { headers: { host: 'localhost:1' } });
    // THEN both are refused and the body holds no key material
    expect([rebound.status, otherPort.status]).toEqual([403, 403]);
    expect(rebound.body).not.toContain('"d"');
    // AND the emulator's own names on its port are answered
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      const res = await rawRequest(`${server.url}/_emulator/health`, { headers: { host } });
      expect({ host, status: res.status }).toEqual({ host, status: 200 });
    }
  });

  it('refuses a text/plain simple POST with the right Host: 403 with a foreign Origin, 415 without one', async () => {
    const path = `/_emulator/tenants/${TSSD}`;
    // WHEN a page posts text/plain to the real address (its Host is right, its Origin is not)
    const fromPage = await rawRequest(`${server.url}/_emulator/reset`, {
      method: 'POST',
      headers: { origin: 'http://attacker.example', 'content-type': 'text/plain' },
      body: '',
    });
    // AND a program sends a text/plain body with no Origin
    const fromProgram = await rawRequest(`${server.url}${path}`, {
      method: 'DELETE',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    // THEN
    expect(fromPage.status).toBe(403);
    expect(JSON.parse(fromPage.body)).toEqual(originRefused('http://attacker.example', '/_emulator/reset'));
    expect(fromProgram.status).toBe(415);
    expect(JSON.parse(fromProgram.body).error.code).toBe('ERR_UNSUPPORTED_MEDIA_TYPE');
    expect(await tenants()).toBe(1);
  });
});
