import { describe, expect, it } from 'vitest';
import { createEmulator } from './index.js';
import { ENT, manifest, setup, TSSD } from './testing/fixtures.js';

const seed = (app: ReturnType<typeof createEmulator>, body: unknown) =>
  app.request('/_emulator/seed', { method: 'POST', body: JSON.stringify(body) });

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
