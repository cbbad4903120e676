/**
 * @module
 * `grantform rotate [ADDRESS…]`: rotates secrets the target's staged way (`rotation.ts`): stage a
 * new secret, prove it with a token request once the target accepts it, deliver it to every sink
 * (the file, each `--secrets-exec` command), activate it, prove the old one refused, record. Without
 * addresses it rotates what the plan says (past `rotation.maxAgeDays`, or interrupted). A re-run
 * resumes an interrupted rotation. On `--target sfmc` it prints the console steps, then runs
 * `verify --wait`.
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { addCommonOptions } from '../options.js';
import type { RotateFlags } from '../run-rotate.js';

export function registerRotate(program: Command, io: CliIo): void {
  const cmd = program
    .command('rotate')
    .description("rotate secrets the target's staged way, delivering them to every sink (resumable)")
    .argument('[address...]', 'resources whose secrets to rotate (default: those the plan rotates)');
  addCommonOptions(cmd, { lock: true, secrets: true })
    .option(
      '--propagation-delay <duration>',
      'wait at most this long for the target to accept a staged secret (e.g. 10m)',
      '10m',
    )
    .option('--advance-emulator-clock', "on the emulator: move its clock instead of waiting for the vendor's 5 minutes")
    .option('--wait <duration>', 'on --target sfmc: how long verify waits for the new secrets to work', '15m')
    .action(async (addresses: string[], flags: RotateFlags) => {
      const { runRotate } = await import('../run-rotate.js');
      await runRotate(addresses, flags, io);
    });
}
