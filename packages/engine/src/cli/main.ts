/**
 * @module
 * The `grantform` command line: argv → one command per file under `./commands`.
 * Exit codes: 0 success, 1 error, 2 (plan with `--detailed-exitcode`) changes pending.
 */
import type { Command } from 'commander';
import { commands } from './commands/index.js';
import type { CliIo } from './io.js';
import { processIo } from './io.js';
import { createProgram as programOf, runProgram } from './program.js';

/** Builds the commander program. Each command registers itself and sets `io.exitCode`. */
export function createProgram(io: CliIo): Command {
  return programOf(io, commands);
}

/** Runs the CLI and returns the exit code (the bin sets `process.exitCode`). */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  return runProgram(argv, io, commands);
}
