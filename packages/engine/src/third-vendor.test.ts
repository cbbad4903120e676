/**
 * A third vendor takes its own folder plus one registration line: the test-only toy vendor
 * (`testing/toy-vendor/`: a box and its lid, a component, in the memory driver) is registered next
 * to the built-in ones and planned, applied, re-planned and destroyed by the generic core, side by
 * side with a Marketing Cloud package, with nothing in the core naming it.
 */
import { describe, expect, it } from 'vitest';
import type { PlanMode } from './actions.js';
import { apply } from './apply.js';
import type { ManifestLike } from './desired.js';
import { createDesired } from './desired.js';
import type { MemoryDriver, MemoryWorld } from './drivers/memory-driver.js';
import { createMemoryDriver } from './drivers/memory-driver.js';
import { createPlan } from './plan.js';
import { createRegistry } from './registry/registry.js';
import { createMemorySecretsSink } from './state/secrets-sink.js';
import { createMemoryStateStore } from './state/state-store.js';
import type { ToyWorld } from './testing/toy-vendor/index.js';
import { toyVendor } from './testing/toy-vendor/index.js';
import { basicManifest } from './testing-fixtures.js';
import { VENDORS } from './vendors/index.js';

// The one registration line (a real vendor's is in vendors/index.ts).
const registry = createRegistry([...VENDORS, toyVendor]);

interface Toys {
  readonly colour?: string;
  readonly name?: string;
  readonly keyEnv?: string;
  readonly lid?: boolean;
}

function manifest(toys: Toys = {}): ManifestLike {
  const box = {
    address: 'toys/box',
    kind: 'toy-box',
    dependsOn: [],
    spec: { name: toys.name ?? 'Toys', colour: toys.colour ?? 'red', key: { env: toys.keyEnv ?? 'TOY_KEY' } },
  };
  const lid = { address: 'toys/box/lid', kind: 'toy-lid', dependsOn: [], spec: { box: 'toys/box', shape: 'flat' } };
  return { resources: [...basicManifest().resources, box, ...(toys.lid === false ? [] : [lid])] };
}

function setup() {
  const driver = createMemoryDriver({ registry });
  const store = createMemoryStateStore();
  const secrets = createMemorySecretsSink();
  const boxes = (driver.world as MemoryWorld & ToyWorld).boxes;
  return { driver, store, secrets, boxes };
}

async function planFor(
  m: ManifestLike,
  env: ReturnType<typeof setup>,
  mode: PlanMode = 'normal',
): Promise<ReturnType<typeof createPlan>> {
  const { desired, diagnostics } = createDesired(m, registry);
  expect(diagnostics).toEqual([]);
  const state = await env.store.read();
  const secretNames = new Set(await env.secrets.names());
  return createPlan(desired, state, await env.driver.observe(state, desired), { mode, registry, secretNames });
}

async function applied(m: ManifestLike, env: ReturnType<typeof setup>, mode: PlanMode = 'normal') {
  return apply(await planFor(m, env, mode), { driver: env.driver, store: env.store, secrets: env.secrets, registry });
}

const actions = (plan: { changes: readonly { action: string; address: string }[] }) =>
  plan.changes.map((c) => `${c.action} ${c.address}`);

