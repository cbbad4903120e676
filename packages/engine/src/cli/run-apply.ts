/**
 * @module
 * The body shared by `apply` and `destroy`: lock, plan (or read a saved plan), show it, ask,
 * apply with progress, print the summary, then carry out the plan's `rotate` actions (staged secret
 * rotations, `rotation.ts`). One code path for every plan mode.
 */
import { resolve } from 'node:path';
import type { Manifest } from '@grantform/config';
import type { PlanMode } from '../actions.js';
import type { ApplyProgress, ApplyResult } from '../apply.js';
import { apply, assertPlanFresh } from '../apply.js';
import type { DesiredState } from '../desired.js';
import { planManifest } from '../engine.js';
import { EngineError, isEngineError } from '../errors.js';
import type { Plan } from '../plan.js';
import { readPlanFile } from '../plan-file.js';
import { withLock } from '../state/lock.js';
import type { SecretsSink } from '../state/secrets-sink.js';
import type { StateStore } from '../state/state-store.js';
import { createFileStateStore } from '../state/state-store.js';
import { PARALLELISM_RANGE, wholeNumberFlag } from './flags.js';
import type { CliIo } from './io.js';
import { renderPlan } from './render-plan.js';
import type { RotationFlags } from './run-rotate.js';
import type { Resolved } from './shared.js';
import {
  confirm,
  loadManifest,
  lockOptionsFor,
  resolveCommon,
  secretNamesFor,
  secretsSinkFor,
  writeJson,
} from './shared.js';

/** With the flags of the plan's rotations (`--propagation-delay`, `--advance-emulator-clock`). */
export interface ApplyFlags extends RotationFlags {
  readonly autoApprove?: boolean;
  /** Operations in flight at once. */
  readonly parallelism?: string;
}

/** Carries out the plan's `rotate` actions (`rotation.ts`), a line per step. */
async function runRotations(plan: Plan, flags: ApplyFlags, r: Resolved, io: CliIo, store: StateStore): Promise<void> {
  const rotations = plan.rotations ?? [];
  if (rotations.length === 0) return;
  const { rotateWithSinks } = await import('./run-rotate.js');
  const results = await rotateWithSinks(rotations, flags, r, io, store);
  if (!r.json) io.stdout(`Rotated: ${results.length} secret${results.length === 1 ? '' : 's'}.\n`);
}

const EMPTY_MANIFEST: Manifest = { apiVersion: 'grantform.dev/v1', resources: [] };

/** Loads the config; a destroy may run from state alone when there is no config file. */
export async function manifestFor(mode: PlanMode, r: Resolved): Promise<Manifest> {
  try {
    return await loadManifest(r.configPath);
  } catch (err) {
    if (mode === 'destroy' && isEngineError(err, 'ERR_CONFIG_NOT_FOUND')) return EMPTY_MANIFEST;
    throw err;
  }
}

function progressLine(p: ApplyProgress): string | null {
  if (p.status === 'start') return null;
  const verb = p.status === 'failed' ? 'FAILED' : { create: 'created', update: 'updated', delete: 'destroyed' }[p.step];
  return `[${p.completed}/${p.total}] ${p.address}: ${verb}\n`;
}

function refreshedLine(addresses: readonly string[]): string {
  return `Refreshed in state (assigned by the target, not a change): ${addresses.join(', ')}\n`;
}

function claimedLine(addresses: readonly string[]): string {
  return `Labelled on the target as this state's (they had no owner, not a change): ${addresses.join(', ')}\n`;
}

/** The plan to apply: the saved one (`PLANFILE`, refused when stale or of another target), or a fresh one. */
async function planToApply(
  mode: PlanMode,
  planFile: string | undefined,
  flags: ApplyFlags,
  r: Resolved,
  io: CliIo,
  store: StateStore,
  secrets: SecretsSink,
): Promise<{ plan: Plan; desired: DesiredState | null }> {
  if (planFile !== undefined) {
    const file = await readPlanFile(resolve(io.cwd, planFile));
    if (file.target.name !== r.driver.name) {
      throw new EngineError(
        'ERR_PLAN_INVALID',
        `the plan was made for the ${file.target.name} target, not ${r.driver.name}`,
      );
    }
    // A plan of another state (lineage) or an older serial is refused before anything is shown.
    assertPlanFresh(file.plan, await store.read());
    return { plan: file.plan, desired: null };
  }
  const manifest = await manifestFor(mode, r);
  const planned = await planManifest({
    manifest,
    driver: r.driver,
    store,
    mode,
    ...(flags.address === undefined ? {} : { targetAddresses: flags.address }),
    ...(r.driver.readOnly ? {} : { secretNames: await secretNamesFor(secrets, io) }),
  });
  return { plan: planned.plan, desired: planned.desired };
}

