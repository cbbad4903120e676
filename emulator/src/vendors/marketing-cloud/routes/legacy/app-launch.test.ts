import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { type AppCenterClaimsV1, type AppCenterClaimsV2, verifyAppCenterJwt } from '../../app-center/jwt.js';
import { mcContext } from '../../context.js';
import { AUTH, ENT, REST, T0, TSSD } from '../../testing/fixtures.js';
import {
  addCustomerTenant,
  admin,
  adminJson,
  bearer,
  CUSTOMER,
  CUSTOMER_ENT,
  createClient,
  instanceSetup,
  LOGIN_URL,
  SOAP,
} from '../../testing/instance-fixtures.js';

const APP = {
  loginUrl: LOGIN_URL,
  redirectUrl: 'https://app.example.com/',
  logoutUrl: 'https://app.example.com/logout',
};

async function launchSetup(claimsVersion: 1 | 2) {
  const s = await instanceSetup();
  const pkg = await createClient(
    s.app,
    TSSD,
    { name: 'Hub App', legacy: true },
    { type: 'server-to-server', scopes: ['data_extensions_read'] },
    { ...APP, claimsVersion },
  );
  const launch = (body: Record<string, unknown>) => admin(s.app, 'POST', `/packages/${pkg.packageId}/app/launch`, body);
  const now = () => new Date(s.app.context.nowMs());
  return { ...s, pkg, launch, now };
}

