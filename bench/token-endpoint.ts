/**
 * @module
 * Token-endpoint benchmark: client_credentials throughput and p99 latency at 32 connections
 * (autocannon, loopback) for the emulator vs a bare Hono + jose handler signing the same ES256 token,
 * each server in its own process pinned to one core (taskset, when available) while the load
 * generator runs here; plus the emulator's cold start (process spawn → first 200), both from
 * TypeScript sources through tsx and from an esbuild bundle.
 * `BENCH_DURATION` (seconds, default 10) sets each load run's length.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONNECTIONS = 32;

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p99Ms: number;
  non2xx: number;
}

export interface TokenEndpointBenchResult {
  emulator: LoadResult;
  bare: LoadResult;
  /** emulator / bare throughput */
  ratio: number;
  coldStartTsxMs: number;
  coldStartBundleMs: number;
}

interface ServerInfo {
  url: string;
  tokenUrl: string;
  body: unknown;
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

async function load(name: string, info: ServerInfo, duration: number): Promise<LoadResult> {
  const opts = {
    url: info.tokenUrl,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(info.body),
    connections: CONNECTIONS,
  };
  await autocannon({ ...opts, duration: 2 }); // warm-up (JIT, key caches)
  const r = await autocannon({ ...opts, duration });
  return { name, requestsPerSecond: Math.round(r.requests.average), p99Ms: r.latency.p99, non2xx: r.non2xx };
}

async function coldStart(cmd: string[], runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...cmd, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
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
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]!);
}

export async function tokenEndpointBench(log: (line: string) => void = console.log): Promise<TokenEndpointBenchResult> {
  const duration = Number(process.env.BENCH_DURATION ?? 10);
  log(
    `token endpoint: client_credentials, ${CONNECTIONS} connections, ${duration}s each, server pinned to one core: ${pin}`,
  );
  const results: LoadResult[] = [];
  for (const [name, script] of [
    ['bare hono+jose ES256', 'bench/servers/bare-server.ts'],
    ['emulator ES256', 'bench/servers/emulator-server.ts'],
  ] as const) {
    const { child, info } = await startChild(script);
    try {
      results.push(await load(name, info, duration));
    } finally {
      child.kill('SIGTERM');
    }
  }
  const [bare, emulator] = results as [LoadResult, LoadResult];
  const ratio = emulator.requestsPerSecond / bare.requestsPerSecond;
  for (const r of results) {
    log(
      `  ${r.name.padEnd(22)} ${String(r.requestsPerSecond).padStart(6)} req/s  p99 ${r.p99Ms} ms  non-2xx ${r.non2xx}`,
    );
  }
  log(`  ratio emulator/bare    ${(ratio * 100).toFixed(1)}% (target ≥ 85%)`);

  const coldStartTsxMs = await coldStart(['--import', 'tsx', 'emulator/src/main.ts']);
  const outdir = mkdtempSync(join(tmpdir(), 'gf-bench-'));
  await build({
    entryPoints: [join(ROOT, 'emulator/src/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: join(outdir, 'main.mjs'),
    banner: { js: "import{createRequire}from'node:module';const require=createRequire(import.meta.url);" },
    logLevel: 'error',
  });
  const coldStartBundleMs = await coldStart([join(outdir, 'main.mjs')]);
  log(
    `  cold start (spawn → first 200, median of 5): tsx sources ${coldStartTsxMs} ms, esbuild bundle ${coldStartBundleMs} ms (target < 400 ms)`,
  );
  return { emulator, bare, ratio, coldStartTsxMs, coldStartBundleMs };
}
