/**
 * Constant Contact end to end: config constructs → manifest → engine plan/apply against the
 * in-process emulator (admin API over `app.request`) → verify (authorization code headlessly,
 * JWT, refresh, scoped v3 calls, partner token and client accounts) → a change → destroy, after
 * which the emulator holds nothing the engine created.
 */

import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../emulator/src/index.js';
import { ctctState } from '../../emulator/src/vendors/constant-contact/state.js';
import { ctctManifest } from '../../emulator/src/vendors/constant-contact/test-fixtures.js';
import { ConstantContactApplication, GrantformApp, type Manifest, synth } from '../../packages/config/src/index.js';
import {
  apply,
  createEmulatorDriver,
  createMemorySecretsSink,
  createMemoryStateStore,
  type DesiredState,
  planManifest,
  verify,
} from '../../packages/engine/src/index.js';

const ENDPOINT = 'http://127.0.0.1:4010';

function setup() {
  const app = createEmulator({ headlessAuthorize: true, constantContact: { rateLimits: false } });
  const fetch = (input: string | URL | Request, init?: RequestInit) => app.request(input, init);
  const driver = createEmulatorDriver({ endpoint: ENDPOINT, fetch });
  const store = createMemoryStateStore();
  const secrets = createMemorySecretsSink();
  /** verify against this emulator, with the state and secrets apply wrote. */
  const verifyAll = (desired: DesiredState) =>
    verify({
      desired,
      state: store.current(),
      target: 'emulator',
      fetch,
      env: {},
      secret: secrets.get,
      emulatorEndpoint: ENDPOINT,
    });
  return { app, fetch, driver, store, secrets, verifyAll };
}

async function loginNames(app: Emulator): Promise<string[]> {
  const res = await app.request('/_emulator/ctct/accounts');
  return ((await res.json()) as { items: { loginName: string }[] }).items.map((a) => a.loginName).sort();
}

function withScopes(m: Manifest, address: string, scopes: string[]): Manifest {
  return {
    ...m,
    resources: m.resources.map((r) =>
      r.address === address && r.kind === 'ctct-application' ? { ...r, spec: { ...r.spec, scopes } } : r,
    ),
  };
}

