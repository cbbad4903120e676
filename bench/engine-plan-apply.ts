/**
 * @module
 * Engine benchmark: plan at 100 / 1,000 / 10,000 integrations and apply at 100 / 1,000 against the
 * in-process emulator (admin API over `app.request`), with the real file state store (atomic writes
 * after every operation) and the default 0600 secrets file. Targets (issue 4): plan of 10,000 in
 * under 1 s, apply of 1,000 in under 10 s, growing linearly.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator } from '../emulator/src/index.js';
import { apply } from '../packages/engine/src/apply.js';
import { createEmulatorDriver } from '../packages/engine/src/drivers/emulator-driver.js';
import { desiredOrThrow, planManifest } from '../packages/engine/src/engine.js';
import { createPlan } from '../packages/engine/src/plan.js';
import { createJsonSecretsSink } from '../packages/engine/src/state/secrets-sink.js';
import type { ResourceState, StateFile } from '../packages/engine/src/state/state-file.js';
import { emptyState } from '../packages/engine/src/state/state-file.js';
import { createFileStateStore, createMemoryStateStore } from '../packages/engine/src/state/state-store.js';
import { manyIntegrations, TENANT_SUBDOMAIN } from '../packages/engine/src/testing-fixtures.js';

const ENDPOINT = 'http://127.0.0.1:4010';

export interface EngineBenchRow {
  readonly op: string;
  readonly integrations: number;
  readonly ms: number;
}

function emulatorDriver() {
  const app = createEmulator();
  const fetch = (input: string | URL | Request, init?: RequestInit) => app.request(input, init);
  return { app, fetch, driver: createEmulatorDriver({ endpoint: ENDPOINT, fetch }) };
}

/** Seeds the emulator with `n` integrations and builds the state an apply would have written. */
async function seededState(n: number) {
  const { fetch, driver } = emulatorDriver();
  const manifest = manyIntegrations(n);
  const desired = desiredOrThrow(manifest);
  // The seed endpoint limits its body: seed in chunks, each with the tenant.
  const [tenant, ...rest] = manifest.resources;
  for (let i = 0; i < rest.length; i += 1000) {
    const chunk = { ...manifest, resources: [tenant!, ...rest.slice(i, i + 1000)] };
    const seeded = await fetch(`${ENDPOINT}/_emulator/seed`, {
      method: 'POST',
      body: JSON.stringify(chunk),
      headers: { 'content-type': 'application/json' },
    });
    if (!seeded.ok) throw new Error(`seed failed: ${seeded.status} ${await seeded.text()}`);
  }
  const list = (await (await fetch(`${ENDPOINT}/_emulator/tenants/${TENANT_SUBDOMAIN}/packages`)).json()) as {
    items: { id: string; name: string; integration: { clientId: string; endpoints: unknown } | null }[];
  };
  const byName = new Map(list.items.map((p) => [p.name, p]));
  const resources: Record<string, ResourceState> = {};
  for (const r of Object.values(desired.resources)) {
    const pkgName = r.kind === 'installed-package' ? String(r.attributes.name) : r.address.split('/')[1];
    const pkg = byName.get(pkgName ?? '');
    const id =
      r.kind === 'tenant'
        ? TENANT_SUBDOMAIN
        : r.kind === 'installed-package'
          ? (pkg?.id ?? '')
          : (pkg?.integration?.clientId ?? '');
    const attributes = r.kind === 'api-integration' ? { ...r.attributes, clientId: id } : r.attributes;
    resources[r.address] = { kind: r.kind, id, attributes, specHash: r.specHash, dependsOn: r.dependsOn };
  }
  const state: StateFile = { ...emptyState('bench'), serial: 1, resources };
  return { driver, manifest, desired, state };
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/**
 * Runs the engine benchmark; `log` receives one line per measurement.
 * @example
 * await enginePlanApplyBench(console.log);
 */
export async function enginePlanApplyBench(log: (line: string) => void): Promise<EngineBenchRow[]> {
  const rows: EngineBenchRow[] = [];
  const record = (op: string, integrations: number, ms: number, extra = '') => {
    rows.push({ op, integrations, ms });
    log(`${op.padEnd(34)} ${String(integrations).padStart(6)} integrations  ${ms.toFixed(1).padStart(9)} ms${extra}`);
  };
  for (const n of [100, 1_000, 10_000]) {
    const { driver, manifest, desired, state } = await seededState(n);
    // Pure core only: desired + prior + observed → plan.
    const observed = await driver.observe(state, desired);
    const pure = await time(async () => createPlan(desired, state, observed, { mode: 'normal' }));
    record('plan (pure, no changes)', n, pure.ms);
    // Full plan: read the config's manifest, observe the emulator, plan.
    const store = createMemoryStateStore(state);
    const full = await time(() => planManifest({ manifest, driver, store }));
    if (full.value.plan.changes.length !== 0)
      throw new Error(`expected no changes at ${n}, got ${full.value.plan.changes.length}`);
    record('plan (observe emulator, no changes)', n, full.ms);
    const fresh = emulatorDriver();
    const create = await time(() => planManifest({ manifest, driver: fresh.driver, store: createMemoryStateStore() }));
    record('plan (empty state, all creates)', n, create.ms);
  }
  for (const n of [100, 1_000, 3_000]) {
    const dir = await mkdtemp(join(tmpdir(), 'gf-bench-'));
    try {
      const { driver } = emulatorDriver();
      const statePath = join(dir, 'state.json');
      const store = createFileStateStore(statePath);
      const secrets = createJsonSecretsSink(`${statePath}.secrets.json`);
      const { plan } = await planManifest({ manifest: manyIntegrations(n), driver, store });
      const applied = await time(() => apply(plan, { driver, store, secrets }));
      record(
        'apply (file state, secrets file)',
        n,
        applied.ms,
        `  (${plan.changes.length} ops, state serial ${applied.value.state.serial})`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
