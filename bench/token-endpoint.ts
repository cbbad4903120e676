/**
 * @module
 * Token-endpoint benchmark (issue 3): `POST /v2/token` client_credentials throughput and p99 latency
 * at 32 connections (autocannon, loopback) for the emulator vs a bare Hono + jose handler that signs
 * the same ES256 token (same header and claims, same URL, body and response shape): the practical
 * ceiling on this stack. Then the cold start of what users run, `grantform emulator` (process spawn →
 * first 200), from the prebuilt bundle and, for reference, from the TypeScript sources (tsx fallback).
 *
 * How it is measured, and why. On these 2-core VMs the speed of a core drifts by ±25 % over seconds to
 * minutes (the same server measured twice, a minute apart, can differ by that much), so two servers
 * measured one after the other in long runs compare the machine's moods as much as the servers. Here
 * both servers run at once, each in its own process pinned to core 1 (`taskset`), and the load
 * generator, pinned to core 0, loads one at a time (the other is idle) in short interleaved slices:
 * `A B B A A B …` (the order flips every pair, so a steady drift favours neither). Each side gets the
 * same total measured time; throughput is its completed requests over that time, p99 comes from the
 * merged latency histogram of its slices, and the ratio is the emulator's throughput over the bare
 * handler's. The ratio of every slice pair is also reported, to show how steady the figure is. A
 * round is a fresh pair of processes with its own warm-up; `BENCH_ROUNDS` rounds are pooled.
 *
 * Environment: `BENCH_DURATION` (measured seconds per server per round, default 20), `BENCH_SLICE`
 * (seconds per slice, default 0.5), `BENCH_WARMUP` (seconds per server per round, default 3),
 * `BENCH_ROUNDS` (default 3), `BENCH_COLD_START=0` to skip the cold-start part, `BENCH_CPU_PROF=dir` to
 * write a CPU profile of each server process there.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
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

export interface SideResult {
  name: string;
  /** Completed requests over measured time, all rounds pooled. */
  requestsPerSecond: number;
  /** From the merged latency histogram of every measured slice. */
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** Requests per second of server CPU time (from `/proc/{pid}/stat`; `null` where unavailable). */
  requestsPerCpuSecond: number | null;
  /** Server CPU time per request, in µs, on its main (JavaScript) thread and on all its other threads. */
  cpuMicrosPerRequest: { main: number; other: number } | null;
}

export interface TokenEndpointBenchResult {
  emulator: SideResult;
  bare: SideResult;
  /** emulator / bare throughput, pooled over every round. */
  ratio: number;
  /** The ratio of each slice pair, sorted: how steady the figure is. */
  pairRatios: number[];
  /** The pooled ratio of each round. */
  roundRatios: number[];
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

interface Server {
  name: string;
  child: ChildProcess;
  tokenUrl: string;
  body: unknown;
}

/** One measured slice of one side. */
interface Slice {
  /** The raw autocannon result (`skipAggregateResult`), for merging histograms. */
  raw: unknown;
  requests: number;
  seconds: number;
  cpuSeconds: { main: number; other: number } | null;
  non2xx: number;
  errors: number;
}

/** autocannon's merge of `skipAggregateResult` runs (documented in its README, missing from its types). */
const aggregateResult = (
  autocannon as unknown as {
    aggregateResult(results: unknown[], opts: object): { latency: { p50: number; p99: number } };
  }
).aggregateResult;

const CORES = availableParallelism();
/** Whether this machine can pin processes to cores (two or more cores and `taskset`). */
const canPin = () => CORES >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0;

export interface TokenEndpointBenchOptions {
  /** Measured seconds per server per round. */
  readonly durationSeconds: number;
  readonly sliceSeconds: number;
  /** Warm-up seconds per server per round. */
  readonly warmupSeconds: number;
  readonly rounds: number;
  /** Measure the cold start of `grantform emulator` too. */
  readonly coldStart: boolean;
  /** Pin the servers to core 1 and the load generator to core 0 (when the machine allows). */
  readonly pin: boolean;
  /** Write a V8 CPU profile of each server process here. */
  readonly cpuProfileDir?: string;
}

/** The options as `pnpm bench` takes them: `BENCH_*` environment variables over the defaults. */
export function benchOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): TokenEndpointBenchOptions {
  return {
    durationSeconds: Number(env.BENCH_DURATION ?? 20),
    sliceSeconds: Number(env.BENCH_SLICE ?? 0.5),
    warmupSeconds: Number(env.BENCH_WARMUP ?? 3),
    rounds: Math.max(1, Number(env.BENCH_ROUNDS ?? 3)),
    coldStart: env.BENCH_COLD_START !== '0',
    pin: canPin(),
    ...(env.BENCH_CPU_PROF ? { cpuProfileDir: env.BENCH_CPU_PROF } : {}),
  };
}

