import { describe, expect, it } from 'vitest';
import type { CredentialsEntry } from './index.js';
import { createEmulator } from './index.js';
import { authorize, ENT, manifest, REDIRECT, setup, TSSD } from './vendors/marketing-cloud/testing/fixtures.js';

const seed = (app: ReturnType<typeof createEmulator>, body: unknown) =>
  app.request('/_emulator/seed', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('seeding from a manifest', () => {
  it('returns one credentials entry per integration, with a test user per tenant', async () => {
    const { s2s, spa } = await setup();
    expect(s2s).toEqual({
      address: 'acme/sync/api',
      type: 'server-to-server',
      clientId: expect.stringMatching(/^[a-z0-9]{24}$/),
      clientSecret: expect.any(String),
      clientSecretEnv: 'SYNC_SECRET',
      tenant: 'acme',
      subdomain: TSSD,
      packageId: expect.any(String),
      authBaseUrl: `http://localhost/${TSSD}.auth.marketingcloudapis.com/`,
      restBaseUrl: `http://localhost/${TSSD}.rest.marketingcloudapis.com/`,
      soapBaseUrl: `http://localhost/${TSSD}.soap.marketingcloudapis.com/`,
      businessUnits: [ENT, ENT + 1],
      redirectUris: [],
      users: [{ username: 'admin@acme', password: 'grantform' }],
    });
    expect(spa.clientSecret).toBeUndefined();
  });

  it('reseeding recreates same-named packages with fresh credentials', async () => {
    const { app, s2s } = await setup();
    const again = (await (await seed(app, manifest())).json()) as { credentials: { clientId: string }[] };
    expect(again.credentials[0]!.clientId).not.toBe(s2s.clientId);
    expect(
      ((await (await app.request(`/_emulator/tenants/${TSSD}/packages`)).json()) as { items: unknown[] }).items,
    ).toHaveLength(3);
  });

  it('rejects a bad manifest listing every problem, and changes nothing', async () => {
    const app = createEmulator();
    const m = manifest();
    const resources = m.resources.map((r) => ({ ...r, spec: { ...r.spec } })) as Record<string, unknown>[];
    (resources[0]!.spec as Record<string, unknown>).subdomain = 'short';
    (resources[2]!.spec as Record<string, unknown>).package = 'acme/missing';
    const res = await seed(app, { ...m, resources });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { issues: unknown } }).error.issues).toEqual([
      { path: 'resources.0.spec.subdomain', message: 'must be 28 characters: mc + 26 of [0-9a-z-]' },
    ]);
    (resources[0]!.spec as Record<string, unknown>).subdomain = TSSD;
    const res2 = await seed(app, { ...m, resources });
    expect(await res2.json()).toEqual({
      error: {
        code: 'ERR_VALIDATION',
        message: 'the manifest cannot be seeded',
        path: '/_emulator/seed',
        issues: [
          {
            path: 'resources.2.spec.package',
            message: 'must be the address of a installed-package resource in this manifest (got acme/missing)',
          },
        ],
      },
    });
    const wrongVersion = await seed(app, { apiVersion: 'v0', resources: [] });
    expect(((await wrongVersion.json()) as { error: { issues: unknown } }).error.issues).toEqual([
      { path: 'apiVersion', message: 'must be "grantform.dev/v1"' },
    ]);
    expect(await (await app.request('/_emulator/tenants')).json()).toEqual({ items: [] });
  });
});

const CUSTOMER = 'mc0customer0000000000000000a';
const CUSTOMER_ENT = 200_000_001;

/** The fixture manifest plus a customer tenant and an AppExchange web app of acme. */
function partnerManifest(installations: unknown): Record<string, unknown> {
  const m = manifest();
  return {
    ...m,
    resources: [
      ...m.resources,
      {
        address: 'customer',
        kind: 'tenant',
        dependsOn: [],
        spec: {
          name: 'customer',
          subdomain: CUSTOMER,
          stackKey: 'S10',
          enterpriseMid: CUSTOMER_ENT,
          businessUnits: [
            { mid: CUSTOMER_ENT, name: 'Customer', parentMid: null },
            { mid: CUSTOMER_ENT + 1, name: 'Customer Shop', parentMid: CUSTOMER_ENT },
          ],
        },
      },
      {
        address: 'acme/partner',
        kind: 'installed-package',
        dependsOn: ['acme'],
        spec: { tenant: 'acme', name: 'partner', description: '', legacy: false, sourceMid: ENT },
      },
      {
        address: 'acme/partner/api',
        kind: 'api-integration',
        dependsOn: ['acme/partner'],
        spec: {
          package: 'acme/partner',
          type: 'web-app',
          scopes: ['email_read'],
          redirectUris: [REDIRECT],
          businessUnits: 'all',
          clientSecret: { env: 'PARTNER_SECRET' },
          pkce: 'optional',
          appExchange: true,
        },
      },
    ],
    'x-emulator': { installations },
  };
}

