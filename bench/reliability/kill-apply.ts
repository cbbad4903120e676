/**
 * @module
 * The "kill during apply" drill (issue 13): `grantform apply` of N server-to-server packages, run as
 * a real child process, is killed with SIGKILL at points chosen by a seeded PRNG, then one more
 * `apply --force-unlock` must converge: `plan --detailed-exitcode` exits 0, `verify` passes, no
 * package exists twice, and every integration's secret is in the secrets file.
 *
 * The kill points are counted in admin calls the emulator (running in this process) receives from
 * the apply, so they are exact and repeatable. Each kill is one of:
 * - `arrive`: when the k-th call arrives, the apply is killed, and then the call is processed (the
 *   target did it; the dead apply never heard): lands in package and integration creation;
 * - `drop`: when the k-th call arrives, the apply is killed and the call is never processed;
 * - `after`: the k-th call is answered, and the apply is killed 0–15 ms later: lands in what the apply
 *   does with an answer (the secrets file, the state journal) and in the next calls.
 * A trial is a fresh emulator and state; it kills 1–`maxKillsPerTrial` applies in a row (a kill can
 * land in the recovery of the previous one) before the apply that must converge.
 *
 * `killApplyDrill(log, opts)` is the full-size drill (`BENCH_DRILL=kill-apply pnpm bench reliability`,
 * README figures); the CI test (test/e2e/drill-kill-apply.test.ts) runs the same code at a smaller size.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../packages/engine/src/cli/io.js';
import { main } from '../../packages/engine/src/cli/main.js';
import { manyIntegrations, TENANT_SUBDOMAIN } from '../../packages/engine/src/testing-fixtures.js';
import type { AdminCall, CliResult, DrillEmulator } from './drill-harness.js';
import { spawnCli, startDrillEmulator } from './drill-harness.js';
import { createRandom } from './random.js';

export type KillMode = 'arrive' | 'drop' | 'after';

export interface KillApplyOptions {
  /** Server-to-server packages (each with its integration). @default 200 */
  readonly packages?: number;
  /** Fresh emulator + state each. @default 20 */
  readonly trials?: number;
  /** Kills in a row per trial (each trial picks 1 to this many). @default 3 */
  readonly maxKillsPerTrial?: number;
  /** @default 13 */
  readonly seed?: number;
  /** `--parallelism` of every apply. @default 32 */
  readonly parallelism?: number;
  /** The `grantform` bin to drill (another checkout's, to compare). @default this checkout's */
  readonly bin?: string;
}

export interface KillRecord {
  readonly mode: KillMode;
  /** The admin call of that apply it was aimed at (1-based). */
  readonly at: number;
  /** What that call was (`POST /_emulator/tenants/…/packages`), or null when the apply ended first. */
  readonly call: string | null;
  /** The apply was really killed (SIGKILL) before it finished. */
  readonly killed: boolean;
}

export interface TrialResult {
  readonly trial: number;
  readonly kills: readonly KillRecord[];
  /** The final apply exited 0, plan --detailed-exitcode exited 0 and verify passed. */
  readonly converged: boolean;
  readonly finalApplyCode: number | null;
  readonly planCode: number;
  readonly verifyCode: number;
  /** Packages on the emulator minus distinct names (0: nothing created twice). */
  readonly duplicates: number;
  /** Declared packages missing on the emulator, or without an integration. */
  readonly missing: number;
  /** Integrations whose secret is in the secrets file. */
  readonly secretsKept: number;
  /** Operations still pending in the state after the final apply. */
  readonly pending: number;
  readonly ms: number;
  /** stderr of the final apply when it failed. */
  readonly error?: string;
}

export interface KillApplyResult {
  readonly packages: number;
  readonly trials: number;
  readonly seed: number;
  /** Applies really killed (SIGKILL while running). */
  readonly kills: number;
  readonly killsByMode: Readonly<Record<KillMode, number>>;
  /** Kill points the apply finished before reaching. */
  readonly missedKills: number;
  readonly converged: number;
  /** Sum over trials of integrations whose secret was kept, and how many there were. */
  readonly secretsKept: number;
  readonly secretsExpected: number;
  readonly duplicates: number;
  readonly missing: number;
  readonly ms: number;
  readonly perTrial: readonly TrialResult[];
}

