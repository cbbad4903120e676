/**
 * Crash safety of plan + apply against the memory target with ownership labels: a create whose
 * response never arrived is adopted (never made twice) with its secrets re-issued, a secret missing
 * from the sink is re-issued, an interrupted rotation is redone, what another state owns is refused
 * or only forgotten, and what is already gone is removed from state. The kill -9 drills with real
 * processes are in test/e2e/drill-kill-apply.test.ts.
 */
import type { Manifest } from '@grantform/config';
import { describe, expect, it } from 'vitest';
import type { PlanMode } from './actions.js';
import { apply } from './apply.js';
import { renderPlan } from './cli/render-plan.js';
import { createDesired } from './desired.js';
import type { MemoryDriver, MemoryWorld } from './drivers/memory-driver.js';
import { createMemoryDriver } from './drivers/memory-driver.js';
import { planManifest } from './engine.js';
import { EngineError } from './errors.js';
import { ownerLabel } from './ownership.js';
import { createPlan } from './plan.js';
import type { SecretsSink } from './state/secrets-sink.js';
import { createMemorySecretsSink } from './state/secrets-sink.js';
import type { StateStore } from './state/state-store.js';
import { createMemoryStateStore } from './state/state-store.js';
import {
  appResource,
  basicManifest,
  integrationResource,
  manifestOf,
  packageResource,
  tenantResource,
} from './testing-fixtures.js';

function labelledWorld(): MemoryWorld {
  return { tenants: new Map(), packages: new Map(), owners: new Map() };
}

async function planFor(
  manifest: Manifest,
  store: StateStore,
  driver: MemoryDriver,
  secrets?: SecretsSink,
  mode: PlanMode = 'normal',
) {
  const { desired } = createDesired(manifest);
  const state = await store.read();
  const secretNames = secrets === undefined ? undefined : new Set(await secrets.names());
  return createPlan(desired, state, await driver.observe(state, desired), {
    mode,
    ...(secretNames === undefined ? {} : { secretNames }),
  });
}

const lost = (address: string) => (c: { op: string; address: string }) =>
  c.op === 'create' && c.address === address ? new Error('socket hang up') : undefined;

/** An apply of the basic config whose create of `address` happened on the target, its answer lost. */
async function afterLostCreate(address: string) {
  const world = labelledWorld();
  const store = createMemoryStateStore();
  const secrets = createMemorySecretsSink();
  const first = createMemoryDriver({ world, failAfter: lost(address) });
  await apply(await planFor(basicManifest(), store, first, secrets), { driver: first, store, secrets }).catch(
    () => undefined,
  );
  return { world, store, secrets, driver: createMemoryDriver({ world }) };
}

