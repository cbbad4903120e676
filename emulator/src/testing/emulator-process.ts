/**
 * @module
 * A real emulator process for end-to-end tests: `grantform emulator …` (the repository's bin) started as
 * a child, resolved once its start-up summary has printed `until`, and stopped with SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface EmulatorProcess {
  /** `http://127.0.0.1:PORT`, from its first line. */
  readonly url: string;
  /** Everything it printed on stdout until it was ready. */
  readonly out: string;
  /** SIGTERM, then waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts `grantform emulator ...args` from the repository root; ready when stdout contains `until`. */
export async function startEmulatorProcess(
  args: readonly string[],
  o: { readonly env?: NodeJS.ProcessEnv; readonly until?: string } = {},
): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(process.execPath, ['packages/engine/bin/grantform.js', 'emulator', ...args], {
    cwd: ROOT,
    env: o.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const until = o.until ?? 'listening on';
  await new Promise<void>((done, fail) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(until)) done();
    });
    child.once('exit', (code) => fail(new Error(`the emulator exited (${code}): ${out}${err}`)));
  });
  return {
    url: /listening on (\S+)/.exec(out)?.[1] ?? '',
    out,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
