/**
 * @module
 * A commander program of some commands, run in-process: `main` runs every command (`./main.ts`),
 * `up` runs `apply` and `verify` through one of just those two. Exit codes: 0 success, 1 error,
 * 2 (plan with `--detailed-exitcode`) changes pending; an error is rendered once (`render-error.ts`).
 */
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import type { CliIo } from './io.js';
import { renderError } from './render-error.js';

/** Adds one subcommand to the program; its action sets `io.exitCode` when it does not succeed. */
export type RegisterCommand = (program: Command, io: CliIo) => void;

/** Builds the commander program of `commands`. */
export function createProgram(io: CliIo, commands: readonly RegisterCommand[]): Command {
  const program = new Command('grantform')
    .description('Marketing Cloud installed packages as code: synth, plan, apply, verify, emulate')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  for (const register of commands) register(program, io);
  return program;
}

/** Parses `argv` with a program of `commands` and returns the exit code. */
export async function runProgram(
  argv: readonly string[],
  io: CliIo,
  commands: readonly RegisterCommand[],
): Promise<number> {
  const program = createProgram(io, commands);
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
