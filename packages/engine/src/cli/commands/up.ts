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
import { mkdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { DEFAULT_CONFIG } from '../options.js';

export interface UpCommandDeps {
  /** Resolves when the emulator should stop. @default the first SIGINT or SIGTERM */
  readonly until?: () => Promise<unknown>;
}

interface Flags {
  config: string;
  port: string;
  host: string;
  dir: string;
  state?: string;
  once?: boolean;
}

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
      .action(async (flags: Flags) => {
        const [{ startFromCli, untilSignal }, { main }] = await Promise.all([
          import('@grantform/emulator/cli'),
          import('../main.js'),
        ]);
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
          code = await main(['node', 'grantform', 'apply', '--auto-approve', ...common], io);
          if (code === 0) {
            io.stdout(`\n$ grantform verify ${common.join(' ')}\n`);
            code = await main(['node', 'grantform', 'verify', ...common], io);
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
      });
  };
}

export const registerUp = createUpCommand();
