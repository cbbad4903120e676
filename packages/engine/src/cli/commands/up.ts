/**
 * @module
 * `grantform up [--config FILE] [--port 4010] [--host 127.0.0.1] [--dir .grantform/up] [--state FILE] [--once]`:
 * the local loop in one command. Starts the emulator (headless authorize on, its state persisted
 * under `--dir`), applies the config to it, verifies every integration, prints where everything
 * lives, and keeps the emulator running until SIGINT/SIGTERM (`--once` stops after verify).
 * It is exactly `grantform emulator --headless` + `apply --auto-approve` + `verify`, in one process.
 * The engine state is `<dir>/state.json` unless `--state` (the flag every other command has) names
 * another file.
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { DEFAULT_CONFIG } from '../options.js';
import type { UpCommandDeps, UpFlags } from '../run-up.js';

export type { UpCommandDeps } from '../run-up.js';

export function createUpCommand(deps: UpCommandDeps = {}): (program: Command, io: CliIo) => void {
  return (program, io) => {
    program
      .command('up')
      .description('start the emulator, apply the config to it, verify it, and keep the emulator running')
      .option('--config <file>', 'config file', DEFAULT_CONFIG)
      .option('--port <port>', 'emulator port (0 picks a free one)', '4010')
      .option('--host <host>', 'interface to bind', '127.0.0.1')
      .option(
        '--dir <dir>',
        'where the emulator keeps its state, and the engine state and secrets unless --state is given',
        '.grantform/up',
      )
      .option('--state <file>', 'engine state file, as for plan/apply/verify (default: <dir>/state.json)')
      .option('--once', 'stop the emulator after verify; the exit code says whether everything passed')
      .addHelpText(
        'after',
        `
--dir and --state: the emulator's own state is always <dir>/emulator-state.json. The engine state
(what plan, apply and verify call --state) is <dir>/state.json, or the file --state names; its
secrets are beside it in <state>.secrets.json. Later commands take the same --state.`,
      )
      .action(async (flags: UpFlags) => {
        const { runUp } = await import('../run-up.js');
        await runUp(flags, io, deps);
      });
  };
}

export const registerUp = createUpCommand();