describe('apply after a crash', () => {
  it('adopts an integration whose create answer was lost, re-issues its secret, and creates nothing twice', async () => {
    // GIVEN an apply whose integration create happened on the target but whose answer never came back
    const world = labelledWorld();
    const store = createMemoryStateStore();
    const secrets = createMemorySecretsSink();
    const first = createMemoryDriver({ world, failAfter: lost('acme/crm-sync/api') });
    const err = await apply(await planFor(basicManifest(), store, first, secrets), {
      driver: first,
      store,
      secrets,
    }).catch((e: unknown) => e);
    expect((err as EngineError).code).toBe('ERR_APPLY_FAILED');
    const clientId = [...world.packages.values()][0]?.integration?.clientId;
    // THEN the state records the intent, not the integration, and the sink has no secret
    expect(Object.keys(store.current().resources)).toEqual(['acme', 'acme/crm-sync']);
    expect(store.current().pending).toEqual({
      'acme/crm-sync/api': {
        kind: 'api-integration',
        step: 'create',
        id: null,
        secrets: ['clientSecret'],
        startedAt: expect.any(String),
      },
    });
    expect([...secrets.entries.keys()]).toEqual([]);
    // WHEN planned again
    const driver = createMemoryDriver({ world });
    const plan = await planFor(basicManifest(), store, driver, secrets);
    // THEN the integration is adopted (by its package, which this state holds) and its secret re-issued
    expect(plan.changes.map((c) => [c.action, c.address, c.adopt?.id, c.reissue])).toEqual([
      ['create', 'acme/crm-sync/api', clientId, [{ name: 'clientSecret', env: 'CRM_SYNC_CLIENT_SECRET' }]],
    ]);
    expect(plan.summary).toEqual({ noop: 2, create: 0, update: 0, replace: 0, delete: 0, adopt: 1, reissue: 1 });
    expect(renderPlan(plan)).toBe(
      [
        'grantform will perform the following actions:',
        '',
        '  # acme/crm-sync/api will be adopted into state',
        '  # (created by an apply of this state that was killed before recording it: found on the target by its ownership label and adopted)',
        '  # (CRM_SYNC_CLIENT_SECRET: the target showed this clientSecret once, to the apply that was killed; it is re-issued)',
        '  + api-integration "acme/crm-sync/api" {',
        `        id = "${clientId}"`,
        '      ~ clientSecret = (re-issued by the target) → (secret in CRM_SYNC_CLIENT_SECRET)',
        '    }',
        '',
        'Plan: 0 to create, 0 to update, 0 to replace, 0 to delete, 1 to adopt, 1 secret to re-issue.',
        '',
      ].join('\n'),
    );
    // WHEN applied
    await apply(plan, { driver, store, secrets });
    // THEN one integration, recorded with its id, a secret in the sink, nothing pending, nothing left to do
    expect(world.packages.size).toBe(1);
    expect(store.current().resources['acme/crm-sync/api']?.id).toBe(clientId);
    expect(secrets.entries.get('CRM_SYNC_CLIENT_SECRET')).toMatch(/^secret-\d+$/);
    expect(store.current().pending).toEqual({});
    expect(driver.calls.filter((c) => c.op === 'create')).toEqual([]);
    expect((await planFor(basicManifest(), store, driver, secrets)).changes).toEqual([]);
  });

  it('adopts a package found by its label (not its name), and a renamed one is updated, not re-created', async () => {
    // GIVEN a package create whose answer was lost
    const { world, store, secrets, driver } = await afterLostCreate('acme/crm-sync');
    const pkg = [...world.packages.values()][0];
    expect(world.owners?.get(pkg?.id ?? '')).toBe(ownerLabel(store.current().lineage, 'acme/crm-sync'));
    // WHEN the config now describes the package differently and is planned and applied
    const changed = manifestOf([
      tenantResource(),
      packageResource('acme/crm-sync', { description: 'CRM sync v2' }),
      integrationResource(),
    ]);
    const plan = await planFor(changed, store, driver, secrets);
    // THEN the package is adopted and updated in place, and its integration created
    expect(plan.changes.map((c) => `${c.action} ${c.address}${c.adopt ? ' (adopt)' : ''}`)).toEqual([
      'create acme/crm-sync (adopt)',
      'create acme/crm-sync/api',
    ]);
    expect(plan.changes[0]?.attributes.map((a) => a.name)).toEqual(['description']);
    expect(renderPlan(plan)).toContain('  # acme/crm-sync will be adopted and updated in place\n');
    await apply(plan, { driver, store, secrets });
    expect(world.packages.size).toBe(1);
    expect(world.packages.get(pkg?.id ?? '')?.attributes.description).toBe('CRM sync v2');
    expect((await planFor(changed, store, driver, secrets)).changes).toEqual([]);
  });

  it('an adopted object the config now wants different in a way the target cannot change is replaced', async () => {
    // GIVEN a package create whose answer was lost, and a config that now wants it legacy
    const { world, store, secrets, driver } = await afterLostCreate('acme/crm-sync');
    const legacy = manifestOf([
      tenantResource(),
      packageResource('acme/crm-sync', { legacy: true }),
      integrationResource(),
    ]);
    // WHEN planned and applied
    const plan = await planFor(legacy, store, driver, secrets);
    expect(plan.changes.map((c) => `${c.action} ${c.address}${c.adopt ? ' (adopt)' : ''}`)).toEqual([
      'replace acme/crm-sync (adopt)',
      'create acme/crm-sync/api',
    ]);
    await apply(plan, { driver, store, secrets });
    // THEN the adopted package is gone and one new legacy package holds the integration
    expect(world.packages.size).toBe(1);
    expect([...world.packages.values()][0]?.attributes.legacy).toBe(true);
    expect(driver.calls.filter((c) => c.op !== 'read').map((c) => `${c.op} ${c.address}`)).toEqual([
      'delete acme/crm-sync',
      'create acme/crm-sync',
      'create acme/crm-sync/api',
    ]);
    expect((await planFor(legacy, store, driver, secrets)).changes).toEqual([]);
  });

  it('destroy after a lost create deletes what it created too, and leaves nothing behind', async () => {
    // GIVEN a package create whose answer was lost
    const { world, store, secrets, driver } = await afterLostCreate('acme/crm-sync');
    // WHEN destroyed
    const plan = await planFor(basicManifest(), store, driver, secrets, 'destroy');
    // THEN the package the state never recorded is found by its label and deleted with the tenant
    expect(plan.changes.map((c) => `${c.action} ${c.address}${c.adopt ? ' (adopt)' : ''}`)).toEqual([
      'delete acme',
      'delete acme/crm-sync (adopt)',
    ]);
    await apply(plan, { driver, store, secrets });
    expect([world.tenants.size, world.packages.size]).toEqual([0, 0]);
    expect(store.current()).toMatchObject({ resources: {}, pending: {} });
  });

  it('re-issues a secret the sink lacks (a crash, or an older grantform) with a line saying why', async () => {
    // GIVEN an applied config whose secret then went missing from the sink
    const world = labelledWorld();
    const driver = createMemoryDriver({ world });
    const store = createMemoryStateStore();
    const secrets = createMemorySecretsSink();
    await apply(await planFor(basicManifest(), store, driver, secrets), { driver, store, secrets });
    await secrets.delete('CRM_SYNC_CLIENT_SECRET');
    // WHEN planned with the sink's names
    const plan = await planFor(basicManifest(), store, driver, secrets);
    // THEN the plan re-issues it and says so
    expect(plan.changes.map((c) => [c.action, c.address, c.attributes, c.reissue])).toEqual([
      ['update', 'acme/crm-sync/api', [], [{ name: 'clientSecret', env: 'CRM_SYNC_CLIENT_SECRET' }]],
    ]);
    expect(renderPlan(plan)).toContain(
      '  # acme/crm-sync/api will have its secrets re-issued\n  # (CRM_SYNC_CLIENT_SECRET is not in the secrets sink or the environment: the target re-issues this clientSecret (the old value, wherever it is, stops working))\n',
    );
    // AND without the sink's names (a library caller, or a read-only target) nothing is planned
    expect((await planFor(basicManifest(), store, driver)).changes).toEqual([]);
    // WHEN applied, the sink has a value again and the next plan is empty
    await apply(plan, { driver, store, secrets });
    expect(secrets.entries.get('CRM_SYNC_CLIENT_SECRET')).toMatch(/^secret-\d+$/);
    expect((await planFor(basicManifest(), store, driver, secrets)).changes).toEqual([]);
  });

  it('redoes a rotation whose new value may not have reached the sink', async () => {
    // GIVEN a secret rotation (env renamed) whose answer was lost
    const world = labelledWorld();
    const store = createMemoryStateStore();
    const secrets = createMemorySecretsSink();
    const base = createMemoryDriver({ world });
    await apply(await planFor(basicManifest(), store, base, secrets), { driver: base, store, secrets });
    const renamed = manifestOf([
      tenantResource(),
      packageResource(),
      integrationResource('acme/crm-sync/api', { clientSecret: { env: 'CRM_NEW_SECRET' } }),
    ]);
    const failing = createMemoryDriver({
      world,
      failAfter: (c) => (c.op === 'update' ? new Error('connection reset') : undefined),
    });
    await apply(await planFor(renamed, store, failing, secrets), { driver: failing, store, secrets }).catch(
      () => undefined,
    );
    expect(store.current().pending['acme/crm-sync/api']).toMatchObject({ step: 'update', secrets: ['clientSecret'] });
    // WHEN planned again
    const driver = createMemoryDriver({ world });
    const plan = await planFor(renamed, store, driver, secrets);
    // THEN the update is planned again (it rotates the secret into the new env name)
    expect(plan.changes.map((c) => [c.action, c.address, c.attributes.map((a) => a.name)])).toEqual([
      ['update', 'acme/crm-sync/api', ['clientSecret']],
    ]);
    await apply(plan, { driver, store, secrets });
    expect([...secrets.entries.keys()]).toEqual(['CRM_NEW_SECRET']);
    expect((await planFor(renamed, store, driver, secrets)).changes).toEqual([]);
  });

  it('a read-only target (sfmc) is only told: planManifest plans no re-issue there', async () => {
    // GIVEN a state whose secret is missing from the sink, planned against a read-only target
    const world = labelledWorld();
    const writable = createMemoryDriver({ world });
    const store = createMemoryStateStore();
    const secrets = createMemorySecretsSink();
    await apply(await planFor(basicManifest(), store, writable, secrets), { driver: writable, store, secrets });
    await secrets.delete('CRM_SYNC_CLIENT_SECRET');
    const readOnly = { ...createMemoryDriver({ world }), name: 'sfmc', readOnly: true };
    // WHEN planned with the sink's names
    const { plan } = await planManifest({
      manifest: basicManifest(),
      driver: readOnly,
      store,
      secretNames: new Set(await secrets.names()),
    });
    // THEN nothing is planned (the checklist cannot re-issue a secret)
    expect(plan.changes).toEqual([]);
  });

  it('re-issues a secret a create did not return (the target had the object already) before recording it', async () => {
    // GIVEN a target whose integration create answers without a secret
    const base = createMemoryDriver({ world: labelledWorld() });
    const driver = createMemoryDriver({
      world: base.world,
      overrides: {
        'api-integration': {
          create: async (spec, ctx) => ({
            ...(await base.resources['api-integration'].create(spec, ctx)),
            secrets: [],
          }),
        },
      },
    });
    const store = createMemoryStateStore();
    const secrets = createMemorySecretsSink();
    // WHEN applied
    await apply(await planFor(basicManifest(), store, driver, secrets), { driver, store, secrets });
    // THEN the integration is recorded only with a secret in the sink
    expect(secrets.entries.get('CRM_SYNC_CLIENT_SECRET')).toMatch(/^secret-\d+$/);
    expect(store.current().resources['acme/crm-sync/api']).toBeDefined();
  });

  it('re-issues the JWT signing secret of a package whose app was added later', async () => {
    // GIVEN a package applied without an app (its JWT signing secret was not kept), then an app added
    const world = labelledWorld();
    const driver = createMemoryDriver({ world });
    const store = createMemoryStateStore();
    const secrets = createMemorySecretsSink();
    await apply(await planFor(basicManifest(), store, driver, secrets), { driver, store, secrets });
    const withApp = manifestOf([tenantResource(), packageResource(), integrationResource(), appResource()]);
    // WHEN planned and applied
    const plan = await planFor(withApp, store, driver, secrets);
    expect(plan.changes.map((c) => [c.action, c.address, c.reissue ?? []])).toEqual([
      ['update', 'acme/crm-sync', [{ name: 'jwtSigningSecret', env: 'CRM_SYNC_JWT_SECRET' }]],
      ['create', 'acme/crm-sync/app', []],
    ]);
    await apply(plan, { driver, store, secrets });
    // THEN the sink holds it and nothing is left to do
    expect(secrets.entries.get('CRM_SYNC_JWT_SECRET')).toMatch(/^jwt-secret-\d+$/);
    expect((await planFor(withApp, store, driver, secrets)).changes).toEqual([]);
  });
});

