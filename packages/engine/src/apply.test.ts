import type { Manifest } from '@grantform/config';
import { describe, expect, it } from 'vitest';
import type { PlanMode } from './actions.js';
import { apply } from './apply.js';
import { createDesired } from './desired.js';
import type { ResourceDriver } from './driver.js';
import { createMemoryDriver } from './drivers/memory-driver.js';
import { EngineError } from './errors.js';
import { createPlan } from './plan.js';
import { createMemorySecretsSink } from './state/secrets-sink.js';
import type { StateStore } from './state/state-store.js';
import { createMemoryStateStore } from './state/state-store.js';
import {
  appResource,
  basicManifest,
  integrationResource,
  manifestOf,
  manyIntegrations,
  packageResource,
  tenantResource,
} from './testing-fixtures.js';

async function planFor(manifest: Manifest, store: StateStore, driver: ResourceDriver, mode: PlanMode = 'normal') {
  const { desired } = createDesired(manifest);
  const state = await store.read();
  return createPlan(desired, state, await driver.observe(state, desired), { mode });
}

describe('apply', () => {
  it('creates parents first, stores the secret in the sink and never in state', async () => {
    // GIVEN an empty target and state
    const driver = createMemoryDriver();
    const store = createMemoryStateStore();
    const secrets = createMemorySecretsSink();
    // WHEN the basic manifest is planned and applied
    const plan = await planFor(basicManifest(), store, driver);
    const result = await apply(plan, { driver, store, secrets });
    // THEN
    expect(result.applied).toEqual([
      { address: 'acme', step: 'create' },
      { address: 'acme/crm-sync', step: 'create' },
      { address: 'acme/crm-sync/api', step: 'create' },
    ]);
    expect([...secrets.entries.keys()]).toEqual(['CRM_SYNC_CLIENT_SECRET']);
    const secret = secrets.entries.get('CRM_SYNC_CLIENT_SECRET') ?? '';
    expect(JSON.stringify(store.current())).not.toContain(secret);
    expect(store.current().resources['acme/crm-sync/api']?.attributes.clientId).toBe('client-2');
    // (serial 1: the state written before anything is created; then a begin and a put per operation)
    expect(store.current().serial).toBe(7);
    expect(store.current().pending).toEqual({});
    // AND a second plan has nothing to do
    expect((await planFor(basicManifest(), store, driver)).changes).toEqual([]);
  });

  it('refuses a stale plan', async () => {
    const driver = createMemoryDriver();
    const store = createMemoryStateStore();
    const plan = await planFor(basicManifest(), store, driver);
    await apply(plan, { driver, store, secrets: createMemorySecretsSink() });
    await expect(apply(plan, { driver, store, secrets: createMemorySecretsSink() })).rejects.toMatchObject({
      code: 'ERR_PLAN_STALE',
    });
  });

  it('leaves a state naming everything done when the target fails halfway, and a re-run converges', async () => {
    // GIVEN a target that fails on its 4th call (the third package's create)
    let failing = true;
    const driver = createMemoryDriver({
      failOn: (c) =>
        failing && c.op === 'create' && c.address === 'acme/pkg-00002' ? new Error('503 from target') : undefined,
    });
    const store = createMemoryStateStore();
    const secrets = createMemorySecretsSink();
    const manifest = manyIntegrations(4);
    // WHEN applied with one operation at a time
    const plan = await planFor(manifest, store, driver);
    const err = await apply(plan, { driver, store, secrets, concurrency: 1 }).catch((e: unknown) => e);
    // THEN the failure names the address and the state holds what was done
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).code).toBe('ERR_APPLY_FAILED');
    expect((err as EngineError).issues).toEqual([{ path: 'acme/pkg-00002', message: '503 from target' }]);
    expect(Object.keys(store.current().resources)).toEqual(['acme', 'acme/pkg-00000', 'acme/pkg-00001']);
    expect([...driver.world.packages.values()].map((p) => p.attributes.name)).toEqual(['pkg-00000', 'pkg-00001']);
    // WHEN the fault clears and plan/apply run again
    failing = false;
    const again = await planFor(manifest, store, driver);
    expect(again.changes.every((c) => c.action === 'create')).toBe(true);
    await apply(again, { driver, store, secrets });
    // THEN everything exists exactly once
    expect((await planFor(manifest, store, driver)).changes).toEqual([]);
    expect(driver.world.packages.size).toBe(4);
    expect(secrets.entries.size).toBe(4);
  });

  it('replaces a package when its app is removed, and destroys everything', async () => {
    const driver = createMemoryDriver();
    const store = createMemoryStateStore();
    const secrets = createMemorySecretsSink();
    const full = manifestOf([tenantResource(), packageResource(), integrationResource(), appResource()]);
    await apply(await planFor(full, store, driver), { driver, store, secrets });
    expect([...secrets.entries.keys()].sort()).toEqual(['CRM_SYNC_CLIENT_SECRET', 'CRM_SYNC_JWT_SECRET']);
    const oldPackageId = store.current().resources['acme/crm-sync']?.id;
    // WHEN the app is removed
    const withoutApp = manifestOf([tenantResource(), packageResource(), integrationResource()]);
    const result = await apply(await planFor(withoutApp, store, driver), { driver, store, secrets });
    // THEN the package was deleted and re-created with a new integration
    expect(result.applied).toEqual([
      { address: 'acme/crm-sync', step: 'delete' },
      { address: 'acme/crm-sync', step: 'create' },
      { address: 'acme/crm-sync/api', step: 'create' },
    ]);
    expect(store.current().resources['acme/crm-sync']?.id).not.toBe(oldPackageId);
    expect(Object.keys(store.current().resources)).toEqual(['acme', 'acme/crm-sync', 'acme/crm-sync/api']);
    expect([...secrets.entries.keys()]).toEqual(['CRM_SYNC_CLIENT_SECRET']);
    // WHEN destroyed
    await apply(await planFor(withoutApp, store, driver, 'destroy'), { driver, store, secrets });
    // THEN nothing is left anywhere
    expect(store.current().resources).toEqual({});
    expect(driver.world.packages.size).toBe(0);
    expect(driver.world.tenants.size).toBe(0);
    expect(secrets.entries.size).toBe(0);
  });

  it('writes refreshed server-assigned values even when the plan changes nothing', async () => {
    // GIVEN an applied config whose endpoints the target has since moved (ids unchanged)
    const driver = createMemoryDriver();
    const store = createMemoryStateStore();
    const secrets = createMemorySecretsSink();
    await apply(await planFor(basicManifest(), store, driver), { driver, store, secrets });
    const before = store.current();
    const pkg = [...driver.world.packages.values()][0];
    if (pkg?.integration === null || pkg === undefined) throw new Error('fixture');
    const moved = {
      auth: 'http://127.0.0.1:4020/a/',
      rest: 'http://127.0.0.1:4020/r/',
      soap: 'http://127.0.0.1:4020/s/',
    };
    pkg.integration.attributes = { ...pkg.integration.attributes, endpoints: moved };
    // WHEN planned and applied
    const plan = await planFor(basicManifest(), store, driver);
    expect(plan.changes).toEqual([]);
    const result = await apply(plan, { driver, store, secrets });
    // THEN one state write holds the new endpoints; the id, the spec hash and every other value stay
    expect(result.applied).toEqual([]);
    expect(result.refreshed).toEqual(['acme/crm-sync/api']);
    const after = store.current();
    expect(after.serial).toBe(before.serial + 1);
    const was = before.resources['acme/crm-sync/api'];
    expect(after.resources['acme/crm-sync/api']).toEqual({
      ...was,
      attributes: { ...was?.attributes, endpoints: moved },
    });
    expect(after.resources.acme).toEqual(before.resources.acme);
    // AND the next plan has nothing to refresh, and its apply writes nothing
    const next = await planFor(basicManifest(), store, driver);
    expect(next.refreshed).toEqual({});
    expect((await apply(next, { driver, store, secrets })).state.serial).toBe(after.serial);
  });

  it('refuses a read-only target', async () => {
    const driver = { ...createMemoryDriver(), name: 'sfmc', readOnly: true };
    const store = createMemoryStateStore();
    const plan = await planFor(basicManifest(), store, driver);
    await expect(apply(plan, { driver, store, secrets: createMemorySecretsSink() })).rejects.toMatchObject({
      code: 'ERR_TARGET_READ_ONLY',
    });
  });
});
