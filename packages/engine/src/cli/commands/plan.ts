/**
 * @module
 * `grantform plan`: what apply would do. `--out FILE` saves it for `apply FILE`;
 * `--detailed-exitcode` exits 0 (no changes), 2 (changes) or 1 (error). Against `--target sfmc`
 * the plan is printed as a checklist of console steps. Like apply, it holds the state lock while it
 * reads state and refreshes (so it never plans against a state an apply is rewriting); `--no-lock`
 * skips that for read-only plans run side by side.
 */

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { isSfmcDriver } from '../../drivers/sfmc-driver.js';
import { planManifest } from '../../engine.js';
import { writePlanFile } from '../../plan-file.js';
import { renderChecklist } from '../../render-checklist.js';
import { withLock } from '../../state/lock.js';
import { createFileStateStore } from '../../state/state-store.js';
import type { CliIo } from '../io.js';
import { renderPlan } from '../render-plan.js';
import { manifestFor } from '../run-apply.js';
import type { CommonFlags } from '../shared.js';
import { addCommonOptions, resolveCommon, secretNamesFor, secretsSinkFor, writeJson } from '../shared.js';

interface PlanFlags extends CommonFlags {
  readonly out?: string;
  readonly detailedExitcode?: boolean;
  readonly destroy?: boolean;
  readonly refresh?: boolean;
  /** `false` with `--no-lock`. */
  readonly lock?: boolean;
}

export function registerPlan(program: Command, io: CliIo): void {
  const cmd = program.command('plan').description('show what apply would change (nothing is written to the target)');
  addCommonOptions(cmd, { address: true, lock: true, secrets: true })
    .option('--out <file>', 'save the plan for `grantform apply FILE`')
    .option('--detailed-exitcode', 'exit 0 when there are no changes, 2 when there are, 1 on error')
    .option('--destroy', 'plan the destruction of everything in state (or the --address targets)')
    .option('--no-refresh', 'do not ask the target what exists (plan against state only)')
    .option('--no-lock', 'do not take the state lock (the plan may then read a state an apply is changing)')
    .action(async (flags: PlanFlags) => {
      const r = resolveCommon(flags, io);
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
          ...(r.driver.readOnly
            ? {}
            : { secretNames: await secretNamesFor(secretsSinkFor(flags, r.statePath, io), io) }),
        });
      const { plan, desired } =
        flags.lock === false
          ? await planIt()
          : await withLock(r.statePath, 'plan', { force: flags.forceUnlock === true }, planIt);
      if (flags.out !== undefined) {
        await writePlanFile(resolve(io.cwd, flags.out), {
          kind: 'grantform-plan',
          formatVersion: 1,
          createdAt: new Date().toISOString(),
          target: { name: r.driver.name, endpoint: r.driver.name === 'emulator' ? r.endpoint : null },
          plan,
        });
      }
      const notes = isSfmcDriver(r.driver) ? r.driver.notes : [];
      if (r.json) writeJson(io, { plan, notes });
      else if (r.driver.readOnly) io.stdout(renderChecklist(plan, { desired, notes }));
      else {
        io.stdout(renderPlan(plan, r.colours));
        if (flags.out !== undefined)
          io.stdout(`\nSaved the plan to ${flags.out}. Apply exactly this with: grantform apply ${flags.out}\n`);
      }
      if (flags.detailedExitcode === true && plan.changes.length > 0) io.exitCode = 2;
    });
}
