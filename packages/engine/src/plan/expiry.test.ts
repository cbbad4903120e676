import type { Manifest } from '@grantform/config';
import { describe, expect, it } from 'vitest';
import type { DesiredState } from '../desired.js';
import { createDesired } from '../desired.js';
import { createPlan, planHasChanges } from '../plan.js';
import { DAY_MS, secretReports } from '../secret-status.js';
import type { ResourceState, StateFile } from '../state/state-file.js';
import { emptyState } from '../state/state-file.js';
import { integrationResource, manifestOf, packageResource, tenantResource } from '../testing-fixtures.js';
import { BUILT_IN_REGISTRY } from '../vendors/index.js';
import { requestedRotations } from './expiry.js';

const GENERATED = '2026-01-01T00:00:00.000Z';
const EXPIRES = '2026-06-30T00:00:00.000Z'; // 180 days later
const at = (days: number) => new Date(Date.parse(GENERATED) + days * DAY_MS);

function desiredOf(manifest: Manifest): DesiredState {
  const { desired, diagnostics } = createDesired(manifest);
  expect(diagnostics).toEqual([]);
  return desired;
}

const manifest = (rotation?: { maxAgeDays: number }) =>
  manifestOf([
    tenantResource(),
    packageResource(),
    integrationResource('acme/crm-sync/api', rotation === undefined ? {} : { rotation }),
  ]);

/** The state as if `m` had been applied, the integration's secret generated on 1 Jan 2026. */
function appliedState(m: Manifest, pending: StateFile['pending'] = {}): StateFile {
  const resources: Record<string, ResourceState> = {};
  for (const r of Object.values(desiredOf(m).resources)) {
    const secretStatus = { clientSecret: { generatedAt: GENERATED, expiresAt: EXPIRES, staged: null } };
    resources[r.address] = {
      kind: r.kind,
      id: `id:${r.address}`,
      attributes: r.kind === 'api-integration' ? { ...r.attributes, clientId: 'cid', secretStatus } : r.attributes,
      specHash: r.specHash,
      dependsOn: r.dependsOn,
    };
  }
  return { ...emptyState('lin-1'), serial: 3, resources, pending };
}

describe('secretReports (expiry and rotation policy)', () => {
  const subject = (maxAgeDays?: number) => ({
    address: 'acme/crm-sync/api',
    secret: 'clientSecret',
    env: 'CRM_SYNC_CLIENT_SECRET',
    dates: { generatedAt: GENERATED, expiresAt: EXPIRES, staged: null },
    ...(maxAgeDays === undefined ? {} : { maxAgeDays }),
  });

  it('judges ok, expiring within the window, expired; and past the policy from its maximum age on', () => {
    // GIVEN a secret generated on 1 Jan, expiring on 30 Jun, with a 150-day policy
    // WHEN judged at 100, 150, 160 and 181 days with a 30-day window
    const judged = [100, 150, 160, 181].map((d) => secretReports([subject(150)], at(d), 30 * DAY_MS)[0]);
    // THEN
    expect(judged.map((r) => [r?.condition, r?.ageDays, r?.expiresInDays, r?.pastPolicy ?? false])).toEqual([
      ['ok', 100, 80, false],
      ['expiring', 150, 30, true], // 30 days left is within a 30-day window
      ['expiring', 160, 20, true],
      ['expired', 181, -1, true],
    ]);
  });

  it('says unknown without dates, and never past a policy it does not have', () => {
    const [unknown] = secretReports([{ ...subject(), dates: null }], at(10), 30 * DAY_MS);
    expect(unknown).toEqual({
      address: 'acme/crm-sync/api',
      secret: 'clientSecret',
      env: 'CRM_SYNC_CLIENT_SECRET',
      generatedAt: null,
      expiresAt: null,
      ageDays: null,
      expiresInDays: null,
      condition: 'unknown',
    });
    expect(secretReports([subject()], at(170), 30 * DAY_MS)[0]?.pastPolicy).toBeUndefined();
  });
});

