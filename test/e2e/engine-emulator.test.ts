/**
 * End to end against the in-process emulator (admin API over `app.request`): apply → verify →
 * change scopes → plan shows exactly that → apply → destroy → nothing left; an interrupted apply
 * converges on re-run.
 */

import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../emulator/src/index.js';
import type { ResourceDriver } from '../../packages/engine/src/index.js';
import {
  apply,
  createEmulatorDriver,
  createMemorySecretsSink,
  createMemoryStateStore,
  planManifest,
  verify,
} from '../../packages/engine/src/index.js';
import {
  basicManifest,
  integrationResource,
  manifestOf,
  packageResource,
  tenantResource,
} from '../../packages/engine/src/testing-fixtures.js';

const ENDPOINT = 'http://127.0.0.1:4010';

function setup() {
  const app = createEmulator({ headlessAuthorize: true });
  const fetch = (input: string | URL | Request, init?: RequestInit) => app.request(input, init);
  const driver = createEmulatorDriver({ endpoint: ENDPOINT, fetch });
  return { app, fetch, driver, store: createMemoryStateStore(), secrets: createMemorySecretsSink() };
}

describe('engine against the in-process emulator', () => {
  it('apply → verify → change scopes → plan shows exactly that → apply → destroy → nothing left', async () => {
    const { fetch, driver, store, secrets } = setup();
    // GIVEN the basic config applied
    const first = await planManifest({ manifest: basicManifest(), driver, store });
    expect(first.plan.changes.map((c) => `${c.action} ${c.address}`)).toEqual([
      'create acme',
      'create acme/crm-sync',
      'create acme/crm-sync/api',
    ]);
    await apply(first.plan, { driver, store, secrets });
    // THEN verify passes every check
    const report = await verify({
      desired: first.desired,
      state: store.current(),
      target: 'emulator',
      fetch,
      env: {},
      secret: secrets.get,
    });
    expect(report.checks.map((c) => `${c.status} ${c.check}`)).toEqual([
      'pass scopes',
      'pass business-unit 100',
      'pass business-unit 200',
      'pass undeclared business unit refused',
      'pass instance URLs answer',
      'pass jwt',
    ]);
    expect(report.ok).toBe(true);
    // WHEN a scope is added
    const changed = manifestOf([
      tenantResource(),
      packageResource(),
      integrationResource('acme/crm-sync/api', { scopes: ['data_extensions_read', 'email_read', 'email_send'] }),
    ]);
    const second = await planManifest({ manifest: changed, driver, store });
    // THEN the plan shows exactly that
    expect(
      second.plan.changes.map((c) => ({ action: c.action, address: c.address, attributes: c.attributes })),
    ).toEqual([
      {
        action: 'update',
        address: 'acme/crm-sync/api',
        attributes: [
          {
            name: 'scopes',
            before: ['data_extensions_read', 'email_read'],
            after: ['data_extensions_read', 'email_read', 'email_send'],
            forcesReplacement: false,
            added: ['email_send'],
            removed: [],
          },
        ],
      },
    ]);
    await apply(second.plan, { driver, store, secrets });
    const again = await verify({
      desired: second.desired,
      state: store.current(),
      target: 'emulator',
      fetch,
      env: {},
      secret: secrets.get,
    });
    expect(again.ok).toBe(true);
    expect((await planManifest({ manifest: changed, driver, store })).plan.changes).toEqual([]);
    // WHEN destroyed
    const destroy = await planManifest({ manifest: changed, driver, store, mode: 'destroy' });
    await apply(destroy.plan, { driver, store, secrets });
    // THEN nothing is left in state, in the sink or on the emulator
    expect(store.current().resources).toEqual({});
    expect(secrets.entries.size).toBe(0);
    const tenants = (await (await fetch(`${ENDPOINT}/_emulator/tenants`)).json()) as { items: unknown[] };
    expect(tenants.items).toEqual([]);
  });

  it('an interrupted apply leaves state naming what was done, and re-running converges', async () => {
    const { driver: real, store, secrets, fetch } = setup();
    // GIVEN a driver whose 5th package create fails once
    let calls = 0;
    const flaky: ResourceDriver = {
      ...real,
      resources: {
        ...real.resources,
        'installed-package': {
          ...real.resources['installed-package'],
          create: async (spec, ctx) => {
            calls += 1;
            if (calls === 5) throw new Error('connection reset');
            return real.resources['installed-package'].create(spec, ctx);
          },
        },
      },
    };
    const resources = [tenantResource()];
    for (let i = 0; i < 10; i += 1) {
      resources.push(
        packageResource(`acme/p${i}`),
        integrationResource(`acme/p${i}/api`, { clientSecret: { env: `P${i}_SECRET` } }),
      );
    }
    const manifest = manifestOf(resources);
    // WHEN applied
    const { plan } = await planManifest({ manifest, driver: flaky, store });
    await expect(apply(plan, { driver: flaky, store, secrets, concurrency: 3 })).rejects.toMatchObject({
      code: 'ERR_APPLY_FAILED',
    });
    // THEN every package on the emulator is named in state
    const listed = (await (
      await fetch(`${ENDPOINT}/_emulator/tenants/${'mc563885gzs27c5t9-63k636ttgm'}/packages`)
    ).json()) as {
      items: { id: string }[];
    };
    const inState = new Set(Object.values(store.current().resources).map((r) => r.id));
    expect(listed.items.every((p) => inState.has(p.id))).toBe(true);
    expect(listed.items.length).toBeLessThan(10);
    // WHEN re-planned and applied
    const rerun = await planManifest({ manifest, driver: flaky, store });
    expect(rerun.plan.changes.every((c) => c.action === 'create')).toBe(true);
    await apply(rerun.plan, { driver: flaky, store, secrets });
    // THEN it converged: nothing left to do, 10 packages, 10 secrets
    expect((await planManifest({ manifest, driver: real, store })).plan.changes).toEqual([]);
    const after = (await (
      await fetch(`${ENDPOINT}/_emulator/tenants/mc563885gzs27c5t9-63k636ttgm/packages`)
    ).json()) as {
      items: unknown[];
    };
    expect(after.items.length).toBe(10);
    expect(secrets.entries.size).toBe(10);
  });
});
