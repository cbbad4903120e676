/**
 * @module
 * The emulator as a real child process, for the reliability drills: `node --import tsx
 * emulator/src/main.ts` with the flags given (what `grantform emulator` runs, from the sources), a
 * seed manifest with every vendor's integrations, and the credentials it writes. A drill can kill it
 * with any signal and start it again on the same `--state` file.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CredentialsEntry } from '../../emulator/src/index.js';
import type { CtctCredentials } from '../../emulator/src/vendors/constant-contact/seed.js';
import { ctctManifest } from '../../emulator/src/vendors/constant-contact/test-fixtures.js';
import { manifest } from '../../emulator/src/vendors/marketing-cloud/testing/fixtures.js';
import type { Manifest } from '../../packages/config/src/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = join(ROOT, 'emulator/src/main.ts');

/** One tenant with a server-to-server, a web and a public integration, plus the Constant Contact fixtures. */
export function drillManifest(): Manifest {
  const sfmc = manifest();
  return { ...sfmc, resources: [...sfmc.resources, ...ctctManifest().resources] };
}

/** What `--credentials-out` holds. */
export interface DrillCredentials {
  readonly credentials: CredentialsEntry[];
  readonly constantContact?: CtctCredentials;
}

export interface EmulatorProcess {
  /** e.g. `http://127.0.0.1:41234` */
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Sends `signal` and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `grantform emulator` with `args` (plus `--port 0`; give absolute paths) and waits until it listens. */
export function startEmulatorProcess(args: readonly string[], timeoutMs = 60_000): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, GRANTFORM_EMULATOR_BUNDLE: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the emulator did not start within ${timeoutMs} ms: ${err}`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited (${code ?? signal}) before listening: ${err}`));
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (!m?.[1]) return;
      clearTimeout(timer);
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume();
      resolve({
        url: m[1],
        child,
        stderr: () => err,
        async kill(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    });
  });
}

/**
 * Writes the drill manifest into `dir`, starts a seeded emulator there with `extraArgs`, and reads the
 * credentials it wrote (mode 0600).
 */
async function startSeededEmulator(
  dir: string,
  extraArgs: readonly string[] = [],
): Promise<{ emulator: EmulatorProcess; creds: DrillCredentials }> {
  const seed = join(dir, 'manifest.json');
  const credsPath = join(dir, 'credentials.json');
  await writeFile(seed, JSON.stringify(drillManifest()));
  const emulator = await startEmulatorProcess(['--seed', seed, '--credentials-out', credsPath, ...extraArgs]);
  const creds = JSON.parse(await readFile(credsPath, 'utf8')) as DrillCredentials;
  return { emulator, creds };
}

/** A seeded emulator process and the temp directory it works in. */
export interface SeededRun {
  readonly dir: string;
  readonly emulator: EmulatorProcess;
  readonly creds: DrillCredentials;
}

/**
 * Runs `fn` with a seeded emulator started in a fresh temp directory (`args` may name files in it), then
 * kills it and removes the directory.
 */
export async function withSeededEmulator<T>(
  args: (dir: string) => readonly string[],
  fn: (run: SeededRun) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'gf-drill-'));
  try {
    const { emulator, creds } = await startSeededEmulator(dir, args(dir));
    try {
      return await fn({ dir, emulator, creds });
    } finally {
      await emulator.kill('SIGKILL');
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
