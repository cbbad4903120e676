/**
 * @module
 * Kill drill: `kill -9` of a real emulator process with `--state` while it issues tokens, then a
 * restart on the same file. What the emulator promises (README, `--state`):
 * - an acknowledged admin write is on disk before its response: every acknowledged write survives;
 * - token records are batched: the file is written 250 ms after the first unsaved change, so a token
 *   may be lost only if it was acknowledged within that window (plus the time one write takes) before
 *   the kill. Every admin commit also writes every token issued before it, so a token acknowledged
 *   before an acknowledged admin write was sent must survive too;
 * - the restart loads the file (never half-written) and leaves no temp file behind.
 *
 * Each trial: a seeded emulator on a fresh state file; `connections` loops ask for client-credentials
 * tokens while, for the first half of the load, an admin loop creates packages; at a seeded random
 * moment the process gets SIGKILL; a new process starts on the file; every acknowledged package and
 * token is checked. The figures: writes and tokens acknowledged and lost, and the age at the kill of
 * the oldest lost token (the batching window actually observed). A last, quiet trial checks the window
 * from the other side: tokens issued, then 1 s (four windows) without traffic, then SIGKILL: all kept.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type DrillCredentials,
  type EmulatorProcess,
  startEmulatorProcess,
  withSeededEmulator,
} from './emulator-process.js';
import { createRandom } from './random.js';

/** The documented token batching window (`--state`: written 250 ms after the first unsaved change). */
export const TOKEN_BATCH_WINDOW_MS = 250;
/** The quiet trial waits this long (four windows) before the kill. */
const QUIET_MS = 1000;

export interface KillEmulatorOptions {
  readonly trials: number;
  readonly seed: number;
  /** Load before the kill, in ms: drawn in [min, max] per trial. */
  readonly loadMs: readonly [number, number];
  /** Token loops in parallel. @default 8 */
  readonly connections?: number;
  readonly log?: (line: string) => void;
}

export interface KillTrial {
  readonly loadMs: number;
  readonly adminWritesAcked: number;
  readonly adminWritesLost: number;
  readonly tokensAcked: number;
  readonly tokensLost: number;
  /** Lost tokens acknowledged before an acknowledged admin write was sent (must be 0). */
  readonly tokensLostBeforeAdminCommit: number;
  /** Age at the kill of the oldest lost token, ms (`null`: none lost). */
  readonly oldestLostTokenAgeMs: number | null;
  /** Temp files beside the state file after the restart (must be 0). */
  readonly tempFilesAfterRestart: number;
  /** Spawn → listening, on the state file the kill left. */
  readonly restartMs: number;
}

export interface KillEmulatorResult {
  readonly trials: readonly KillTrial[];
  /** The quiet trial: tokens acknowledged, then lost after 1 s of quiet and a kill (must be 0). */
  readonly quiet: { readonly tokensAcked: number; readonly tokensLost: number };
}

interface Acked {
  readonly token: string;
  readonly at: number;
}

function tokenUrl(emulator: EmulatorProcess, creds: DrillCredentials): { url: string; body: string } {
  const s2s = creds.credentials.find((c) => c.type === 'server-to-server')!;
  return {
    url: `${emulator.url}/${s2s.subdomain}.auth.marketingcloudapis.com/v2/token`,
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: s2s.clientId,
      client_secret: s2s.clientSecret,
    }),
  };
}

async function issue(url: string, body: string): Promise<Acked | null> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    if (res.status !== 200) return null;
    const { access_token } = (await res.json()) as { access_token: string };
    return { token: access_token, at: performance.now() };
  } catch {
    return null; // the kill: not acknowledged
  }
}

/** Tokens the restarted emulator no longer accepts. */
async function lostTokens(emulator: EmulatorProcess, tssd: string, tokens: readonly Acked[]): Promise<Acked[]> {
  const lost: Acked[] = [];
  let next = 0;
  const check = async () => {
    while (next < tokens.length) {
      const t = tokens[next++]!;
      const res = await fetch(`${emulator.url}/${tssd}.rest.marketingcloudapis.com/platform/v1/tokenContext`, {
        headers: { authorization: `Bearer ${t.token}` },
      });
      await res.arrayBuffer();
      if (res.status !== 200) lost.push(t);
    }
  };
  await Promise.all(Array.from({ length: 8 }, check));
  return lost;
}

/** A seeded emulator on a fresh `--state` file, and what a trial needs to load, kill and restart it. */
interface StatefulRun {
  /** The directory of the state file (and of any temp file beside it). */
  readonly dir: string;
  readonly emulator: EmulatorProcess;
  readonly creds: DrillCredentials;
  readonly tssd: string;
  readonly token: { readonly url: string; readonly body: string };
  /** Starts a new process on the same state file (killed by {@link withStatefulEmulator} afterwards). */
  restart(): Promise<{ emulator: EmulatorProcess; ms: number }>;
}

/** Runs `fn` with a seeded `--state` emulator, then kills every process it started and removes the files. */
async function withStatefulEmulator<T>(fn: (run: StatefulRun) => Promise<T>): Promise<T> {
  const restarted: EmulatorProcess[] = [];
  const statePath = (dir: string) => join(dir, 'state.json');
  return withSeededEmulator(
    (dir) => ['--state', statePath(dir)],
    async ({ dir, emulator, creds }) => {
      try {
        return await fn({
          dir,
          emulator,
          creds,
          tssd: creds.credentials.find((c) => c.type === 'server-to-server')!.subdomain,
          token: tokenUrl(emulator, creds),
          async restart() {
            const t0 = performance.now();
            const again = await startEmulatorProcess(['--state', statePath(dir)]);
            restarted.push(again);
            return { emulator: again, ms: performance.now() - t0 };
          },
        });
      } finally {
        for (const p of restarted) await p.kill('SIGKILL');
      }
    },
  );
}

