import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { ERROR_URI, MESSAGES } from '../errors.js';
import { AUTH, CHILD, ENT, OTHER, setup, TSSD, tokenRequest } from '../testing/fixtures.js';

const err = (error: string, error_description: string) => ({ error, error_description, error_uri: ERROR_URI });

describe('POST /v2/token client_credentials', () => {
  it('issues a token with every integration scope when scope is omitted', async () => {
    // GIVEN a seeded server-to-server integration
    const { app, s2s } = await setup();
    // WHEN it asks for a token without scope
    const res = await tokenRequest(app, {
      grant_type: 'client_credentials',
      client_id: s2s.clientId,
      client_secret: s2s.clientSecret,
    });
    // THEN
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 1079,
      scope: 'data_extensions_read data_extensions_write email_read',
      soap_instance_url: `http://localhost/${TSSD}.soap.marketingcloudapis.com/`,
      rest_instance_url: `http://localhost/${TSSD}.rest.marketingcloudapis.com/`,
    });
    const token = body.access_token as string;
    expect(token.length).toBeLessThanOrEqual(512);
    expect(decodeProtectedHeader(token)).toEqual({
      alg: 'ES256',
      kid: app.context.options.signingKey.kid,
      typ: 'JWT',
      ver: '1',
    });
    const { payload } = await jwtVerify(token, app.context.options.signingKey.verifyKey, {
      currentDate: new Date('2026-01-01T00:00:00Z'),
      issuer: `https://${TSSD}.auth.marketingcloudapis.com/`,
    });
    expect(payload.exp! - payload.iat!).toBe(1200);
    expect(payload).toMatchObject({ client_id: s2s.clientId, eid: ENT, mid: ENT });
  });

  it('grants no scope for an empty scope and the subset for a subset', async () => {
    const { app, s2s } = await setup();
    const base = { grant_type: 'client_credentials', client_id: s2s.clientId, client_secret: s2s.clientSecret };
    const none = (await (await tokenRequest(app, { ...base, scope: '' })).json()) as { scope: string };
    const some = (await (await tokenRequest(app, { ...base, scope: 'email_read data_extensions_read' })).json()) as {
      scope: string;
    };
    expect(none.scope).toBe('');
    expect(some.scope).toBe('email_read data_extensions_read');
  });

  it('refuses a scope outside the integration by default, and intersects when configured', async () => {
    const strict = await setup();
    const body = (s: typeof strict) => ({
      grant_type: 'client_credentials',
      client_id: s.s2s.clientId,
      client_secret: s.s2s.clientSecret,
      scope: 'email_read email_send',
    });
    const res = await tokenRequest(strict.app, body(strict));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(
      err('invalid_scope', 'The requested scope is not granted to this integration: email_send'),
    );
    const lenient = await setup({ outOfScopePolicy: 'intersect' });
    const ok = (await (await tokenRequest(lenient.app, body(lenient))).json()) as { scope: string };
    expect(ok.scope).toBe('email_read');
  });

  it('accepts account_id as a string or a number and answers 401 for a BU without access', async () => {
    const { app, s2s } = await setup();
    const base = { grant_type: 'client_credentials', client_id: s2s.clientId, client_secret: s2s.clientSecret };
    for (const account_id of [CHILD, String(CHILD)]) {
      const res = await tokenRequest(app, { ...base, account_id });
      expect(res.status).toBe(200);
      const tc = await app.request(`http://localhost/${TSSD}.rest.marketingcloudapis.com/platform/v1/tokenContext`, {
        headers: { authorization: `Bearer ${((await res.json()) as { access_token: string }).access_token}` },
      });
      expect(((await tc.json()) as { organization: { id: number } }).organization.id).toBe(CHILD);
    }
    const denied = await tokenRequest(app, { ...base, account_id: OTHER });
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual(
      err('unauthorized_client', `The client is not authorized to access business unit ${OTHER}.`),
    );
    const bad = await tokenRequest(app, { ...base, account_id: 'abc' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual(
      err('invalid_request', 'The "account_id" parameter must be the MID of a business unit (a positive integer).'),
    );
  });

  it('accepts a form-urlencoded body', async () => {
    const { app, s2s } = await setup();
    const res = await app.request(`${AUTH}/v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: s2s.clientId,
        client_secret: s2s.clientSecret!,
        scope: 'email_read',
      }).toString(),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { scope: string }).scope).toBe('email_read');
  });

  it('reads form keys named like Object.prototype members as ordinary parameters, and refuses repeats of them', async () => {
    // GIVEN a form body that also carries constructor, toString, __proto__ and hasOwnProperty
    const { app, s2s } = await setup();
    const send = (extra: string) =>
      app.request(`${AUTH}/v2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `${new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: s2s.clientId,
          client_secret: s2s.clientSecret!,
        })}&${extra}`,
      });
    // WHEN it is sent once each, and with constructor twice
    const once = await send('constructor=a&toString=b&__proto__=c&hasOwnProperty=d');
    const twice = await send('constructor=a&constructor=b');
    // THEN the token is issued, and only the real repeat is refused
    expect(once.status).toBe(200);
    expect(await twice.json()).toEqual({
      error: 'invalid_request',
      error_description: 'The "constructor" parameter is repeated.',
      error_uri: ERROR_URI,
    });
  });

  it('rejects unknown clients, bad secrets, other tenants and wrong flows with the vendor bodies', async () => {
    const { app, s2s, web } = await setup();
    const cases: [unknown, number, unknown][] = [
      [
        { grant_type: 'client_credentials', client_id: 'nope', client_secret: 'x' },
        401,
        err('invalid_client', MESSAGES.unknownClient),
      ],
      [
        { grant_type: 'client_credentials', client_id: s2s.clientId, client_secret: 'wrong' },
        401,
        err('invalid_client', MESSAGES.clientAuthFailed),
      ],
      [
        { grant_type: 'client_credentials', client_id: s2s.clientId },
        401,
        err('invalid_client', MESSAGES.clientAuthFailed),
      ],
      [
        { grant_type: 'client_credentials', client_id: web.clientId, client_secret: web.clientSecret },
        401,
        err('unauthorized_client', MESSAGES.unauthorizedClient),
      ],
      [
        { grant_type: 'password', client_id: s2s.clientId },
        400,
        err('unsupported_grant_type', MESSAGES.unsupportedGrantType),
      ],
      [{ client_id: s2s.clientId }, 400, err('unsupported_grant_type', MESSAGES.unsupportedGrantType)],
      [
        { grant_type: 'client_credentials', client_id: 42 },
        400,
        err('invalid_request', 'The "client_id" parameter must be a string.'),
      ],
      [
        { grant_type: ['client_credentials'] },
        400,
        err('invalid_request', 'The "grant_type" parameter must be a string.'),
      ],
      ['{not json', 400, err('invalid_request', 'The request body is not valid JSON.')],
      ['[1,2]', 400, err('invalid_request', 'The request body must be a JSON object.')],
      ['', 400, err('invalid_request', 'The request body is not valid JSON.')],
    ];
    for (const [body, status, expected] of cases) {
      const res = await tokenRequest(app, body);
      expect({ body, status: res.status, json: await res.json() }).toEqual({ body, status, json: expected });
    }
    // a client is only known on its own tenant's host
    const other = await tokenRequest(
      app,
      { grant_type: 'client_credentials', client_id: s2s.clientId, client_secret: s2s.clientSecret },
      'http://localhost/mcaaaaaaaaaaaaaaaaaaaaaaaaaa.auth.marketingcloudapis.com',
    );
    expect(other.status).toBe(401);
    expect(await other.json()).toEqual(err('invalid_client', MESSAGES.unknownClient));
  });

  it('refuses legacy-package credentials on v2 with the documented text', async () => {
    const { app } = await setup();
    const pkg = (await (
      await app.request(`/_emulator/tenants/${TSSD}/packages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'old', description: '', legacy: true, sourceMid: ENT }),
      })
    ).json()) as { id: string };
    const integ = (await (
      await app.request(`/_emulator/packages/${pkg.id}/integration`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'server-to-server',
          scopes: ['email_read'],
          redirectUris: [],
          businessUnits: 'all',
          pkce: 'optional',
        }),
      })
    ).json()) as { clientId: string; secret: string };
    const res = await tokenRequest(app, {
      grant_type: 'client_credentials',
      client_id: integ.clientId,
      client_secret: integ.secret,
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(err('invalid_client', MESSAGES.legacyPackage));
  });

  it('returns host-style instance URLs when reached by host name', async () => {
    const { app, s2s } = await setup();
    const res = await tokenRequest(
      app,
      { grant_type: 'client_credentials', client_id: s2s.clientId, client_secret: s2s.clientSecret },
      `https://${TSSD.toUpperCase()}.AUTH.marketingcloudapis.com`,
    );
    expect(await res.json()).toMatchObject({
      rest_instance_url: `https://${TSSD}.rest.marketingcloudapis.com/`,
      soap_instance_url: `https://${TSSD}.soap.marketingcloudapis.com/`,
    });
  });

  it('tolerates // and upper case in the path', async () => {
    const { app, s2s } = await setup();
    const res = await app.request(`http://localhost/${TSSD}.auth.marketingcloudapis.com//V2/Token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: s2s.clientId,
        client_secret: s2s.clientSecret,
      }),
    });
    expect(res.status).toBe(200);
  });

  it('stops accepting the old secret at once after rotation', async () => {
    const { app, s2s } = await setup();
    const rotated = (await (
      await app.request(`/_emulator/packages/${s2s.packageId}/integration/secret`, { method: 'POST' })
    ).json()) as {
      secret: string;
    };
    const old = await tokenRequest(app, {
      grant_type: 'client_credentials',
      client_id: s2s.clientId,
      client_secret: s2s.clientSecret,
    });
    const next = await tokenRequest(app, {
      grant_type: 'client_credentials',
      client_id: s2s.clientId,
      client_secret: rotated.secret,
    });
    expect([old.status, next.status]).toEqual([401, 200]);
  });
});
