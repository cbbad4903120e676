/**
 * The CLI against a real tenant (`--target sfmc`), answered by nock with the vendor's response
 * shapes: import an existing integration → paste the printed code → plan shows no console steps →
 * verify proves it with the imported state and the secrets sink. The CLI uses the global fetch,
 * which nock intercepts; nothing reaches the network.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeSfmcTenant } from '../vendors/marketing-cloud/sfmc/tenant.fixture.js';
import { memoryIo } from './io.js';
import { main } from './main.js';

const SUB = 'mc563885gzs27c5t9-63k636ttgm';
const CONFIG_ENTRY = pathToFileURL(resolve(import.meta.dirname, '../../../config/src/index.ts')).href;
const CRM = {
  clientId: 'crmsyncclientid0000000000',
  clientSecret: 'crm-sync-secret-value',
  scopes: ['data_extensions_read', 'email_read'],
  mids: [100, 200],
  sourceMid: 100,
};

let dir: string;
beforeAll(() => {
  nock.disableNetConnect();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gf-cli-sfmc-'));
});
afterEach(() => {
  nock.cleanAll();
});
afterAll(() => {
  nock.enableNetConnect();
});

async function run(args: string[], env: Record<string, string> = {}) {
  const io = memoryIo({ cwd: dir, env });
  const code = await main(['node', 'grantform', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('grantform --target sfmc', () => {
  it('imports an integration, plans no console steps for the pasted code, and verifies it', async () => {
    // GIVEN a tenant with an existing server-to-server integration
    const tenant = fakeSfmcTenant({ subdomain: SUB, enterpriseId: 100, integrations: [CRM] });
    const env = { CRM_SYNC_CLIENT_ID: CRM.clientId, CRM_SYNC_CLIENT_SECRET: CRM.clientSecret };
    // WHEN imported with the client id from env, the secret from env and candidate MIDs
    const imported = await run(
      [
        'import',
        'acme/crm-sync/api',
        '--target',
        'sfmc',
        '--client-secret-env',
        'CRM_SYNC_CLIENT_SECRET',
        '--subdomain',
        SUB,
        '--mid',
        '200',
        '--mid',
        '300',
      ],
      env,
    );
    // THEN it says what it found and prints the code, never the secret
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.out).toContain(
      'Imported acme/crm-sync/api: server-to-server, 2 scopes, business units 100, 200.\nAdded to state: acme, acme/crm-sync, acme/crm-sync/api\n',
    );
    expect(imported.out).not.toContain(CRM.clientSecret);
    const code = imported.out.slice(imported.out.indexOf("import { GrantformApp, Tenant } from '@grantform/config';"));
    expect(code).toContain('  businessUnits: [100, 200],\n');
    // AND the secret went to the sink, the client id to state
    const sink = JSON.parse(await readFile(join(dir, '.grantform/state.json.secrets.json'), 'utf8')) as object;
    expect(sink).toEqual({ CRM_SYNC_CLIENT_SECRET: CRM.clientSecret });
    const state = JSON.parse(await readFile(join(dir, '.grantform/state.json'), 'utf8')) as {
      resources: Record<string, { id: string }>;
    };
    expect(state.resources['acme/crm-sync/api']?.id).toBe(CRM.clientId);
    // WHEN the code is pasted into grantform.config.ts and planned against the tenant
    await writeFile(join(dir, 'grantform.config.ts'), code.replace("'@grantform/config'", `'${CONFIG_ENTRY}'`));
    const planned = await run(['plan', '--target', 'sfmc', '--detailed-exitcode'], env);
    // THEN there is nothing to do in the console
    expect(planned.err).toBe('');
    expect(planned.code).toBe(0);
    expect(planned.out).toContain(
      'No changes. The tenant matches the configuration (as far as the credentials can tell).',
    );
    // WHEN verified with no env at all (client id from state, secret from the sink)
    const verified = await run(['verify', '--target', 'sfmc', '--json']);
    // THEN every check passes
    expect(verified.code).toBe(0);
    const report = JSON.parse(verified.out) as { checks: { check: string; status: string }[] };
    expect(report.checks.map((c) => `${c.status} ${c.check}`)).toEqual([
      'pass scopes',
      'pass business-unit 100',
      'pass business-unit 200',
      'pass undeclared business unit refused',
      'pass instance URLs answer',
    ]);
    // AND apply refuses when the config asks for a change (the console is the only way)
    await writeFile(
      join(dir, 'grantform.config.ts'),
      code.replace("'@grantform/config'", `'${CONFIG_ENTRY}'`).replace("'email_read']", "'email_read', 'email_send']"),
    );
    const refused = await run(['apply', '--target', 'sfmc', '--auto-approve'], env);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('       Tick: Email: Send (email_send)');
    expect(refused.err).toMatch(/^error\[ERR_TARGET_READ_ONLY\]: the sfmc target is read-only/);
    expect(tenant.tokenRequests.length).toBeGreaterThan(0);
    // WHEN a rotation is asked of the tenant (no API does it)
    await writeFile(join(dir, 'grantform.config.ts'), code.replace("'@grantform/config'", `'${CONFIG_ENTRY}'`));
    const rotated = await run(['rotate', 'acme/crm-sync/api', '--target', 'sfmc', '--wait', '0s'], env);
    // THEN it prints the console's staged steps, then verifies the secret in the env
    expect(rotated.err).toBe('');
    expect(rotated.out).toContain(
      [
        '# acme/crm-sync/api clientSecret (requested)',
        '[ ] 1. Setup → Platform Tools → Apps → Installed Packages → crm-sync → API Integration → Rotate Secret → Generate staged secret (at most once every 5 minutes); copy it',
        '[ ] 2. Wait 5 minutes: from then on both the old and the staged secret are accepted',
        '[ ] 3. Put the staged secret where its consumers read it, and into CRM_SYNC_CLIENT_SECRET for grantform',
        '[ ] 4. Setup → Platform Tools → Apps → Installed Packages → crm-sync → API Integration → Rotate Secret → Activate (the old secret stops working at once)',
      ].join('\n'),
    );
    expect(rotated.out).toContain('Verified: 5 passed, 0 failed, 0 skipped (1 attempt).');
    expect(rotated.code).toBe(0);
  });
});
