/**
 * @module
 * `grantform destroy`: delete everything in state (or the `--address` targets and what depends on
 * them). Destroy is a plan mode: the same apply runs it.
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { addCommonOptions } from '../options.js';
import type { ApplyFlags } from '../run-apply.js';

export function registerDestroy(program: Command, io: CliIo): void {
  const cmd = program.command('destroy').description('delete what grantform created');
  addCommonOptions(cmd, { address: true, lock: true, secrets: true })
    .option('--auto-approve', 'do not ask for confirmation')
    .option('--parallelism <n>', 'operations in flight at once', '32')
    .action(async (flags: ApplyFlags) => {
      const { runApply } = await import('../run-apply.js');
      await runApply('destroy', undefined, flags, io);
    });
}
