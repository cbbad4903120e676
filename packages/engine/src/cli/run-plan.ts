/**
 * @module
 * What `grantform plan` does (registered in `./commands/plan.ts`): load the config, read state and
 * refresh under the state lock (unless `--no-lock`), print the plan (or, for a read-only target, the
 * checklist its driver renders), and save it with `--out`.
 */
import { resolve } from 'node:path';
import { planManifest } from '../engine.js';
import type { Plan } from '../plan.js';
import { planHasChanges } from '../plan.js';
import { writePlanFile } from '../plan-file.js';
import type { SecretReport } from '../secret-status.js';
import { describeExpiry, secretLabel } from '../secret-status.js';
import { withLock } from '../state/lock.js';
import { createFileStateStore } from '../state/state-store.js';
import { durationFlag, EXPIRY_WINDOW_MAX_MS } from './flags.js';
import type { CliIo } from './io.js';
import type { CommonFlags } from './options.js';
import { renderPlan } from './render-plan.js';
import { manifestFor } from './run-apply.js';
import { lockOptionsFor, resolveCommon, secretNamesFor, secretsSinkFor, writeJson } from './shared.js';

export interface PlanFlags extends CommonFlags {
  readonly out?: string;
  readonly detailedExitcode?: boolean;
  readonly destroy?: boolean;
  readonly refresh?: boolean;
  /** `false` with `--no-lock`. */
  readonly lock?: boolean;
  /** `--expiry-warning 14d`: warn about secrets expiring within this (default 30d). */
  readonly expiryWarning?: string;
  /** `--fail-on-expiring 30d`: exit 1 when a secret expires within this (or has expired). */
  readonly failOnExpiring?: string;
}

/** The secrets of `plan` that expire within `windowMs` of the plan's clock, or have expired. */
export function expiringWithin(plan: Plan, windowMs: number): readonly SecretReport[] {
  const expiry = plan.expiry;
  if (expiry === undefined) return [];
  const now = Date.parse(expiry.now);
  return expiry.secrets.filter((s) => s.expiresAt !== null && Date.parse(s.expiresAt) - now <= windowMs);
}

/** Runs `grantform plan`. */
export async function runPlan(flags: PlanFlags, io: CliIo): Promise<void> {
  const expiryWarningMs =
    flags.expiryWarning === undefined
      ? undefined
      : durationFlag('--expiry-warning', flags.expiryWarning, 0, EXPIRY_WINDOW_MAX_MS);
  const failOnExpiringMs =
    flags.failOnExpiring === undefined
      ? undefined
      : durationFlag('--fail-on-expiring', flags.failOnExpiring, 0, EXPIRY_WINDOW_MAX_MS);
  const r = resolveCommon(flags, io);
  const lockOptions = lockOptionsFor(flags);
  const mode = flags.destroy === true ? 'destroy' : 'normal';
  const manifest = await manifestFor(mode, r);
  const planIt = async () =>
    planManifest({
      manifest,
      driver: r.driver,
      store: createFileStateStore(r.statePath),
      mode,
      refresh: flags.refresh !== false,
      ...(expiryWarningMs === undefined ? {} : { expiryWarningMs }),
      ...(flags.address === undefined ? {} : { targetAddresses: flags.address }),
      // Names only: which secrets the sink (or the environment) holds, to plan re-issuing lost ones.
      ...(r.driver.readOnly ? {} : { secretNames: await secretNamesFor(secretsSinkFor(flags, r.statePath, io), io) }),
    });
  const { plan, desired } =
    flags.lock === false ? await planIt() : await withLock(r.statePath, 'plan', lockOptions, planIt);
  if (flags.out !== undefined) {
    await writePlanFile(resolve(io.cwd, flags.out), {
      kind: 'grantform-plan',
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      target: { name: r.driver.name, endpoint: r.driver.name === 'emulator' ? r.endpoint : null },
      plan,
    });
  }
  const notes = r.driver.notes ?? [];
  const manual = r.driver.readOnly ? r.driver.manual : undefined;
  if (r.json) writeJson(io, { plan, notes });
  else if (manual !== undefined) io.stdout(manual.renderChecklist(plan, { desired, notes }));
  else {
    io.stdout(renderPlan(plan, r.colours));
    if (flags.out !== undefined)
      io.stdout(`\nSaved the plan to ${flags.out}. Apply exactly this with: grantform apply ${flags.out}\n`);
  }
  // --detailed-exitcode is about changes; --fail-on-expiring about secrets running out (it wins).
  if (flags.detailedExitcode === true && planHasChanges(plan)) io.exitCode = 2;
  if (failOnExpiringMs !== undefined) {
    const due = expiringWithin(plan, failOnExpiringMs);
    if (due.length > 0) {
      io.stderr(
        `Error: ${due.length} secret${due.length === 1 ? '' : 's'} expire${due.length === 1 ? 's' : ''} within ${flags.failOnExpiring} or ha${due.length === 1 ? 's' : 've'} expired (--fail-on-expiring): ${due.map((d) => `${d.address} ${secretLabel(d)} ${describeExpiry(d)}`).join('; ')}\n`,
      );
      io.exitCode = 1;
    }
  }
}
