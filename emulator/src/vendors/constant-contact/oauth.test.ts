import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { CTCT_AUDIENCE, CTCT_ISSUER } from './hosts.js';
import {
  AUTHZ,
  authorize,
  basic,
  IDENTITY,
  NATIVE_REDIRECT,
  REDIRECT,
  s256,
  setupCtct,
  T0,
  TOKEN,
  tokenByForm,
  tokenByQuery,
  userTokens,
  VERIFIER,
} from './test-fixtures.js';

const okta = (error: string, error_description: string) => ({ error, error_description });
const DAY = 86_400;

describe('Constant Contact authorization code flow', () => {
  it('exchanges a code with Basic auth and the parameters in the query string, empty body', async () => {
    // GIVEN a code for bakery_owner, scopes joined with a literal +
    const s = await setupCtct();
    const url = await authorize(s.app, {
      client_id: s.newsletter.apiKey,
      scope: 'account_read+contact_data+offline_access',
    });
    expect(url.searchParams.get('state')).toBe('st4te');
    // WHEN
    const res = await tokenByQuery(
      s.app,
      { code: url.searchParams.get('code')!, redirect_uri: REDIRECT, grant_type: 'authorization_code' },
      basic(s.newsletter.apiKey, s.newsletter.clientSecret!),
    );
    // THEN
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, string | number>;
    expect(body).toEqual({
      token_type: 'Bearer',
      expires_in: DAY,
      access_token: expect.any(String),
      scope: 'account_read contact_data offline_access',
      refresh_token: expect.any(String),
    });
    // the token is an RS256 JWT verifiable with the issuer's JWKS
    const keys = (await (await s.app.request(`${IDENTITY}/oauth2/aus1lm3ry9mF7x2Ja0h8/v1/keys`)).json()) as {
      keys: { kty: string; alg: string }[];
    };
    expect(keys.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    const token = body.access_token as string;
    expect(decodeProtectedHeader(token).alg).toBe('RS256');
    const { payload } = await jwtVerify(token, createLocalJWKSet(keys as JSONWebKeySet), {
      issuer: CTCT_ISSUER,
      audience: CTCT_AUDIENCE,
      currentDate: new Date(T0),
    });
    expect(payload.exp! - payload.iat!).toBe(DAY);
    expect(payload).toMatchObject({
      iss: 'https://identity.constantcontact.com/oauth2/aus1lm3ry9mF7x2Ja0h8',
      aud: 'https://api.cc.email/v3',
      cid: s.newsletter.apiKey,
      sub: 'bakery_owner',
      scp: ['account_read', 'contact_data', 'offline_access'],
    });
  });

  it('accepts a form body too, and scopes joined with %2B or spaces', async () => {
    const s = await setupCtct();
    for (const scope of ['account_read%2Bcontact_data', 'account_read contact_data']) {
      const q = new URLSearchParams({
        client_id: s.newsletter.apiKey,
        response_type: 'code',
        redirect_uri: REDIRECT,
        state: 'x',
        login_hint: 'bakery_owner',
        grantform_auto_approve: '1',
      });
      const res = await s.app.request(`${AUTHZ}/oauth2/default/v1/authorize?${q}&scope=${scope.replace(' ', '%20')}`);
      const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
      const tokenRes = await tokenByForm(
        s.app,
        { code, redirect_uri: REDIRECT, grant_type: 'authorization_code' },
        basic(s.newsletter.apiKey, s.newsletter.clientSecret!),
      );
      // without offline_access there is no refresh token
      expect(await tokenRes.json()).toEqual({
        token_type: 'Bearer',
        expires_in: DAY,
        access_token: expect.any(String),
        scope: 'account_read contact_data',
      });
    }
  });

  it('is reachable by Host header, on the identity host too', async () => {
    const s = await setupCtct();
    const url = await authorize(s.app, { client_id: s.newsletter.apiKey, scope: 'account_read' });
    const res = await s.app.request('https://identity.constantcontact.com/oauth2/aus1lm3ry9mF7x2Ja0h8/v1/token', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basic(s.newsletter.apiKey, s.newsletter.clientSecret!),
      },
      body: new URLSearchParams({
        code: url.searchParams.get('code')!,
        redirect_uri: REDIRECT,
        grant_type: 'authorization_code',
      }).toString(),
    });
    expect(res.status).toBe(200);
    expect((await s.app.request('https://identity.constantcontact.com/.well-known/openid-configuration')).status).toBe(
      404,
    );
  });

  it('refuses a bad secret, a replayed or expired code, a redirect mismatch (Okta bodies)', async () => {
    const s = await setupCtct();
    const auth = basic(s.newsletter.apiKey, s.newsletter.clientSecret!);
    const code = async () =>
      (await authorize(s.app, { client_id: s.newsletter.apiKey, scope: 'account_read' })).searchParams.get('code')!;
    const exchange = (c: string, a = auth, redirect = REDIRECT) =>
      tokenByQuery(s.app, { code: c, redirect_uri: redirect, grant_type: 'authorization_code' }, a);

    const bad = await exchange(await code(), basic(s.newsletter.apiKey, 'wrong'));
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual(
      okta('invalid_client', 'Client authentication failed. Either the client or the client credentials are invalid.'),
    );
    const unknown = await exchange(await code(), basic('nope', 'x'));
    expect(await unknown.json()).toEqual(okta('invalid_client', "Invalid value for 'client_id' parameter."));

    const once = await code();
    expect((await exchange(once)).status).toBe(200);
    const replay = await exchange(once);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toEqual(okta('invalid_grant', 'The authorization code is invalid or has expired.'));

    const mismatch = await exchange(await code(), auth, 'https://app.example.com/other');
    expect(await mismatch.json()).toEqual(
      okta('invalid_grant', "The 'redirect_uri' does not match the redirection URI used in the authorization request."),
    );

    const late = await code();
    s.advance(301);
    expect(await (await exchange(late)).json()).toEqual(
      okta('invalid_grant', 'The authorization code is invalid or has expired.'),
    );
  });

  it('keeps a code usable after a refused redemption (wrong redirect_uri), for the corrected retry, once', async () => {
    // GIVEN a code
    const s = await setupCtct();
    const auth = basic(s.newsletter.apiKey, s.newsletter.clientSecret!);
    const url = await authorize(s.app, { client_id: s.newsletter.apiKey, scope: 'account_read' });
    const params = { code: url.searchParams.get('code')!, redirect_uri: REDIRECT, grant_type: 'authorization_code' };
    // WHEN it is redeemed with another redirect URI, then with the right one, then again
    const wrong = await tokenByQuery(s.app, { ...params, redirect_uri: 'https://app.example.com/other' }, auth);
    const right = await tokenByQuery(s.app, params, auth);
    const again = await tokenByQuery(s.app, params, auth);
    // THEN the refusal did not spend it, the retry is issued, and the code works only that once
    expect(wrong.status).toBe(400);
    expect(right.status).toBe(200);
    expect(await again.json()).toEqual(okta('invalid_grant', 'The authorization code is invalid or has expired.'));
  });

  it('revokes what a code issued when the code is replayed', async () => {
    const s = await setupCtct();
    const url = await authorize(s.app, { client_id: s.newsletter.apiKey, scope: 'account_read+offline_access' });
    const params = { code: url.searchParams.get('code')!, redirect_uri: REDIRECT, grant_type: 'authorization_code' };
    const auth = basic(s.newsletter.apiKey, s.newsletter.clientSecret!);
    const first = (await (await tokenByQuery(s.app, params, auth)).json()) as { refresh_token: string };
    await tokenByQuery(s.app, params, auth);
    const refresh = await tokenByForm(s.app, { grant_type: 'refresh_token', refresh_token: first.refresh_token }, auth);
    expect(await refresh.json()).toEqual(okta('invalid_grant', 'The refresh token is invalid or expired.'));
  });

  it('shows an error page for an unknown client or an unregistered redirect URI, and redirects other errors', async () => {
    const s = await setupCtct();
    const page = await s.app.request(`${AUTHZ}/oauth2/default/v1/authorize?client_id=nope&redirect_uri=${REDIRECT}`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain(
      '<p id="error_description">Invalid value for &#39;client_id&#39; parameter.</p>',
    );
    const unregistered = await s.app.request(
      `${AUTHZ}/oauth2/default/v1/authorize?client_id=${s.newsletter.apiKey}&redirect_uri=https://evil.example.com/cb`,
    );
    expect(unregistered.status).toBe(400);
    const scope = await s.app.request(
      `${AUTHZ}/oauth2/default/v1/authorize?${new URLSearchParams({ client_id: s.newsletter.apiKey, redirect_uri: REDIRECT, response_type: 'code', state: 's', scope: 'billing_data' })}`,
    );
    const location = new URL(scope.headers.get('location')!);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      error: 'invalid_scope',
      error_description: 'One or more scopes are not configured for the authorization server resource.',
      state: 's',
    });
  });

  it('refuses repeated authorize parameters: a page for client_id, a redirect for the others', async () => {
    // GIVEN the newsletter application
    const s = await setupCtct();
    const base = `response_type=code&client_id=${s.newsletter.apiKey}&redirect_uri=${encodeURIComponent(REDIRECT)}&state=st`;
    const send = (q: string) => s.app.request(`${AUTHZ}/oauth2/default/v1/authorize?${q}`);
    // WHEN client_id, then scope, is sent twice
    const clientTwice = await send(`${base}&scope=account_read&client_id=${s.newsletter.apiKey}`);
    const scopeTwice = await send(`${base}&scope=account_read&scope=contact_data`);
    // THEN
    expect(clientTwice.status).toBe(400);
    expect(clientTwice.headers.get('location')).toBeNull();
    expect(await clientTwice.text()).toContain('The &#39;client_id&#39; parameter is repeated.');
    expect(scopeTwice.status).toBe(302);
    expect(Object.fromEntries(new URL(scopeTwice.headers.get('location')!).searchParams)).toEqual({
      error: 'invalid_request',
      error_description: "The 'scope' parameter is repeated.",
      state: 'st',
    });
  });

  it('reads token form keys named like Object.prototype members as ordinary parameters', async () => {
    const s = await setupCtct();
    const url = await authorize(s.app, { client_id: s.newsletter.apiKey, scope: 'account_read' });
    const res = await s.app.request(TOKEN, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basic(s.newsletter.apiKey, s.newsletter.clientSecret!),
      },
      body: `${new URLSearchParams({ code: url.searchParams.get('code')!, redirect_uri: REDIRECT, grant_type: 'authorization_code' })}&constructor=a&toString=b&__proto__=c&hasOwnProperty=d`,
    });
    expect(res.status).toBe(200);
  });

  it('logs in through the login page', async () => {
    // GIVEN an authorize request without headless parameters
    const s = await setupCtct();
    const q = new URLSearchParams({
      client_id: s.newsletter.apiKey,
      redirect_uri: REDIRECT,
      response_type: 'code',
      state: 's',
      scope: 'contact_data',
    });
    const page = await s.app.request(`${AUTHZ}/oauth2/default/v1/authorize?${q}`);
    const html = await page.text();
    const interaction = /name="interaction" value="([^"]+)"/.exec(html)![1]!;
    expect(html).toContain('action="http://localhost/authz.constantcontact.com/oauth2/default/v1/authorize/login"');
    const login = (password: string) =>
      s.app.request(`${AUTHZ}/oauth2/default/v1/authorize/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ interaction, username: 'bakery_owner', password, decision: 'allow' }).toString(),
      });
    // WHEN a wrong password, then the right one
    expect(await (await login('nope')).text()).toContain('Invalid username or password.');
    const ok = await login('grantform');
    // THEN
    expect(ok.status).toBe(302);
    expect(new URL(ok.headers.get('location')!).searchParams.get('code')).toEqual(expect.any(String));
  });
});

describe('Constant Contact PKCE and implicit flows', () => {
  it('exchanges a PKCE code with client_id and code_verifier, no secret', async () => {
    const s = await setupCtct();
    const url = await authorize(s.app, {
      client_id: s.desktop.apiKey,
      redirect_uri: NATIVE_REDIRECT,
      scope: 'contact_data offline_access',
      code_challenge: s256(VERIFIER),
      code_challenge_method: 'S256',
    });
    const params = {
      client_id: s.desktop.apiKey,
      code: url.searchParams.get('code')!,
      redirect_uri: NATIVE_REDIRECT,
      grant_type: 'authorization_code',
    };
    const wrong = await tokenByForm(s.app, { ...params, code_verifier: `${VERIFIER}x` });
    expect(await wrong.json()).toEqual(okta('invalid_grant', 'PKCE verification failed.'));
    const res = await tokenByForm(s.app, { ...params, code_verifier: VERIFIER });
    expect(await res.json()).toMatchObject({ scope: 'contact_data offline_access', refresh_token: expect.any(String) });
  });

  it('requires the challenge of a public application and refuses its secret', async () => {
    const s = await setupCtct();
    const res = await s.app.request(
      `${AUTHZ}/oauth2/default/v1/authorize?${new URLSearchParams({ client_id: s.desktop.apiKey, redirect_uri: NATIVE_REDIRECT, response_type: 'code', state: 's', scope: 'contact_data' })}`,
    );
    expect(new URL(res.headers.get('location')!).searchParams.get('error_description')).toBe(
      "PKCE code challenge is required when the token endpoint authentication method is 'NONE'.",
    );
    const secret = await tokenByForm(
      s.app,
      { grant_type: 'refresh_token', refresh_token: 'x' },
      basic(s.desktop.apiKey, 'a-secret'),
    );
    expect(secret.status).toBe(401);
  });

  it('returns an 8-hour token in the fragment for response_type=token, never a refresh token', async () => {
    const s = await setupCtct();
    const url = await authorize(s.app, {
      client_id: s.newsletter.apiKey,
      response_type: 'token',
      scope: 'contact_data+offline_access',
    });
    const fragment = Object.fromEntries(new URLSearchParams(url.hash.slice(1)));
    expect(fragment).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: '28800',
      scope: 'contact_data',
      state: 'st4te',
    });
    expect(url.search).toBe('');
    // a public application cannot use it
    const pub = await authorize(s.app, {
      client_id: s.desktop.apiKey,
      redirect_uri: NATIVE_REDIRECT,
      response_type: 'token',
      scope: 'contact_data',
    });
    expect(new URLSearchParams(pub.hash.slice(1)).get('error')).toBe('unauthorized_client');
  });
});

describe('Constant Contact refresh tokens', () => {
  it('rotating: each refresh invalidates every earlier refresh token of the grant', async () => {
    // GIVEN r1 from the code exchange
    const s = await setupCtct();
    const auth = basic(s.newsletter.apiKey, s.newsletter.clientSecret!);
    const r1 = (await userTokens(s)).refresh_token!;
    const refresh = (token: string) => tokenByQuery(s.app, { grant_type: 'refresh_token', refresh_token: token }, auth);
    // WHEN r1 is used, then used again
    const second = (await (await refresh(r1)).json()) as { refresh_token: string; expires_in: number };
    const reuse = await refresh(r1);
    // THEN a new token came back and r1 is dead
    expect(second.refresh_token).not.toBe(r1);
    expect(second.expires_in).toBe(DAY);
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toEqual(okta('invalid_grant', 'The refresh token is invalid or expired.'));
    // r2 still works and yields r3; then r2 is dead too
    const third = (await (await refresh(second.refresh_token)).json()) as { refresh_token: string };
    expect((await refresh(second.refresh_token)).status).toBe(400);
    expect((await refresh(third.refresh_token)).status).toBe(200);
  });

  it('concurrent refreshes with one token: one wins, the other fails', async () => {
    const s = await setupCtct();
    const auth = basic(s.newsletter.apiKey, s.newsletter.clientSecret!);
    const r1 = (await userTokens(s)).refresh_token!;
    const [a, b] = await Promise.all([
      tokenByForm(s.app, { grant_type: 'refresh_token', refresh_token: r1 }, auth),
      tokenByForm(s.app, { grant_type: 'refresh_token', refresh_token: r1 }, auth),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 400]);
  });

  it('long-lived: the same refresh token comes back, and dies after 180 days unused', async () => {
    const s = await setupCtct();
    const auth = basic(s.reports.apiKey, s.reports.clientSecret!);
    const r = (await userTokens(s, 'account_read offline_access', 'bakery_owner', s.reports)).refresh_token!;
    const refresh = () => tokenByForm(s.app, { grant_type: 'refresh_token', refresh_token: r }, auth);
    // used every 179 days it stays alive
    for (let i = 0; i < 3; i++) {
      s.advance(179 * DAY);
      const body = (await (await refresh()).json()) as { refresh_token: string };
      expect(body.refresh_token).toBe(r);
    }
    s.advance(180 * DAY + 1);
    expect(await (await refresh()).json()).toEqual(okta('invalid_grant', 'The refresh token is invalid or expired.'));
  });

  it('rotating tokens die after 180 days unused too', async () => {
    const s = await setupCtct();
    const r1 = (await userTokens(s)).refresh_token!;
    s.advance(180 * DAY + 1);
    const res = await tokenByForm(
      s.app,
      { grant_type: 'refresh_token', refresh_token: r1 },
      basic(s.newsletter.apiKey, s.newsletter.clientSecret!),
    );
    expect(res.status).toBe(400);
  });

  it('refuses unsupported and unconfigured grant types', async () => {
    const s = await setupCtct();
    const auth = basic(s.newsletter.apiKey, s.newsletter.clientSecret!);
    expect(await (await tokenByForm(s.app, { grant_type: 'client_credentials' }, auth)).json()).toEqual(
      okta(
        'unauthorized_client',
        'The client is not authorized to use the provided grant type. Configured grant types: [authorization_code, refresh_token].',
      ),
    );
    expect(await (await tokenByForm(s.app, { grant_type: 'magic' }, auth)).json()).toEqual(
      okta('unsupported_grant_type', "The grant type 'magic' is not supported."),
    );
    const json = await s.app.request(`${AUTHZ}/oauth2/default/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: auth },
      body: '{"grant_type":"refresh_token"}',
    });
    expect(await json.json()).toEqual(
      okta('invalid_request', "The request body must be sent as 'application/x-www-form-urlencoded'."),
    );
  });
});