describe('createPlan: expiry and the rotate action', () => {
  it('past rotation.maxAgeDays: a rotate action with its reason, a warning, and the expiry listed', () => {
    // GIVEN a 150-day policy and a secret 160 days old
    const m = manifest({ maxAgeDays: 150 });
    // WHEN planned on day 160
    const plan = createPlan(desiredOf(m), appliedState(m), null, { mode: 'normal', now: at(160) });
    // THEN the plan rotates it, with why, and changes nothing else
    expect(plan.changes).toEqual([]);
    expect(plan.rotations).toEqual([
      {
        action: 'rotate',
        address: 'acme/crm-sync/api',
        kind: 'api-integration',
        secret: 'clientSecret',
        env: 'CRM_SYNC_CLIENT_SECRET',
        reason:
          'clientSecret (CRM_SYNC_CLIENT_SECRET) is 160 days old, past the rotation policy of 150 days (rotation.maxAgeDays)',
      },
    ]);
    expect(planHasChanges(plan)).toBe(true);
    // AND it warns that the secret expires in 20 days
    expect(plan.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'WARN_SECRET_EXPIRING',
        message:
          'acme/crm-sync/api: clientSecret (CRM_SYNC_CLIENT_SECRET) expires in 20 days (2026-06-30); rotate it before then (grantform rotate acme/crm-sync/api)',
        address: 'acme/crm-sync/api',
      },
    ]);
    expect(plan.expiry?.warningDays).toBe(30);
    expect(plan.expiry?.secrets.map((s) => [s.address, s.condition, s.expiresInDays])).toEqual([
      ['acme/crm-sync/api', 'expiring', 20],
    ]);
  });

  it('under the policy, or without one: no rotate action; the warning window is the option', () => {
    const withPolicy = manifest({ maxAgeDays: 150 });
    const under = createPlan(desiredOf(withPolicy), appliedState(withPolicy), null, { mode: 'normal', now: at(149) });
    expect(under.rotations).toBeUndefined();
    expect(planHasChanges(under)).toBe(false);
    // GIVEN no policy, day 160, a 14-day window
    const m = manifest();
    const plan = createPlan(desiredOf(m), appliedState(m), null, {
      mode: 'normal',
      now: at(160),
      expiryWarningMs: 14 * DAY_MS,
    });
    // THEN nothing to rotate and nothing to warn about
    expect(plan.rotations).toBeUndefined();
    expect(plan.diagnostics).toEqual([]);
  });

  it('an expired secret is an error diagnostic', () => {
    const m = manifest();
    const plan = createPlan(desiredOf(m), appliedState(m), null, { mode: 'normal', now: at(183) });
    expect(plan.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'ERR_SECRET_EXPIRED',
        message:
          'acme/crm-sync/api: clientSecret (CRM_SYNC_CLIENT_SECRET) expired 3 days ago (2026-06-30): the target refuses it; rotate it (grantform rotate acme/crm-sync/api)',
        address: 'acme/crm-sync/api',
      },
    ]);
  });

  it('an interrupted rotation is resumed (a rotate action) and not settled', () => {
    // GIVEN a rotation pending in its deliver step
    const m = manifest();
    const pending = {
      'acme/crm-sync/api': {
        kind: 'api-integration',
        step: 'rotate' as const,
        id: 'id:acme/crm-sync/api',
        secrets: ['clientSecret'],
        startedAt: GENERATED,
        phase: 'deliver' as const,
      },
    };
    // WHEN planned
    const plan = createPlan(desiredOf(m), appliedState(m, pending), null, { mode: 'normal', now: at(10) });
    // THEN it is rotated again, and its pending entry is kept
    expect(plan.rotations?.map((r) => r.reason)).toEqual([
      'a rotation of clientSecret (CRM_SYNC_CLIENT_SECRET) was interrupted (deliver step): it is resumed',
    ]);
    expect(plan.settled).toBeUndefined();
  });

  it('a destroy plan rotates nothing', () => {
    const m = manifest({ maxAgeDays: 150 });
    const plan = createPlan(desiredOf(m), appliedState(m), null, { mode: 'destroy', now: at(160) });
    expect(plan.rotations).toBeUndefined();
    expect(plan.expiry).toBeUndefined();
  });
});

describe('requestedRotations', () => {
  it("names the secrets of the addresses given (keeping the plan's reason); refuses an address without one", () => {
    // GIVEN the integration and its package
    const desired = desiredOf(manifest());
    const planned = [
      {
        action: 'rotate' as const,
        address: 'acme/crm-sync/api',
        kind: 'api-integration',
        secret: 'clientSecret',
        env: 'CRM_SYNC_CLIENT_SECRET',
        reason: 'interrupted',
      },
    ];
    const rotatable = (kind: string) => kind === 'api-integration';
    // WHEN asked for the integration
    // THEN its client secret, as requested (or with the plan's reason)
    expect(requestedRotations(['acme/crm-sync/api'], desired, [], BUILT_IN_REGISTRY, rotatable)).toEqual([
      { ...planned[0], reason: 'requested' },
    ]);
    expect(requestedRotations(['acme/crm-sync/api'], desired, planned, BUILT_IN_REGISTRY, rotatable)).toEqual(planned);
    // AND the package (no secret rotated in stages) is refused
    expect(() => requestedRotations(['acme/crm-sync'], desired, [], BUILT_IN_REGISTRY, rotatable)).toThrow(
      'acme/crm-sync has no secret the target rotates in stages (an API integration, a Constant Contact application or partner)',
    );
  });
});