/** Admin calls a fresh apply of `n` packages makes: tenant, test user, and a package and integration each. */
const callsFor = (n: number) => 2 + 2 * n;

async function runInProcess(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ cwd });
  const code = await main(['node', 'grantform', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

/** Runs one apply child, killing it as `kill` says (or not at all). */
async function applyWithKill(
  emu: DrillEmulator,
  flags: string[],
  cwd: string,
  kill: { mode: KillMode; at: number; delayMs: number } | null,
  bin?: string,
): Promise<{ result: CliResult; call: string | null }> {
  const running = spawnCli(['apply', '--auto-approve', '--force-unlock', ...flags], cwd, bin);
  const base = emu.mutations();
  let call: string | null = null;
  if (kill !== null) {
    const target = base + kill.at;
    const describe = (c: AdminCall) => `${c.method} ${c.path.replace(/[0-9a-f-]{36}/, '{id}')}`;
    emu.setHook({
      before: async (c) => {
        if (c.n !== target || kill.mode === 'after') return 'process';
        call = describe(c);
        await running.kill();
        return kill.mode === 'drop' ? 'drop' : 'process';
      },
      after: (c) => {
        if (c.n !== target || kill.mode !== 'after') return;
        call = describe(c);
        setTimeout(() => void running.kill(), kill.delayMs);
      },
    });
  }
  const result = await running.done;
  emu.setHook(null);
  return { result, call };
}

async function trial(
  i: number,
  n: number,
  random: () => number,
  maxKills: number,
  parallelism: number,
  bin: string | undefined,
): Promise<TrialResult> {
  const started = performance.now();
  const dir = await mkdtemp(join(tmpdir(), 'gf-drill-kill-'));
  const emu = await startDrillEmulator();
  try {
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manyIntegrations(n)));
    const flags = [
      '--config',
      'manifest.json',
      '--endpoint',
      emu.url,
      '--state',
      'state.json',
      '--parallelism',
      String(parallelism),
    ];
    const kills: KillRecord[] = [];
    const howMany = 1 + Math.floor(random() * maxKills);
    for (let j = 0; j < howMany; j += 1) {
      // Aim within the calls this apply still has to make (what exists already is not made again).
      const made = await emu.get<{ items?: { integration: unknown }[] }>(`/tenants/${TENANT_SUBDOMAIN}/packages`);
      const items = made.items ?? []; // no tenant yet: an error body without items
      const done =
        (made.items === undefined ? 0 : 2) + items.length + items.filter((p) => p.integration !== null).length;
      const left = Math.max(1, callsFor(n) - done);
      const mode = (['arrive', 'drop', 'after'] as const)[Math.floor(random() * 3)] ?? 'arrive';
      const at = 1 + Math.floor(random() * left);
      const delayMs = Math.floor(random() * 16);
      const { result, call } = await applyWithKill(emu, flags, dir, { mode, at, delayMs }, bin);
      kills.push({ mode, at, call, killed: result.signal === 'SIGKILL' });
    }
    const final = await applyWithKill(emu, flags, dir, null, bin);
    const plan = await runInProcess(['plan', '--detailed-exitcode', ...flags.slice(0, 6)], dir);
    const verified = await runInProcess(['verify', ...flags.slice(0, 6)], dir);
    const packages = await emu.get<{ items: { name: string; integration: unknown }[] }>(
      `/tenants/${TENANT_SUBDOMAIN}/packages`,
    );
    const names = new Set(packages.items.map((p) => p.name));
    const withIntegration = new Set(packages.items.filter((p) => p.integration !== null).map((p) => p.name));
    const secrets = JSON.parse(
      await readFile(join(dir, 'state.json.secrets.json'), 'utf8').catch(() => '{}'),
    ) as Record<string, string>;
    const state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as { pending?: Record<string, unknown> };
    let missing = 0;
    let secretsKept = 0;
    for (let p = 0; p < n; p += 1) {
      const name = `pkg-${String(p).padStart(5, '0')}`;
      if (!names.has(name) || !withIntegration.has(name)) missing += 1;
      if (typeof secrets[`PKG_${p}_CLIENT_SECRET`] === 'string') secretsKept += 1;
    }
    const converged = final.result.code === 0 && plan.code === 0 && verified.code === 0;
    return {
      trial: i,
      kills,
      converged,
      finalApplyCode: final.result.code,
      planCode: plan.code,
      verifyCode: verified.code,
      duplicates: packages.items.length - names.size,
      missing,
      secretsKept,
      pending: Object.keys(state.pending ?? {}).length,
      ms: performance.now() - started,
      ...(converged ? {} : { error: `${final.result.stderr}${plan.err}${verified.out.slice(-2000)}` }),
    };
  } finally {
    await emu.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Runs the drill; `log` gets one line per trial and a summary.
 * @example
 * const r = await killApplyDrill(console.log, { packages: 200, trials: 20, seed: 13 });
 */
export async function killApplyDrill(
  log: (line: string) => void,
  opts: KillApplyOptions = {},
): Promise<KillApplyResult> {
  const n = opts.packages ?? 200;
  const trials = opts.trials ?? 20;
  const seed = opts.seed ?? 13;
  const maxKills = opts.maxKillsPerTrial ?? 3;
  const parallelism = opts.parallelism ?? 32;
  const random = createRandom(seed).next;
  const started = performance.now();
  log(
    `kill -9 during apply: ${trials} trials of ${n} server-to-server packages, seed ${seed}, parallelism ${parallelism}`,
  );
  const perTrial: TrialResult[] = [];
  for (let i = 1; i <= trials; i += 1) {
    const t = await trial(i, n, random, maxKills, parallelism, opts.bin);
    perTrial.push(t);
    const kills = t.kills
      .map((k) => `${k.mode}@${k.at}${k.killed ? '' : ' (finished first)'}${k.call === null ? '' : ` ${k.call}`}`)
      .join(', ');
    log(
      `  trial ${String(i).padStart(2)}: ${t.converged ? 'converged' : 'DID NOT CONVERGE'} · kills: ${kills} · secrets ${t.secretsKept}/${n} · duplicates ${t.duplicates} · missing ${t.missing} · ${(t.ms / 1000).toFixed(1)} s`,
    );
    if (t.error !== undefined) log(`    ${t.error.split('\n').slice(0, 8).join('\n    ')}`);
  }
  const all = perTrial.flatMap((t) => t.kills);
  const killed = all.filter((k) => k.killed);
  const result: KillApplyResult = {
    packages: n,
    trials,
    seed,
    kills: killed.length,
    killsByMode: {
      arrive: killed.filter((k) => k.mode === 'arrive').length,
      drop: killed.filter((k) => k.mode === 'drop').length,
      after: killed.filter((k) => k.mode === 'after').length,
    },
    missedKills: all.length - killed.length,
    converged: perTrial.filter((t) => t.converged).length,
    secretsKept: perTrial.reduce((s, t) => s + t.secretsKept, 0),
    secretsExpected: trials * n,
    duplicates: perTrial.reduce((s, t) => s + t.duplicates, 0),
    missing: perTrial.reduce((s, t) => s + t.missing, 0),
    ms: performance.now() - started,
    perTrial,
  };
  log(
    `  total: ${result.converged}/${trials} converged · ${result.kills} kills (arrive ${result.killsByMode.arrive}, drop ${result.killsByMode.drop}, after ${result.killsByMode.after}; ${result.missedKills} aimed past the end) · secrets kept ${result.secretsKept}/${result.secretsExpected} · duplicates ${result.duplicates} · missing ${result.missing} · ${(result.ms / 1000).toFixed(1)} s`,
  );
  return result;
}
