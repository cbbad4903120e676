/**
 * @module
 * Secrets that expire, in a plan (`plan.ts`, after re-issue). For every resource that stays, each of
 * its secrets is judged on the target's clock from the dates the refresh read (`secretStatus`,
 * `secret-status.ts`): expired ones are errors to fix (`ERR_SECRET_EXPIRED`), ones expiring within
 * the warning window are warnings (`WARN_SECRET_EXPIRING`), and every judged secret is listed in
 * `plan.expiry` (so `--fail-on-expiring` can judge them with its own window). A secret older than its
 * rotation policy (`rotation: {maxAgeDays}`), and one whose staged rotation a crash interrupted
 * (`state.pending` step `rotate`), get a `rotate` action (`plan.rotations`) with the reason. Pure.
 */
import type { DesiredState } from '../desired-state.js';
import type { Diagnostic } from '../diagnostics.js';
import { errorDiagnostic, warningDiagnostic } from '../diagnostics.js';
import { EngineError } from '../errors.js';
import { childSecretEnvs, secretSlots } from '../issued-secrets.js';
import type { Registry } from '../registry/registry.js';
import type { SecretReport, SecretSubject } from '../secret-status.js';
import { DAY_MS, describeExpiry, maxAgeDaysIn, secretDatesIn, secretLabel, secretReports } from '../secret-status.js';
import type { StateFile } from '../state/records.js';
import type { Draft } from './draft.js';
import type { Selection } from './selection.js';
import { inSelection } from './selection.js';
import type { SecretExpiry, SecretRotation } from './types.js';

/** Why `r` is rotated, or `null`. */
function policyReason(r: SecretReport): string | null {
  if (r.pastPolicy !== true || r.maxAgeDays === undefined) return null;
  return `${secretLabel(r)} is ${r.ageDays} days old, past the rotation policy of ${r.maxAgeDays} days (rotation.maxAgeDays)`;
}

/** The secrets' expiry as the plan reports it, and the rotations it plans. */
export function planSecretExpiry(
  drafts: ReadonlyMap<string, Draft>,
  selected: Selection,
  desired: DesiredState,
  prior: StateFile,
  registry: Registry,
  now: Date,
  warningMs: number,
  diagnostics: Diagnostic[],
): { expiry: SecretExpiry; rotations: SecretRotation[] } {
  const envs = childSecretEnvs(Object.values(desired.resources), registry);
  const subjects: (SecretSubject & { kind: string })[] = [];
  for (const d of drafts.values()) {
    if (d.known === null || d.desired === null || !inSelection(selected, d.address)) continue;
    if (d.action !== 'noop' && d.action !== 'update') continue;
    const descriptor = registry.kind(d.kind);
    const maxAgeDays = maxAgeDaysIn(d.desired.attributes);
    for (const slot of secretSlots(descriptor, d.address, d.desired.attributes, envs)) {
      subjects.push({
        address: d.address,
        kind: d.kind,
        secret: slot.name,
        env: slot.env,
        dates: secretDatesIn(d.known.attributes, slot.name),
        ...(maxAgeDays === undefined ? {} : { maxAgeDays }),
      });
    }
  }
  const judged = secretReports(subjects, now, warningMs);
  const rotations: SecretRotation[] = [];
  for (const [i, r] of judged.entries()) {
    const subject = subjects[i];
    if (subject === undefined) continue;
    const pending = prior.pending[r.address];
    const resumed =
      pending?.step === 'rotate' && pending.secrets.includes(r.secret)
        ? `a rotation of ${secretLabel(r)} was interrupted (${pending.phase ?? 'stage'} step): it is resumed`
        : null;
    const why = resumed ?? policyReason(r);
    if (why !== null) {
      rotations.push({
        action: 'rotate',
        address: r.address,
        kind: subject.kind,
        secret: r.secret,
        env: r.env,
        reason: why,
      });
    }
    if (r.condition === 'expired') {
      diagnostics.push(
        errorDiagnostic(
          'ERR_SECRET_EXPIRED',
          `${r.address}: ${secretLabel(r)} ${describeExpiry(r)}: the target refuses it; rotate it (grantform rotate ${r.address})`,
          r.address,
        ),
      );
    } else if (r.condition === 'expiring') {
      diagnostics.push(
        warningDiagnostic(
          'WARN_SECRET_EXPIRING',
          `${r.address}: ${secretLabel(r)} ${describeExpiry(r)}; rotate it before then (grantform rotate ${r.address})`,
          r.address,
        ),
      );
    }
  }
  return {
    expiry: {
      now: now.toISOString(),
      warningDays: Math.round(warningMs / DAY_MS),
      secrets: judged.filter((r) => r.condition !== 'unknown'),
    },
    rotations,
  };
}

/**
 * The rotations `grantform rotate ADDRESS…` asks for: every secret of those declared resources whose
 * kind `rotatable` says the target rotates in stages, `reason` "requested" (or the plan's own reason
 * when it already rotates it). `ERR_USAGE` for an address with no such secret.
 */
export function requestedRotations(
  addresses: readonly string[],
  desired: DesiredState,
  planned: readonly SecretRotation[],
  registry: Registry,
  rotatable: (kind: string) => boolean,
): SecretRotation[] {
  const envs = childSecretEnvs(Object.values(desired.resources), registry);
  const out: SecretRotation[] = [];
  for (const address of addresses) {
    const d = desired.resources[address];
    const slots =
      d === undefined || !rotatable(d.kind) ? [] : secretSlots(registry.kind(d.kind), address, d.attributes, envs);
    if (d === undefined || slots.length === 0) {
      throw new EngineError(
        'ERR_USAGE',
        `${address} has no secret the target rotates in stages (an API integration, a Constant Contact application or partner)`,
      );
    }
    for (const slot of slots) {
      const known = planned.find((p) => p.address === address && p.secret === slot.name);
      out.push(
        known ?? { action: 'rotate', address, kind: d.kind, secret: slot.name, env: slot.env, reason: 'requested' },
      );
    }
  }
  return out;
}
