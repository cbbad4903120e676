/**
 * @module
 * The packages as a user installs them: tarball and install sizes, and cold starts of the installed
 * CLI and emulator beside Terraform's on the same machine. Packs the four packages (`pnpm pack`,
 * each `prepack` building), installs the tarballs with npm into a temporary project outside the
 * workspace (no cdktf), then times, from a fresh process each run:
 *
 * - `grantform --version`, `grantform --help` (targets: under 150 ms);
 * - `grantform synth` of examples/basic (under 400 ms);
 * - `grantform plan` against a running emulator holding the applied example (under 500 ms);
 * - `grantform-emulator --port 0` and with `--seed manifest.json`: spawn → its "listening" line (under 400 ms);
 * - `terraform version` and `terraform plan` of nine `terraform_data` resources, applied (Terraform's
 *   own cold start for comparison; HOME and TF_CLI_CONFIG_FILE in a temporary directory,
 *   CHECKPOINT_DISABLE=1 so it calls no one).
 *
 * Commands run as the installed bins (`node_modules/.bin/…`), as package scripts and `npx` run them;
 * `npx` itself adds its own start-up (timed once, beside). Every figure is the median of `RUNS`
 * fresh processes (env BENCH_RUNS, default 15) with the fastest run, and the median CPU time (user +
 * system, GNU time) of the commands that exit: on a busy machine wall time measures the scheduler as
 * much as the code, so the machine's CPU count and load are printed with them.
 * Only the install reaches a registry (npm's); everything else talks to 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cleanEnv,
  diskBytes,
  installProject,
  type PackageName,
  packAll,
  ROOT,
  removeUnlessKept,
  sh,
  startListening,
  tarballFiles,
} from '../test/pack/pack.js';

/** Fresh processes per measured command. */
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TERRAFORM = process.env.TERRAFORM ?? '/usr/local/bin/terraform';

export interface InstalledBenchRow {
  readonly what: string;
  /** Wall time, spawn to exit (or to the "listening" line): median and fastest run. */
  readonly medianMs: number;
  readonly minMs: number;
  /** CPU time (user + system) of the process, median; absent for servers and without GNU time. */
  readonly cpuMedianMs?: number;
  readonly targetMs?: number;
}

export interface InstalledBenchResult {
  readonly tarballs: { name: PackageName; packedBytes: number; files: number }[];
  readonly installBytes: { nodeModules: number; grantform: number };
  readonly rows: InstalledBenchRow[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

/** GNU time, for the CPU time (user + system) of a child: less sensitive to a busy machine than wall time. */
const GNU_TIME = '/usr/bin/time';

/** Wall time of one process, spawn to exit, and its CPU time when GNU time is there (ms). */
async function timeOnce(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ wallMs: number; cpuMs?: number }> {
  const cpuFile = join(cwd, `.bench-cpu-${process.pid}`);
  const withTime = existsSync(GNU_TIME);
  const [cmd, argv] = withTime ? [GNU_TIME, ['-f', '%U %S', '-o', cpuFile, command, ...args]] : [command, [...args]];
  const wallMs = await new Promise<number>((done, fail) => {
    const t0 = performance.now();
    const child = spawn(cmd, argv, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.on('error', fail);
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      if (code === 0) done(ms);
      else fail(new Error(`${command} ${args.join(' ')} exited ${code}: ${err}`));
    });
  });
  if (!withTime) return { wallMs };
  const [user, system] = (await readFile(cpuFile, 'utf8')).trim().split(/\s+/).map(Number);
  return { wallMs, cpuMs: ((user ?? 0) + (system ?? 0)) * 1000 };
}

async function timeRuns(
  what: string,
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  targetMs?: number,
): Promise<InstalledBenchRow> {
  await timeOnce(command, args, cwd, env); // warm the file system cache, as a second run would be
  const runs: { wallMs: number; cpuMs?: number }[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await timeOnce(command, args, cwd, env));
  const wall = runs.map((r) => r.wallMs);
  const cpu = runs.flatMap((r) => (r.cpuMs === undefined ? [] : [r.cpuMs]));
  return {
    what,
    medianMs: median(wall),
    minMs: Math.min(...wall),
    ...(cpu.length === 0 ? {} : { cpuMedianMs: median(cpu) }),
    ...(targetMs === undefined ? {} : { targetMs }),
  };
}

/** Spawn → "listening on" line, for a server command (stopped after each run). */
async function timeListening(
  what: string,
  command: string,
  args: readonly string[],
  cwd: string,
  targetMs?: number,
): Promise<InstalledBenchRow> {
  const once = async () => {
    const t0 = performance.now();
    const started = await startListening(command, args, { cwd });
    const ms = performance.now() - t0;
    await started.stop();
    return ms;
  };
  await once();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await once());
  return { what, medianMs: median(times), minMs: Math.min(...times), ...(targetMs === undefined ? {} : { targetMs }) };
}

/** Nine `terraform_data` resources (as many as examples/basic has), applied, for `terraform plan`. */
async function terraformProject(dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  await mkdir(dir, { recursive: true });
  const resources = Array.from(
    { length: 9 },
    (_, i) => `resource "terraform_data" "r${i}" {\n  input = { name = "resource-${i}", scopes = ["email_send"] }\n}\n`,
  );
  await writeFile(join(dir, 'main.tf'), resources.join('\n'));
  await sh(TERRAFORM, ['init', '-input=false', '-no-color'], { cwd: dir, env });
  await sh(TERRAFORM, ['apply', '-auto-approve', '-input=false', '-no-color'], { cwd: dir, env });
}