describe('App Center SSO launch', () => {
  it('builds a v2 JWT signed with the package secret, verifiable by verifyAppCenterJwt', async () => {
    // GIVEN a legacy package with an app (claims v2)
    const s = await launchSetup(2);
    // WHEN the app is launched for the tenant's test user
    const res = await s.launch({ username: 'admin@acme', deliver: 'json' });
    // THEN
    expect(res.status).toBe(200);
    const { jwt, loginUrl, claims } = (await res.json()) as {
      jwt: string;
      loginUrl: string;
      claims: AppCenterClaimsV2;
    };
    expect(loginUrl).toBe(LOGIN_URL);
    expect(claims).toEqual({
      exp: Date.parse(T0) / 1000 + 300,
      jti: expect.any(String),
      request: {
        claimsVersion: 2,
        user: {
          id: expect.any(Number),
          email: 'admin@acme',
          culture: 'en-US',
          timezone: { longName: '(GMT-06:00) Central Time (US & Canada)', shortName: 'CST', offset: -6, dst: true },
        },
        organization: { id: ENT, enterpriseId: ENT, dataContext: 'enterprise', stackKey: 'S7', region: 'NA1' },
        application: {
          id: s.pkg.packageId,
          package: 'com.grantform.hub-app',
          redirectUrl: 'https://app.example.com/',
          features: {},
          userPermissions: [],
        },
        rest: {
          authEndpoint: `${AUTH}/v1/requestToken`,
          apiEndpointBase: `${REST}/`,
          refreshToken: expect.any(String),
        },
      },
    });
    expect(await verifyAppCenterJwt(jwt, s.pkg.jwtSigningSecret, { now: s.now })).toEqual(claims);
    await expect(verifyAppCenterJwt(jwt, 'not-the-secret', { now: s.now })).rejects.toMatchObject({
      code: 'ERR_APP_CENTER_JWT_INVALID',
    });
    // the refresh token is redeemed at authEndpoint for an app-context token (and a new refresh token)
    const redeemed = await s.app.request(claims.request.rest.authEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        clientId: s.pkg.clientId,
        clientSecret: s.pkg.secret,
        refreshToken: claims.request.rest.refreshToken,
        accessType: 'offline',
      }),
    });
    expect(await redeemed.json()).toEqual({
      accessToken: expect.any(String),
      expiresIn: 3600,
      refreshToken: expect.any(String),
    });
    // and the JWT expires on the emulator clock
    await admin(s.app, 'POST', '/clock', { advanceSeconds: 300 });
    await expect(verifyAppCenterJwt(jwt, s.pkg.jwtSigningSecret, { now: s.now })).rejects.toMatchObject({
      code: 'ERR_APP_CENTER_JWT_EXPIRED',
    });
  });

  it('puts the OAuth, internal (SOAP) and refresh tokens in v1 claims', async () => {
    const s = await launchSetup(1);
    const { claims } = (await (await s.launch({ username: 'admin@acme', deliver: 'json' })).json()) as {
      claims: AppCenterClaimsV1;
    };
    expect(claims.iss).toBe('https://imh.exacttarget.com');
    expect(claims.request.user).toMatchObject({ expiresIn: 3600, refreshToken: expect.any(String) });
    expect(claims.request.application).toEqual({
      id: s.pkg.packageId,
      customerEnvironment: 'Production',
      redirectUrl: 'https://app.example.com/',
    });
    const tc = await s.app.request(`${REST}/platform/v1/tokenContext`, bearer(claims.request.user.oauthToken!));
    expect(tc.status).toBe(200);
    const soap = await s.app.request(`${SOAP}/Service.asmx`, {
      method: 'POST',
      body: `<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Header><oAuth xmlns="http://exacttarget.com"><oAuthToken>${claims.request.user.internalOauthToken}</oAuthToken></oAuth></Header><Body><RetrieveRequestMsg><RetrieveRequest><ObjectType>BusinessUnit</ObjectType><Properties>ID</Properties></RetrieveRequest></RetrieveRequestMsg></Body></Envelope>`,
    });
    expect(soap.status).toBe(200);
  });

  it('returns an auto-submitting form by default and POSTs server-side to a loopback URL', async () => {
    const s = await launchSetup(2);
    const form = await s.launch({ username: 'admin@acme' });
    expect(form.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    const html = await form.text();
    expect(html).toContain(`<form method="POST" action="${LOGIN_URL}"><input type="hidden" name="jwt" value="`);
    expect(html).toContain('<script>document.forms[0].submit()</script>');
    // a real app on 127.0.0.1 receives jwt=… form-encoded
    let received = '';
    const server = createServer((req, res) => {
      req.setEncoding('utf8');
      req.on('data', (d: string) => {
        received += d;
      });
      req.on('end', () => res.end('welcome'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/login`;
      const res = (await (await s.launch({ username: 'admin@acme', deliver: 'post', postUrl: url })).json()) as {
        jwt: string;
        response: unknown;
      };
      expect(res.response).toEqual({ status: 200, body: 'welcome' });
      expect(received).toBe(`jwt=${res.jwt}`);
    } finally {
      server.close();
    }
    // anywhere else only through an injected fetch
    const refused = await s.launch({ username: 'admin@acme', deliver: 'post' });
    expect(refused.status).toBe(400);
    const seen: string[] = [];
    mcContext(s.app.context).appLaunchFetch = async (input) => {
      seen.push(String(input));
      return new Response('ok');
    };
    expect((await s.launch({ username: 'admin@acme', deliver: 'post' })).status).toBe(200);
    expect(seen).toEqual([LOGIN_URL]);
  });

  it('launches for a customer tenant user, and refuses enhanced packages', async () => {
    const s = await launchSetup(2);
    await addCustomerTenant(s.app);
    await adminJson(s.app, 'PUT', `/packages/${s.pkg.packageId}/installations/${CUSTOMER}`, {});
    const { claims } = (await (await s.launch({ username: 'admin@customer', deliver: 'json' })).json()) as {
      claims: AppCenterClaimsV2;
    };
    expect(claims.request.organization).toMatchObject({ id: CUSTOMER_ENT, stackKey: 'S10' });
    expect(claims.request.rest.authEndpoint).toBe(
      `http://localhost/${CUSTOMER}.auth.marketingcloudapis.com/v1/requestToken`,
    );
    // the customer's refresh token is redeemable only on the customer's host
    const redeem = (url: string) =>
      s.app.request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          clientId: s.pkg.clientId,
          clientSecret: s.pkg.secret,
          refreshToken: claims.request.rest.refreshToken,
        }),
      });
    expect((await redeem(`${AUTH}/v1/requestToken`)).status).toBe(401);
    expect((await redeem(claims.request.rest.authEndpoint)).status).toBe(200);
    // enhanced packages get no JWT
    const enhanced = await createClient(s.app, TSSD, { name: 'modern' }, { type: 'server-to-server' }, APP);
    const res = await admin(s.app, 'POST', `/packages/${enhanced.packageId}/app/launch`, { username: 'admin@acme' });
    expect(res.status).toBe(409);
    const missing = await s.launch({ username: 'nobody' });
    expect(missing.status).toBe(404);
  });
});
