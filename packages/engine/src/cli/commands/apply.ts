/**
 * @module
 * `grantform apply [PLANFILE]`: plan, confirm (or `--auto-approve`), apply. With a saved plan,
 * applies exactly that plan, refused when the state has moved on (`ERR_PLAN_STALE`).
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
    .action(async (planfile: string | undefined, flags: ApplyFlags) => {
      const { runApply } = await import('../run-apply.js');
      await runApply('normal', planfile, flags, io);
    });
}
