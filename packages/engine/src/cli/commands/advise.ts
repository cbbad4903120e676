/**
 * @module
 * `grantform advise`: least privilege from evidence. Sets the usage the emulator recorded against the
 * config: per integration, declared vs used scopes, unused ones, calls refused for a missing scope,
 * business units declared vs used, and the suggested config change as a diff. `--json`;
 * `--fail-on unused|missing` exits 2 when found.
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { addCommonOptions, collect } from '../options.js';
import type { AdviseFlags } from '../run-advise.js';

export function registerAdvise(program: Command, io: CliIo): void {
  const cmd = program
    .command('advise')
    .description('unused and missing scopes and business units, from what the emulator saw; suggests a config diff');
  addCommonOptions(cmd)
    .option(
      '--usage <file>',
      'read an exported usage file (GET /_emulator/usage) instead of the emulator at --endpoint',
    )
    .option(
      '--fail-on <what>',
      'exit 2 when found: unused (grants never used) or missing (calls refused); repeatable',
      collect,
    )
    .action(async (flags: AdviseFlags) => {
      const { runAdvise } = await import('../run-advise.js');
      await runAdvise(flags, io);
    });
}
