/**
 * The `grantform` CLI run in-process (`main()` with a memory `CliIo`) against the in-process
 * emulator: the basic example end to end (apply → verify → destroy), saved plans, locks, bad input,
 * import, and the Terraform provisioner sequence.
 */

import { readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../packages/config/src/index.js';
import {
  integrationResource,
  manifestOf,
  packageResource,
  tenantResource,
} from '../../packages/engine/src/testing-fixtures.js';
import { useCliHarness } from './cli-harness.js';

const EXAMPLE = resolve(import.meta.dirname, '../../examples/basic/grantform.config.ts');
const SUB = 'mc563885gzs27c5t9-63k636ttgm';

const cli = useCliHarness('gf-cli-');

const basic = (description = 'CRM sync') =>
  manifestOf([tenantResource(), packageResource('acme/crm-sync', { description }), integrationResource()]);

async function emulatorPackages(): Promise<{ id: string; description: string }[]> {
  const res = await cli.fetch(`http://127.0.0.1:4010/_emulator/tenants/${SUB}/packages`);
  if (res.status === 404) return [];
  return ((await res.json()) as { items: { id: string; description: string }[] }).items;
}

describe('grantform CLI against the emulator', () => {
  it('applies the basic example, verifies every integration type, and destroys it', async () => {
    // WHEN the example is applied
    const applied = await cli.run(['apply', '--auto-approve', '--config', EXAMPLE]);
    expect(applied.err).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.out).toContain('Apply complete! Resources: 9 added, 0 changed, 0 replaced, 0 destroyed.');
    // THEN secrets are in the 0600 sink and nowhere in state or output
    const sinkPath = join(cli.dir, '.grantform/state.json.secrets.json');
    expect((await stat(sinkPath)).mode & 0o777).toBe(0o600);
    const sink = JSON.parse(await readFile(sinkPath, 'utf8')) as Record<string, string>;
    expect(Object.keys(sink).sort()).toEqual([
      'GRANTFORM_ACME_CRM_SYNC_API_CLIENT_SECRET',
      'GRANTFORM_ACME_DASHBOARDS_APP_JWT_SIGNING_SECRET',
      'GRANTFORM_ACME_PORTAL_API_CLIENT_SECRET',
    ]);
    const stateText = await readFile(join(cli.dir, '.grantform/state.json'), 'utf8');
    const output = await cli.run(['output', '--json']);
    for (const value of Object.values(sink)) {
      expect(stateText).not.toContain(value);
      expect(applied.out).not.toContain(value);
      expect(output.out).not.toContain(value);
    }
    // AND verify proves s2s, web and public apps, with a JUnit report
    const verified = await cli.run(['verify', '--config', EXAMPLE, '--json', '--junit', 'verify.xml']);
    const report = JSON.parse(verified.out) as {
      ok: boolean;
      checks: { address: string; check: string; status: string }[];
    };
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(verified.code).toBe(0);
    expect(report.checks.map((c) => `${c.status} ${c.address} ${c.check}`)).toEqual([
      'pass acme/cli/api authorization code flow',
      'pass acme/cli/api refresh',
      'pass acme/cli/api pkce',
      'pass acme/cli/api wrong redirect URI refused',
      'pass acme/crm-sync/api scopes',
      'pass acme/crm-sync/api business-unit 101',
      'pass acme/crm-sync/api business-unit 102',
      'pass acme/crm-sync/api undeclared business unit refused',
      'pass acme/crm-sync/api instance URLs answer',
      'pass acme/crm-sync/api jwt',
      'pass acme/portal/api authorization code flow',
      'pass acme/portal/api refresh',
      'pass acme/portal/api wrong redirect URI refused',
    ]);
    const junit = await readFile(join(cli.dir, 'verify.xml'), 'utf8');
    expect(junit).toContain('<testsuites name="grantform verify" tests="13" failures="0" skipped="0">');
    // AND a second plan has nothing to do
    expect((await cli.run(['plan', '--config', EXAMPLE, '--detailed-exitcode'])).code).toBe(0);
    // WHEN destroyed
    const destroyed = await cli.run(['destroy', '--auto-approve', '--config', EXAMPLE]);
    expect(destroyed.code).toBe(0);
    expect(destroyed.out).toContain('Destroy complete! Resources: 9 destroyed.');
    // THEN nothing is left
    expect((await cli.run(['state', 'list', '--json'])).out).toContain('"resources": []');
    expect(JSON.parse(await readFile(sinkPath, 'utf8'))).toEqual({});
    const tenants = (await (await cli.fetch('http://127.0.0.1:4010/_emulator/tenants')).json()) as { items: unknown[] };
    expect(tenants.items).toEqual([]);
  });

  it('plans with + ~ - ± and exit code 2, applies a saved plan once, and refuses it when stale', async () => {
    const config = await cli.writeManifest(basic());
    // WHEN planned with --out and --detailed-exitcode
    const planned = await cli.run(['plan', '--config', config, '--out', 'plan.json', '--detailed-exitcode']);
    // THEN
    expect(planned.code).toBe(2);
    expect((await stat(join(cli.dir, 'plan.json'))).mode & 0o777).toBe(0o600);
    expect(planned.out).toContain('  + api-integration "acme/crm-sync/api" {\n      + package = "acme/crm-sync"');
    expect(planned.out).toContain('      + clientSecret = (secret in CRM_SYNC_CLIENT_SECRET)');
    expect(planned.out).toContain('Plan: 3 to create, 0 to update, 0 to replace, 0 to delete.');
    // WHEN the saved plan is applied (no prompt for a saved plan)
    const applied = await cli.run(['apply', 'plan.json']);
    expect(applied.code).toBe(0);
    // (every file grantform wrote is the owner's alone; the journal was folded in and removed)
    for (const f of ['.grantform/state.json', '.grantform/state.json.secrets.json'])
      expect((await stat(join(cli.dir, f))).mode & 0o777).toBe(0o600);
    await expect(stat(join(cli.dir, '.grantform/state.json.journal'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(applied.out).toContain('[3/3] acme/crm-sync/api: created');
    // THEN applying it again is refused
    const again = await cli.run(['apply', 'plan.json']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(
      /^error\[ERR_PLAN_STALE\]: the plan was made against state serial 0, but the state is now at serial 7/,
    );
    expect(again.out).toBe('');
    // AND a plan of another state (lineage) is refused before anything is shown
    const elsewhere = await cli.run(['plan', '--config', config, '--state', 'other/state.json', '--out', 'other.json']);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.err).toContain('error[ERR_TARGET_CONFLICT]: 2 declared resources are on the target');
    await cli.run(['apply', '--auto-approve', '--config', config]);
    const mine = await cli.run(['plan', '--config', config, '--out', 'mine.json']);
    expect(mine.out).toContain('No changes.');
    const { readState, writeState } = await import('../../packages/engine/src/state/state-file.js');
    const statePath = join(cli.dir, '.grantform/state.json');
    const real = (await readState(statePath)).state;
    await writeState(statePath, { ...real, lineage: 'another-lineage' });
    const foreign = await cli.run(['apply', 'mine.json']);
    expect(foreign.code).toBe(1);
    expect(foreign.out).toBe('');
    expect(foreign.err).toMatch(/^error\[ERR_PLAN_STALE\]: the plan was made against state serial \d+ \(lineage /);
    // AND a plan with that state (of another lineage than the one that made the target's resources) fails loudly
    const otherLineage = await cli.run(['plan', '--config', config, '--detailed-exitcode']);
    expect(otherLineage.code).toBe(1);
    expect(otherLineage.err).toContain(
      `  - acme: this state holds acme, but on the target it belongs to another grantform state (lineage ${real.lineage}, address acme): two states must not manage one resource.`,
    );
    await writeState(statePath, real);
    // WHEN a scope changes
    await cli.writeManifest(
      manifestOf([
        tenantResource(),
        packageResource(),
        integrationResource('acme/crm-sync/api', { scopes: ['data_extensions_read', 'email_send'] }),
      ]),
    );
    const changed = await cli.run(['plan', '--config', config, '--detailed-exitcode']);
    expect(changed.code).toBe(2);
    expect(changed.out).toContain('  ~ api-integration "acme/crm-sync/api" {\n        id = ');
    expect(changed.out).toContain('      ~ scopes\n          + "email_send"\n          - "email_read"\n    }');
    expect(changed.out).toContain('Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.');
    // AND without --auto-approve on a non-terminal, apply refuses
    const unapproved = await cli.run(['apply', '--config', config]);
    expect(unapproved.code).toBe(1);
    expect(unapproved.err).toBe(
      'error[ERR_APPROVAL_REQUIRED]: not a terminal: pass --auto-approve to apply without confirmation (or apply a saved plan file)\n',
    );
  });

  it('--lock-timeout: apply waits for the lock another grantform holds, and refuses a bad duration', async () => {
    // GIVEN a lock held by another process, released 300 ms later
    const config = await cli.writeManifest(basic());
    const lockPath = join(cli.dir, '.grantform/state.json.lock');
    const { mkdir, rm } = await import('node:fs/promises');
    await mkdir(join(cli.dir, '.grantform'), { recursive: true });
    await writeFile(lockPath, JSON.stringify({ pid: 4242, host: 'ci-7', command: 'apply', time: 't' }));
    const released = new Promise<void>((done) => setTimeout(() => rm(lockPath).then(() => done()), 300));
    // WHEN apply waits up to 30s for it
    const applied = await cli.run(['apply', '--auto-approve', '--lock-timeout', '30s', '--config', config]);
    await released;
    // THEN it applied once the holder let go
    expect(applied.err).toBe('');
    expect(applied.out).toContain('Apply complete! Resources: 3 added, 0 changed, 0 replaced, 0 destroyed.');
    // AND a lock that stays is reported once the time is up, naming the wait
    await writeFile(lockPath, JSON.stringify({ pid: 4242, host: 'ci-7', command: 'apply', time: 't' }));
    const waited = await cli.run(['plan', '--lock-timeout', '200ms', '--config', config]);
    expect(waited.code).toBe(1);
    expect(waited.err).toContain('is locked by pid 4242 on ci-7 (apply) since t (waited 200ms, --lock-timeout);');
    // AND a duration it cannot read is refused before anything runs
    const bad = await cli.run(['destroy', '--auto-approve', '--lock-timeout', 'soon', '--config', config]);
    expect(bad).toMatchObject({
      code: 1,
      err: 'error[ERR_USAGE]: --lock-timeout must be a duration from 0s to 24h, e.g. 30s or 5m (got soon)\n',
    });
  });

  it('reports a held lock, forces it off on request, and unlocks', async () => {
    const config = await cli.writeManifest(basic());
    await writeFile(join(cli.dir, '.grantform.lock'), '');
    await cli.run(['plan', '--config', config]);
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(cli.dir, '.grantform'), { recursive: true });
    await writeFile(
      join(cli.dir, '.grantform/state.json.lock'),
      JSON.stringify({ pid: 4242, host: 'ci-7', command: 'apply', time: '2026-01-01T00:00:00.000Z' }),
    );
    const locked = await cli.run(['apply', '--auto-approve', '--config', config]);
    expect(locked.code).toBe(1);
    expect(locked.err).toContain('error[ERR_STATE_LOCKED]: state ');
    expect(locked.err).toContain('is locked by pid 4242 on ci-7 (apply) since 2026-01-01T00:00:00.000Z');
    // plan takes the lock too (it reads state), unless told not to
    const lockedPlan = await cli.run(['plan', '--config', config]);
    expect(lockedPlan.code).toBe(1);
    expect(lockedPlan.err).toContain('is locked by pid 4242 on ci-7 (apply) since 2026-01-01T00:00:00.000Z');
    const unlockedPlan = await cli.run(['plan', '--no-lock', '--config', config]);
    expect(unlockedPlan.code).toBe(0);
    expect(unlockedPlan.out).toContain('Plan: 3 to create, 0 to update, 0 to replace, 0 to delete.');
    const forced = await cli.run(['apply', '--auto-approve', '--force-unlock', '--config', config]);
    expect(forced.code).toBe(0);
    // a plan releases the lock it took
    const plan = await cli.run(['plan', '--detailed-exitcode', '--config', config]);
    expect(plan.code).toBe(0);
    await expect(stat(join(cli.dir, '.grantform/state.json.lock'))).rejects.toMatchObject({ code: 'ENOENT' });
    await writeFile(
      join(cli.dir, '.grantform/state.json.lock'),
      JSON.stringify({ pid: 1, host: 'h', command: 'destroy', time: 't' }),
    );
    // state unlock cannot check a holder on another host without --force
    const refused = await cli.run(['state', 'unlock']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('is locked by pid 1 on h (destroy) since t, and it was taken on another host (h)');
    const unlocked = await cli.run(['state', 'unlock', '--force']);
    expect(unlocked.out).toBe(
      'Removed the lock held by pid 1 on h (destroy) since t: it was taken on another host (h), where it cannot be checked.\n',
    );
  });

  it('gives clear errors for a corrupt state, a future state, an unknown address, and an unreachable target', async () => {
    const config = await cli.writeManifest(basic());
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(cli.dir, '.grantform'), { recursive: true });
    await writeFile(join(cli.dir, '.grantform/state.json'), '{"version": 1, "serial": 2');
    expect((await cli.run(['plan', '--config', config])).err).toContain('error[ERR_STATE_CORRUPT]: state file ');
    await writeFile(
      join(cli.dir, '.grantform/state.json'),
      '{"version": 9, "serial": 2, "lineage": "x", "resources": {}}',
    );
    expect((await cli.run(['plan', '--config', config])).err).toContain(
      'has version 9; this grantform reads versions 1 and 2 (written by a newer grantform: upgrade)',
    );
    await writeFile(
      join(cli.dir, '.grantform/state.json'),
      '{"version": 1, "serial": 0, "lineage": "x", "resources": {}}',
    );
    const unknown = await cli.run(['plan', '--config', config, '--address', 'acme/nope']);
    expect(unknown.err).toBe('error[ERR_UNKNOWN_ADDRESS]: unknown address: acme/nope\n');
    cli.setFetch(() =>
      Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:4999') })),
    );
    const down = await cli.run(['apply', '--auto-approve', '--config', config, '--endpoint', 'http://127.0.0.1:4999']);
    expect(down.code).toBe(1);
    expect(down.err).toBe(
      'error[ERR_TARGET_UNREACHABLE]: cannot reach http://127.0.0.1:4999: connect ECONNREFUSED 127.0.0.1:4999\n',
    );
  });

  it('refuses an invalid config and a config with an unknown dependency, listing every problem', async () => {
    const broken = await cli.writeManifest({
      apiVersion: 'grantform.dev/v1',
      resources: [{ address: 'acme', kind: 'tenant' }],
    } as unknown as Manifest);
    const parsed = await cli.run(['plan', '--config', broken]);
    expect(parsed.code).toBe(1);
    expect(parsed.err).toMatch(/^error\[ERR_MANIFEST_INVALID\]: the manifest is not valid/);
    const dangling = await cli.writeManifest(
      manifestOf([tenantResource(), packageResource(), { ...integrationResource(), dependsOn: ['acme/gone'] }]),
    );
    const deps = await cli.run(['plan', '--config', dangling]);
    expect(deps.err).toBe(
      "error[ERR_MANIFEST_INVALID]: the manifest is not valid (1 problem)\n  - resources[2].dependsOn[0]: unknown address 'acme/gone'\n",
    );
    const missing = await cli.run(['plan', '--config', 'nope.ts']);
    expect(missing.err).toMatch(/^error\[ERR_CONFIG_NOT_FOUND\]: no config file at /);
  });

  it('imports an existing integration as config code and state', async () => {
    // GIVEN an integration no grantform state manages (a seeded emulator)
    const config = await cli.writeManifest(basic());
    const seeded = (await (
      await cli.fetch('http://127.0.0.1:4010/_emulator/seed', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(basic()),
      })
    ).json()) as { credentials: { clientId: string; clientSecret: string }[] };
    const clientId = seeded.credentials[0]?.clientId ?? '';
    const secret = seeded.credentials[0]?.clientSecret;
    // WHEN imported into a fresh state
    const imported = await cli.run(
      [
        'import',
        'acme/crm-sync/api',
        '--client-id',
        clientId,
        '--client-secret-env',
        'CRM_SYNC_CLIENT_SECRET',
        '--subdomain',
        SUB,
      ],
      { CRM_SYNC_CLIENT_SECRET: secret ?? '' },
    );
    // THEN
    expect(imported.err).toBe('');
    expect(imported.out).toContain(
      'Imported acme/crm-sync/api: server-to-server, 2 scopes, business units 100, 200.\nAdded to state: acme, acme/crm-sync, acme/crm-sync/api\n',
    );
    expect(imported.out).toContain(
      "acme.addPackage('crm-sync', { description: 'CRM sync' }).addApiIntegration({\n  type: 'server-to-server',\n  scopes: ['data_extensions_read', 'email_read'],\n  businessUnits: [100, 200],\n  clientSecret: { env: 'CRM_SYNC_CLIENT_SECRET' },\n});",
    );
    expect(imported.out).not.toContain(secret);
    // AND planning the same config against the imported state has nothing to do
    const plan = await cli.run(['plan', '--config', config, '--detailed-exitcode']);
    expect(plan.out).toBe('No changes. The target matches the configuration.\n');
    expect(plan.code).toBe(0);
    // AND the next apply labels the tenant and package as this state's (and records their secrets' dates)
    const applied = await cli.run(['apply', '--auto-approve', '--config', config]);
    expect(applied.out).toBe(
      "No changes. The target matches the configuration.\nRefreshed in state (assigned by the target, not a change): acme/crm-sync, acme/crm-sync/api\nLabelled on the target as this state's (they had no owner, not a change): acme, acme/crm-sync\n",
    );
    const lineage = (JSON.parse(await readFile(join(cli.dir, '.grantform/state.json'), 'utf8')) as { lineage: string })
      .lineage;
    expect((await emulatorPackages()).map((p) => (p as { owner?: string }).owner)).toEqual([
      `grantform:${lineage}:acme/crm-sync`,
    ]);
    // AND importing it into another state is refused: one state manages it
    const twice = await cli.run(
      [
        'import',
        'acme/crm-sync/api',
        '--client-id',
        clientId,
        '--client-secret-env',
        'CRM_SYNC_CLIENT_SECRET',
        '--subdomain',
        SUB,
        '--state',
        'other/state.json',
      ],
      { CRM_SYNC_CLIENT_SECRET: secret ?? '' },
    );
    expect(twice.code).toBe(1);
    expect(twice.err).toBe(
      `error[ERR_TARGET_CONFLICT]: refusing to import what another grantform state manages (two states must not manage one resource): import it into that state, or remove it there first\n  - acme: on the target it belongs to another grantform state (lineage ${lineage}, address acme)\n  - acme/crm-sync: on the target it belongs to another grantform state (lineage ${lineage}, address acme/crm-sync)\n`,
    );
  });

  it('refuses what another state (or no state) manages, saying how to go on, and creates nothing twice', async () => {
    // GIVEN the config applied with another state file
    const config = await cli.writeManifest(basic());
    expect((await cli.run(['apply', '--auto-approve', '--config', config, '--state', 'other/state.json'])).code).toBe(
      0,
    );
    const other = (JSON.parse(await readFile(join(cli.dir, 'other/state.json'), 'utf8')) as { lineage: string })
      .lineage;
    const pkgId = (await emulatorPackages())[0]?.id;
    // WHEN the same config is applied with a fresh state
    const applied = await cli.run(['apply', '--auto-approve', '--config', config]);
    // THEN the plan stops at the tenant and the package, naming their owner, and nothing is created
    expect(applied.code).toBe(1);
    expect(applied.out).toBe('');
    expect(applied.err).toMatch(
      /^error\[ERR_TARGET_CONFLICT\]: 2 declared resources are on the target and not this state's to manage \(state lineage [0-9a-f-]+\)\n/,
    );
    expect(applied.err).toContain(
      `  - acme: the target already has this tenant (${SUB}) and it belongs to another grantform state (lineage ${other}, address acme): this state will not take it over. Declare another one, or destroy it with the state that owns it\n`,
    );
    expect(applied.err).toContain(
      `  - acme/crm-sync: the target already has this installed-package (${pkgId}) and it belongs to another grantform state (lineage ${other}, address acme/crm-sync)`,
    );
    expect((await emulatorPackages()).length).toBe(1);
    // WHEN the other state is destroyed and the emulator is seeded from the config (no owner)
    expect((await cli.run(['destroy', '--auto-approve', '--config', config, '--state', 'other/state.json'])).code).toBe(
      0,
    );
    await cli.fetch('http://127.0.0.1:4010/_emulator/seed', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(basic()),
    });
    const seeded = await cli.run(['apply', '--auto-approve', '--config', config]);
    // THEN the package is refused with both ways forward; the unowned tenant alone would be claimed
    expect(seeded.code).toBe(1);
    expect(seeded.err).toContain(
      `  - acme/crm-sync: the target already has this installed-package (${(await emulatorPackages())[0]?.id}) and no grantform state manages it (an emulator seeded from this config, or a state from before ownership labels, made it): adopt it with \`grantform import <its integration address> --client-id ID --client-secret-env NAME\`, or remove it from the target (\`DELETE /_emulator/packages/{id}\`)\n`,
    );
    expect(seeded.err).not.toContain('  - acme:');
    expect((await emulatorPackages()).length).toBe(1);
  });

  it('runs the Terraform provisioner commands in Terraform order: create, update on trigger change, destroy', async () => {
    const config = await cli.writeManifest(basic());
    const flags = [
      '--auto-approve',
      '--config',
      config,
      '--target',
      'emulator',
      '--endpoint',
      'http://127.0.0.1:4010',
      '--state',
      'tf/state.json',
    ];
    // create: one address each, parents first
    for (const address of ['acme', 'acme/crm-sync', 'acme/crm-sync/api']) {
      const r = await cli.run(['apply', '--address', address, ...flags]);
      expect(r.code).toBe(0);
    }
    const state1 = JSON.parse(await readFile(join(cli.dir, 'tf/state.json'), 'utf8')) as {
      resources: Record<string, { id: string }>;
    };
    expect(Object.keys(state1.resources).sort()).toEqual(['acme', 'acme/crm-sync', 'acme/crm-sync/api']);
    // update on trigger change: Terraform replaces the package's null_resource (destroy then create)
    await cli.writeManifest(basic('CRM sync v2'));
    const destroyOld = await cli.run(['destroy', '--address', 'acme/crm-sync', ...flags]);
    expect(destroyOld.code).toBe(0);
    expect(destroyOld.out).toContain('acme/crm-sync changed in the config since it was applied: not destroyed');
    const createNew = await cli.run(['apply', '--address', 'acme/crm-sync', ...flags]);
    expect(createNew.code).toBe(0);
    expect(createNew.out).toContain('Apply complete! Resources: 0 added, 1 changed, 0 replaced, 0 destroyed.');
    const state2 = JSON.parse(await readFile(join(cli.dir, 'tf/state.json'), 'utf8')) as typeof state1;
    expect(state2.resources['acme/crm-sync/api']?.id).toBe(state1.resources['acme/crm-sync/api']?.id);
    expect((await emulatorPackages()).map((p) => p.description)).toEqual(['CRM sync v2']);
    // destroy: dependents first
    for (const address of ['acme/crm-sync/api', 'acme/crm-sync', 'acme']) {
      const r = await cli.run(['destroy', '--address', address, ...flags]);
      expect(r.code).toBe(0);
    }
    const state3 = JSON.parse(await readFile(join(cli.dir, 'tf/state.json'), 'utf8')) as typeof state1;
    expect(state3.resources).toEqual({});
    expect(await emulatorPackages()).toEqual([]);
  });
});
