import { describe, expect, it } from 'vitest';
import { ERROR_URI } from '../errors.js';
import {
  AUTH,
  authorize,
  CHILD,
  ENT,
  headless,
  REDIRECT,
  REST,
  setup,
  TSSD,
  tokenRequest,
} from '../testing/fixtures.js';

async function userToken(s: Awaited<ReturnType<typeof setup>>): Promise<string> {
  const code = (await authorize(s.app, { client_id: s.web.clientId, ...headless })).searchParams.get('code')!;
  const res = await tokenRequest(s.app, {
    grant_type: 'authorization_code',
    code,
    client_id: s.web.clientId,
    client_secret: s.web.clientSecret,
    redirect_uri: REDIRECT,
  });
  return ((await res.json()) as { access_token: string }).access_token;
}
const bearer = (t: string) => ({ headers: { authorization: `Bearer ${t}` } });

describe('GET /v2/userinfo', () => {
  it('returns the nested vendor shape for a user token', async () => {
    const s = await setup();
    const token = await userToken(s);
    const res = await s.app.request(`${AUTH}/v2/userinfo`, bearer(token));
    expect(res.status).toBe(200);
    const tz = { longName: '(GMT-06:00) Central Time (US & Canada)', shortName: 'CST', offset: -6, dst: true };
    expect(await res.json()).toEqual({
      exp: Date.parse('2026-01-01T00:20:00Z') / 1000,
      iss: 'https://mc.exacttarget.com',
      user: {
        sub: expect.any(String),
        name: 'admin@acme',
        preferred_username: 'admin@acme',
        email: 'admin@acme',
        locale: 'en-US',
        zoneinfo: 'America/Chicago',
        timezone: tz,
      },
      organization: {
        member_id: ENT,
        enterprise_id: ENT,
        enterprise_name: 'acme',
        account_type: 'enterprise',
        business_unit_name: 'Acme',
        stack_key: 'S7',
        region: 'NA1',
        locale: 'en-US',
        zoneinfo: 'America/Chicago',
        timezone: tz,
      },
      rest: {
        rest_instance_url: `http://localhost/${TSSD}.rest.marketingcloudapis.com/`,
        soap_instance_url: `http://localhost/${TSSD}.soap.marketingcloudapis.com/`,
      },
      application: {
        id: s.web.packageId,
        name: 'web',
        redirectUrl: [REDIRECT],
        appScopes: ['openid', 'email_read', 'offline'],
      },
      permissions: [],
    });
  });

  it('answers 401 invalid_token with WWW-Authenticate for missing, bad and expired tokens', async () => {
    const s = await setup();
    const token = await userToken(s);
    const expected = {
      error: 'invalid_token',
      error_description: 'The access token is invalid, expired or revoked.',
      error_uri: ERROR_URI,
    };
    for (const init of [{}, bearer('nope'), bearer(`${token}x`)]) {
      const res = await s.app.request(`${AUTH}/v2/userinfo`, init);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
      expect(await res.json()).toEqual(expected);
    }
    s.advance(1200);
    expect((await s.app.request(`${AUTH}/v2/userinfo`, bearer(token))).status).toBe(401);
  });
});

describe('REST platform routes', () => {
  it('tokenContext, endpoints and endpoints/{type}', async () => {
    const s = await setup();
    const cc = (await (
      await tokenRequest(s.app, {
        grant_type: 'client_credentials',
        client_id: s.s2s.clientId,
        client_secret: s.s2s.clientSecret,
        account_id: CHILD,
      })
    ).json()) as { access_token: string };
    const tc = await s.app.request(`${REST}/platform/v1/tokenContext`, bearer(cc.access_token));
    expect(await tc.json()).toEqual({
      enterprise: { id: ENT },
      organization: { id: CHILD },
      user: { id: expect.any(Number) },
    });
    const ep = await s.app.request(`${REST}/platform/v1/endpoints`, bearer(cc.access_token));
    expect(await ep.json()).toEqual({
      page: 1,
      pageSize: 3,
      count: 3,
      items: [
        { type: 'ftp', url: `ftp://${TSSD}.ftp.marketingcloudops.com` },
        { type: 'rest', url: `${REST}/` },
        { type: 'soap', url: `http://localhost/${TSSD}.soap.marketingcloudapis.com/Service.asmx` },
      ],
    });
    const soap = await s.app.request(`${REST}/platform/v1/endpoints/soap`, bearer(cc.access_token));
    expect(await soap.json()).toEqual({
      type: 'soap',
      url: `http://localhost/${TSSD}.soap.marketingcloudapis.com/Service.asmx`,
    });
    const unknown = await s.app.request(`${REST}/platform/v1/endpoints/foobar`, bearer(cc.access_token));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      documentation: '',
      errorcode: 30003,
      message: "No endpoint exists for key 'foobar'.",
    });
  });

  it('answers 401 Not Authorized with an invalid_token challenge (fuel-rest retries on it)', async () => {
    const s = await setup();
    const res = await s.app.request(`${REST}/platform/v1/tokenContext`, bearer('bad'));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer\s.+?invalid_token/);
    expect(await res.json()).toEqual({
      documentation: 'https://developer.salesforce.com/docs/atlas.en-us.mc-apis.meta/mc-apis/error-handling.htm',
      errorcode: 0,
      message: 'Not Authorized',
    });
  });
});

describe('JWKS and discovery', () => {
  it('publishes the signing key at both documented paths', async () => {
    const s = await setup();
    const a = await (await s.app.request(`${AUTH}/.well-known/jwks.json`)).json();
    const b = await (await s.app.request('/_emulator/jwks.json')).json();
    expect(a).toEqual(b);
    expect(a).toEqual({
      keys: [
        expect.objectContaining({
          kty: 'EC',
          crv: 'P-256',
          alg: 'ES256',
          use: 'sig',
          kid: s.app.context.options.signingKey.kid,
        }),
      ],
    });
    expect(JSON.stringify(a)).not.toContain('"d"');
  });
});
