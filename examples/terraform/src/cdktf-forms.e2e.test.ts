/**
 * The cdktf stack of this example in its offline forms, with the local `terraform` against an
 * emulator started here on 127.0.0.1:
 * - `terraform_data` (the provider-free shell-out): `terraform init` needs no provider; `apply` at
 *   Terraform's default parallelism, where sibling resources run `grantform apply --address …` at the
 *   same time and wait for grantform's state lock in turn (`--lock-timeout`); then plan = no changes,
 *   and destroy;
 * - `grantform` (the provider's resources, the provider installed into a temporary HOME): apply,
 *   plan = no changes, destroy.
 * Skipped, with the reason printed, when `terraform` is not on PATH.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { synthTerraform } from '@grantform/config/cdktf';
import { type RunningEmulator, startEmulatorServer } from '@grantform/emulator/server';
import { installGrantformProvider } from '@grantform/terraform-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTerraform, terraformRunner } from '../../../packages/terraform-plugin/src/terraform-fixture.js';
import grantformApp from '../grantform.config.js';

const terraform = findTerraform();
if (!terraform) console.warn('examples/terraform cdktf-forms.e2e.test.ts: skipped, `terraform` is not on PATH');

const REPO = resolve(import.meta.dirname, '../../..');
const CONFIG = resolve(import.meta.dirname, '../grantform.config.ts');
const GRANTFORM = `node ${join(REPO, 'packages/engine/bin/grantform.js')}`;

interface AdminPackage {
  readonly name: string;
  readonly integration: { readonly type: string; readonly scopes: string[] } | null;
}

describe.skipIf(!terraform)('the cdktf stack with the local terraform', () => {
  const root = mkdtempSync(join(tmpdir(), 'gf-cdktf-forms-'));
  let emulator: RunningEmulator;
  const admin = async <T>(path: string): Promise<T> =>
    (await (await fetch(`${emulator.url}/_emulator${path}`)).json()) as T;
  const packages = async () => {
    const tenants = await admin<{ items: { subdomain: string }[] }>('/tenants');
    const sub = tenants.items[0]?.subdomain ?? '';
    const { items } = await admin<{ items: AdminPackage[] }>(`/tenants/${sub}/packages`);
    return items.map((p) => [p.name, p.integration?.type ?? null]).sort();
  };

  beforeAll(async () => {
    emulator = await startEmulatorServer({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await emulator?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('terraform_data: init offline, apply at default parallelism (the commands pass --lock-timeout), no changes, destroy', async () => {
    // GIVEN the stack as terraform_data resources whose commands run this repository's grantform CLI
    const work = join(root, 'terraform-data');
    const tf = terraformRunner(terraform!, join(root, 'home-empty'), work);
    const json = synthTerraform(grantformApp, {
      resourceType: 'terraform_data',
      command: GRANTFORM,
      configPath: CONFIG,
      statePath: join(work, 'state.json'),
      target: 'emulator',
      endpoint: emulator.url,
    });
    writeFileSync(join(work, 'main.tf.json'), JSON.stringify(json, null, 2));
    expect(JSON.stringify(json)).toContain(`--state '${join(work, 'state.json')}' --lock-timeout '5m'`);
    // WHEN init (no provider to install) and apply with Terraform's default parallelism
    const init = await tf(['init']);
    expect(init.status, init.all).toBe(0);
    expect(init.stdout).toContain('Terraform has been successfully initialized!');
    const apply = await tf(['apply', '-auto-approve']);
    // THEN every resource applied, the two packages (siblings, applied at the same time) included
    expect(apply.status, apply.all).toBe(0);
    expect(apply.stdout).toContain('Apply complete! Resources: 5 added, 0 changed, 0 destroyed.');
    expect(apply.all).not.toContain('ERR_STATE_LOCKED');
    expect(await packages()).toEqual([
      ['dashboard', 'web-app'],
      ['data-sync', 'server-to-server'],
    ]);
    const state = JSON.parse(readFileSync(join(work, 'state.json'), 'utf8')) as { resources: object };
    expect(Object.keys(state.resources).sort()).toEqual([
      'litware',
      'litware/dashboard',
      'litware/dashboard/api',
      'litware/data-sync',
      'litware/data-sync/api',
    ]);
    // AND the plan right after shows no changes
    const plan = await tf(['plan', '-detailed-exitcode']);
    expect(plan.status, plan.all).toBe(0);
    // AND destroy (also at default parallelism) leaves the emulator empty
    const destroy = await tf(['destroy', '-auto-approve']);
    expect(destroy.status, destroy.all).toBe(0);
    expect(destroy.stdout).toContain('Destroy complete! Resources: 5 destroyed.');
    expect(await admin('/tenants')).toEqual({ items: [] });
  }, 240_000);

  it("grantform: the provider's resources apply, plan no changes and destroy", async () => {
    // GIVEN the stack as the provider's resources, and the provider installed in a temporary HOME
    const home = join(root, 'home');
    const work = join(root, 'provider');
    const tf = terraformRunner(terraform!, home, work);
    await installGrantformProvider({ home });
    const json = synthTerraform(grantformApp, {
      resourceType: 'grantform',
      target: 'emulator',
      endpoint: emulator.url,
    });
    writeFileSync(join(work, 'main.tf.json'), JSON.stringify(json, null, 2));
    // WHEN init, apply
    const init = await tf(['init']);
    expect(init.status, init.all).toBe(0);
    expect(init.stdout).toContain('- Installing grantform/grantform v0.1.0...');
    const apply = await tf(['apply', '-auto-approve']);
    // THEN the same resources exist, and the plan right after shows no changes
    expect(apply.status, apply.all).toBe(0);
    expect(apply.stdout).toContain('Apply complete! Resources: 5 added, 0 changed, 0 destroyed.');
    expect(await packages()).toEqual([
      ['dashboard', 'web-app'],
      ['data-sync', 'server-to-server'],
    ]);
    const plan = await tf(['plan', '-detailed-exitcode']);
    expect(plan.status, plan.all).toBe(0);
    // AND the secret env names are grantform's own (the ones the CLI would use)
    expect(Object.keys(JSON.parse(readFileSync(join(work, '.grantform/terraform.secrets.json'), 'utf8')))).toEqual([
      'GRANTFORM_LITWARE_DASHBOARD_API_CLIENT_SECRET',
      'GRANTFORM_LITWARE_DATA_SYNC_API_CLIENT_SECRET',
    ]);
    const destroy = await tf(['destroy', '-auto-approve']);
    expect(destroy.status, destroy.all).toBe(0);
    expect(await admin('/tenants')).toEqual({ items: [] });
  }, 240_000);
});