export async function installedBench(log: (line: string) => void): Promise<InstalledBenchResult> {
  const work = await mkdtemp(join(tmpdir(), 'grantform-bench-installed-'));
  try {
    log(
      `machine: ${cpus().length} CPU cores, load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; node ${process.version}`,
    );
    const t0 = performance.now();
    const packed = await packAll(join(work, 'tarballs'));
    log(`packed (and built) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const tarballs: InstalledBenchResult['tarballs'] = [];
    for (const t of Object.values(packed)) {
      const files = (await tarballFiles(t.path)).length;
      tarballs.push({ name: t.name, packedBytes: t.bytes, files });
      log(`  ${t.name.padEnd(20)} ${(t.bytes / 1024).toFixed(1).padStart(7)} KiB packed, ${files} files`);
    }

    const project = join(work, 'project');
    const t1 = performance.now();
    await installProject(project, 'npm', packed);
    const nodeModules = await diskBytes(join(project, 'node_modules'));
    const grantform = await diskBytes(join(project, 'node_modules/@grantform'));
    log(
      `npm install: ${((performance.now() - t1) / 1000).toFixed(1)} s; node_modules ${(nodeModules / 2 ** 20).toFixed(1)} MiB, of which @grantform/* ${(grantform / 2 ** 20).toFixed(1)} MiB`,
    );
    await writeFile(
      join(project, 'grantform.config.ts'),
      await readFile(join(ROOT, 'examples/basic/grantform.config.ts'), 'utf8'),
    );

    const env = cleanEnv();
    const bin = (name: string) => join(project, 'node_modules/.bin', name);
    const rows: InstalledBenchRow[] = [];
    const add = (row: InstalledBenchRow) => {
      rows.push(row);
      const cpu = row.cpuMedianMs === undefined ? '' : `, CPU ${row.cpuMedianMs.toFixed(0).padStart(4)} ms`;
      const target = row.targetMs === undefined ? '' : `  (target < ${row.targetMs} ms)`;
      log(
        `  ${row.what.padEnd(52)} ${row.medianMs.toFixed(0).padStart(5)} ms median, ${row.minMs.toFixed(0).padStart(5)} ms fastest${cpu}${target}`,
      );
    };
    log(`cold starts, median of ${RUNS} fresh processes:`);
    add(await timeRuns('node -e 0 (the floor)', process.execPath, ['-e', '0'], project, env));
    add(await timeRuns('grantform --version', bin('grantform'), ['--version'], project, env, 150));
    add(await timeRuns('grantform --help', bin('grantform'), ['--help'], project, env, 150));
    add(await timeRuns('grantform synth (examples/basic)', bin('grantform'), ['synth'], project, env, 400));

    const manifest = join(project, '.grantform/synth/manifest.json');
    const emulator = await startListening(bin('grantform-emulator'), ['--port', '0'], { cwd: project });
    try {
      const endpoint = ['--endpoint', emulator.url];
      await sh(bin('grantform'), ['apply', '--auto-approve', ...endpoint], { cwd: project, env });
      add(
        await timeRuns(
          'grantform plan (running emulator, no changes)',
          bin('grantform'),
          ['plan', ...endpoint],
          project,
          env,
          500,
        ),
      );
    } finally {
      await emulator.stop();
    }
    add(
      await timeListening(
        'grantform-emulator --port 0 → listening',
        bin('grantform-emulator'),
        ['--port', '0'],
        project,
        400,
      ),
    );
    add(
      await timeListening(
        'grantform-emulator --seed manifest.json → listening',
        bin('grantform-emulator'),
        ['--port', '0', '--seed', manifest],
        project,
        400,
      ),
    );
    add(
      await timeListening(
        'grantform emulator --port 0 → listening',
        bin('grantform'),
        ['emulator', '--port', '0'],
        project,
      ),
    );
    const npxOnce = await timeOnce('npx', ['--no', '--', 'grantform', '--version'], project, env);
    log(`  (npx --no -- grantform --version, once: ${npxOnce.wallMs.toFixed(0)} ms: npx's own start-up on top)`);

    const tfHome = join(work, 'terraform-home');
    await mkdir(tfHome, { recursive: true });
    await writeFile(join(tfHome, 'terraformrc'), '');
    const tfEnv = cleanEnv({ HOME: tfHome, TF_CLI_CONFIG_FILE: join(tfHome, 'terraformrc'), CHECKPOINT_DISABLE: '1' });
    const tfDir = join(work, 'terraform');
    await terraformProject(tfDir, tfEnv);
    add(await timeRuns('terraform version', TERRAFORM, ['version'], tfDir, tfEnv));
    add(
      await timeRuns(
        'terraform plan (9 terraform_data, no changes)',
        TERRAFORM,
        ['plan', '-input=false', '-no-color'],
        tfDir,
        tfEnv,
      ),
    );
    log(
      `load at the end ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    return { tarballs, installBytes: { nodeModules, grantform }, rows };
  } finally {
    await removeUnlessKept(work);
  }
}