/**
 * Nothing to change, but the refresh may have found new server-assigned values (endpoints after the
 * emulator moved), or resources without an ownership label: apply records them, and never asks
 * (they are not a change).
 */
async function recordRefresh(plan: Plan, r: Resolved, io: CliIo, store: StateStore, secrets: SecretsSink) {
  const result = await apply(plan, { driver: r.driver, store, secrets });
  if (r.json) {
    writeJson(io, { plan, applied: [], secretsWritten: [], refreshed: result.refreshed, claimed: result.claimed });
    return;
  }
  if (result.refreshed.length > 0) io.stdout(refreshedLine(result.refreshed));
  if (result.claimed.length > 0) io.stdout(claimedLine(result.claimed));
}

/** What the apply did: `--json`, or the summary, the secrets count, refreshed and labelled lines, warnings. */
function reportApplied(
  mode: PlanMode,
  plan: Plan,
  result: ApplyResult,
  r: Resolved,
  io: CliIo,
  secrets: SecretsSink,
): void {
  const s = plan.summary;
  if (r.json) {
    writeJson(io, {
      plan,
      applied: result.applied,
      secretsWritten: result.secretsWritten,
      secretsSink: result.secretsWritten.length > 0 ? secrets.location : null,
      state: { path: r.statePath, serial: result.state.serial, lineage: result.state.lineage },
      warnings: result.warnings,
      refreshed: result.refreshed,
      claimed: result.claimed,
    });
    return;
  }
  io.stdout(
    mode === 'destroy'
      ? `\nDestroy complete! Resources: ${s.delete} destroyed.\n`
      : `\nApply complete! Resources: ${s.create} added, ${s.update} changed, ${s.replace} replaced, ${s.delete} destroyed.\n`,
  );
  const written = new Set(result.secretsWritten).size;
  if (written > 0) {
    // A count, not the names (1,000 integrations would make one 40,000-character line).
    io.stdout(
      `Secrets written to ${secrets.location} (mode 0600): ${written} secret${written === 1 ? '' : 's'}; names: grantform output --secrets\n`,
    );
  }
  if (result.refreshed.length > 0) io.stdout(refreshedLine(result.refreshed));
  if (result.claimed.length > 0) io.stdout(claimedLine(result.claimed));
  for (const w of result.warnings) io.stderr(`Warning: ${w}\n`);
}

export async function runApply(
  mode: PlanMode,
  planFile: string | undefined,
  flags: ApplyFlags,
  io: CliIo,
): Promise<void> {
  const r = resolveCommon(flags, io);
  const parallelism =
    flags.parallelism === undefined
      ? undefined
      : wholeNumberFlag('--parallelism', flags.parallelism, PARALLELISM_RANGE.min, PARALLELISM_RANGE.max);
  const store = createFileStateStore(r.statePath);
  const command = mode === 'destroy' ? 'destroy' : 'apply';
  await withLock(r.statePath, command, lockOptionsFor(flags), async () => {
    const secrets = secretsSinkFor(flags, r.statePath, io);
    const { plan, desired } = await planToApply(mode, planFile, flags, r, io, store, secrets);
    // A read-only target's driver renders the plan as the steps to make by hand.
    const manual = r.driver.readOnly ? r.driver.manual : undefined;
    if (!r.json) {
      io.stdout(
        manual !== undefined && desired !== null
          ? manual.renderChecklist(plan, { desired, notes: r.driver.notes ?? [] })
          : renderPlan(plan, r.colours),
      );
    }
    if (plan.changes.length === 0) {
      await recordRefresh(plan, r, io, store, secrets);
      if ((plan.rotations ?? []).length === 0) return;
    }
    if (r.driver.readOnly) {
      throw new EngineError(
        'ERR_TARGET_READ_ONLY',
        manual === undefined
          ? `the ${r.driver.name} target is read-only`
          : `the ${r.driver.name} target is read-only: ${manual.reason}; ${manual.afterChecklist}`,
      );
    }
    if (planFile === undefined) {
      await confirm(
        io,
        flags.autoApprove === true,
        mode === 'destroy'
          ? '\nDo you really want to destroy these resources?'
          : '\nDo you want to perform these actions?',
      );
    }
    if (plan.changes.length === 0) {
      await runRotations(plan, flags, r, io, store);
      return;
    }
    const result = await apply(plan, {
      driver: r.driver,
      store,
      secrets,
      ...(parallelism === undefined ? {} : { concurrency: parallelism }),
      onProgress: (p) => {
        if (r.json) return;
        const line = progressLine(p);
        if (line !== null) io.stdout(line);
      },
    });
    reportApplied(mode, plan, result, r, io, secrets);
    await runRotations(plan, flags, r, io, store);
  });
}
