import { describe, expect, it } from 'vitest';
import { sha256 } from '../checks/secrets.js';
import { createEmulator } from '../index.js';
import { mcContext } from '../vendors/marketing-cloud/context.js';
import {
  AUTH,
  authorize,
  CHILD,
  ENT,
  headless,
  REDIRECT,
  setup,
  TSSD,
  tokenRequest,
} from '../vendors/marketing-cloud/testing/fixtures.js';
import { CONSOLE_COOKIE, consoleCookieValue } from './auth.js';
import { CONSOLE_PATH } from './layout.js';
import { STYLESHEET } from './styles.js';

type App = ReturnType<typeof createEmulator>;

const BASE = 'http://127.0.0.1:4010';
const html = async (app: App, path: string, init?: RequestInit) => {
  const res = await app.request(`${BASE}${CONSOLE_PATH}${path}`, init);
  return { status: res.status, text: await res.text(), res };
};
/** Text content of the element with the given id-ish marker, collapsed (enough for assertions). */
const rowsOf = (text: string, table: string) => {
  const body = new RegExp(`<table id="${table}">[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(text)?.[1] ?? '';
  return body.split('</tr>').filter((r) => r.includes('<tr'));
};

/** A seeded emulator with one client_credentials token and one authorization-code grant (code + access + refresh). */
async function withTokens(options = {}) {
  const s = await setup(options);
  const cc = await tokenRequest(s.app, {
    grant_type: 'client_credentials',
    client_id: s.s2s.clientId,
    client_secret: s.s2s.clientSecret,
  });
  const ccBody = (await cc.json()) as { access_token: string };
  const redirect = await authorize(s.app, { client_id: s.web.clientId, scope: 'email_read offline', ...headless });
  const code = redirect.searchParams.get('code')!;
  const ac = await tokenRequest(s.app, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    client_id: s.web.clientId,
    client_secret: s.web.clientSecret,
  });
  const acBody = (await ac.json()) as { access_token: string; refresh_token: string };
  expect(ac.status).toBe(200);
  return { ...s, code, values: [ccBody.access_token, acBody.access_token, acBody.refresh_token, code] };
}

describe('web console pages', () => {
  it('shows tenants with their business-unit tree and test users', async () => {
    const { app } = await setup();
    const { status, text, res } = await html(app, '/tenants');
    expect(status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(text.startsWith('<!doctype html>')).toBe(true);
    expect(text).toContain('<h2 id="tenant-mc563885gzs27c5t9-63k636ttgm">acme</h2>');
    // the child BUs are nested below the enterprise BU
    expect(text).toMatch(
      new RegExp(
        `<li><strong>Acme</strong> <span class="mono muted">${ENT}</span>[\\s\\S]*?<ul class="tree"><li><strong>Acme EU</strong> <span class="mono muted">${CHILD}</span>`,
      ),
    );
    expect(text).toContain('<th scope="row">admin@acme</th>');
    expect(text).toContain(`http://127.0.0.1:4010/${TSSD}.auth.marketingcloudapis.com/`);
    expect(text).toContain(`<link rel="stylesheet" href="${CONSOLE_PATH}/styles.css"/>`);
  });

  it('shows packages and integrations but never a secret', async () => {
    const { app, s2s, web, spa } = await withTokens();
    const { text } = await html(app, '/packages');
    for (const c of [s2s, web, spa]) expect(text).toContain(`<dd class="mono">${c.clientId}</dd>`);
    expect(text).toContain('<dd>Server-to-server</dd>');
    expect(text).toContain('<dd>Web app</dd>');
    expect(text).toContain('<dd class="muted">none (public app)</dd>');
    expect(text).toContain('<li>data_extensions_read</li><li>data_extensions_write</li><li>email_read</li>');
    expect(text).toContain(`<div class="mono">${REDIRECT}</div>`);
    expect(text).toContain(`<dd>Acme (${ENT}), Acme EU (${CHILD})</dd>`);
    expect(text).toContain('<dd>all business units</dd>');
    expect(text).toContain('<dd>required</dd>');
  });

  it('shows, per integration, the scopes its recorded calls used and the ones they did not', async () => {
    // GIVEN the server-to-server client read a data extension (data_extensions_read), the web app was
    // issued a refresh token (offline), and the public app did nothing
    const { app, s2s, web, spa } = await withTokens();
    const cc = await tokenRequest(app, {
      grant_type: 'client_credentials',
      client_id: s2s.clientId,
      client_secret: s2s.clientSecret,
    });
    const { access_token, rest_instance_url } = (await cc.json()) as {
      access_token: string;
      rest_instance_url: string;
    };
    const rows = await app.request(new URL('data/v1/customobjectdata/key/orders/rowset', rest_instance_url), {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(rows.status).toBe(404); // no such data extension; the read scope was needed all the same
    // WHEN the packages page is rendered
    const { text } = await html(app, '/packages');
    // THEN each integration's scope use is shown: used, unused, or no usage recorded
    const use = (clientId: string) =>
      new RegExp(`<(?:dl|p) class="[^"]*" data-scope-use="${clientId}">([\\s\\S]*?)</(?:dl|p)>`).exec(text)?.[1];
    expect(use(s2s.clientId)).toBe(
      '<dt>Used</dt><dd><ul class="tags"><li>data_extensions_read</li></ul></dd>' +
        '<dt>Unused</dt><dd><ul class="tags"><li>data_extensions_write</li><li>email_read</li></ul></dd>',
    );
    expect(use(web.clientId)).toBe(
      '<dt>Used</dt><dd><ul class="tags"><li>offline</li></ul></dd>' +
        '<dt>Unused</dt><dd><ul class="tags"><li>email_read</li></ul></dd>',
    );
    expect(use(spa.clientId)).toBe('No usage recorded yet: no token issued or call made since the last usage reset.');
  });

  it("shows each integration's secret age, expiry and staged state on the emulator clock", async () => {
    // GIVEN secrets generated at T0, and 160 days later a staged secret for the server-to-server one
    const { app, advance, s2s } = await setup();
    advance(160 * 86_400);
    const pkg = mcContext(app.context).store.packageByClientId(s2s.clientId)!;
    await app.request(`${BASE}/_emulator/packages/${pkg.id}/integration/secret/stage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    // WHEN the packages page is shown
    const { text } = await html(app, '/packages');
    // THEN each secret-bearing integration shows its age and expiry, and the staged one its state
    const section = text.slice(text.indexOf(`<dd class="mono">${s2s.clientId}</dd>`));
    expect(section).toContain('<dd data-secret="age">160 d (generated 2026-01-01 00:00:00 UTC)</dd>');
    expect(section).toContain('<dd data-secret="expiry">in 20 d (2026-06-30 00:00:00 UTC)</dd>');
    expect(section).toContain('<dd data-secret="staged">staged 2026-06-10 00:00:00 UTC, accepted in 5 min</dd>');
    // AND once the clock passes the expiry, it says so
    advance(21 * 86_400);
    const later = (await html(app, '/packages')).text;
    expect(later).toContain(
      '<dd data-secret="expiry"><span class="badge badge-expired">expired</span> 1 d ago (2026-06-30 00:00:00 UTC)</dd>',
    );
    expect(later).toContain(
      '<dd data-secret="staged">staged 2026-06-10 00:00:00 UTC, accepted beside the active one: activate it to retire the old one</dd>',
    );
  });

  it('never renders a secret, a secret digest or a token value on any page', async () => {
    const { app, s2s, web, values } = await withTokens();
    const store = mcContext(app.context).store;
    const secrets = [s2s.clientSecret!, web.clientSecret!, ...values];
    for (const t of store.tenants()) {
      for (const p of store.packages(t.subdomain)) {
        secrets.push(p.jwtSigningSecret);
        if (p.integration?.secretHash) secrets.push(p.integration.secretHash);
      }
      for (const u of store.users(t.subdomain)) secrets.push(u.passwordHash);
    }
    for (const path of ['', '/tenants', '/packages', '/tokens', '/requests', '/faults', '/clock']) {
      const { status, text } = await html(app, path);
      expect(status, path).toBe(200);
      for (const s of secrets) expect(text, `${path} must not contain a secret`).not.toContain(s);
    }
  });

  it('shows issued tokens as active, then expired as the emulator clock moves, and revoked ones', async () => {
    const { app, advance, code, s2s, web } = await withTokens();
    let { text } = await html(app, '/tokens');
    const rows = rowsOf(text, 'tokens');
    // newest first: refresh + access (code exchange), the used code, the client_credentials access token
    expect(rows.map((r) => /data-token-kind="(\w+)"/.exec(r)?.[1])).toEqual(['refresh', 'access', 'code', 'access']);
    expect(rows.map((r) => /data-state="(\w+)"/.exec(r)?.[1])).toEqual(['active', 'active', 'used', 'active']);
    expect(rows[3]).toContain(s2s.clientId);
    expect(rows[1]).toContain('admin@acme');
    expect(rows[1]).toContain('<li>email_read</li><li>offline</li>');
    expect(text).toContain('3 active, 0 expired, 1 used, 0 revoked.');

    // WHEN the clock passes the access-token lifetime (1200 s)
    advance(1201);
    ({ text } = await html(app, '/tokens?state=active'));
    // THEN only the refresh token is still active
    expect(rowsOf(text, 'tokens').map((r) => /data-token-kind="(\w+)"/.exec(r)?.[1])).toEqual(['refresh']);

    // WHEN the code is replayed, everything it issued is revoked
    await tokenRequest(app, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      client_id: web.clientId,
      client_secret: web.clientSecret,
    });
    ({ text } = await html(app, `/tokens?state=revoked&client=${encodeURIComponent(web.clientId)}`));
    expect(rowsOf(text, 'tokens')).toHaveLength(3);
    expect(text).toContain(`<option value="${web.clientId}" selected="">`);
  });

  it('filters the request log with a plain GET form', async () => {
    const { app, s2s, web } = await withTokens();
    await tokenRequest(app, { grant_type: 'client_credentials', client_id: s2s.clientId, client_secret: 'wrong' });
    const { text } = await html(app, '/requests');
    expect(text).toContain(`<form class="inline" method="get" action="${CONSOLE_PATH}/requests">`);
    expect(text).toContain(
      '<label>Path starts with<input name="path" value="" placeholder="/v2/token" size="16"/></label>',
    );
    expect(text).toContain(`<option value="${TSSD}.auth.marketingcloudapis.com">`);
    expect(rowsOf(text, 'requests').length).toBeGreaterThanOrEqual(5);

    const host = `${TSSD}.auth.marketingcloudapis.com`;
    const failed = await html(app, `/requests?host=${host}&path=/v2/token&status=4xx&client=`);
    const failedRows = rowsOf(failed.text, 'requests');
    expect(failedRows).toHaveLength(1);
    expect(failedRows[0]).toContain('<td class="mono">/v2/token</td>');
    expect(failedRows[0]).toContain('<td class="num status-4">401</td>');

    const byClient = await html(app, `/requests?client=${encodeURIComponent(web.clientId)}`);
    const clientRows = rowsOf(byClient.text, 'requests');
    expect(clientRows).toHaveLength(1);
    expect(clientRows[0]).toContain('(acme / web)');

    const bad = await html(app, '/requests?status=teapot');
    expect(bad.text).toContain('Status &quot;teapot&quot; is neither a code (401) nor a class (4xx); ignored.');
  });

  it('advances the clock with a same-origin POST and redirects back', async () => {
    const { app } = await setup();
    const post = (body: Record<string, string>, origin: string | null = BASE) =>
      app.request(`${BASE}${CONSOLE_PATH}/clock`, {
        method: 'POST',
        headers: origin ? { origin } : {},
        body: new URLSearchParams(body),
      });
    const res = await post({ advanceSeconds: '90', return: `${CONSOLE_PATH}/tokens?state=active` });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${CONSOLE_PATH}/tokens?state=active`);
    expect(app.context.clock.offsetMs).toBe(90_000);
    // a preset button wins over the number field
    await post({ advanceSeconds: '90', preset: '3600' });
    expect(app.context.clock.offsetMs).toBe(3_690_000);
    const page = await html(app, '/clock');
    expect(page.text).toContain(
      '<time id="emulator-now" datetime="2026-01-01T01:01:30.000Z">2026-01-01 01:01:30 UTC</time>',
    );
    expect(page.text).toContain('<dd id="emulator-offset">+1 h 1 min</dd>');
    // never an open redirect
    const away = await post({ advanceSeconds: '1', return: 'https://evil.example.com/' });
    expect(away.headers.get('location')).toBe(CONSOLE_PATH);
    const protocolRelative = await post({ advanceSeconds: '1', return: `${CONSOLE_PATH}//evil.example.com` });
    expect(protocolRelative.headers.get('location')).toBe(CONSOLE_PATH);
    // bad input and cross-site posts change nothing
    const before = app.context.clock.offsetMs;
    const invalid = await post({ advanceSeconds: '-5' });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('Advance by a whole number of seconds between 1 and 31536000.');
    expect((await post({ advanceSeconds: '60' }, 'https://evil.example.com')).status).toBe(403);
    expect((await post({ advanceSeconds: '60' }, null)).status).toBe(403);
    expect(app.context.clock.offsetMs).toBe(before);
  });

  it('lists fault rules, or says there are none', async () => {
    const { app } = await setup();
    expect((await html(app, '/faults')).text).toContain('No fault rules.');
    app.context.control.faults.add(
      'f1',
      {
        match: { host: 'auth', path: '/v2/token' },
        action: { type: 'error', status: 503, retryAfter: 5 },
        probability: 1,
        times: 2,
      },
      Date.parse('2026-01-01T00:00:00Z'),
    );
    const { text } = await html(app, '/faults');
    const rows = rowsOf(text, 'fault-table');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('<li>host=auth</li><li>path=/v2/token</li>');
    expect(rows[0]).toContain('<td>error 503, Retry-After 5 s</td><td>2 of 2</td>');
    // the overview shows them too
    expect((await html(app, '')).text).toContain('<li>host=auth</li><li>path=/v2/token</li>');
  });

  it('serves one stylesheet and an HTML 404 inside the console', async () => {
    const { app } = await setup();
    const css = await app.request(`${BASE}${CONSOLE_PATH}/styles.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toBe(STYLESHEET);
    const missing = await html(app, '/nope');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('The console has no page at <code>/_emulator/console/nope</code>.');
    const overview = await html(app, '');
    expect(overview.res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(overview.text).toContain('<a href="/_emulator/console" aria-current="page">Overview</a>');
  });

  it('answers a trailing slash with the page itself: /_emulator/console/ redirects to /_emulator/console', async () => {
    // GIVEN an emulator with a console
    const { app } = await setup();
    // WHEN the overview and a page are asked for with a trailing slash (and a query)
    const root = await app.request(`${BASE}${CONSOLE_PATH}/`);
    const tokens = await app.request(`${BASE}${CONSOLE_PATH}/tokens/?state=active`);
    // THEN each redirects to the page's one URL, which serves it
    expect([root.status, root.headers.get('location')]).toEqual([308, CONSOLE_PATH]);
    expect([tokens.status, tokens.headers.get('location')]).toEqual([308, `${CONSOLE_PATH}/tokens?state=active`]);
    const followed = await html(app, '');
    expect(followed.status).toBe(200);
    expect(followed.text).toContain('<a href="/_emulator/console" aria-current="page">Overview</a>');
  });

  it('gives the authorize login page the console look without changing its form', async () => {
    const { app, web } = await setup();
    const q = new URLSearchParams({ response_type: 'code', client_id: web.clientId, redirect_uri: REDIRECT });
    const text = await (await app.request(`${AUTH}/v2/authorize?${q}`)).text();
    expect(text).toContain('<body class="card-page">');
    expect(text).toContain(`<style>${STYLESHEET}</style>`);
    expect(text).toContain('<input name="username" autocomplete="username" value=""/>');
  });
});

describe('web console with an admin token', () => {
  const TOKEN = 'console-admin-token';

  it('asks for the token, then keeps an HttpOnly SameSite=Strict cookie', async () => {
    const app = createEmulator({ adminToken: TOKEN });
    const anonymous = await html(app, '/tokens');
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).toContain('<form method="get" action="/_emulator/console/tokens">');
    expect(anonymous.text).toContain('<label>Admin token <input name="token" type="password"');
    expect(anonymous.text).not.toContain('<table');

    const wrong = await html(app, '/tokens?token=nope');
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('That is not the admin token.');

    const right = await app.request(`${BASE}${CONSOLE_PATH}/tokens?state=active&token=${TOKEN}`);
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe(`${CONSOLE_PATH}/tokens?state=active`);
    const cookie = right.headers.get('set-cookie')!;
    expect(cookie).toBe(
      `${CONSOLE_COOKIE}=${consoleCookieValue(TOKEN)}; Path=${CONSOLE_PATH}; HttpOnly; SameSite=Strict`,
    );
    expect(cookie).not.toContain(TOKEN);

    const withCookie = await html(app, '/tokens', { headers: { cookie: cookie.split(';')[0]! } });
    expect(withCookie.status).toBe(200);
    const forged = await html(app, '/tokens', { headers: { cookie: `${CONSOLE_COOKIE}=${sha256(TOKEN)}` } });
    expect(forged.status).toBe(401);
  });

  it('accepts Bearer and Basic auth, keeps the stylesheet public and the admin API on its own auth', async () => {
    const app = createEmulator({ adminToken: TOKEN });
    expect((await html(app, '', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const basic = `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}`;
    expect((await html(app, '/clock', { headers: { authorization: basic } })).status).toBe(200);
    expect((await html(app, '/clock', { headers: { authorization: 'Basic YWRtaW46eA==' } })).status).toBe(401);
    expect((await html(app, '/styles.css')).status).toBe(200);
    // the console cookie does not open the admin API
    const api = await app.request(`${BASE}/_emulator/tokens`, {
      headers: { cookie: `${CONSOLE_COOKIE}=${consoleCookieValue(TOKEN)}` },
    });
    expect(api.status).toBe(401);
  });
});

describe('console TLS section', () => {
  const tls = {
    fingerprintSha256: 'AB:CD',
    caCertificatePem: '-----BEGIN CERTIFICATE-----\n…',
    caSubject: 'O=grantform emulator, CN=grantform emulator local CA (host 2026-06-01)',
    caNotAfter: '2031-05-31T12:00:00.000Z',
    permittedSubtrees: ['auth.marketingcloudapis.com'],
    caState: 'kept' as const,
    files: {
      dir: '/w/tls',
      caKey: '/w/tls/ca-key.pem',
      caCertificate: '/w/tls/ca.pem',
      caBundle: '/w/tls/ca-bundle.pem',
      javaTrustStore: '/w/tls/truststore.p12',
    },
    proxyUrl: 'http://127.0.0.1:4011',
    httpsUrl: null,
    hostnames: ['{tssd}.auth.marketingcloudapis.com', 'api.cc.email'],
    issued: () => [`${TSSD}.auth.marketingcloudapis.com`],
  };

  it('shows the CA fingerprint, the proxy and the host names served, never the key', async () => {
    // GIVEN an emulator running with TLS
    const app = createEmulator({ tls });
    // WHEN the overview is shown
    const { text } = await html(app, '');
    // THEN
    expect(text).toContain('<dd class="mono" id="tls-fingerprint">AB:CD</dd>');
    expect(text).toContain('<dd class="mono">http://127.0.0.1:4011</dd>');
    expect(text).toContain('<dd class="mono">none (through the proxy only)</dd>');
    expect(text).toContain(
      '<ul class="tags" id="tls-hostnames"><li class="mono">{tssd}.auth.marketingcloudapis.com</li><li class="mono">api.cc.email</li></ul>',
    );
    expect(text).toContain(`<li class="mono">${TSSD}.auth.marketingcloudapis.com</li>`);
    expect(text).not.toContain('ca-key.pem');
  });

  it('has no TLS section without --tls', async () => {
    expect((await html(createEmulator(), '')).text).not.toContain('id="overview-tls"');
  });
});