describe('ownership', () => {
  it('refuses to take over what another state owns, and a destroy only forgets it', async () => {
    // GIVEN the config applied by state A
    const world = labelledWorld();
    const driver = createMemoryDriver({ world });
    const a = createMemoryStateStore();
    await apply(await planFor(basicManifest(), a, driver), { driver, store: a, secrets: createMemorySecretsSink() });
    // WHEN state B plans the same config
    const b = createMemoryStateStore();
    const plan = await planFor(basicManifest(), b, driver);
    // THEN the tenant and the package are refused, naming A
    expect(plan.diagnostics.map((d) => [d.code, d.address])).toEqual([
      ['ERR_TARGET_CONFLICT', 'acme'],
      ['ERR_TARGET_CONFLICT', 'acme/crm-sync'],
    ]);
    expect(plan.diagnostics[0]?.message).toBe(
      `the target already has this tenant (mc563885gzs27c5t9-63k636ttgm) and it belongs to another grantform state (lineage ${a.current().lineage}, address acme): this state will not take it over. Declare another one, or destroy it with the state that owns it`,
    );
    // WHEN a state that also holds A's tenant (a copy of A under another lineage) destroys everything
    const copy = createMemoryStateStore({ ...a.current(), lineage: 'copy' });
    const destroy = await planFor(basicManifest(), copy, driver, undefined, 'destroy');
    // THEN nothing is deleted on the target: A's resources are only forgotten
    expect(destroy.changes.map((c) => `${c.action} ${c.address}${c.forget ? ' (forget)' : ''}`)).toEqual([
      'delete acme (forget)',
      'delete acme/crm-sync (forget)',
      'delete acme/crm-sync/api',
    ]);
    await apply(destroy, { driver, store: copy, secrets: createMemorySecretsSink() });
    expect(copy.current().resources).toEqual({});
    expect(world.tenants.size).toBe(1);
    expect(world.packages.size).toBe(1);
    expect(driver.calls.filter((c) => c.op === 'delete')).toEqual([]);
  });

  it('labels state resources that have no label yet, and forgets what is already gone', async () => {
    // GIVEN an applied config whose labels were lost (made before labels) and whose package is gone
    const world = labelledWorld();
    const driver = createMemoryDriver({ world });
    const store = createMemoryStateStore();
    const secrets = createMemorySecretsSink();
    await apply(await planFor(basicManifest(), store, driver, secrets), { driver, store, secrets });
    world.owners?.clear();
    // WHEN planned and applied
    const plan = await planFor(basicManifest(), store, driver, secrets);
    expect(plan.changes).toEqual([]);
    expect(plan.claims).toEqual(['acme', 'acme/crm-sync']);
    const result = await apply(plan, { driver, store, secrets });
    // THEN both carry this state's label again
    expect(result.claimed).toEqual(['acme', 'acme/crm-sync']);
    expect([...(world.owners?.values() ?? [])]).toEqual([
      ownerLabel(store.current().lineage, 'acme'),
      ownerLabel(store.current().lineage, 'acme/crm-sync'),
    ]);
    // WHEN the package disappears and the config drops it
    world.packages.clear();
    const tenantOnly = manifestOf([tenantResource()]);
    const forget = await planFor(tenantOnly, store, driver, secrets);
    // THEN it is removed from state with its component, without a call
    expect(forget.changes.map((c) => `${c.action} ${c.address}${c.forget ? ' (forget)' : ''}`)).toEqual([
      'delete acme/crm-sync (forget)',
      'delete acme/crm-sync/api (forget)',
    ]);
    expect(renderPlan(forget)).toContain(
      '  # acme/crm-sync will be removed from state (no call to the target)\n  # (already gone from the target: removed from state)\n',
    );
    await apply(forget, { driver, store, secrets });
    expect(Object.keys(store.current().resources)).toEqual(['acme']);
    expect([...secrets.entries.keys()]).toEqual([]);
  });

  it('never re-issues a secret an import was not given; it warns instead', async () => {
    // GIVEN a state entry imported without its secret
    const world = labelledWorld();
    const driver = createMemoryDriver({ world });
    const store = createMemoryStateStore();
    const secrets = createMemorySecretsSink();
    await apply(await planFor(basicManifest(), store, driver, secrets), { driver, store, secrets });
    const s = store.current();
    const api = s.resources['acme/crm-sync/api'];
    if (api === undefined) throw new Error('fixture');
    await store.write({
      ...s,
      resources: { ...s.resources, 'acme/crm-sync/api': { ...api, secretsNotHeld: ['clientSecret'] } },
    });
    await secrets.delete('CRM_SYNC_CLIENT_SECRET');
    // WHEN planned
    const plan = await planFor(basicManifest(), store, driver, secrets);
    // THEN nothing is planned, and a warning says what to do
    expect(plan.changes).toEqual([]);
    expect(plan.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'WARN_SECRET_NOT_HELD',
        message:
          'acme/crm-sync/api: CRM_SYNC_CLIENT_SECRET is not set, and this state was never given that clientSecret (it was imported without it): set CRM_SYNC_CLIENT_SECRET, or import it with its secret',
        address: 'acme/crm-sync/api',
      },
    ]);
  });
});

it('the failure report names what failed and keeps it pending', async () => {
  const world = labelledWorld();
  const driver = createMemoryDriver({ world, failOn: (c) => (c.kind === 'tenant' ? new Error('503') : undefined) });
  const store = createMemoryStateStore();
  const err = (await apply(await planFor(basicManifest(), store, driver), {
    driver,
    store,
    secrets: createMemorySecretsSink(),
  }).catch((e: unknown) => e)) as EngineError;
  expect(err).toBeInstanceOf(EngineError);
  expect(err.message).toBe(
    'apply stopped: 0 of 3 operations done, 1 failed, 2 not started; the state names everything done (serial 2): fix the cause and run apply again',
  );
  expect(Object.keys(store.current().pending)).toEqual(['acme']);
});