describe('engine + Constant Contact resources on the emulator', () => {
  it('apply → verify → change scopes → apply → destroy', async () => {
    const { app, driver, store, secrets, verifyAll } = setup();
    const manifest = ctctManifest();
    // WHEN planned and applied
    const first = await planManifest({ manifest, driver, store });
    expect(first.plan.changes.map((c) => `${c.action} ${c.address}`)).toEqual([
      'create ctct/apps/agency-app',
      'create ctct/apps/desktop',
      'create ctct/apps/newsletter',
      'create ctct/apps/reports',
      'create ctct/partners/agency',
      'create ctct/partners/agency/accounts/bakery',
      'create ctct/partners/agency/accounts/florist',
    ]);
    await apply(first.plan, { driver, store, secrets });
    // THEN the declared API key is kept, secrets went to the sink, and a re-plan is empty
    expect(store.current().resources['ctct/apps/agency-app']?.id).toBe('6b1f3c2e-7f9a-4c1d-9e8b-2a5d4c3b1a00');
    expect(await secrets.get('GRANTFORM_CTCT_APPS_NEWSLETTER_CLIENT_SECRET')).toEqual(expect.any(String));
    expect(await secrets.get('GRANTFORM_CTCT_PARTNERS_AGENCY_PARTNER_SECRET')).toEqual(expect.any(String));
    expect((await planManifest({ manifest, driver, store })).plan.changes.filter((c) => c.action !== 'noop')).toEqual(
      [],
    );

    // WHEN verified
    const report = await verifyAll(first.desired);
    // THEN
    expect(report.checks.map((c) => `${c.status} ${c.address} ${c.check}`)).toEqual([
      'pass ctct/apps/agency-app authorization code flow',
      'pass ctct/apps/agency-app jwt',
      'pass ctct/apps/agency-app refresh',
      'pass ctct/apps/agency-app scoped v3 call',
      'pass ctct/apps/agency-app undeclared scope refused',
      'pass ctct/apps/desktop authorization code flow',
      'pass ctct/apps/desktop jwt',
      'pass ctct/apps/desktop refresh',
      'pass ctct/apps/desktop scoped v3 call',
      'pass ctct/apps/desktop undeclared scope refused',
      'pass ctct/apps/newsletter authorization code flow',
      'pass ctct/apps/newsletter jwt',
      'pass ctct/apps/newsletter refresh',
      'pass ctct/apps/newsletter scoped v3 call',
      'pass ctct/apps/newsletter undeclared scope refused',
      'pass ctct/apps/reports authorization code flow',
      'pass ctct/apps/reports jwt',
      'pass ctct/apps/reports refresh',
      'pass ctct/apps/reports scoped v3 call',
      'pass ctct/apps/reports undeclared scope refused',
      'pass ctct/partners/agency partner token',
      'pass ctct/partners/agency client accounts',
    ]);
    expect(report.checks.find((c) => c.address === 'ctct/apps/reports' && c.check === 'refresh')?.detail).toBe(
      'long-lived: the same refresh token came back',
    );
    // AND verify removed the throwaway account it logged in with: only the declared accounts remain
    expect(await loginNames(app)).toEqual(['bakery_owner', 'florist_owner']);
    expect([...ctctState(app.context).store.grants.values()].every((g) => g.revokedAt !== null)).toBe(true);

    // WHEN a scope is added to one application
    const changed = withScopes(manifest, 'ctct/apps/newsletter', [
      'account_read',
      'campaign_data',
      'contact_data',
      'offline_access',
    ]);
    const second = await planManifest({ manifest: changed, driver, store });
    expect(
      second.plan.changes
        .filter((c) => c.action !== 'noop')
        .map((c) => [c.action, c.address, c.attributes.map((a) => a.name)]),
    ).toEqual([['update', 'ctct/apps/newsletter', ['scopes']]]);
    await apply(second.plan, { driver, store, secrets });
    const apiKey = store.current().resources['ctct/apps/newsletter']!.id;
    const read = (await (await app.request(`/_emulator/ctct/applications/${apiKey}`)).json()) as { scopes: string[] };
    expect(read.scopes).toContain('campaign_data');

    // WHEN destroyed
    const destroy = await planManifest({ manifest: changed, driver, store, mode: 'destroy' });
    await apply(destroy.plan, { driver, store, secrets });
    // THEN the emulator holds nothing the engine created: no application, partner or account, and
    // every grant and token verify obtained is revoked
    expect(store.current().resources).toEqual({});
    expect(await (await app.request('/_emulator/ctct/applications')).json()).toEqual({ items: [] });
    expect(await (await app.request('/_emulator/ctct/partners')).json()).toEqual({ items: [] });
    expect(await (await app.request('/_emulator/ctct/accounts')).json()).toEqual({ items: [] });
    const ctct = ctctState(app.context).store;
    expect([ctct.applications.size, ctct.partners.size, ctct.accounts.size]).toEqual([0, 0, 0]);
    expect(ctct.grants.size).toBeGreaterThan(0);
    expect([...ctct.grants.values()].filter((g) => g.revokedAt === null)).toEqual([]);
    expect([...ctct.accessTokens.values()].filter((t) => t.revokedAt === null)).toEqual([]);
  });

  it('verifies a public application without a redirect URI through the device flow, headlessly', async () => {
    // GIVEN a public application that declares no redirect URI (a TV app: device flow only), applied
    const { app, driver, store, secrets, verifyAll } = setup();
    const config = new GrantformApp();
    new ConstantContactApplication(config, 'tv', {
      type: 'public',
      scopes: ['contact_data', 'offline_access'],
      redirectUris: [],
    });
    const planned = await planManifest({ manifest: synth(config), driver, store });
    await apply(planned.plan, { driver, store, secrets });
    // WHEN verified
    const report = await verifyAll(planned.desired);
    // THEN the device flow ran (activation approved headlessly) and its token went through every check
    expect(report.checks.map((c) => `${c.status} ${c.address} ${c.check}`)).toEqual([
      'pass ctct/apps/tv device flow',
      'pass ctct/apps/tv jwt',
      'pass ctct/apps/tv refresh',
      'pass ctct/apps/tv scoped v3 call',
      'pass ctct/apps/tv undeclared scope refused',
    ]);
    expect(report.checks[0]?.detail).toMatch(
      /^activated headlessly, token with scopes contact_data offline_access, expires_in \d+$/,
    );
    expect(report.ok).toBe(true);
    // AND the account it activated as is gone again
    expect(await loginNames(app)).toEqual([]);
  });
});
