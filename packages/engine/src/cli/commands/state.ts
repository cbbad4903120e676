/**
 * @module
 * `grantform state list | show ADDRESS | unlock [--force]` (what each does: `../run-state.ts`).
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { DEFAULT_STATE } from '../options.js';
import type { StateFlags } from '../run-state.js';

function stateOptions(cmd: Command): Command {
  return cmd.option('--state <file>', 'state file', DEFAULT_STATE).option('--json', 'machine-readable output');
}

export function registerState(program: Command, io: CliIo): void {
  const state = program.command('state').description('inspect the state file, or remove a stale lock');
  stateOptions(state.command('list').description('addresses in state, with kind and target id')).action(
    async (flags: StateFlags) => (await import('../run-state.js')).runStateList(flags, io),
  );
  stateOptions(state.command('show').description('one resource as recorded in state').argument('<address>')).action(
    async (address: string, flags: StateFlags) => (await import('../run-state.js')).runStateShow(address, flags, io),
  );
  stateOptions(
    state
      .command('unlock')
      .description('remove the state lock when its holder is gone (pid, host and start time are checked)')
      .option('--force', 'remove it even while its holder runs, or when the holder cannot be checked (another host)'),
  ).action(async (flags: StateFlags) => (await import('../run-state.js')).runStateUnlock(flags, io));
}
