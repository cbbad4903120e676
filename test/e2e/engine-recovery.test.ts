/**
 * Every admin call an apply makes, lost on the way back: the emulator did it, the engine never heard
 * (the worst moment for a crash: created on the target, not recorded). For each call of an apply of
 * Marketing Cloud packages (with an app) and Constant Contact applications, a partner and accounts,
 * in turn: the apply fails, one more plan + apply converges, nothing exists twice, every secret is
 * in the sink, and verify passes. In process (the emulator over `app.request`, the real file state
 * store and secrets file); the kill -9 drill with real processes is drill-kill-apply.test.ts.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../emulator/src/index.js';
import { ctctState } from '../../emulator/src/vendors/constant-contact/state.js';
import { ctctManifest } from '../../emulator/src/vendors/constant-contact/test-fixtures.js';
import type { Manifest } from '../../packages/config/src/index.js';
import {
  apply,
  createEmulatorDriver,
  createFileStateStore,
  createJsonSecretsSink,
  planManifest,
  verify,
} from '../../packages/engine/src/index.js';
import {
  appResource,
  integrationResource,
  manifestOf,
  packageResource,
  TENANT_SUBDOMAIN,
  tenantResource,
} from '../../packages/engine/src/testing-fixtures.js';

const ENDPOINT = 'http://127.0.0.1:4010';
type Fetch = (input: string | URL | Request, init?: RequestInit) => Response | Promise<Response>;

function manifest(): Manifest {
  const mc = manifestOf([
    tenantResource(),
    packageResource('acme/crm-sync'),
    integrationResource('acme/crm-sync/api'),
    appResource('acme/crm-sync/app'),
    packageResource('acme/web', { description: 'web' }),
    integrationResource('acme/web/api', {
      type: 'web-app',
      redirectUris: ['https://app.example.com/cb'],
      clientSecret: { env: 'WEB_CLIENT_SECRET' },
    }),
  ]);
  return { ...mc, resources: [...mc.resources, ...ctctManifest().resources] };
}

const isMutation = (input: string | URL | Request, init?: RequestInit) => {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  return url.pathname.startsWith('/_emulator/') && method !== 'GET';
};

/** The emulator's fetch, losing the answer to the `k`-th admin call that changes something. */
function losing(inner: Fetch, k: number): { fetch: Fetch; seen: () => number } {
  let n = 0;
  return {
    seen: () => n,
    fetch: async (input, init) => {
      if (!isMutation(input, init)) return inner(input, init);
      n += 1;
      const mine = n;
      const res = await inner(input, init);
      if (mine === k) throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
      return res;
    },
  };
}

async function attempt(k: number) {
  const app = createEmulator({ headlessAuthorize: true, constantContact: { rateLimits: false } });
  const inner: Fetch = (input, init) => app.request(input, init);
  const dir = await mkdtemp(join(tmpdir(), 'gf-recovery-'));
  const store = createFileStateStore(join(dir, 'state.json'));
  const secrets = createJsonSecretsSink(join(dir, 'state.json.secrets.json'));
  const faulty = losing(inner, k);
  const m = manifest();
  const plan = async (fetch: Fetch) => {
    const driver = createEmulatorDriver({ endpoint: ENDPOINT, fetch });
    return {
      driver,
      ...(await planManifest({ manifest: m, driver, store, secretNames: new Set(await secrets.names()) })),
    };
  };
  const first = await plan(faulty.fetch);
  const failed = await apply(first.plan, { driver: first.driver, store, secrets, concurrency: 4 }).then(
    () => false,
    () => true,
  );
  const second = await plan(inner);
  await apply(second.plan, { driver: second.driver, store, secrets });
  const third = await plan(inner);
  const report = await verify({
    desired: third.desired,
    state: await store.read(),
    target: 'emulator',
    fetch: inner,
    env: {},
    secret: secrets.get,
    emulatorEndpoint: ENDPOINT,
  });
  const packages = (await (await inner(`${ENDPOINT}/_emulator/tenants/${TENANT_SUBDOMAIN}/packages`)).json()) as {
    items: { name: string }[];
  };
  const ctct = ctctState(app.context).store;
  return {
    calls: faulty.seen(),
    failed,
    secondPlan: second.plan.changes.map((c) => `${c.action} ${c.address}${c.adopt ? ' (adopt)' : ''}`),
    leftToDo: third.plan.changes.length,
    pending: Object.keys((await store.read()).pending),
    failures: report.checks.filter((c) => c.status === 'fail').map((c) => `${c.address} ${c.check}: ${c.detail}`),
    packages: packages.items.map((p) => p.name).sort(),
    ctct: [ctct.applications.size, ctct.partners.size, [...ctct.accounts.values()].map((a) => a.loginName).sort()],
    secrets: (await secrets.names()).length,
  };
}

describe('an apply whose answer is lost at every admin call converges on the next apply', () => {
  it('at each call in turn: nothing twice, every secret kept, verify passes', async () => {
    // GIVEN how many admin calls a clean apply makes
    const clean = await attempt(0);
    expect(clean.failed).toBe(false);
    expect(clean.calls).toBe(14);
    for (let k = 1; k <= clean.calls; k += 1) {
      // WHEN the k-th answer is lost, and apply runs once more
      const r = await attempt(k);
      // THEN
      expect({ k, ...r }).toEqual({
        k,
        calls: expect.any(Number),
        failed: true,
        secondPlan: expect.any(Array),
        leftToDo: 0,
        pending: [],
        failures: [],
        packages: ['crm-sync', 'web'],
        ctct: [4, 1, ['bakery_owner', 'florist_owner']],
        // 2 MC client secrets + the JWT signing secret + 3 confidential CTCT apps + the partner secret
        secrets: 7,
      });
      // AND the call whose answer was lost is the one adopted (found by its label), not made again
      expect(r.secondPlan.filter((c) => c.endsWith('(adopt)')).length).toBe(1);
    }
  });
});