const SERVERS_DIST = join(ROOT, 'bench/dist');

/**
 * Both servers are bundled the same way (esbuild, one ESM file each, as `grantform emulator` runs from
 * its bundle) and run by plain `node`: no TypeScript loader in either process.
 */
async function bundleServers(): Promise<Record<'emulator' | 'bare', string>> {
  const { build } = await import('esbuild');
  const out = { emulator: join(SERVERS_DIST, 'emulator-server.mjs'), bare: join(SERVERS_DIST, 'bare-server.mjs') };
  for (const [name, file] of Object.entries(out)) {
    await build({
      entryPoints: [join(ROOT, `bench/servers/${name}-server.ts`)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: file,
      legalComments: 'none',
      banner: {
        js: "import { createRequire as __gfRequire } from 'node:module'; const require = __gfRequire(import.meta.url);",
      },
      logLevel: 'warning',
    });
  }
  return out;
}

function startServer(
  name: string,
  file: string,
  o: TokenEndpointBenchOptions,
): Promise<{ child: ChildProcess; info: ServerInfo }> {
  // With a profile directory each server writes a V8 CPU profile there when stopped (for comparing
  // where the two spend their time under the same load; profiling slows both).
  const prof = o.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfileDir}`] : [];
  const child = o.pin
    ? spawn('taskset', ['-c', '1', process.execPath, ...prof, file], { cwd: ROOT })
    : spawn(process.execPath, [...prof, file], { cwd: ROOT });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stderr?.on('data', (d) => process.stderr.write(d));
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n')[0];
      if (buf.includes('\n') && line) resolve({ child, info: JSON.parse(line) as ServerInfo });
    });
    child.once('exit', (code) => reject(new Error(`${name} (${file}) exited with ${code}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

function loadOptions(s: Server) {
  return {
    url: s.tokenUrl,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(s.body),
    connections: CONNECTIONS,
  };
}

/** One request, to check the response is a 200 with a token, and to report the token's length. */
async function probe(s: Server): Promise<number> {
  const res = await fetch(s.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(s.body),
  });
  const json = (await res.json()) as { access_token?: string };
  if (res.status !== 200 || typeof json.access_token !== 'string') {
    throw new Error(`${s.name} at ${s.tokenUrl} answered ${res.status}: ${JSON.stringify(json)}`);
  }
  return json.access_token.length;
}

/**
 * CPU seconds (user + system) a process has used, on its main thread and on all its other threads
 * (libuv's pool, where WebCrypto signs, and V8's compiler and GC helpers), from `/proc`; `null` elsewhere.
 */
function cpuSeconds(pid: number | undefined): { main: number; other: number } | null {
  if (pid === undefined) return null;
  try {
    let main = 0;
    let other = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      // Fields after the `(comm)`: state is [0], utime [11], stime [12], in clock ticks (USER_HZ = 100).
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / 100;
      if (tid === String(pid)) main += seconds;
      else other += seconds;
    }
    return { main, other };
  } catch {
    return null;
  }
}

interface RawResult {
  totalCompletedRequests: number;
  duration: number;
  non2xx: number;
  errors: number;
}

