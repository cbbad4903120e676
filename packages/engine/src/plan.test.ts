import type { Manifest } from '@grantform/config';
import { describe, expect, it } from 'vitest';
import type { DesiredState } from './desired.js';
import { createDesired } from './desired.js';
import type { ObservedState } from './driver.js';
import { createPlan } from './plan.js';
import type { ResourceState, StateFile } from './state/state-file.js';
import { emptyState } from './state/state-file.js';
import {
  appResource,
  basicManifest,
  integrationResource,
  manifestOf,
  packageResource,
  tenantResource,
} from './testing-fixtures.js';

function desiredOf(manifest: Manifest): DesiredState {
  const { desired, diagnostics } = createDesired(manifest);
  expect(diagnostics).toEqual([]);
  return desired;
}

/** The state as if `manifest` had been applied. */
function appliedState(manifest: Manifest, serial = 3): StateFile {
  const desired = desiredOf(manifest);
  const resources: Record<string, ResourceState> = {};
  for (const r of Object.values(desired.resources)) {
    resources[r.address] = {
      kind: r.kind,
      id: `id:${r.address}`,
      attributes: r.kind === 'api-integration' ? { ...r.attributes, clientId: 'cid' } : r.attributes,
      specHash: r.specHash,
      dependsOn: r.dependsOn,
    };
  }
  return { ...emptyState('lin-1'), serial, resources };
}

const actions = (plan: ReturnType<typeof createPlan>) => plan.changes.map((c) => `${c.action} ${c.address}`);

