/**
 * @module
 * `grantform output [ADDRESS]`: what the target assigned (client ids, endpoints) and where each
 * secret lives (its env name and the sink), read from state. `--secrets` lists only the secrets'
 * names. Never a secret value.
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { addCommonOptions } from '../options.js';
import type { OutputFlags } from '../run-output.js';

export function registerOutput(program: Command, io: CliIo): void {
  const cmd = program
    .command('output')
    .description('client ids, endpoints and secret env names from state (never secret values)')
    .argument('[address]', 'only this address');
  addCommonOptions(cmd)
    .option(
      '--secrets',
      'only the names of the secrets (env names, one per line); with --json also the address using each',
    )
    .action(async (address: string | undefined, flags: OutputFlags) => {
      const { runOutput } = await import('../run-output.js');
      await runOutput(address, flags, io);
    });
}