async function slice(s: Server, seconds: number): Promise<Slice> {
  const cpu0 = cpuSeconds(s.child.pid);
  const t0 = performance.now();
  const raw = (await autocannon({ ...loadOptions(s), duration: seconds, skipAggregateResult: true })) as unknown;
  const elapsed = (performance.now() - t0) / 1000;
  const cpu1 = cpuSeconds(s.child.pid);
  const r = raw as RawResult;
  return {
    raw,
    requests: r.totalCompletedRequests,
    // autocannon reports its own run time in seconds; fall back to ours if absent.
    seconds: typeof r.duration === 'number' && r.duration > 0 ? r.duration : elapsed,
    cpuSeconds: cpu0 === null || cpu1 === null ? null : { main: cpu1.main - cpu0.main, other: cpu1.other - cpu0.other },
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

function summarise(name: string, slices: readonly Slice[], opts: ReturnType<typeof loadOptions>): SideResult {
  const merged = aggregateResult(
    slices.map((s) => s.raw),
    opts,
  );
  const requests = slices.reduce((a, s) => a + s.requests, 0);
  const seconds = slices.reduce((a, s) => a + s.seconds, 0);
  const cpu = slices.every((s) => s.cpuSeconds !== null)
    ? slices.reduce(
        (a, s) => ({ main: a.main + (s.cpuSeconds?.main ?? 0), other: a.other + (s.cpuSeconds?.other ?? 0) }),
        { main: 0, other: 0 },
      )
    : null;
  return {
    name,
    requestsPerSecond: Math.round(requests / seconds),
    p50Ms: merged.latency.p50,
    p99Ms: merged.latency.p99,
    non2xx: slices.reduce((a, s) => a + s.non2xx, 0),
    errors: slices.reduce((a, s) => a + s.errors, 0),
    requestsPerCpuSecond: cpu ? Math.round(requests / (cpu.main + cpu.other)) : null,
    cpuMicrosPerRequest: cpu
      ? { main: Math.round((cpu.main * 1e6) / requests), other: Math.round((cpu.other * 1e6) / requests) }
      : null,
  };
}

const rate = (s: Slice) => s.requests / s.seconds;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function quantile(sorted: readonly number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i] as number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
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

export async function tokenEndpointBench(
  log: (line: string) => void = console.log,
  o: TokenEndpointBenchOptions = benchOptionsFromEnv(),
): Promise<TokenEndpointBenchResult> {
  // The load generator gets core 0, so it never competes with the server being measured; every core
  // again afterwards, whatever happens.
  if (o.pin) spawnSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)]);
  try {
    return await measureAll(log, o);
  } finally {
    if (o.pin) spawnSync('taskset', ['-a', '-p', '-c', `0-${CORES - 1}`, String(process.pid)]);
  }
}

