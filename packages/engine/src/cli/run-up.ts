/**
 * @module
 * What `grantform up` does (registered in `./commands/up.ts`): start the emulator (headless
 * authorize on, its state under `--dir`), run `apply --auto-approve` and `verify` against it exactly
 * as the command line would (a program of just those two commands), print where everything lives,
 * and keep the emulator running until SIGINT/SIGTERM (`--once` stops after verify).
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { registerApply } from './commands/apply.js';
import { registerVerify } from './commands/verify.js';
import type { CliIo } from './io.js';
import { runProgram } from './program.js';

export interface UpCommandDeps {
  /** Resolves when the emulator should stop. @default the first SIGINT or SIGTERM */
  readonly until?: () => Promise<unknown>;
}

export interface UpFlags {
  config: string;
  port: string;
  host: string;
  dir: string;
  state?: string;
  once?: boolean;
}

/** Runs `grantform up`; `io.exitCode` says whether apply and verify passed. */
export async function runUp(flags: UpFlags, io: CliIo, deps: UpCommandDeps): Promise<void> {
  const { startFromCli, untilSignal } = await import('@grantform/emulator/cli');
  const grantform = (args: readonly string[]) =>
    runProgram(['node', 'grantform', ...args], io, [registerApply, registerVerify]);
  const dir = resolve(io.cwd, flags.dir);
  await mkdir(dir, { recursive: true });
  const show = (p: string) => relative(io.cwd, p) || '.';
  const state = flags.state === undefined ? join(dir, 'state.json') : resolve(io.cwd, flags.state);
  await mkdir(dirname(state), { recursive: true });

  const running = await startFromCli(
    { port: flags.port, host: flags.host, headless: true, state: join(dir, 'emulator-state.json') },
    io,
  );
  const common = ['--config', flags.config, '--target', 'emulator', '--endpoint', running.url, '--state', state];
  let code = 1;
  try {
    io.stdout(`\n$ grantform apply --auto-approve ${common.join(' ')}\n`);
    code = await grantform(['apply', '--auto-approve', ...common]);
    if (code === 0) {
      io.stdout(`\n$ grantform verify ${common.join(' ')}\n`);
      code = await grantform(['verify', ...common]);
    }
  } catch (err) {
    await running.close();
    throw err;
  }
  io.exitCode = code;
  const summary = [
    '',
    code === 0 ? 'grantform up: applied and verified.' : 'grantform up: apply or verify FAILED (see above).',
    `  emulator     ${running.url}`,
    `  console      ${running.url}/_emulator/console`,
    `  engine state ${show(state)}`,
    `  secrets      ${show(`${state}.secrets.json`)} (mode 0600; client secrets by env name)`,
    `  next         grantform plan --endpoint ${running.url} --state ${show(state)} --config ${flags.config}`,
  ];
  if (!flags.once) summary.push('', 'The emulator keeps running; press Ctrl-C to stop it.');
  io.stdout(`${summary.join('\n')}\n`);
  if (!flags.once) await (deps.until ?? untilSignal)();
  await running.close();
  if (!flags.once) io.stdout('grantform emulator stopped\n');
}
