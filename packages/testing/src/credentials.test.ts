import { afterEach, describe, expect, it } from 'vitest';
import { clientIdEnvFor } from './credentials.js';
import { startEmulator, type TestEmulator } from './start-emulator.js';
import { fixtureApp, SUBDOMAIN } from './testing-fixtures.js';

describe('credentials', () => {
  let emulator: TestEmulator | undefined;
  afterEach(() => emulator?.dispose());

  it('lists every seeded integration with real vendor URLs and the test user', async () => {
    // GIVEN an emulator seeded from a config
    emulator = await startEmulator({ app: fixtureApp() });
    // WHEN the credentials are read
    const crm = emulator.credentials.get('acme/crm-sync/api', 'server-to-server');
    // THEN
    expect([...emulator.credentials].map((c) => `${c.type} ${c.address}`)).toEqual([
      'public-app acme/cli/api',
      'server-to-server acme/crm-sync/api',
      'web-app acme/portal/api',
    ]);
    expect(crm).toMatchObject({
      address: 'acme/crm-sync/api',
      packageAddress: 'acme/crm-sync',
      tenant: 'acme',
      subdomain: SUBDOMAIN,
      authUrl: `https://${SUBDOMAIN}.auth.marketingcloudapis.com/`,
      restUrl: `https://${SUBDOMAIN}.rest.marketingcloudapis.com/`,
      soapUrl: `https://${SUBDOMAIN}.soap.marketingcloudapis.com/`,
      businessUnits: [101, 102],
      redirectUris: [],
      clientSecretEnv: 'GRANTFORM_ACME_CRM_SYNC_API_CLIENT_SECRET',
      user: { username: 'admin@acme', password: 'grantform' },
    });
    expect(crm.clientId).toMatch(/^[a-z0-9]{24}$/);
    expect(crm.clientSecret.length).toBeGreaterThan(20);
    expect(emulator.credentials.get('acme/cli/api', 'public-app').clientSecret).toBeUndefined();
  });

  it('finds an integration by its package address too', async () => {
    emulator = await startEmulator({ app: fixtureApp() });
    expect(emulator.credentials.get('acme/portal')).toBe(emulator.credentials.get('acme/portal/api'));
    expect(emulator.credentials.has('acme/portal')).toBe(true);
    expect(emulator.credentials.has('acme/nope')).toBe(false);
  });

  it('refuses an unknown address, naming the known ones, and a wrong expected type', async () => {
    emulator = await startEmulator({ app: fixtureApp() });
    const creds = emulator.credentials;
    expect(() => creds.get('acme/crm/api')).toThrow(
      'no seeded integration at "acme/crm/api" (known: acme/cli/api, acme/crm-sync/api, acme/portal/api)',
    );
    expect(() => creds.get('acme/cli/api', 'web-app')).toThrow(
      'integration "acme/cli/api" is a public-app, not a web-app',
    );
  });

  it('gives the environment variables the config names, with client ids beside the secrets', async () => {
    emulator = await startEmulator({ app: fixtureApp() });
    const env = emulator.credentials.env();
    const crm = emulator.credentials.get('acme/crm-sync/api', 'server-to-server');
    const portal = emulator.credentials.get('acme/portal/api', 'web-app');
    expect(env).toEqual({
      GRANTFORM_ACME_CRM_SYNC_API_CLIENT_SECRET: crm.clientSecret,
      GRANTFORM_ACME_CRM_SYNC_API_CLIENT_ID: crm.clientId,
      GRANTFORM_ACME_PORTAL_API_CLIENT_SECRET: portal.clientSecret,
      GRANTFORM_ACME_PORTAL_API_CLIENT_ID: portal.clientId,
    });
  });

  it('derives client id variable names the way the engine does', () => {
    expect(clientIdEnvFor('CRM_SYNC_CLIENT_SECRET')).toBe('CRM_SYNC_CLIENT_ID');
    expect(clientIdEnvFor('CRM_SECRET')).toBe('CRM_CLIENT_ID');
    expect(clientIdEnvFor('CRM')).toBe('CRM_CLIENT_ID');
  });

  it('is empty for an emulator seeded with nothing', async () => {
    emulator = await startEmulator();
    expect(emulator.credentials.all).toEqual([]);
    expect(emulator.manifest).toBeUndefined();
  });
});
