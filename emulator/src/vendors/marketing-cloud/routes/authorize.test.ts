import { describe, expect, it } from 'vitest';
import { mcContext } from '../context.js';
import { MESSAGES } from '../errors.js';
import { AUTH, headless, REDIRECT, setup, TSSD } from '../testing/fixtures.js';

const get = (app: Awaited<ReturnType<typeof setup>>['app'], q: Record<string, string>) =>
  app.request(`${AUTH}/v2/authorize?${new URLSearchParams(q)}`);

function params(res: Response): Record<string, string> {
  return Object.fromEntries(new URL(res.headers.get('location')!).searchParams);
}

describe('GET /v2/authorize', () => {
  it('shows an error page (no redirect) for an unknown client or an unregistered redirect URI', async () => {
    const { app, web } = await setup();
    const unknown = await get(app, { response_type: 'code', client_id: 'nope', redirect_uri: REDIRECT });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('location')).toBeNull();
    expect(await unknown.text()).toContain(MESSAGES.unknownClient);
    const badUri = await get(app, {
      response_type: 'code',
      client_id: web.clientId,
      redirect_uri: 'https://evil.example.com/',
    });
    expect(badUri.status).toBe(400);
    expect(await badUri.text()).toContain('The redirect_uri is not registered for this client.');
  });

  it('redirects other errors back with error, error_description and state', async () => {
    const { app, web, spa, s2s } = await setup();
    const base = { client_id: web.clientId, redirect_uri: REDIRECT, state: 'st' };
    const cases: [Record<string, string>, Record<string, string>][] = [
      [
        { ...base, response_type: 'token' },
        { error: 'unsupported_response_type', error_description: 'The response_type must be "code".', state: 'st' },
      ],
      [
        { ...base, response_type: 'code', scope: 'email_send' },
        {
          error: 'invalid_scope',
          error_description: 'The requested scope is not granted to this integration: email_send',
          state: 'st',
        },
      ],
      [
        { ...base, response_type: 'code', code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' },
        { error: 'invalid_request', error_description: 'The code_challenge_method must be S256.', state: 'st' },
      ],
      [
        { ...base, client_id: spa.clientId, response_type: 'code' },
        {
          error: 'invalid_request',
          error_description: 'This integration requires PKCE: send code_challenge with code_challenge_method=S256.',
          state: 'st',
        },
      ],
    ];
    for (const [q, expected] of cases) {
      const res = await get(app, q);
      expect(res.status).toBe(302);
      expect(params(res)).toEqual(expected);
    }
    // a server-to-server client has no redirect URI to go back to: error page
    const s2sRes = await get(app, { ...base, client_id: s2s.clientId, response_type: 'code' });
    expect(s2sRes.status).toBe(400);
  });

  it('refuses repeated parameters (RFC 6749 §3.1): a page for client_id or redirect_uri, else a redirect', async () => {
    // GIVEN a web app
    const { app, web } = await setup();
    const base = `response_type=code&client_id=${web.clientId}&redirect_uri=${encodeURIComponent(REDIRECT)}`;
    const send = (q: string) => app.request(`${AUTH}/v2/authorize?${q}`);
    // WHEN client_id or redirect_uri is sent twice
    const clientTwice = await send(`${base}&client_id=${web.clientId}`);
    const redirectTwice = await send(`${base}&redirect_uri=${encodeURIComponent(REDIRECT)}`);
    // THEN an error page, no redirect
    for (const [res, name] of [
      [clientTwice, 'client_id'],
      [redirectTwice, 'redirect_uri'],
    ] as const) {
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain(`<p id="error_description">The ${name} parameter is repeated.</p>`);
    }
    // WHEN another parameter is repeated
    const scopeTwice = await send(`${base}&state=st&scope=email_read&scope=offline`);
    const stateTwice = await send(`${base}&state=a&state=b`);
    // THEN a redirect with invalid_request; state comes back only when it was sent once
    expect(params(scopeTwice)).toEqual({
      error: 'invalid_request',
      error_description: 'The scope parameter is repeated.',
      state: 'st',
    });
    expect(params(stateTwice)).toEqual({
      error: 'invalid_request',
      error_description: 'The state parameter is repeated.',
    });
    // AND an unknown client is reported as such even with a repeat
    const unknown = await send('response_type=code&client_id=nope&scope=a&scope=b');
    expect(await unknown.text()).toContain(MESSAGES.unknownClient);
  });

  it('bounds the state it keeps: more than 2048 characters is refused, without echoing it', async () => {
    const { app, web } = await setup();
    const res = await get(app, {
      response_type: 'code',
      client_id: web.clientId,
      redirect_uri: REDIRECT,
      state: 'x'.repeat(2049),
    });
    expect(params(res)).toEqual({
      error: 'invalid_request',
      error_description: 'The state parameter must be at most 2048 characters.',
    });
    expect(mcContext(app.context).interactions.size).toBe(0);
  });

  it('logs a seeded user in, asks for consent and redirects with state and code', async () => {
    // GIVEN the login page
    const { app, web } = await setup();
    const page = await get(app, {
      response_type: 'code',
      client_id: web.clientId,
      redirect_uri: REDIRECT,
      state: 'abc',
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    const interaction = /name="interaction" value="([^"]+)"/.exec(html)![1]!;
    expect(html).toContain(`action="${AUTH}/v2/authorize/login"`);
    // WHEN a wrong password, then the right one, then approve
    const form = (f: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(f) });
    const wrong = await app.request(
      `${AUTH}/v2/authorize/login`,
      form({ interaction, username: 'admin@acme', password: 'x' }),
    );
    expect(await wrong.text()).toContain('Invalid username or password.');
    const consent = await app.request(
      `${AUTH}/v2/authorize/login`,
      form({ interaction, username: 'admin@acme', password: 'grantform' }),
    );
    expect(await consent.text()).toContain('<li>email_read</li><li>offline</li>');
    const done = await app.request(`${AUTH}/v2/authorize/consent`, form({ interaction, decision: 'approve' }));
    // THEN
    expect(done.status).toBe(302);
    const location = done.headers.get('location')!;
    expect(location).toMatch(/^https:\/\/app\.example\.com\/callback\?state=abc&code=[A-Za-z0-9_-]{43}$/);
    // the interaction is single use
    const again = await app.request(`${AUTH}/v2/authorize/consent`, form({ interaction, decision: 'approve' }));
    expect(again.status).toBe(400);
  });

  it('redirects access_denied when the user denies', async () => {
    const { app, web } = await setup();
    const html = await (
      await get(app, { response_type: 'code', client_id: web.clientId, redirect_uri: REDIRECT })
    ).text();
    const interaction = /name="interaction" value="([^"]+)"/.exec(html)![1]!;
    await app.request(`${AUTH}/v2/authorize/login`, {
      method: 'POST',
      body: new URLSearchParams({ interaction, username: 'admin@acme', password: 'grantform' }),
    });
    const res = await app.request(`${AUTH}/v2/authorize/consent`, {
      method: 'POST',
      body: new URLSearchParams({ interaction, decision: 'deny' }),
    });
    expect(params(res)).toEqual({ error: 'access_denied', error_description: 'The user denied the request.' });
  });

  it('only honours headless auto-approve when the option is on', async () => {
    const off = await setup({ headlessAuthorize: false });
    const res = await get(off.app, {
      response_type: 'code',
      client_id: off.web.clientId,
      redirect_uri: REDIRECT,
      ...headless,
    });
    expect(res.status).toBe(200);
    const on = await setup();
    const unknownUser = await get(on.app, {
      response_type: 'code',
      client_id: on.web.clientId,
      redirect_uri: REDIRECT,
      login_hint: 'x@acme',
      grantform_auto_approve: '1',
    });
    expect(params(unknownUser)).toEqual({ error: 'access_denied', error_description: 'Unknown test user.' });
  });

  it('adds tssd to the redirect for AppExchange apps', async () => {
    const { app, web } = await setup();
    const put = await app.request(`/_emulator/packages/${web.packageId}/integration`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'web-app',
        scopes: ['email_read'],
        redirectUris: [REDIRECT],
        businessUnits: 'all',
        pkce: 'optional',
        appExchange: true,
      }),
    });
    expect(put.status).toBe(200);
    const res = await get(app, {
      response_type: 'code',
      client_id: web.clientId,
      redirect_uri: REDIRECT,
      state: 'z',
      ...headless,
    });
    expect(Object.keys(params(res))).toEqual(['state', 'tssd', 'code']);
    expect(params(res).tssd).toBe(TSSD);
  });
});
