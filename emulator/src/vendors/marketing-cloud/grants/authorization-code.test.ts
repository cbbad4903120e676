import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ERROR_URI } from '../errors.js';
import { AUTH, authorize, ENT, headless, REDIRECT, setup, TSSD, tokenRequest } from '../testing/fixtures.js';

const err = (error: string, error_description: string) => ({ error, error_description, error_uri: ERROR_URI });
const VERIFIER = `${'a'.repeat(43)}verifier-0123456789`;
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

async function webCode(s: Awaited<ReturnType<typeof setup>>, extra: Record<string, string> = {}) {
  const url = await authorize(s.app, { client_id: s.web.clientId, ...headless, state: 's1', ...extra });
  return url.searchParams.get('code')!;
}

describe('POST /v2/token authorization_code', () => {
  it('exchanges a web-app code with its secret for access and refresh tokens', async () => {
    // GIVEN a code from a headless authorize
    const s = await setup();
    const code = await webCode(s);
    // WHEN it is exchanged
    const res = await tokenRequest(s.app, {
      grant_type: 'authorization_code',
      code,
      client_id: s.web.clientId,
      client_secret: s.web.clientSecret,
      redirect_uri: REDIRECT,
    });
    // THEN
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.stringMatching(/^[A-Za-z0-9_-]{64}$/),
      token_type: 'Bearer',
      expires_in: 1079,
      scope: 'email_read offline',
      soap_instance_url: `http://localhost/${TSSD}.soap.marketingcloudapis.com/`,
      rest_instance_url: `http://localhost/${TSSD}.rest.marketingcloudapis.com/`,
    });
  });

  it('requires the web secret and refuses a mismatched redirect_uri', async () => {
    const s = await setup();
    const code = await webCode(s);
    const noSecret = await tokenRequest(s.app, {
      grant_type: 'authorization_code',
      code,
      client_id: s.web.clientId,
      redirect_uri: REDIRECT,
    });
    expect(noSecret.status).toBe(401);
    const wrongUri = await tokenRequest(s.app, {
      grant_type: 'authorization_code',
      code,
      client_id: s.web.clientId,
      client_secret: s.web.clientSecret,
      redirect_uri: `${REDIRECT}/`,
    });
    expect(await wrongUri.json()).toEqual(
      err('invalid_grant', 'The redirect_uri does not match the one used at authorization.'),
    );
    const encoded = await tokenRequest(s.app, {
      grant_type: 'authorization_code',
      code,
      client_id: s.web.clientId,
      client_secret: s.web.clientSecret,
      redirect_uri: encodeURIComponent(REDIRECT),
    });
    expect(encoded.status).toBe(400);
  });

  it('lets a code be used once; a replay is refused and revokes what the code issued', async () => {
    const s = await setup();
    const code = await webCode(s);
    const req = {
      grant_type: 'authorization_code',
      code,
      client_id: s.web.clientId,
      client_secret: s.web.clientSecret,
      redirect_uri: REDIRECT,
    };
    const first = (await (await tokenRequest(s.app, req)).json()) as { access_token: string; refresh_token: string };
    const replay = await tokenRequest(s.app, req);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toEqual(
      err('invalid_grant', 'The authorization code has already been used; the tokens it issued are revoked.'),
    );
    const userinfo = await s.app.request(`${AUTH}/v2/userinfo`, {
      headers: { authorization: `Bearer ${first.access_token}` },
    });
    expect(userinfo.status).toBe(401);
    const refresh = await tokenRequest(s.app, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
      client_id: s.web.clientId,
      client_secret: s.web.clientSecret,
    });
    expect(await refresh.json()).toEqual(err('invalid_grant', 'The refresh token has been revoked.'));
  });

  it('expires codes after 5 minutes', async () => {
    const s = await setup();
    const code = await webCode(s);
    s.advance(300);
    const res = await tokenRequest(s.app, {
      grant_type: 'authorization_code',
      code,
      client_id: s.web.clientId,
      client_secret: s.web.clientSecret,
      redirect_uri: REDIRECT,
    });
    expect(await res.json()).toEqual(err('invalid_grant', 'The authorization code has expired.'));
  });

  it('verifies PKCE S256 for a public app without a secret', async () => {
    const s = await setup();
    const url = await authorize(s.app, {
      client_id: s.spa.clientId,
      ...headless,
      code_challenge: CHALLENGE,
      code_challenge_method: 'S256',
    });
    const code = url.searchParams.get('code')!;
    const base = { grant_type: 'authorization_code', code, client_id: s.spa.clientId, redirect_uri: REDIRECT };
    const missing = await tokenRequest(s.app, base);
    expect(await missing.json()).toEqual(err('invalid_grant', 'The code_verifier parameter is required (PKCE).'));
    const wrong = await tokenRequest(s.app, { ...base, code_verifier: 'b'.repeat(43) });
    expect(await wrong.json()).toEqual(err('invalid_grant', 'PKCE verification failed.'));
    const ok = await tokenRequest(s.app, { ...base, code_verifier: VERIFIER });
    expect(ok.status).toBe(200);
    const withSecret = await tokenRequest(s.app, { ...base, code_verifier: VERIFIER, client_secret: 'x' });
    expect(withSecret.status).toBe(401);
  });

  it('refuses a verifier when authorize had no challenge, and an unknown code', async () => {
    const s = await setup();
    const code = await webCode(s);
    const base = {
      grant_type: 'authorization_code',
      client_id: s.web.clientId,
      client_secret: s.web.clientSecret,
      redirect_uri: REDIRECT,
    };
    expect(await (await tokenRequest(s.app, { ...base, code, code_verifier: VERIFIER })).json()).toEqual(
      err('invalid_grant', 'A code_verifier was sent but the authorization request had no code_challenge.'),
    );
    expect(await (await tokenRequest(s.app, { ...base, code: 'nope' })).json()).toEqual(
      err('invalid_grant', 'The authorization code is invalid.'),
    );
    expect(await (await tokenRequest(s.app, base)).json()).toEqual(
      err('invalid_request', 'The "code" parameter is required.'),
    );
  });

  it('narrows scope to a subset and refuses a wider one', async () => {
    const s = await setup();
    const base = {
      grant_type: 'authorization_code',
      client_id: s.web.clientId,
      client_secret: s.web.clientSecret,
      redirect_uri: REDIRECT,
    };
    const narrow = (await (
      await tokenRequest(s.app, {
        ...base,
        code: await webCode(s, { scope: 'email_read offline' }),
        scope: 'email_read',
      })
    ).json()) as Record<string, unknown>;
    expect(narrow.scope).toBe('email_read');
    expect(narrow.refresh_token).toBeUndefined();
    const wide = await tokenRequest(s.app, {
      ...base,
      code: await webCode(s, { scope: 'email_read' }),
      scope: 'email_read offline',
    });
    expect(await wide.json()).toEqual(
      err('invalid_scope', 'The requested scope is not granted to this authorization: offline'),
    );
  });
});