async function measureAll(
  log: (line: string) => void,
  o: TokenEndpointBenchOptions,
): Promise<TokenEndpointBenchResult> {
  const { durationSeconds: duration, sliceSeconds, warmupSeconds: warmup, rounds, pin } = o;
  const pairs = Math.max(1, Math.round(duration / sliceSeconds));
  log(
    `token endpoint: client_credentials ES256, ${CONNECTIONS} connections; ${rounds} round(s), each a fresh pair of ` +
      `servers with ${warmup}s warm-up, then ${pairs} interleaved ${sliceSeconds}s slices per server; ` +
      `servers on core 1, load generator on core 0: ${pin}`,
  );
  log(`  load average at start: ${load()} (${CORES} cores)`);

  const all: Record<'emulator' | 'bare', Slice[]> = { emulator: [], bare: [] };
  const pairRatios: number[] = [];
  const roundRatios: number[] = [];
  const lengths: Record<string, number> = {};
  let opts: Record<'emulator' | 'bare', ReturnType<typeof loadOptions>> | undefined;
  const files = await bundleServers();
  for (let round = 1; round <= rounds; round++) {
    const emu = await startServer('emulator', files.emulator, o);
    const bare = await startServer('bare hono+jose', files.bare, o).catch(async (err) => {
      await stop(emu.child);
      throw err;
    });
    try {
      // The bare server signs for the emulator's client_id (same length, so the same token length).
      const servers = {
        emulator: { name: 'emulator', child: emu.child, tokenUrl: emu.info.tokenUrl, body: emu.info.body },
        bare: { name: 'bare hono+jose', child: bare.child, tokenUrl: bare.info.tokenUrl, body: emu.info.body },
      } satisfies Record<string, Server>;
      opts = { emulator: loadOptions(servers.emulator), bare: loadOptions(servers.bare) };
      lengths.emulator ??= await probe(servers.emulator);
      lengths.bare ??= await probe(servers.bare);
      for (const s of [servers.emulator, servers.bare]) await slice(s, warmup); // JIT, caches, heap sizing
      const mine: Record<'emulator' | 'bare', Slice[]> = { emulator: [], bare: [] };
      for (let p = 0; p < pairs; p++) {
        const order = p % 2 === 0 ? (['emulator', 'bare'] as const) : (['bare', 'emulator'] as const);
        for (const side of order) mine[side].push(await slice(servers[side], sliceSeconds));
        pairRatios.push(rate(mine.emulator[p] as Slice) / rate(mine.bare[p] as Slice));
      }
      const e = summarise('emulator', mine.emulator, opts.emulator);
      const b = summarise('bare hono+jose', mine.bare, opts.bare);
      roundRatios.push(e.requestsPerSecond / b.requestsPerSecond);
      log(
        `  round ${round}: emulator ${e.requestsPerSecond} req/s p99 ${e.p99Ms} ms; bare ${b.requestsPerSecond} req/s ` +
          `p99 ${b.p99Ms} ms; ratio ${pct(e.requestsPerSecond / b.requestsPerSecond)} (load ${load()})`,
      );
      all.emulator.push(...mine.emulator);
      all.bare.push(...mine.bare);
    } finally {
      await stop(emu.child);
      await stop(bare.child);
    }
  }
  if (!opts) throw new Error('no round ran');
  const bare = summarise('bare hono+jose', all.bare, opts.bare);
  const emulator = summarise('emulator', all.emulator, opts.emulator);
  const ratio = emulator.requestsPerSecond / bare.requestsPerSecond;
  pairRatios.sort((a, b) => a - b);
  log(`  access_token length: emulator ${lengths.emulator}, bare ${lengths.bare} (limit 512)`);
  for (const r of [bare, emulator]) {
    log(
      `  ${r.name.padEnd(15)} ${String(r.requestsPerSecond).padStart(6)} req/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms  ` +
        `non-2xx ${r.non2xx}  errors ${r.errors}  ${r.requestsPerCpuSecond ?? '?'} req/CPU-s` +
        (r.cpuMicrosPerRequest
          ? ` (CPU µs/request: main thread ${r.cpuMicrosPerRequest.main}, other threads ${r.cpuMicrosPerRequest.other})`
          : ''),
    );
  }
  log(
    `  slice-pair ratios (${pairRatios.length}): median ${pct(median(pairRatios))}, ` +
      `middle 80% ${pct(quantile(pairRatios, 0.1))}–${pct(quantile(pairRatios, 0.9))}; ` +
      `round ratios ${roundRatios.map(pct).join(', ')}`,
  );
  if (emulator.requestsPerCpuSecond !== null && bare.requestsPerCpuSecond !== null) {
    log(`  ratio per CPU-second   ${pct(emulator.requestsPerCpuSecond / bare.requestsPerCpuSecond)}`);
  }
  const targets = {
    ratio: ratio >= TARGET_RATIO,
    p99: emulator.p99Ms < TARGET_P99_MS,
    coldStart: false,
  };
  log(`  ratio emulator/bare    ${pct(ratio)} req/s (target ≥ ${TARGET_RATIO * 100}%: ${yes(targets.ratio)})`);
  log(
    `  emulator p99           ${emulator.p99Ms} ms (target < ${TARGET_P99_MS} ms: ${yes(targets.p99)}); ` +
      `the bare handler's in the same slices: ${bare.p99Ms} ms`,
  );

  if (!o.coldStart) {
    log('  cold start: skipped');
    return {
      emulator,
      bare,
      ratio,
      pairRatios,
      roundRatios,
      coldStartMs: Number.NaN,
      coldStartTsxMs: Number.NaN,
      targets,
    };
  }
  // Cold start is measured as users run it: on every core, not pinned (a process pinned to one core
  // shares it with its own compiler and GC threads, and here with this process's polling).
  if (pin) spawnSync('taskset', ['-a', '-p', '-c', `0-${CORES - 1}`, String(process.pid)]);
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
  return { emulator, bare, ratio, pairRatios, roundRatios, coldStartMs, coldStartTsxMs, targets };
}
