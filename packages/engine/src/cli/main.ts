/**
 * @module
 * The `grantform` command line: argv → one command per file under `./commands`.
 * Exit codes: 0 success, 1 error, 2 (plan with `--detailed-exitcode`) changes pending.
 */
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { commands } from './commands/index.js';
import type { CliIo } from './io.js';
import { processIo } from './io.js';
import { renderError } from './render-error.js';

/** Builds the commander program. Each command registers itself and sets `io.exitCode`. */
export function createProgram(io: CliIo): Command {
  const program = new Command('grantform')
    .description('Marketing Cloud installed packages as code: synth, plan, apply, verify, emulate')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  for (const register of commands) register(program, io);
  return program;
}

/** Runs the CLI and returns the exit code (the bin sets `process.exitCode`). */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv]);
    return io.exitCode ?? 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit through here with code 0.
      return err.exitCode;
    }
    io.stderr(renderError(err));
    return 1;
  }
}