describe('POST /v2/token authorization_code: a refused redemption does not spend the code', () => {
  it('keeps the code usable after a wrong scope or business unit, for the corrected retry, and only once', async () => {
    // GIVEN a code for email_read + offline
    const s = await setup();
    const code = await webCode(s, { scope: 'email_read offline' });
    const base = {
      grant_type: 'authorization_code',
      code,
      client_id: s.web.clientId,
      client_secret: s.web.clientSecret,
      redirect_uri: REDIRECT,
    };
    // WHEN it is redeemed with a scope the authorization did not grant, then for a BU that does not exist
    const wideScope = await tokenRequest(s.app, { ...base, scope: 'email_read email_send' });
    const badBu = await tokenRequest(s.app, { ...base, account_id: '999999' });
    // THEN both are refused
    expect(await wideScope.json()).toEqual(
      err('invalid_scope', 'The requested scope is not granted to this authorization: email_send'),
    );
    expect(badBu.status).toBe(401);
    expect(((await badBu.json()) as { error: string }).error).toBe('unauthorized_client');
    // AND the corrected retry gets its tokens: it is not taken for a replay
    const retry = await tokenRequest(s.app, { ...base, account_id: String(ENT) });
    expect(retry.status).toBe(200);
    const issued = (await retry.json()) as { access_token: string; refresh_token: string };
    expect(issued.refresh_token).toEqual(expect.any(String));
    // AND the code is now spent: a second redemption is the replay
    const replay = await tokenRequest(s.app, base);
    expect(await replay.json()).toEqual(
      err('invalid_grant', 'The authorization code has already been used; the tokens it issued are revoked.'),
    );
  });
});

describe('POST /v2/token refresh_token', () => {
  async function tokens(s: Awaited<ReturnType<typeof setup>>) {
    const code = await webCode(s);
    const res = await tokenRequest(s.app, {
      grant_type: 'authorization_code',
      code,
      client_id: s.web.clientId,
      client_secret: s.web.clientSecret,
      redirect_uri: REDIRECT,
    });
    return (await res.json()) as { access_token: string; refresh_token: string };
  }

  it('rotates: the new pair works, the old refresh token is spent, and reusing it revokes the family', async () => {
    const s = await setup();
    const first = await tokens(s);
    const req = (rt: string) => ({
      grant_type: 'refresh_token',
      refresh_token: rt,
      client_id: s.web.clientId,
      client_secret: s.web.clientSecret,
    });
    const second = (await (await tokenRequest(s.app, req(first.refresh_token))).json()) as {
      access_token: string;
      refresh_token: string;
      scope: string;
    };
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.scope).toBe('email_read offline');
    const reuse = await tokenRequest(s.app, req(first.refresh_token));
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toEqual(
      err('invalid_grant', 'The refresh token has already been used; its token family is revoked.'),
    );
    const after = await tokenRequest(s.app, req(second.refresh_token));
    expect(await after.json()).toEqual(err('invalid_grant', 'The refresh token has been revoked.'));
    const ui = await s.app.request(`${AUTH}/v2/userinfo`, {
      headers: { authorization: `Bearer ${second.access_token}` },
    });
    expect(ui.status).toBe(401);
  });

  it('switches BU with account_id and issues no refresh token without offline', async () => {
    const s = await setup();
    const first = await tokens(s);
    const res = await tokenRequest(s.app, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
      client_id: s.web.clientId,
      client_secret: s.web.clientSecret,
      scope: 'email_read',
      account_id: String(ENT),
    });
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.scope).toBe('email_read');
    expect(body.refresh_token).toBeUndefined();
  });

  it('never gives client_credentials a refresh token and rejects an unknown refresh token', async () => {
    const s = await setup();
    const cc = (await (
      await tokenRequest(s.app, {
        grant_type: 'client_credentials',
        client_id: s.s2s.clientId,
        client_secret: s.s2s.clientSecret,
        scope: '',
      })
    ).json()) as Record<string, unknown>;
    expect(cc.refresh_token).toBeUndefined();
    const res = await tokenRequest(s.app, {
      grant_type: 'refresh_token',
      refresh_token: 'x',
      client_id: s.web.clientId,
      client_secret: s.web.clientSecret,
    });
    expect(await res.json()).toEqual(err('invalid_grant', 'The refresh token is invalid.'));
  });
});
