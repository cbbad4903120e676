/**
 * @module
 * A light standalone entry (`node --import tsx emulator/src/main.ts --port 0`), used for cold-start
 * measurement and by anyone who wants the emulator without the whole `grantform` CLI. It accepts the
 * same flags as `grantform emulator`.
 */
import { runEmulatorCli } from './cli.js';

const code = await runEmulatorCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  env: process.env,
});
if (code !== 0) process.exit(code);
