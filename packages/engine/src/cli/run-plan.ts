/**
 * @module
 * What `grantform plan` does (registered in `./commands/plan.ts`): load the config, read state and
 * refresh under the state lock (unless `--no-lock`), print the plan (or, for a read-only target, the
 * checklist its driver renders), and save it with `--out`.
 */
import { resolve } from 'node:path';
import { planManifest } from '../engine.js';
import { writePlanFile } from '../plan-file.js';
import { withLock } from '../state/lock.js';
import { createFileStateStore } from '../state/state-store.js';
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
}

/** Runs `grantform plan`. */
export async function runPlan(flags: PlanFlags, io: CliIo): Promise<void> {
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
  if (flags.detailedExitcode === true && plan.changes.length > 0) io.exitCode = 2;
}
