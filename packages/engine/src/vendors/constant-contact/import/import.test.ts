/**
 * `import` of Constant Contact applications and partners against an in-process emulator: with its
 * admin API (everything readable), and without it (what the vendor's credentials reveal).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { synth } from '@grantform/config';
import { createEmulator } from '@grantform/emulator';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/load-config.js';
import { createDesired } from '../../../desired.js';
import { createAdminClient, createEmulatorDriver } from '../../../drivers/emulator-driver.js';
import type { JsonObject } from '../../../json.js';
import { createPlan } from '../../../plan.js';
import type { StateFile } from '../../../state/state-file.js';
import { emptyState } from '../../../state/state-file.js';
import { ctctEmulatorHosts } from '../hosts.js';
import type { CtctImportOptions, CtctImportResult } from './index.js';
import { importCtct } from './index.js';

const ENDPOINT = 'http://127.0.0.1:4010';
const CONFIG_ENTRY = pathToFileURL(resolve(import.meta.dirname, '../../../../../config/src/index.ts')).href;
const API_KEY = 'newsletter-key-0001';
const PARTNER_KEY = 'agency-app-key-0001';
const PARTNER_ID = 'agencypartner01';

async function setup() {
  const app = createEmulator({ headlessAuthorize: true, constantContact: { rateLimits: false } });
  const fetch = (input: string | URL | Request, init?: RequestInit) => app.request(input, init);
  const admin = createAdminClient({ endpoint: ENDPOINT, fetch });
  const created = await admin.call('POST', '/_emulator/ctct/applications', {
    name: 'newsletter',
    apiKey: API_KEY,
    scopes: ['offline_access', 'account_read', 'contact_data'],
    redirectUris: ['https://b.example.com/cb', 'https://a.example.com/cb'],
    refreshTokens: 'long-lived',
  });
  await admin.call('POST', '/_emulator/ctct/applications', {
    name: 'desktop',
    apiKey: 'desktop-key-0001',
    type: 'public',
    scopes: ['contact_data'],
  });
  await admin.call('POST', '/_emulator/ctct/applications', {
    name: 'agency-app',
    apiKey: PARTNER_KEY,
    scopes: ['account_read', 'contact_data'],
    redirectUris: ['https://agency.example.com/cb'],
  });
  const partner = await admin.call('POST', '/_emulator/ctct/partners', {
    name: 'agency',
    applicationApiKey: PARTNER_KEY,
    partnerClientId: PARTNER_ID,
  });
  const accounts: JsonObject[] = [
    { loginName: 'bakery_owner', contactEmail: 'owner@bakery.example', stateCode: 'MA', organizationName: 'Bakery' },
    {
      loginName: 'florist_owner',
      contactEmail: 'o@florist.example',
      countryCode: 'GB',
      managed: true,
      firstName: 'Flo',
      lastName: 'Rist',
    },
  ];
  for (const account of accounts) {
    await admin.call('POST', '/_emulator/ctct/accounts', {
      partnerClientId: PARTNER_ID,
      managed: false,
      organizationName: '',
      ...account,
    });
  }
  const secret = (created.body as { secret: string }).secret;
  const partnerSecret = (partner.body as { partnerSecret: string }).partnerSecret;
  const options = (o: Partial<CtctImportOptions> & Pick<CtctImportOptions, 'address' | 'clientId'>) =>
    importCtct({
      clientSecret: secret,
      clientSecretEnv: 'NEWSLETTER_SECRET',
      fetch,
      hosts: ctctEmulatorHosts(ENDPOINT),
      admin,
      ...o,
    });
  return { app, fetch, admin, secret, partnerSecret, importCtct: options };
}

function stateOf(result: CtctImportResult): StateFile {
  return { ...emptyState(), serial: 1, resources: { ...result.resources } };
}

/** Writes the code into a config file and synthesizes it. */
async function desiredFrom(code: string) {
  const dir = await mkdtemp(join(tmpdir(), 'gf-import-ctct-'));
  try {
    const file = join(dir, 'grantform.config.ts');
    await writeFile(file, code.replace("'@grantform/config'", `'${CONFIG_ENTRY}'`));
    const { desired, diagnostics } = createDesired(synth(await loadConfig(file, { cwd: dir })));
    expect(diagnostics).toEqual([]);
    return desired;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('import ctct/apps/<name> from the emulator', () => {
  it('reads the application through the admin API, and the pasted code plans no changes', async () => {
    // GIVEN a confidential, long-lived application on the emulator
    const { fetch, secret, importCtct } = await setup();
    // WHEN imported with its API key and secret
    const result = await importCtct({ address: 'ctct/apps/newsletter', clientId: API_KEY });
    // THEN
    expect(result.code).toBe(
      [
        "import { ConstantContactApplication, GrantformApp } from '@grantform/config';",
        '',
        'const app = new GrantformApp();',
        "new ConstantContactApplication(app, 'newsletter', {",
        `  apiKey: '${API_KEY}',`,
        "  clientSecret: { env: 'NEWSLETTER_SECRET' },",
        "  scopes: ['account_read', 'contact_data', 'offline_access'],",
        "  redirectUris: ['https://a.example.com/cb', 'https://b.example.com/cb'],",
        "  refreshTokens: 'long-lived',",
        '});',
        '',
        'export default app;',
        '',
      ].join('\n'),
    );
    expect(result.notes).toEqual([]);
    expect(result.summary).toBe('confidential application, 3 scopes');
    expect(result.secrets).toEqual([{ env: 'NEWSLETTER_SECRET', value: secret }]);
    expect(Object.keys(result.resources)).toEqual(['ctct/apps/newsletter']);
    expect(result.resources['ctct/apps/newsletter']).toMatchObject({
      kind: 'ctct-application',
      id: API_KEY,
      attributes: {
        apiKey: API_KEY,
        clientId: API_KEY,
        clientSecret: { env: 'NEWSLETTER_SECRET' },
        endpoints: { token: `${ENDPOINT}/authz.constantcontact.com/oauth2/default/v1/token` },
      },
      dependsOn: [],
    });
    expect(JSON.stringify({ ...result, secrets: [] })).not.toContain(secret);
    // AND the pasted code plans no changes against the state and what the emulator reports
    const desired = await desiredFrom(result.code);
    const state = stateOf(result);
    const driver = createEmulatorDriver({ endpoint: ENDPOINT, fetch });
    const plan = createPlan(desired, state, await driver.observe(state, desired), { mode: 'normal' });
    expect(plan.changes).toEqual([]);
  });

  it('imports a public application from its API key alone', async () => {
    const { importCtct } = await setup();
    // WHEN imported without a secret
    const result = await importCtct({
      address: 'ctct/apps/desktop',
      clientId: 'desktop-key-0001',
      clientSecret: undefined,
      clientSecretEnv: 'DESKTOP_SECRET',
    });
    // THEN
    expect(result.code).toContain(
      [
        "new ConstantContactApplication(app, 'desktop', {",
        "  apiKey: 'desktop-key-0001',",
        "  type: 'public',",
        "  scopes: ['contact_data'],",
        '});',
      ].join('\n'),
    );
    expect(result.notes).toEqual(['a public application has no client secret: DESKTOP_SECRET is not used']);
    expect(result.secrets).toEqual([]);
    expect(createPlan(await desiredFrom(result.code), stateOf(result), null, { mode: 'normal' }).changes).toEqual([]);
  });

  it('refuses credentials the token endpoint refuses, and a missing application', async () => {
    const { importCtct } = await setup();
    await expect(
      importCtct({ address: 'ctct/apps/newsletter', clientId: API_KEY, clientSecret: 'wrong' }),
    ).rejects.toMatchObject({
      code: 'ERR_IMPORT_FAILED',
      message:
        'the target refused these credentials (invalid_client: Client authentication failed. Either the client or the client credentials are invalid.)',
    });
    await expect(
      importCtct({ address: 'ctct/apps/newsletter', clientId: API_KEY, clientSecret: undefined }),
    ).rejects.toMatchObject({
      code: 'ERR_IMPORT_FAILED',
      message:
        'the target refused these credentials (invalid_client: Client authentication failed. Either the client or the client credentials are invalid.) (a confidential application needs its secret: set NEWSLETTER_SECRET)',
    });
    await expect(importCtct({ address: 'ctct/apps/Bad_Name', clientId: API_KEY })).rejects.toMatchObject({
      code: 'ERR_USAGE',
    });
  });

  it('says when the target names the application otherwise, and the plan renames it', async () => {
    const { fetch, importCtct } = await setup();
    // WHEN imported under another name
    const result = await importCtct({ address: 'ctct/apps/mailer', clientId: API_KEY });
    // THEN
    expect(result.notes).toEqual([
      "ctct/apps/mailer: the application is named 'newsletter' on the target: the plan renames it to 'mailer'",
    ]);
    const desired = await desiredFrom(result.code);
    const state = stateOf(result);
    const driver = createEmulatorDriver({ endpoint: ENDPOINT, fetch });
    const plan = createPlan(desired, state, await driver.observe(state, desired), { mode: 'normal' });
    expect(
      plan.changes.map((c) => [c.action, c.address, c.attributes.map((a) => [a.name, a.before, a.after])]),
    ).toEqual([['update', 'ctct/apps/mailer', [['name', 'newsletter', 'mailer']]]]);
  });
});

describe('import ctct/partners/<name>', () => {
  it('from the emulator: the partner, its application and client accounts; the code plans no changes', async () => {
    // GIVEN a partner with a managed (GB) and an unmanaged (US/MA) account
    const { fetch, partnerSecret, importCtct } = await setup();
    // WHEN imported with the partner credentials
    const result = await importCtct({
      address: 'ctct/partners/agency',
      clientId: PARTNER_ID,
      clientSecret: partnerSecret,
      clientSecretEnv: 'AGENCY_PARTNER_SECRET',
    });
    // THEN
    expect(result.code).toBe(
      [
        "import { ConstantContactApplication, ConstantContactPartner, GrantformApp } from '@grantform/config';",
        '',
        'const app = new GrantformApp();',
        "const agencyApp = new ConstantContactApplication(app, 'agency-app', {",
        `  apiKey: '${PARTNER_KEY}',`,
        "  scopes: ['account_read', 'contact_data'],",
        "  redirectUris: ['https://agency.example.com/cb'],",
        '});',
        "const agency = new ConstantContactPartner(app, 'agency', {",
        '  application: agencyApp,',
        `  partnerClientId: '${PARTNER_ID}',`,
        "  partnerSecret: { env: 'AGENCY_PARTNER_SECRET' },",
        '});',
        "agency.addClientAccount('bakery', {",
        '  managed: false,',
        "  loginName: 'bakery_owner',",
        "  contactEmail: 'owner@bakery.example',",
        "  organizationName: 'Bakery',",
        "  stateCode: 'MA',",
        '});',
        "agency.addClientAccount('florist-owner', {",
        "  loginName: 'florist_owner',",
        "  contactEmail: 'o@florist.example',",
        "  organizationName: '',",
        "  countryCode: 'GB',",
        "  firstName: 'Flo',",
        "  lastName: 'Rist',",
        '});',
        '',
        'export default app;',
        '',
      ].join('\n'),
    );
    expect(result.summary).toBe(`partner of application ${PARTNER_KEY}, 2 client accounts (1 managed)`);
    expect(result.notes).toEqual([
      'ctct/apps/agency-app: its client secret is not known to this import: set GRANTFORM_CTCT_APPS_AGENCY_APP_CLIENT_SECRET (or import it first with grantform import ctct/apps/agency-app)',
    ]);
    expect(result.secrets).toEqual([{ env: 'AGENCY_PARTNER_SECRET', value: partnerSecret }]);
    expect(Object.entries(result.resources).map(([a, r]) => [a, r.kind, r.dependsOn])).toEqual([
      ['ctct/apps/agency-app', 'ctct-application', []],
      ['ctct/partners/agency', 'ctct-partner', ['ctct/apps/agency-app']],
      ['ctct/partners/agency/accounts/bakery', 'ctct-client-account', ['ctct/partners/agency']],
      ['ctct/partners/agency/accounts/florist-owner', 'ctct-client-account', ['ctct/partners/agency']],
    ]);
    expect(JSON.stringify({ ...result, secrets: [] })).not.toContain(partnerSecret);
    // AND
    const desired = await desiredFrom(result.code);
    const state = stateOf(result);
    const driver = createEmulatorDriver({ endpoint: ENDPOINT, fetch });
    const plan = createPlan(desired, state, await driver.observe(state, desired), { mode: 'normal' });
    expect(plan.changes).toEqual([]);
  });

  it('keeps the address of an application the state already holds', async () => {
    const { partnerSecret, importCtct } = await setup();
    const prior: StateFile = {
      ...emptyState(),
      resources: {
        'ctct/apps/partner-app': {
          kind: 'ctct-application',
          id: PARTNER_KEY,
          attributes: { clientSecret: { env: 'PARTNER_APP_SECRET' } },
          specHash: 'x',
          dependsOn: [],
        },
      },
    };
    const result = await importCtct({
      address: 'ctct/partners/agency',
      clientId: PARTNER_ID,
      clientSecret: partnerSecret,
      clientSecretEnv: 'AGENCY_PARTNER_SECRET',
      state: prior,
    });
    expect(result.code).toContain("const partnerApp = new ConstantContactApplication(app, 'partner-app', {");
    expect(result.code).toContain("  clientSecret: { env: 'PARTNER_APP_SECRET' },");
    expect(Object.keys(result.resources)).not.toContain('ctct/apps/partner-app');
    expect(result.notes).toEqual([
      "ctct/apps/partner-app: the application is named 'agency-app' on the target: the plan renames it to 'partner-app'",
      "ctct/apps/partner-app is already in state: keep its declaration (drop the one above) and pass it as the partner's application",
    ]);
  });

  it('without the admin API (the vendor): reads the partner token and client accounts, placeholders noted', async () => {
    const { partnerSecret, importCtct } = await setup();
    const vendor = { admin: undefined, clientId: PARTNER_ID, clientSecret: partnerSecret, clientSecretEnv: 'P_SECRET' };
    // WHEN the application's API key is not given
    await expect(importCtct({ address: 'ctct/partners/agency', ...vendor })).rejects.toMatchObject({
      code: 'ERR_USAGE',
      message:
        "pass --api-key: the partner application's API key (sent as x-api-key; a partner token does not name it)",
    });
    // WHEN a wrong secret is given
    await expect(
      importCtct({ address: 'ctct/partners/agency', ...vendor, clientSecret: 'wrong', applicationApiKey: PARTNER_KEY }),
    ).rejects.toMatchObject({ code: 'ERR_IMPORT_FAILED' });
    // WHEN imported with it
    const result = await importCtct({ address: 'ctct/partners/agency', ...vendor, applicationApiKey: PARTNER_KEY });
    // THEN the accounts come from the partner API, and the rest is a noted placeholder
    expect(result.notes).toEqual([
      "ctct/apps/agency-app: scopes, redirect URIs, PKCE and the refresh-token mode are not readable from the vendor without a user login: the code has placeholders (scopes ['account_read'], redirect URI 'http://localhost/callback'); set them as the developer portal shows",
      'ctct/apps/agency-app: its client secret is not known to this import: set GRANTFORM_CTCT_APPS_AGENCY_APP_CLIENT_SECRET (or import it first with grantform import ctct/apps/agency-app)',
      'client accounts: login names, contact emails, countries and states are not in the partner API: the code has placeholders (login account_<id>, owner@<id>.invalid, US/MA); set them from the account owners',
    ]);
    const accounts = Object.entries(result.resources).filter(([, r]) => r.kind === 'ctct-client-account');
    expect(accounts.map(([, r]) => [r.attributes.managed, r.attributes.organizationName])).toEqual(
      expect.arrayContaining([
        [false, 'Bakery'],
        [true, ''],
      ]),
    );
    expect(accounts).toHaveLength(2);
    expect(createPlan(await desiredFrom(result.code), stateOf(result), null, { mode: 'normal' }).changes).toEqual([]);
  });
});
