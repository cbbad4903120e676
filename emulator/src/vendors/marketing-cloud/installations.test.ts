import { describe, expect, it } from 'vitest';
import { ERROR_URI } from './errors.js';
import { AUTH, authorize, REDIRECT, REST, TSSD, tokenRequest } from './testing/fixtures.js';
import {
  addCustomerTenant,
  admin,
  bearer,
  CUSTOMER,
  CUSTOMER_AUTH,
  CUSTOMER_CHILD,
  CUSTOMER_ENT,
  CUSTOMER_REST,
  CUSTOMER_SOAP,
  createClient,
  instanceSetup,
  SOAP,
} from './testing/instance-fixtures.js';

async function partnerSetup(businessUnits: 'all' | number[] = 'all') {
  const s = await instanceSetup();
  await addCustomerTenant(s.app);
  const partner = await createClient(
    s.app,
    TSSD,
    { name: 'partner-app' },
    { type: 'web-app', scopes: ['email_read', 'offline'], redirectUris: [REDIRECT], appExchange: true },
  );
  const install = await admin(s.app, 'PUT', `/packages/${partner.packageId}/installations/${CUSTOMER}`, {
    businessUnits,
  });
  return { ...s, partner, install };
}

const exchange = (s: Awaited<ReturnType<typeof partnerSetup>>, code: string, base: string) =>
  tokenRequest(
    s.app,
    {
      grant_type: 'authorization_code',
      code,
      client_id: s.partner.clientId,
      client_secret: s.partner.secret,
      redirect_uri: REDIRECT,
    },
    base,
  );

describe('acting for customer tenants (AppExchange installations)', () => {
  it('installs a package into a customer tenant through the admin API', async () => {
    const s = await partnerSetup();
    expect(s.install.status).toBe(201);
    expect(await s.install.json()).toEqual({
      packageId: s.partner.packageId,
      tenant: CUSTOMER,
      businessUnits: 'all',
      installedAt: '2026-01-01T00:00:00.000Z',
      endpoints: {
        auth: `http://localhost/${CUSTOMER}.auth.marketingcloudapis.com/`,
        rest: `http://localhost/${CUSTOMER}.rest.marketingcloudapis.com/`,
        soap: `http://localhost/${CUSTOMER}.soap.marketingcloudapis.com/`,
      },
    });
    // only AppExchange (or legacy app) packages can be installed elsewhere
    const notPublished = await admin(s.app, 'PUT', `/packages/${s.full.packageId}/installations/${CUSTOMER}`, {});
    expect(notPublished.status).toBe(409);
    const own = await admin(s.app, 'PUT', `/packages/${s.partner.packageId}/installations/${TSSD}`, {});
    expect(((await own.json()) as { error: { code: string } }).error.code).toBe('ERR_CONFLICT');
  });

  it('authorizes a customer user, returns the customer tssd, and the token comes only from the customer host', async () => {
    // GIVEN the partner's app installed in the customer tenant
    const s = await partnerSetup();
    // WHEN a customer user authorizes on the partner's auth host
    const url = await authorize(s.app, {
      client_id: s.partner.clientId,
      login_hint: 'admin@customer',
      grantform_auto_approve: '1',
    });
    // THEN the redirect names the customer's tssd
    expect(url.searchParams.get('tssd')).toBe(CUSTOMER);
    const code = url.searchParams.get('code')!;
    // the partner's host refuses the code; the customer's host exchanges it
    const wrongHost = await exchange(s, code, AUTH);
    expect(await wrongHost.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'The authorization code is invalid.',
      error_uri: ERROR_URI,
    });
    const res = await exchange(s, code, CUSTOMER_AUTH);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; refresh_token: string; rest_instance_url: string };
    expect(body.rest_instance_url).toBe(`${CUSTOMER_REST}/`);
    // the token works on the customer's instance and nowhere else
    const tc = await s.app.request(`${CUSTOMER_REST}/platform/v1/tokenContext`, bearer(body.access_token));
    expect(await tc.json()).toEqual({
      enterprise: { id: CUSTOMER_ENT },
      organization: { id: CUSTOMER_ENT },
      user: { id: expect.any(Number) },
    });
    expect((await s.app.request(`${REST}/platform/v1/tokenContext`, bearer(body.access_token))).status).toBe(401);
    const soap = (base: string) =>
      s.app.request(`${base}/Service.asmx`, {
        method: 'POST',
        body: `<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Header><fueloauth>${body.access_token}</fueloauth></Header><Body><RetrieveRequestMsg><RetrieveRequest><ObjectType>BusinessUnit</ObjectType><Properties>ID</Properties></RetrieveRequest></RetrieveRequestMsg></Body></Envelope>`,
      });
    expect((await soap(CUSTOMER_SOAP)).status).toBe(200);
    expect(await (await soap(SOAP)).text()).toContain('<faultstring>Login Failed</faultstring>');
    // the refresh token also belongs to the customer's host
    const refresh = (base: string) =>
      tokenRequest(
        s.app,
        {
          grant_type: 'refresh_token',
          refresh_token: body.refresh_token,
          client_id: s.partner.clientId,
          client_secret: s.partner.secret,
        },
        base,
      );
    expect((await refresh(AUTH)).status).toBe(400);
    expect((await refresh(CUSTOMER_AUTH)).status).toBe(200);
  });

  it("applies the customer's BU access and revokes the customer's tokens on uninstall", async () => {
    // GIVEN an installation limited to the customer's child BU
    const s = await partnerSetup([CUSTOMER_CHILD]);
    const url = await authorize(
      s.app,
      { client_id: s.partner.clientId, login_hint: 'admin@customer', grantform_auto_approve: '1' },
      CUSTOMER_AUTH,
    );
    const body = (await (await exchange(s, url.searchParams.get('code')!, CUSTOMER_AUTH)).json()) as {
      access_token: string;
      refresh_token: string;
    };
    const tc = (await (
      await s.app.request(`${CUSTOMER_REST}/platform/v1/tokenContext`, bearer(body.access_token))
    ).json()) as { organization: { id: number } };
    expect(tc.organization.id).toBe(CUSTOMER_CHILD);
    const otherBu = await tokenRequest(
      s.app,
      {
        grant_type: 'refresh_token',
        refresh_token: body.refresh_token,
        client_id: s.partner.clientId,
        client_secret: s.partner.secret,
        account_id: CUSTOMER_ENT,
      },
      CUSTOMER_AUTH,
    );
    expect(otherBu.status).toBe(401);
    // WHEN the customer uninstalls
    expect((await admin(s.app, 'DELETE', `/packages/${s.partner.packageId}/installations/${CUSTOMER}`)).status).toBe(
      204,
    );
    // THEN its tokens stop working and the client is unknown there
    expect((await s.app.request(`${CUSTOMER_REST}/platform/v1/tokenContext`, bearer(body.access_token))).status).toBe(
      401,
    );
    const unknown = await exchange(s, 'x', CUSTOMER_AUTH);
    expect(((await unknown.json()) as { error: string }).error).toBe('invalid_client');
  });
});