describe('a third vendor, registered in one line', () => {
  it('is planned and applied by the generic core beside Marketing Cloud, and converges', async () => {
    // GIVEN a config with a Marketing Cloud package and a toy box with its lid
    const env = setup();
    // WHEN planned
    const plan = await planFor(manifest(), env);
    // THEN everything is created, the box before its lid
    expect(actions(plan)).toEqual([
      'create acme',
      'create acme/crm-sync',
      'create acme/crm-sync/api',
      'create toys/box',
      'create toys/box/lid',
    ]);
    expect(plan.changes.find((c) => c.address === 'toys/box/lid')?.dependsOn).toEqual(['toys/box']);
    // WHEN applied
    const result = await apply(plan, { driver: env.driver, store: env.store, secrets: env.secrets, registry });
    // THEN the box exists with its lid, its key is in the sink under the declared env, and the
    // state holds the box under the id the target assigned, with its serial (a computed value)
    const box = env.store.current().resources['toys/box'];
    expect(box?.id).toMatch(/^box-\d+$/);
    expect([...env.boxes.entries()]).toEqual([
      [box?.id, { attributes: { name: 'Toys', colour: 'red', serial: box?.id }, lid: { shape: 'flat' } }],
    ]);
    expect(box).toEqual({
      kind: 'toy-box',
      id: box?.id,
      attributes: { name: 'Toys', colour: 'red', serial: box?.id, key: { env: 'TOY_KEY' } },
      specHash: plan.changes.find((c) => c.address === 'toys/box')?.afterHash,
      dependsOn: [],
    });
    expect([...result.secretsWritten].sort()).toEqual(['CRM_SYNC_CLIENT_SECRET', 'TOY_KEY']);
    expect(env.secrets.entries.get('TOY_KEY')).toMatch(/^key-\d+$/);
    expect(env.store.current().resources['toys/box/lid']).toMatchObject({ kind: 'toy-lid', dependsOn: ['toys/box'] });
    // AND the next plan changes nothing
    expect(actions(await planFor(manifest(), env))).toEqual([]);
  });

  it('replaces a box whose colour changes, and the lid goes with it (a component)', async () => {
    // GIVEN an applied box
    const env = setup();
    await applied(manifest(), env);
    // WHEN its colour changes
    const plan = await planFor(manifest({ colour: 'blue' }), env);
    // THEN the box is replaced (colour cannot change in place) and its lid is re-created with it
    expect(actions(plan)).toEqual(['replace toys/box', 'replace toys/box/lid']);
    expect(plan.changes.map((c) => c.reasons)).toEqual([['colour cannot change in place'], ['toys/box is re-created']]);
    await apply(plan, { driver: env.driver, store: env.store, secrets: env.secrets, registry });
    expect([...env.boxes.values()].map((b) => [b.attributes.colour, b.lid])).toEqual([['blue', { shape: 'flat' }]]);
    expect(actions(await planFor(manifest({ colour: 'blue' }), env))).toEqual([]);
  });

  it('re-creates the box when its lid is removed: the vendor cannot take a lid off', async () => {
    const env = setup();
    await applied(manifest(), env);
    // WHEN the lid leaves the config
    const plan = await planFor(manifest({ lid: false }), env);
    // THEN the lid's removal replaces its box (the parent's noun is the toy vendor's)
    expect(actions(plan)).toEqual(['replace toys/box', 'delete toys/box/lid']);
    expect(plan.changes[0]?.reasons).toEqual([
      'toys/box/lid is removed; the vendor cannot remove a component, so the box is re-created',
    ]);
    await apply(plan, { driver: env.driver, store: env.store, secrets: env.secrets, registry });
    expect([...env.boxes.values()].map((b) => b.lid)).toEqual([null]);
    expect(env.store.current().resources['toys/box/lid']).toBeUndefined();
  });

  it('rotates the key when its env name changes, and forgets the old entry', async () => {
    const env = setup();
    await applied(manifest(), env);
    const plan = await planFor(manifest({ keyEnv: 'TOY_KEY_2' }), env);
    expect(actions(plan)).toEqual(['update toys/box']);
    await apply(plan, { driver: env.driver, store: env.store, secrets: env.secrets, registry });
    expect(env.secrets.entries.has('TOY_KEY')).toBe(false);
    expect(env.secrets.entries.get('TOY_KEY_2')).toMatch(/^key-\d+$/);
  });

  it('destroys the box with its lid, and removes its key from the sink', async () => {
    const env = setup();
    await applied(manifest(), env);
    const plan = await planFor(manifest(), env, 'destroy');
    expect(plan.changes.find((c) => c.address === 'toys/box/lid')?.removedWith).toBe('toys/box');
    await apply(plan, { driver: env.driver, store: env.store, secrets: env.secrets, registry });
    expect(env.boxes.size).toBe(0);
    expect(env.store.current().resources).toEqual({});
    expect(env.secrets.entries.size).toBe(0);
    // AND the lid (a component) and the integration had no delete call of their own
    const deleted = (env.driver as MemoryDriver).calls.filter((c) => c.op === 'delete').map((c) => c.address);
    expect(deleted.sort()).toEqual(['acme', 'acme/crm-sync', 'toys/box']);
  });

  it('is unknown to the built-in registry', () => {
    // GIVEN the toy kinds, and no registration
    const { diagnostics } = createDesired(manifest());
    // THEN the config is refused, naming each unknown kind
    expect(diagnostics.map((d) => `${d.address}: ${d.message}`)).toEqual([
      'toys/box: unknown resource kind toy-box',
      'toys/box/lid: unknown resource kind toy-lid',
    ]);
  });
});
