/**
 * @module
 * What the fault drills share: an emulator listening on a loopback port inside this process, whose
 * admin calls can be watched and acted on (kill the client at the k-th call, hold calls), the
 * `grantform` CLI started as a real child process (the seeded PRNG is `./random.ts`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import { createEmulator, type Emulator } from '../../emulator/src/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const GRANTFORM_BIN = join(ROOT, 'packages/engine/bin/grantform.js');

/** One admin call that changes something, as the emulator received it. */
export interface AdminCall {
  /** 1-based, counted over the emulator's life. */
  readonly n: number;
  readonly method: string;
  readonly path: string;
}

/**
 * Decides what happens to an admin call: `process` it (the default), `drop` it (never processed:
 * answered 503, as if it never arrived), or wait for `before` first and then process it. `after`
 * runs once the answer is ready, before it is sent.
 */
export interface CallHook {
  before?(call: AdminCall): Promise<'process' | 'drop'> | 'process' | 'drop';
  after?(call: AdminCall): void;
}

export interface DrillEmulator {
  readonly url: string;
  readonly app: Emulator;
  /** Admin calls that changed something so far. */
  mutations(): number;
  setHook(hook: CallHook | null): void;
  /** An admin GET (JSON). */
  get<T>(path: string): Promise<T>;
  close(): Promise<void>;
}

/** Starts an emulator on 127.0.0.1 (a free port) whose admin calls the drill can watch. */
export async function startDrillEmulator(): Promise<DrillEmulator> {
  let app: Emulator | undefined;
  let hook: CallHook | null = null;
  let n = 0;
  const server = createAdaptorServer({
    fetch: async (req: Request) => {
      if (app === undefined) return new Response('starting', { status: 503 });
      const url = new URL(req.url);
      if (!url.pathname.startsWith('/_emulator/') || req.method === 'GET' || hook === null) return app.fetch(req);
      // The whole body first: the client may be killed before the call is processed.
      const body = await req.arrayBuffer();
      n += 1;
      const call: AdminCall = { n, method: req.method, path: url.pathname };
      const current = hook;
      const decision = (await current.before?.(call)) ?? 'process';
      if (decision === 'drop') return new Response('dropped by the drill', { status: 503 });
      const res = await app.fetch(
        new Request(req.url, { method: req.method, headers: req.headers, ...(body.byteLength > 0 ? { body } : {}) }),
      );
      current.after?.(call);
      return res;
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  app = createEmulator({ baseUrl: url, headlessAuthorize: true });
  return {
    url,
    app,
    mutations: () => n,
    setHook: (h) => {
      hook = h;
    },
    get: async <T>(path: string) => (await (await fetch(`${url}/_emulator${path}`)).json()) as T,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

export interface CliResult {
  readonly pid: number;
  /** `null` when the process was killed by a signal. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunningCli {
  readonly child: ChildProcess;
  readonly done: Promise<CliResult>;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<CliResult>;
}

/** Starts `grantform ARGS` as a child process in `cwd` (no colour, no inherited grantform settings). */
export function spawnCli(args: readonly string[], cwd: string, bin: string = GRANTFORM_BIN): RunningCli {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('GRANTFORM_')) env[k] = v;
  env.NO_COLOR = '1';
  const child = spawn(process.execPath, [bin, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ pid: child.pid ?? -1, code, signal, stdout, stderr }));
  });
  return {
    child,
    done,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return done;
    },
  };
}
