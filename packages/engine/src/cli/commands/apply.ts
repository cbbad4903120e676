/**
 * @module
 * `grantform apply [PLANFILE]`: plan, confirm (or `--auto-approve`), apply. With a saved plan,
 * applies exactly that plan, refused when the state has moved on (`ERR_PLAN_STALE`). The plan's
 * `rotate` actions (secrets past `rotation.maxAgeDays`) run last, the staged way (`grantform rotate`).
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { addCommonOptions } from '../options.js';
import type { ApplyFlags } from '../run-apply.js';

export function registerApply(program: Command, io: CliIo): void {
  const cmd = program
    .command('apply')
    .description('make the target match the config')
    .argument('[planfile]', 'a plan saved with `grantform plan --out FILE`');
  addCommonOptions(cmd, { address: true, lock: true, secrets: true })
    .option('--auto-approve', 'do not ask for confirmation')
    .option('--parallelism <n>', 'operations in flight at once', '32')
    .option(
      '--propagation-delay <duration>',
      "the plan's secret rotations: wait at most this long for a staged secret",
      '10m',
    )
    .option('--advance-emulator-clock', "the plan's secret rotations: move the emulator's clock instead of waiting")
    .action(async (planfile: string | undefined, flags: ApplyFlags) => {
      const { runApply } = await import('../run-apply.js');
      await runApply('normal', planfile, flags, io);
    });
}