describe('seeding installations (x-emulator)', () => {
  it('installs a seeded AppExchange package into a seeded customer tenant, and lists where it is used', async () => {
    // GIVEN a manifest whose x-emulator section installs acme/partner into customer (one BU)
    const app = createEmulator({ headlessAuthorize: true });
    // WHEN it is seeded
    const res = await seed(
      app,
      partnerManifest([{ package: 'acme/partner', tenant: 'customer', businessUnits: [CUSTOMER_ENT] }]),
    );
    // THEN the credentials say where the package is used for the customer
    expect(res.status).toBe(200);
    const { credentials } = (await res.json()) as { credentials: CredentialsEntry[] };
    const partner = credentials.find((c) => c.address === 'acme/partner/api')!;
    expect(partner.installations).toEqual([
      {
        tenant: 'customer',
        subdomain: CUSTOMER,
        authBaseUrl: `http://localhost/${CUSTOMER}.auth.marketingcloudapis.com/`,
        restBaseUrl: `http://localhost/${CUSTOMER}.rest.marketingcloudapis.com/`,
        soapBaseUrl: `http://localhost/${CUSTOMER}.soap.marketingcloudapis.com/`,
        businessUnits: [CUSTOMER_ENT],
        users: [{ username: 'admin@customer', password: 'grantform' }],
      },
    ]);
    expect(credentials.find((c) => c.address === 'acme/sync/api')!.installations).toBeUndefined();
    // AND the emulator has the installation, so a customer user can authorize it (the redirect names the customer)
    const listed = await (await app.request(`/_emulator/packages/${partner.packageId}/installations`)).json();
    expect(listed).toEqual({
      items: [
        {
          packageId: partner.packageId,
          tenant: CUSTOMER,
          businessUnits: [CUSTOMER_ENT],
          installedAt: expect.any(String),
          endpoints: {
            auth: `http://localhost/${CUSTOMER}.auth.marketingcloudapis.com/`,
            rest: `http://localhost/${CUSTOMER}.rest.marketingcloudapis.com/`,
            soap: `http://localhost/${CUSTOMER}.soap.marketingcloudapis.com/`,
          },
        },
      ],
    });
    const url = await authorize(
      app,
      { client_id: partner.clientId, login_hint: 'admin@customer', grantform_auto_approve: '1' },
      partner.installations![0]!.authBaseUrl.replace(/\/$/, ''),
    );
    expect(url.searchParams.get('tssd')).toBe(CUSTOMER);
  });

  it('rejects bad installations listing every problem, and changes nothing', async () => {
    // GIVEN installations that name a missing package, a non-tenant, the package's own tenant,
    // a package that is not an AppExchange app, an unknown BU, a duplicate, and an unknown field
    const app = createEmulator();
    const bad = [
      { package: 'acme/missing', tenant: 'customer' },
      { package: 'acme/partner', tenant: 'acme/sync' },
      { package: 'acme/partner', tenant: 'acme' },
      { package: 'acme/sync', tenant: 'customer' },
      { package: 'acme/partner', tenant: 'customer', businessUnits: [CUSTOMER_ENT, 999] },
      { package: 'acme/partner', tenant: 'customer' },
    ];
    // WHEN it is seeded
    const res = await seed(app, partnerManifest(bad));
    const unknownField = await seed(app, partnerManifest([{ package: 'acme/partner', tenant: 'customer', bu: 1 }]));
    const notAList = await seed(app, { ...partnerManifest([]), 'x-emulator': { installs: [] } });
    // THEN
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { issues: unknown } }).error.issues).toEqual([
      {
        path: 'x-emulator.installations.0.package',
        message: 'must be the address of a installed-package resource in this manifest (got acme/missing)',
      },
      {
        path: 'x-emulator.installations.1.tenant',
        message: 'must be the address of a tenant resource in this manifest (got acme/sync)',
      },
      { path: 'x-emulator.installations.2.tenant', message: 'a package is already available in its own tenant' },
      {
        path: 'x-emulator.installations.3.package',
        message:
          'only AppExchange packages (an api-integration with appExchange: true) or legacy packages with a marketing-cloud-app can be installed into other tenants',
      },
      { path: 'x-emulator.installations.4.businessUnits.1', message: 'no business unit 999 in tenant customer' },
      { path: 'x-emulator.installations.5', message: 'duplicate installation (same as x-emulator.installations.4)' },
    ]);
    expect(((await unknownField.json()) as { error: { issues: unknown } }).error.issues).toEqual([
      { path: 'x-emulator.installations.0', message: 'Unrecognized key: "bu"' },
    ]);
    expect(((await notAList.json()) as { error: { issues: unknown } }).error.issues).toEqual([
      { path: 'x-emulator', message: 'Unrecognized key: "installs"' },
    ]);
    expect(await (await app.request('/_emulator/tenants')).json()).toEqual({ items: [] });
  });
});