describe('createPlan', () => {
  it('creates everything on an empty state', () => {
    // GIVEN a fresh state
    // WHEN planned
    const plan = createPlan(desiredOf(basicManifest()), emptyState(), null, { mode: 'normal' });
    // THEN
    expect(actions(plan)).toEqual(['create acme', 'create acme/crm-sync', 'create acme/crm-sync/api']);
    expect(plan.prior).toEqual({ lineage: null, serial: 0 });
    expect(plan.summary).toEqual({ noop: 0, create: 3, update: 0, replace: 0, delete: 0 });
  });

  it('plans nothing when state matches config, whatever the scope order', () => {
    const manifest = basicManifest();
    const reordered = manifestOf([
      tenantResource(),
      packageResource(),
      integrationResource('acme/crm-sync/api', {
        scopes: ['email_read', 'data_extensions_read'],
        businessUnits: [200, 100],
      }),
    ]);
    const plan = createPlan(desiredOf(reordered), appliedState(manifest), null, { mode: 'normal' });
    expect(plan.changes).toEqual([]);
    expect(plan.summary.noop).toBe(3);
  });

  it('shows exactly a scope change as an attribute-level update', () => {
    // GIVEN applied state and a config adding one scope
    const state = appliedState(basicManifest());
    const changed = manifestOf([
      tenantResource(),
      packageResource(),
      integrationResource('acme/crm-sync/api', { scopes: ['data_extensions_read', 'email_read', 'email_send'] }),
    ]);
    // WHEN planned
    const plan = createPlan(desiredOf(changed), state, null, { mode: 'normal' });
    // THEN
    expect(actions(plan)).toEqual(['update acme/crm-sync/api']);
    expect(plan.changes[0]?.attributes).toEqual([
      {
        name: 'scopes',
        before: ['data_extensions_read', 'email_read'],
        after: ['data_extensions_read', 'email_read', 'email_send'],
        forcesReplacement: false,
        added: ['email_send'],
        removed: [],
      },
    ]);
    expect(plan.changes[0]?.priorId).toBe('id:acme/crm-sync/api');
  });

  it('replaces the package when an integration type changes', () => {
    const state = appliedState(basicManifest());
    const changed = manifestOf([
      tenantResource(),
      packageResource(),
      integrationResource('acme/crm-sync/api', { type: 'web-app', redirectUris: ['https://app.example.com/cb'] }),
    ]);
    const plan = createPlan(desiredOf(changed), state, null, { mode: 'normal' });
    expect(actions(plan)).toEqual(['replace acme/crm-sync', 'replace acme/crm-sync/api']);
    expect(plan.changes[0]?.reasons).toEqual([
      'acme/crm-sync/api must be re-created; the vendor cannot remove a component, so the package is re-created',
    ]);
    expect(plan.changes[1]?.reasons[0]).toBe('type cannot change in place');
  });

  it('replaces the package and re-creates its other components when a component is removed', () => {
    // GIVEN a package with an integration and an app
    const full = manifestOf([tenantResource(), packageResource(), integrationResource(), appResource()]);
    const withoutApp = manifestOf([tenantResource(), packageResource(), integrationResource()]);
    // WHEN the app is removed from config
    const plan = createPlan(desiredOf(withoutApp), appliedState(full), null, { mode: 'normal' });
    // THEN the package is replaced, the integration re-created in it, and the app removed with the old package
    expect(actions(plan)).toEqual(['replace acme/crm-sync', 'replace acme/crm-sync/api', 'delete acme/crm-sync/app']);
    expect(plan.changes[2]?.removedWith).toBe('acme/crm-sync');
  });

  it('replaces on a legacy change and cascades to the components', () => {
    const state = appliedState(basicManifest());
    const changed = manifestOf([
      tenantResource(),
      packageResource('acme/crm-sync', { legacy: true }),
      integrationResource(),
    ]);
    const plan = createPlan(desiredOf(changed), state, null, { mode: 'normal' });
    expect(actions(plan)).toEqual(['replace acme/crm-sync', 'replace acme/crm-sync/api']);
    expect(plan.changes[1]?.reasons).toEqual(['acme/crm-sync is re-created']);
  });

  it('destroy mode deletes everything and removes components with their package', () => {
    const manifest = basicManifest();
    const plan = createPlan(desiredOf(manifest), appliedState(manifest), null, { mode: 'destroy' });
    expect(actions(plan)).toEqual(['delete acme', 'delete acme/crm-sync', 'delete acme/crm-sync/api']);
    expect(plan.changes[2]?.removedWith).toBe('acme/crm-sync');
    expect(plan.changes[0]?.priorDependsOn).toEqual([]);
    expect(plan.changes[1]?.priorDependsOn).toEqual(['acme']);
  });

  it('destroy of one package address takes its components and leaves the rest', () => {
    const manifest = manifestOf([
      tenantResource(),
      packageResource(),
      integrationResource(),
      packageResource('acme/other'),
      integrationResource('acme/other/api'),
    ]);
    const plan = createPlan(desiredOf(manifest), appliedState(manifest), null, {
      mode: 'destroy',
      targetAddresses: ['acme/other'],
    });
    expect(actions(plan)).toEqual(['delete acme/other', 'delete acme/other/api']);
  });

  it('destroy of a component alone changes nothing and warns', () => {
    const manifest = basicManifest();
    const plan = createPlan(desiredOf(manifest), appliedState(manifest), null, {
      mode: 'destroy',
      targetAddresses: ['acme/crm-sync/api'],
    });
    expect(plan.changes).toEqual([]);
    expect(plan.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'WARN_COMPONENT_KEPT',
        message:
          'acme/crm-sync/api is not destroyed on its own: the vendor cannot remove a component; it goes when its package acme/crm-sync is destroyed',
        address: 'acme/crm-sync/api',
      },
    ]);
  });

  it('destroy of an address whose config changed since apply is skipped (Terraform replace-on-change)', () => {
    // GIVEN the package description changed in config after apply
    const state = appliedState(basicManifest());
    const changed = manifestOf([
      tenantResource(),
      packageResource('acme/crm-sync', { description: 'v2' }),
      integrationResource(),
    ]);
    // WHEN Terraform runs the destroy provisioner of the old null_resource
    const plan = createPlan(desiredOf(changed), state, null, { mode: 'destroy', targetAddresses: ['acme/crm-sync'] });
    // THEN nothing is destroyed, and the apply that follows updates in place
    expect(plan.changes).toEqual([]);
    expect(plan.diagnostics.map((d) => d.code)).toEqual(['WARN_DESTROY_SKIPPED_CHANGED']);
    const next = createPlan(desiredOf(changed), state, null, { mode: 'normal', targetAddresses: ['acme/crm-sync'] });
    expect(actions(next)).toEqual(['update acme/crm-sync']);
  });

  it('targets an address together with the dependencies that change', () => {
    const plan = createPlan(desiredOf(basicManifest()), emptyState(), null, {
      mode: 'normal',
      targetAddresses: ['acme/crm-sync'],
    });
    expect(actions(plan)).toEqual(['create acme', 'create acme/crm-sync']);
  });

  it('reports an unknown target address', () => {
    const plan = createPlan(desiredOf(basicManifest()), emptyState(), null, {
      mode: 'normal',
      targetAddresses: ['acme/nope'],
    });
    expect(plan.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'ERR_UNKNOWN_ADDRESS',
        message: 'no resource at address acme/nope',
        address: 'acme/nope',
      },
    ]);
    expect(plan.changes).toEqual([]);
  });

  it('updates what drifted on the target back to the config', () => {
    // GIVEN the target reports a scope removed outside grantform
    const manifest = basicManifest();
    const observed: ObservedState = {
      'acme/crm-sync/api': { id: 'id:acme/crm-sync/api', attributes: { scopes: ['email_read'], clientId: 'cid' } },
    };
    // WHEN planned
    const plan = createPlan(desiredOf(manifest), appliedState(manifest), observed, { mode: 'normal' });
    // THEN the scope is put back and the reason names the drift
    expect(actions(plan)).toEqual(['update acme/crm-sync/api']);
    expect(plan.changes[0]?.reasons).toEqual(['changed outside grantform: scopes']);
    expect(plan.changes[0]?.attributes[0]?.added).toEqual(['data_extensions_read']);
  });

  it('re-creates what was deleted outside grantform', () => {
    const manifest = basicManifest();
    const observed: ObservedState = { 'acme/crm-sync': null, 'acme/crm-sync/api': null };
    const plan = createPlan(desiredOf(manifest), appliedState(manifest), observed, { mode: 'normal' });
    expect(actions(plan)).toEqual(['create acme/crm-sync', 'create acme/crm-sync/api']);
    expect(plan.changes[0]?.reasons).toEqual(['deleted outside grantform: re-create']);
  });

  it('refreshes server-assigned values without a diff: endpoints move, ids stay', () => {
    // GIVEN a state whose endpoints came from an emulator on port 45655
    const manifest = basicManifest();
    const old = (kind: string) => `http://127.0.0.1:45655/mc563885gzs27c5t9-63k636ttgm.${kind}.marketingcloudapis.com/`;
    const now = (kind: string) => `http://127.0.0.1:4010/mc563885gzs27c5t9-63k636ttgm.${kind}.marketingcloudapis.com/`;
    const endpointsAt = (at: (k: string) => string) => ({ auth: at('auth'), rest: at('rest'), soap: at('soap') });
    const applied = appliedState(manifest);
    const api = applied.resources['acme/crm-sync/api'];
    if (api === undefined) throw new Error('fixture');
    const prior: StateFile = {
      ...applied,
      resources: {
        ...applied.resources,
        'acme/crm-sync/api': { ...api, attributes: { ...api.attributes, endpoints: endpointsAt(old) } },
      },
    };
    // WHEN the target (restarted on port 4010) reports the same integration with new endpoints
    const observed: ObservedState = {
      'acme/crm-sync/api': {
        id: 'id:acme/crm-sync/api',
        attributes: {
          type: 'server-to-server',
          scopes: ['email_read', 'data_extensions_read'],
          redirectUris: [],
          businessUnits: [200, 100],
          pkce: 'optional',
          clientId: 'cid',
          endpoints: endpointsAt(now),
        },
      },
      'acme/crm-sync': { id: 'id:acme/crm-sync', attributes: { name: 'crm-sync', endpoints: null } },
    };
    const plan = createPlan(desiredOf(manifest), prior, observed, { mode: 'normal' });
    // THEN nothing changes, and only the moved value is refreshed (the unchanged clientId is not)
    expect(plan.changes).toEqual([]);
    expect(plan.summary).toEqual({ noop: 3, create: 0, update: 0, replace: 0, delete: 0 });
    expect(plan.refreshed).toEqual({ 'acme/crm-sync/api': { endpoints: endpointsAt(now) } });
    // AND in destroy mode a resource that goes is not refreshed
    expect(createPlan(desiredOf(manifest), prior, observed, { mode: 'destroy' }).refreshed).toEqual({});
  });

  it('records the prior lineage and serial', () => {
    const plan = createPlan(desiredOf(basicManifest()), appliedState(basicManifest(), 7), null, { mode: 'normal' });
    expect(plan.prior).toEqual({ lineage: 'lin-1', serial: 7 });
  });
});

describe('createDesired', () => {
  it('reports unknown dependencies and a second integration in one package', () => {
    const manifest = manifestOf([
      tenantResource(),
      packageResource(),
      integrationResource(),
      { ...integrationResource('acme/crm-sync/api2'), dependsOn: ['acme/missing'] },
    ]);
    const { diagnostics } = createDesired(manifest);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'depends on unknown address acme/missing',
      'package acme/crm-sync already has a api-integration (acme/crm-sync/api)',
    ]);
  });
});
