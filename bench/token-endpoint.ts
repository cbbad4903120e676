/**
 * @module
 * Token-endpoint benchmark (issue 3): `POST /v2/token` client_credentials throughput and p99 latency
 * at 32 connections (autocannon, loopback) for the emulator vs a bare Hono + jose handler that signs
 * the same ES256 token (same header and claims, same URL, body and response shape): the practical
 * ceiling on this stack. Each server runs in a fresh process pinned to one core (taskset, when
 * available) while the load generator is pinned to the other; every run is preceded by a warm-up, and
 * the two sides alternate for `BENCH_ROUNDS` rounds, reporting medians. Then the cold start of what
 * users run, `grantform emulator` (process spawn → first 200), from the prebuilt bundle and, for
 * reference, from the TypeScript sources (tsx fallback).
 *
 * Environment: `BENCH_DURATION` (seconds per measured run, default 10), `BENCH_WARMUP` (seconds,
 * default 3), `BENCH_ROUNDS` (default 3, at least 2).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundle, freshBundle } from '@grantform/emulator/bundle';
import autocannon from 'autocannon';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const GRANTFORM_BIN = join(ROOT, 'packages/engine/bin/grantform.js');
const CONNECTIONS = 32;
const TARGET_RATIO = 0.85;
const TARGET_P99_MS = 15;
const TARGET_COLD_START_MS = 400;

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p99Ms: number;
  non2xx: number;
  /**
   * Requests served per second of server CPU time (all its threads, from `/proc/{pid}/stat`; `null`
   * where unavailable). Unlike req/s it barely moves when other processes share the server's core.
   */
  requestsPerCpuSecond: number | null;
}

export interface TokenEndpointBenchResult {
  /** Every measured run, in the order run. */
  runs: LoadResult[];
  /** Medians over the rounds. */
  emulator: LoadResult;
  bare: LoadResult;
  /** median emulator / median bare throughput */
  ratio: number;
  /** `grantform emulator` from the prebuilt bundle (what users run after install). */
  coldStartMs: number;
  /** The same command with the bundle disabled (tsx fallback), for reference. */
  coldStartTsxMs: number;
  targets: { ratio: boolean; p99: boolean; coldStart: boolean };
}

interface ServerInfo {
  url: string;
  tokenUrl: string;
  body?: unknown;
}

const pin = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

function startChild(script: string): Promise<{ child: ChildProcess; info: ServerInfo }> {
  const args = ['--import', 'tsx', join(ROOT, script)];
  const child = pin
    ? spawn('taskset', ['-c', '1', process.execPath, ...args], { cwd: ROOT })
    : spawn(process.execPath, args, { cwd: ROOT });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stderr?.on('data', (d) => process.stderr.write(d));
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n')[0];
      if (buf.includes('\n') && line) resolve({ child, info: JSON.parse(line) as ServerInfo });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

function loadOptions(tokenUrl: string, body: unknown) {
  return {
    url: tokenUrl,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    connections: CONNECTIONS,
  };
}

/** One request, to check the response is a 200 with a token, and to report the token's length. */
async function probe(tokenUrl: string, body: unknown): Promise<number> {
  const res = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { access_token?: string };
  if (res.status !== 200 || typeof json.access_token !== 'string') {
    throw new Error(`${tokenUrl} answered ${res.status}: ${JSON.stringify(json)}`);
  }
  return json.access_token.length;
}

/** CPU seconds (user + system, all threads) a process has used, from `/proc`; `null` elsewhere. */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    // Fields after the `(comm)`: state is [0], utime [11], stime [12], in clock ticks (USER_HZ = 100).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

async function measure(
  name: string,
  server: ChildProcess,
  tokenUrl: string,
  body: unknown,
  warmup: number,
  duration: number,
): Promise<LoadResult> {
  const opts = loadOptions(tokenUrl, body);
  await autocannon({ ...opts, duration: warmup }); // JIT, caches, heap sizing
  const cpu0 = cpuSeconds(server.pid);
  const r = await autocannon({ ...opts, duration });
  const cpu1 = cpuSeconds(server.pid);
  const cpu = cpu0 === null || cpu1 === null ? null : cpu1 - cpu0;
  return {
    name,
    requestsPerSecond: Math.round(r.requests.average),
    p99Ms: r.latency.p99,
    non2xx: r.non2xx,
    requestsPerCpuSecond: cpu ? Math.round(r.requests.total / cpu) : null,
  };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Spawn → first 200 on `/_emulator/health`, median of `runs`. */
async function coldStart(cmd: readonly string[], env: NodeJS.ProcessEnv, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...cmd, '--port', '0'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        const m = /listening on (\S+)/.exec(buf);
        if (m?.[1]) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    });
    for (;;) {
      const res = await fetch(`${url}/_emulator/health`).catch(() => null);
      if (res?.status === 200) break;
    }
    times.push(performance.now() - t0);
    await stop(child);
  }
  return Math.round(median(times));
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const yes = (ok: boolean) => (ok ? 'met' : 'NOT met');

