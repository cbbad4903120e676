/**
 * @module
 * `grantform verify`: prove each declared integration works against the target.
 * Output: a table, `--json`, and `--junit FILE`. Exit 1 when any check fails.
 */

import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { addCommonOptions } from '../options.js';
import type { VerifyFlags } from '../run-verify.js';

export function registerVerify(program: Command, io: CliIo): void {
  const cmd = program.command('verify').description('prove each declared integration works against the target');
  addCommonOptions(cmd, { address: true, secrets: true })
    .option('--wait <duration>', 'retry failed checks until they pass or this time is up (e.g. 5m)')
    .option('--interval <duration>', 'time between retries', '5s')
    .option('--junit <file>', 'also write a JUnit XML report')
    .option('--login-hint <username>', 'emulator test user for web/public apps (default admin@<tenant name>)')
    .option(
      '--warn-unused-grants',
      "warn about scopes and business units the emulator's recorded usage never needed (off by default)",
    )
    .action(async (flags: VerifyFlags) => {
      const { runVerify } = await import('../run-verify.js');
      await runVerify(flags, io);
    });
}
