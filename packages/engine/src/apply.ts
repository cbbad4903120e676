/**
 * @module
 * One apply for every plan mode. Deletes first (dependents before what they depend on), then
 * creates and updates (dependencies first); independent operations run concurrently
 * (`apply/schedule.ts`; the operations themselves: `apply/operations.ts`).
 *
 * Crash safety (STYLE P14; `apply/recorder.ts`): every remote call is preceded by a durable journal
 * entry recording its intent (`begin`: address, kind, step, target id, the secrets it may hand out)
 * and followed, once the secrets it handed out are in the secrets sink, by one recording its result
 * (`put`/`remove`). Creates carry this state's ownership label, so an apply killed between the call
 * and the record leaves something the next plan recognises and adopts. A create that does not return
 * a secret it should have (the target had the object already) has it re-issued before anything is
 * recorded (`apply/secrets.ts`). Concurrent operations share journal writes (group commit); the
 * journal is folded into the state file once, when the apply ends, however it ends.
 *
 * A failure stops new work, waits for what is in flight and throws `ERR_APPLY_FAILED`: the state
 * names everything done, and the failed operations stay pending for the next plan to resolve.
 * Server-assigned values the plan's refresh found (`plan.refreshed`) are written too, even when
 * nothing else changes, and state resources without an ownership label get this state's
 * (`plan.claims`).
 */

import { runClaims, runCreateOrUpdate, runDelete } from './apply/operations.js';
import { Recorder } from './apply/recorder.js';
import { buildNodes, runSchedule } from './apply/schedule.js';
import { SecretsBook } from './apply/secrets.js';
import type { ApplyOptions, ApplyProgress, ApplyResult } from './apply/types.js';
import type { ResourceDriver } from './driver.js';
import { EngineError } from './errors.js';
import type { Plan } from './plan/types.js';
import type { StateFile } from './state/records.js';
import { BUILT_IN_REGISTRY } from './vendors/index.js';

export type { ApplyOptions, ApplyProgress, ApplyResult } from './apply/types.js';

/** Checks that `plan` was made against `current` (same lineage and serial). */
export function assertPlanFresh(plan: Plan, current: StateFile): void {
  const fresh =
    plan.prior.serial === current.serial && (plan.prior.lineage === null || plan.prior.lineage === current.lineage);
  if (!fresh) {
    throw new EngineError(
      'ERR_PLAN_STALE',
      `the plan was made against state serial ${plan.prior.serial}${plan.prior.lineage === null ? '' : ` (lineage ${plan.prior.lineage})`}, but the state is now at serial ${current.serial} (lineage ${current.lineage}); make a new plan`,
    );
  }
}

/** `ERR_TARGET_READ_ONLY`: why the target cannot be changed, and what to do instead (the driver says). */
function readOnlyError(driver: ResourceDriver): EngineError {
  const manual = driver.manual;
  return new EngineError(
    'ERR_TARGET_READ_ONLY',
    manual === undefined
      ? `the ${driver.name} target is read-only`
      : `the ${driver.name} target is read-only: ${manual.reason}; ${manual.instead}`,
  );
}

/**
 * Applies a plan.
 * @example
 * const result = await apply(plan, { driver, store, secrets });
 */
export async function apply(plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const { driver, store } = options;
  const registry = options.registry ?? BUILT_IN_REGISTRY;
  const current = await store.read();
  assertPlanFresh(plan, current);
  // Refresh: server-assigned values the target reported, for resources the state still names.
  const refreshedEntries = Object.entries(plan.refreshed ?? {}).filter(([a]) => current.resources[a] !== undefined);
  const refreshed = refreshedEntries.map(([a]) => a);
  const claims = (plan.claims ?? []).filter((a) => current.resources[a] !== undefined);
  const settled = (plan.settled ?? []).filter((a) => current.pending[a] !== undefined);
  if (plan.changes.length === 0 && refreshed.length === 0 && claims.length === 0 && settled.length === 0) {
    return { state: current, applied: [], secretsWritten: [], warnings: [], refreshed, claimed: [] };
  }
  if (driver.readOnly && (plan.changes.length > 0 || claims.length > 0)) throw readOnlyError(driver);

  // From here every change is recorded in the journal: the intent before each remote call, the
  // result right after (P14). The journal is folded into the state file when the apply ends.
  const journal = await store.openJournal(current);
  const recorder = new Recorder(journal, registry);
  const secrets = new SecretsBook(options.secrets, registry, plan.changes);
  const ops = { driver, registry, recorder, secrets };
  const applied: { address: string; step: ApplyProgress['step'] }[] = [];
  const nodes = buildNodes(plan, registry);
  const total = nodes.length;
  let claimed: string[] = [];
  let outcome: Awaited<ReturnType<typeof runSchedule>> | null = null;
  try {
    await recorder.open(refreshedEntries, settled);
    claimed = await runClaims(ops, claims);
    outcome = await runSchedule(
      nodes,
      Math.max(1, options.concurrency ?? 32),
      (n) => (n.step === 'delete' ? runDelete(ops, n) : runCreateOrUpdate(ops, n)),
      (n, status, completed) =>
        options.onProgress?.({
          address: n.change.address,
          action: n.change.action,
          step: n.step,
          status,
          completed,
          total,
        }),
      (n) => applied.push({ address: n.change.address, step: n.step }),
    );
    if (outcome.failures.length === 0 && outcome.notStarted.length > 0)
      throw new EngineError('ERR_APPLY_FAILED', `dependency cycle among ${outcome.notStarted.join(', ')}`);
  } finally {
    const state = await journal.close();
    const failures = outcome?.failures ?? [];
    if (failures.length > 0) {
      const done = outcome?.done.size ?? 0;
      const notRun = total - done - failures.length;
      // biome-ignore lint/correctness/noUnsafeFinally: the failures are the error to report
      throw new EngineError(
        'ERR_APPLY_FAILED',
        `apply stopped: ${done} of ${total} operations done, ${failures.length} failed, ${notRun} not started; the state names everything done (serial ${state.serial}): fix the cause and run apply again`,
        { issues: failures.map((f) => ({ path: f.address, message: f.message })) },
      );
    }
  }
  return {
    state: journal.snapshot(),
    applied,
    secretsWritten: secrets.written,
    warnings: secrets.warnings,
    refreshed,
    claimed,
  };
}
