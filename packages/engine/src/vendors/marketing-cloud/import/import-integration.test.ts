/**
 * `import` from a real tenant (`target: 'sfmc'`): client id + secret + `--mid` candidates → config
 * code the user can paste, and state. The tenant is answered by nock with the vendor's shapes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { synth } from '@grantform/config';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/load-config.js';
import { createDesired } from '../../../desired.js';
import { createPlan } from '../../../plan.js';
import { emptyState } from '../../../state/state-file.js';
import { TENANT_SUBDOMAIN } from '../../../testing-fixtures.js';
import type { FakeIntegration } from '../sfmc/tenant.fixture.js';
import { fakeSfmcTenant } from '../sfmc/tenant.fixture.js';
import { importIntegration } from './import-integration.js';

const SUB = TENANT_SUBDOMAIN;
const CONFIG_ENTRY = pathToFileURL(resolve(import.meta.dirname, '../../../../../config/src/index.ts')).href;
const CRM: FakeIntegration = {
  clientId: 'crmsyncclientid0000000000',
  clientSecret: 'crm-sync-secret-value',
  scopes: ['email_read', 'data_extensions_read', 'offline'],
  mids: [100, 200],
  sourceMid: 100,
};

function importFromSfmc(candidateMids: number[], overrides: { clientSecret?: string; clientId?: string } = {}) {
  return importIntegration({
    address: 'acme/crm-sync/api',
    clientId: overrides.clientId ?? CRM.clientId,
    clientSecret: overrides.clientSecret ?? CRM.clientSecret,
    clientSecretEnv: 'CRM_SYNC_CLIENT_SECRET',
    subdomain: SUB,
    target: 'sfmc',
    fetch: (input, init) => globalThis.fetch(input, init),
    candidateMids,
  });
}

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});
afterAll(() => {
  nock.enableNetConnect();
});

describe('import --target sfmc', () => {
  it('reads type, scopes, business units and endpoints, and the pasted code plans no changes against the state', async () => {
    // GIVEN a tenant (enterprise 100) whose integration has BUs 100 and 200
    fakeSfmcTenant({ subdomain: SUB, enterpriseId: 100, integrations: [CRM] });
    // WHEN imported with candidate MIDs 200 and 300
    const result = await importFromSfmc([200, 300]);
    // THEN
    expect(result.type).toBe('server-to-server');
    expect(result.scopes).toEqual(['data_extensions_read', 'email_read']);
    expect(result.businessUnits).toEqual([100, 200]);
    expect(result.code).toBe(
      [
        "import { GrantformApp, Tenant } from '@grantform/config';",
        '',
        'const app = new GrantformApp();',
        "const acme = new Tenant(app, 'acme', {",
        `  subdomain: '${SUB}',`,
        "  stackKey: 'S7',",
        '  enterprise: {',
        '    mid: 100,',
        "    name: 'BU 100',",
        '    children: [',
        "      { mid: 200, name: 'BU 200' },",
        "      { mid: 300, name: 'BU 300' },",
        '    ],',
        '  },',
        '});',
        "acme.addPackage('crm-sync', { description: '' }).addApiIntegration({",
        "  type: 'server-to-server',",
        "  scopes: ['data_extensions_read', 'email_read'],",
        '  businessUnits: [100, 200],',
        "  clientSecret: { env: 'CRM_SYNC_CLIENT_SECRET' },",
        '});',
        '',
        'export default app;',
        '',
      ].join('\n'),
    );
    expect(result.notes).toEqual([
      'business unit names, the tree below the enterprise and the stack key are not readable from a token: check the tenant block',
      'the integration has the offline scope ticked, which a server-to-server integration never uses: left out of the config (plan shows unticking it)',
      'package name and description are not readable from a token: check them',
    ]);
    expect(result.resources['acme/crm-sync/api']).toMatchObject({
      kind: 'api-integration',
      id: CRM.clientId,
      attributes: {
        clientId: CRM.clientId,
        endpoints: {
          auth: `https://${SUB}.auth.marketingcloudapis.com/`,
          rest: `https://${SUB}.rest.marketingcloudapis.com/`,
          soap: `https://${SUB}.soap.marketingcloudapis.com/`,
        },
      },
      dependsOn: ['acme/crm-sync'],
    });
    expect(JSON.stringify(result)).not.toContain(CRM.clientSecret);
    // AND the code, pasted into a config file, plans no changes against the imported state
    const dir = await mkdtemp(join(tmpdir(), 'gf-import-'));
    try {
      const file = join(dir, 'grantform.config.ts');
      await writeFile(file, result.code.replace("'@grantform/config'", `'${CONFIG_ENTRY}'`));
      const { desired, diagnostics } = createDesired(synth(await loadConfig(file, { cwd: dir })));
      expect(diagnostics).toEqual([]);
      const plan = createPlan(desired, { ...emptyState(), serial: 1, resources: result.resources }, null, {
        mode: 'normal',
      });
      expect(plan.changes).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names the source BU from tokenContext when it is not the enterprise', async () => {
    // GIVEN a package created in BU 200, enabled in 200 and 300
    fakeSfmcTenant({
      subdomain: SUB,
      enterpriseId: 100,
      integrations: [{ ...CRM, mids: [200, 300], sourceMid: 200 }],
    });
    // WHEN imported without --mid
    const result = await importFromSfmc([]);
    // THEN the enterprise and source BU come from tokenContext, and the package keeps its source BU
    expect(result.businessUnits).toEqual([200]);
    expect(result.code).toContain(
      "acme.addPackage('crm-sync', { description: '', sourceMid: 200 }).addApiIntegration({",
    );
    expect(result.resources['acme/crm-sync']?.attributes.sourceMid).toBe(200);
    expect(result.resources.acme?.attributes.businessUnits).toEqual([
      { mid: 100, name: 'BU 100', parentMid: null },
      { mid: 200, name: 'BU 200', parentMid: 100 },
    ]);
    expect(result.notes[0]).toBe(
      "no --mid given: only the enterprise and the package's own business unit were probed; pass the tenant's other MIDs with --mid",
    );
  });

  it('refuses credentials the tenant refuses, without echoing the secret', async () => {
    fakeSfmcTenant({ subdomain: SUB, enterpriseId: 100, integrations: [CRM] });
    await expect(importFromSfmc([100], { clientSecret: 'not-the-secret' })).rejects.toMatchObject({
      code: 'ERR_IMPORT_FAILED',
      message:
        'the target refused these credentials (invalid_client: Client authentication failed. Make sure that the client ID and client secret are valid and that the package is installed and enabled.)',
    });
    await expect(importFromSfmc([100], { clientId: 'unknown' })).rejects.toMatchObject({
      code: 'ERR_IMPORT_FAILED',
      message:
        'the target refused these credentials (invalid_client: Invalid client ID. Use the client ID in Marketing Cloud Installed Packages.)',
    });
  });

  it('says a web or public app cannot be told apart without a login', async () => {
    // GIVEN a web app (client_credentials refused with unauthorized_client)
    fakeSfmcTenant({ subdomain: SUB, enterpriseId: 100, integrations: [{ ...CRM, type: 'web-app' }] });
    // WHEN imported without --mid: no token names the enterprise
    await expect(importFromSfmc([])).rejects.toMatchObject({
      code: 'ERR_IMPORT_FAILED',
      message:
        "no token of this integration names the enterprise (tokenContext); a web or public app gets none: pass the tenant's MIDs with --mid (the first is the enterprise)",
    });
    // WHEN imported with --mid
    const result = await importFromSfmc([100, 200]);
    // THEN
    expect(result.type).toBe('web-or-public');
    expect(result.notes).toEqual([
      'tokenContext did not answer: the enterprise MID 100 is the first --mid',
      'business unit names, the tree below the enterprise and the stack key are not readable from a token: check the tenant block',
      'client_credentials is refused: this is a web app or a public app, which cannot be told apart without a user login; set the type, scopes and redirect URIs by hand',
      'package name and description are not readable from a token: check them',
    ]);
  });
});