async function trial(o: KillEmulatorOptions, loadMs: number, index: number): Promise<KillTrial> {
  return withStatefulEmulator(async (run) => {
    const { emulator, tssd } = run;
    const { url, body } = run.token;
    const tokens: Acked[] = [];
    const writes: { id: string; sentAt: number }[] = [];
    let stop = false;
    const start = performance.now();
    const tokenLoop = async () => {
      while (!stop) {
        const acked = await issue(url, body);
        if (acked && !stop) tokens.push(acked);
      }
    };
    const adminLoop = async () => {
      for (let i = 0; !stop && performance.now() - start < loadMs / 2; i++) {
        const sentAt = performance.now();
        try {
          const res = await fetch(`${emulator.url}/_emulator/tenants/${tssd}/packages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              name: `drill-${index}-${i}`,
              description: '',
              legacy: false,
              sourceMid: 100_000_001,
            }),
          });
          if (res.status === 201 && !stop) writes.push({ id: ((await res.json()) as { id: string }).id, sentAt });
        } catch {
          return; // the kill
        }
      }
    };
    const loops = [...Array.from({ length: o.connections ?? 8 }, tokenLoop), adminLoop()];
    await sleep(loadMs);
    const killedAt = performance.now();
    stop = true;
    await emulator.kill('SIGKILL');
    await Promise.all(loops);
    const { emulator: again, ms: restartMs } = await run.restart();
    let adminWritesLost = 0;
    for (const w of writes) {
      const res = await fetch(`${again.url}/_emulator/packages/${w.id}`);
      await res.arrayBuffer();
      if (res.status !== 200) adminWritesLost++;
    }
    const lastCommitSent = writes.at(-1)?.sentAt ?? Number.NEGATIVE_INFINITY;
    const lost = await lostTokens(again, tssd, tokens);
    const tempFiles = (await readdir(run.dir)).filter((n) => n.endsWith('.tmp')).length;
    return {
      loadMs,
      adminWritesAcked: writes.length,
      adminWritesLost,
      tokensAcked: tokens.length,
      tokensLost: lost.length,
      tokensLostBeforeAdminCommit: lost.filter((t) => t.at < lastCommitSent).length,
      oldestLostTokenAgeMs: lost.length === 0 ? null : killedAt - Math.min(...lost.map((t) => t.at)),
      tempFilesAfterRestart: tempFiles,
      restartMs,
    };
  });
}

/** Tokens, then {@link QUIET_MS} without traffic, then SIGKILL: none may be lost. */
async function quietTrial(): Promise<KillEmulatorResult['quiet']> {
  return withStatefulEmulator(async (run) => {
    const tokens: Acked[] = [];
    for (let i = 0; i < 20; i++) {
      const acked = await issue(run.token.url, run.token.body);
      if (acked) tokens.push(acked);
    }
    await sleep(QUIET_MS);
    await run.emulator.kill('SIGKILL');
    const { emulator: again } = await run.restart();
    const lost = await lostTokens(again, run.tssd, tokens);
    return { tokensAcked: tokens.length, tokensLost: lost.length };
  });
}

/** Runs `trials` kill trials (seeded load lengths) and the quiet trial. */
export async function killEmulatorDrill(o: KillEmulatorOptions): Promise<KillEmulatorResult> {
  const r = createRandom(o.seed);
  const trials: KillTrial[] = [];
  for (let i = 0; i < o.trials; i++) trials.push(await trial(o, r.int(o.loadMs[0], o.loadMs[1]), i));
  const result: KillEmulatorResult = { trials, quiet: await quietTrial() };
  o.log?.(formatKillEmulator(result));
  return result;
}

/** The drill's figures as report lines. */
export function formatKillEmulator(r: KillEmulatorResult): string {
  const sum = (f: (t: KillTrial) => number) => r.trials.reduce((n, t) => n + f(t), 0);
  const ages = r.trials.map((t) => t.oldestLostTokenAgeMs).filter((a): a is number => a !== null);
  const restarts = r.trials.map((t) => t.restartMs);
  return [
    `  kill -9 under token load (--state): ${r.trials.length} trials`,
    ...r.trials.map(
      (t, i) =>
        `    #${i + 1} after ${t.loadMs} ms: admin writes ${t.adminWritesAcked} acked / ${t.adminWritesLost} lost; tokens ${t.tokensAcked} acked / ${t.tokensLost} lost (${t.tokensLostBeforeAdminCommit} before an admin commit), oldest lost ${t.oldestLostTokenAgeMs === null ? '-' : `${Math.round(t.oldestLostTokenAgeMs)} ms`} old; temp files after restart ${t.tempFilesAfterRestart}; restart ${Math.round(t.restartMs)} ms`,
    ),
    `    total: admin writes ${sum((t) => t.adminWritesAcked)} acked, ${sum((t) => t.adminWritesLost)} lost; tokens ${sum((t) => t.tokensAcked)} acked, ${sum((t) => t.tokensLost)} lost, ${sum((t) => t.tokensLostBeforeAdminCommit)} of them before an admin commit`,
    `    oldest lost token: ${ages.length === 0 ? 'none lost' : `${Math.round(Math.max(...ages))} ms`} (window: ${TOKEN_BATCH_WINDOW_MS} ms plus the write itself); restart ${Math.round(Math.min(...restarts))}–${Math.round(Math.max(...restarts))} ms`,
    `    quiet trial: ${r.quiet.tokensAcked} tokens, ${QUIET_MS} ms of quiet, kill -9: ${r.quiet.tokensLost} lost`,
  ].join('\n');
}