export async function tokenEndpointBench(log: (line: string) => void = console.log): Promise<TokenEndpointBenchResult> {
  const duration = Number(process.env.BENCH_DURATION ?? 10);
  const warmup = Number(process.env.BENCH_WARMUP ?? 3);
  const rounds = Math.max(2, Number(process.env.BENCH_ROUNDS ?? 3));
  // The load generator gets the other core, so it never competes with the server being measured.
  if (pin) spawnSync('taskset', ['-p', '-c', '0', String(process.pid)]);
  log(
    `token endpoint: client_credentials ES256, ${CONNECTIONS} connections, ${rounds} rounds alternating, ` +
      `${warmup}s warm-up + ${duration}s measured per run; server pinned to core 1, load generator to core 0: ${pin}`,
  );
  log(`  load average at start: ${load()} (2 cores; other work on the machine skews results)`);

  const runs: LoadResult[] = [];
  // Each emulator process seeds fresh credentials; the bare server gets the same body shape (same
  // client_id length, so the same token length) from the emulator run before it.
  let body: unknown;
  const lengths: Record<string, number> = {};
  for (let round = 1; round <= rounds; round++) {
    for (const [name, script] of [
      ['emulator', 'bench/servers/emulator-server.ts'],
      ['bare hono+jose', 'bench/servers/bare-server.ts'],
    ] as const) {
      const { child, info } = await startChild(script);
      try {
        if (info.body !== undefined) body = info.body;
        lengths[name] ??= await probe(info.tokenUrl, body);
        const r = await measure(name, child, info.tokenUrl, body, warmup, duration);
        runs.push(r);
        log(
          `  round ${round} ${r.name.padEnd(15)} ${String(r.requestsPerSecond).padStart(6)} req/s  p99 ${String(r.p99Ms).padStart(3)} ms  non-2xx ${r.non2xx}  ${r.requestsPerCpuSecond ?? '?'} req/CPU-s  (load ${load()})`,
        );
      } finally {
        await stop(child);
      }
    }
  }
  const summarise = (name: string): LoadResult => {
    const mine = runs.filter((r) => r.name === name);
    const perCpu = mine.map((r) => r.requestsPerCpuSecond);
    return {
      name,
      requestsPerSecond: Math.round(median(mine.map((r) => r.requestsPerSecond))),
      p99Ms: median(mine.map((r) => r.p99Ms)),
      non2xx: mine.reduce((a, r) => a + r.non2xx, 0),
      requestsPerCpuSecond: perCpu.every((x) => x !== null) ? Math.round(median(perCpu as number[])) : null,
    };
  };
  const bare = summarise('bare hono+jose');
  const emulator = summarise('emulator');
  const ratio = emulator.requestsPerSecond / bare.requestsPerSecond;
  log(`  access_token length: emulator ${lengths.emulator}, bare ${lengths['bare hono+jose']} (limit 512)`);
  for (const r of [bare, emulator]) {
    log(
      `  median ${r.name.padEnd(15)} ${String(r.requestsPerSecond).padStart(6)} req/s  p99 ${r.p99Ms} ms  non-2xx ${r.non2xx}  ${r.requestsPerCpuSecond ?? '?'} req/CPU-s`,
    );
  }
  if (emulator.requestsPerCpuSecond !== null && bare.requestsPerCpuSecond !== null) {
    const cpuRatio = emulator.requestsPerCpuSecond / bare.requestsPerCpuSecond;
    log(`  ratio per CPU-second   ${(cpuRatio * 100).toFixed(1)}% (server CPU cost per token, bare / emulator)`);
  }
  const targets = { ratio: ratio >= TARGET_RATIO, p99: emulator.p99Ms < TARGET_P99_MS, coldStart: false };
  log(
    `  ratio emulator/bare    ${(ratio * 100).toFixed(1)}% req/s (target ≥ ${TARGET_RATIO * 100}%: ${yes(targets.ratio)})`,
  );
  log(`  emulator p99           ${emulator.p99Ms} ms (target < ${TARGET_P99_MS} ms: ${yes(targets.p99)})`);

  if (!freshBundle()) {
    log('  emulator bundle missing or stale: building it (as the root postinstall does)');
    await buildBundle();
  }
  const coldStartMs = await coldStart([GRANTFORM_BIN, 'emulator'], process.env, 7);
  const coldStartTsxMs = await coldStart(
    [GRANTFORM_BIN, 'emulator'],
    { ...process.env, GRANTFORM_EMULATOR_BUNDLE: '0' },
    3,
  );
  targets.coldStart = coldStartMs < TARGET_COLD_START_MS;
  log(
    `  cold start, \`grantform emulator\` spawn → first 200 (median of 7): ${coldStartMs} ms ` +
      `(target < ${TARGET_COLD_START_MS} ms: ${yes(targets.coldStart)}); without the bundle (tsx, median of 3): ${coldStartTsxMs} ms`,
  );
  log(`  load average at end: ${load()}`);
  return { runs, emulator, bare, ratio, coldStartMs, coldStartTsxMs, targets };
}
