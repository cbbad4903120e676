/**
 * @module
 * `grantform plan`: what apply would do. `--out FILE` saves it for `apply FILE`;
 * `--detailed-exitcode` exits 0 (no changes), 2 (changes) or 1 (error). Secrets expiring within
 * `--expiry-warning` (30d) are warned about, expired ones are errors; `--fail-on-expiring 30d` exits 1
 * when one expires within that. Against `--target sfmc`
 * the plan is printed as a checklist of console steps. Like apply, it holds the state lock while it
 * reads state and refreshes (so it never plans against a state an apply is rewriting); `--no-lock`
 * skips that for read-only plans run side by side.
 */

import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { addCommonOptions } from '../options.js';
import type { PlanFlags } from '../run-plan.js';

export function registerPlan(program: Command, io: CliIo): void {
  const cmd = program.command('plan').description('show what apply would change (nothing is written to the target)');
  addCommonOptions(cmd, { address: true, lock: true, secrets: true })
    .option('--out <file>', 'save the plan for `grantform apply FILE`')
    .option('--detailed-exitcode', 'exit 0 when there are no changes, 2 when there are, 1 on error')
    .option('--destroy', 'plan the destruction of everything in state (or the --address targets)')
    .option('--no-refresh', 'do not ask the target what exists (plan against state only)')
    .option('--expiry-warning <duration>', 'warn about secrets expiring within this (e.g. 14d)', '30d')
    .option(
      '--fail-on-expiring <duration>',
      'exit 1 when a secret expires within this or has expired (e.g. 30d); --detailed-exitcode stays about changes',
    )
    .option('--no-lock', 'do not take the state lock (the plan may then read a state an apply is changing)')
    .action(async (flags: PlanFlags) => {
      const { runPlan } = await import('../run-plan.js');
      await runPlan(flags, io);
    });
}
