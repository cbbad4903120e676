/**
 * @module
 * Terraform benchmark (`pnpm bench terraform`): 100 integrations (a tenant, 100 packages, 100
 * server-to-server integrations: 201 resources) through the provider `grantform/grantform` with the
 * local `terraform` (default parallelism 10) against an emulator on 127.0.0.1 — init, apply (all
 * creates), plan (refresh, no changes), plan -refresh=false, destroy — and, beside it, the engine's
 * own plan and apply of the same manifest against an emulator over HTTP. The Terraform figures
 * include Terraform starting the provider (a Node.js process) for each command.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulatorServer } from '../emulator/src/server.js';
import { synthTerraform } from '../packages/config/src/cdktf/synth-terraform.js';
import { apply } from '../packages/engine/src/apply.js';
import { createEmulatorDriver } from '../packages/engine/src/drivers/emulator-driver.js';
import { planManifest } from '../packages/engine/src/engine.js';
import { createJsonSecretsSink } from '../packages/engine/src/state/secrets-sink.js';
import { createFileStateStore } from '../packages/engine/src/state/state-store.js';
import { manyIntegrations } from '../packages/engine/src/testing-fixtures.js';
import { findTerraform, terraformRunner } from '../packages/terraform-plugin/src/terraform-fixture.js';
import { installGrantformProvider } from '../packages/terraform-provider/src/install.js';

const N = Number(process.env.BENCH_TERRAFORM_N ?? 100);

export interface TerraformBenchRow {
  readonly op: string;
  readonly integrations: number;
  readonly ms: number;
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/**
 * Runs the Terraform benchmark; `log` receives one line per measurement.
 * @example
 * await terraformBench(console.log);
 */
export async function terraformBench(log: (line: string) => void): Promise<TerraformBenchRow[]> {
  const rows: TerraformBenchRow[] = [];
  const record = (op: string, ms: number, extra = '') => {
    rows.push({ op, integrations: N, ms });
    log(`${op.padEnd(44)} ${String(N).padStart(5)} integrations  ${ms.toFixed(0).padStart(7)} ms${extra}`);
  };
  const terraform = findTerraform();
  if (!terraform) {
    log('terraform: skipped, `terraform` is not on PATH');
    return rows;
  }
  const dir = await mkdtemp(join(tmpdir(), 'gf-bench-terraform-'));
  const emulator = await startEmulatorServer({ port: 0, host: '127.0.0.1' });
  try {
    const manifest = manyIntegrations(N);
    // Terraform, through the provider.
    const home = join(dir, 'home');
    const work = join(dir, 'work');
    await installGrantformProvider({ home });
    const tf = terraformRunner(terraform, home, work);
    const json = synthTerraform(manifest, { resourceType: 'grantform', target: 'emulator', endpoint: emulator.url });
    await writeFile(join(work, 'main.tf.json'), JSON.stringify(json));
    const run = async (args: string[], allowed = [0]) => {
      const r = await tf(args);
      if (!allowed.includes(r.status ?? -1)) throw new Error(`terraform ${args.join(' ')}: exit ${r.status}\n${r.all}`);
      return r.all;
    };
    record('terraform init (offline)', (await time(() => run(['init']))).ms);
    const applied = await time(() => run(['apply', '-auto-approve']));
    const summary = /Apply complete! Resources: (\d+) added/.exec(applied.value)?.[1];
    if (summary !== String(2 * N + 1))
      throw new Error(`terraform apply: expected ${2 * N + 1} added\n${applied.value}`);
    record('terraform apply (all creates)', applied.ms, `  (${summary} resources)`);
    const plan = await time(() => run(['plan', '-detailed-exitcode']));
    record('terraform plan (refresh, no changes)', plan.ms);
    record(
      'terraform plan -refresh=false (no changes)',
      (await time(() => run(['plan', '-refresh=false', '-detailed-exitcode']))).ms,
    );
    record('terraform destroy', (await time(() => run(['destroy', '-auto-approve']))).ms);
    // The engine, on the same emulator over HTTP.
    const driver = createEmulatorDriver({
      endpoint: emulator.url,
      fetch: (input, init) => globalThis.fetch(input, init),
    });
    const statePath = join(dir, 'engine-state.json');
    const store = createFileStateStore(statePath);
    const secrets = createJsonSecretsSink(`${statePath}.secrets.json`);
    const { plan: creates } = await planManifest({ manifest, driver, store });
    record('engine apply (all creates, HTTP)', (await time(() => apply(creates, { driver, store, secrets }))).ms);
    const again = await time(() => planManifest({ manifest, driver, store }));
    if (again.value.plan.changes.length !== 0)
      throw new Error(`engine plan: ${again.value.plan.changes.length} changes`);
    record('engine plan (observe, no changes, HTTP)', again.ms);
  } finally {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}
