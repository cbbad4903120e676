/**
 * @module
 * `pnpm bench reliability`: the fault drills at full size, each a module under `bench/reliability/`,
 * with their figures (the test suite runs the same drills smaller: `test/reliability.test.ts`).
 * Add a drill by adding one entry to {@link drills}. Sizes come from the environment:
 * `BENCH_SEED` (default 13), `BENCH_FUZZ_REQUESTS` (default 10000), `BENCH_KILL_TRIALS` (default 8),
 * `BENCH_KILL_APPLY_TRIALS` (default 20) and `BENCH_KILL_APPLY_PACKAGES` (default 200);
 * `BENCH_DRILL=fuzz` runs one drill only.
 * Exits non-zero (through `process.exitCode`) when a drill finds a broken promise.
 */
import { crossOriginDrill } from './reliability/cross-origin.js';
import { fuzzDrill } from './reliability/fuzz.js';
import { killApplyDrill } from './reliability/kill-apply.js';
import { killEmulatorDrill } from './reliability/kill-emulator.js';

type Log = (line: string) => void;

export interface ReliabilityDrill {
  readonly name: string;
  /** Runs the drill at full size, logs its figures, and says whether every promise held. */
  run(log: Log, env: NodeJS.ProcessEnv): Promise<boolean>;
}

const seedOf = (env: NodeJS.ProcessEnv) => Number(env.BENCH_SEED ?? 13);

export const drills: readonly ReliabilityDrill[] = [
  {
    name: 'cross-origin',
    async run(log) {
      const r = await crossOriginDrill({ log });
      return r.failed === 0 && r.unchangedAfterRefusals;
    },
  },
  {
    name: 'fuzz',
    async run(log, env) {
      const r = await fuzzDrill({ requests: Number(env.BENCH_FUZZ_REQUESTS ?? 10_000), seed: seedOf(env), log });
      return r.failures.length === 0 && r.answeringAfterwards;
    },
  },
  {
    name: 'kill-emulator',
    async run(log, env) {
      const r = await killEmulatorDrill({
        trials: Number(env.BENCH_KILL_TRIALS ?? 8),
        seed: seedOf(env),
        loadMs: [500, 3000],
        connections: 16,
        log,
      });
      return (
        r.quiet.tokensLost === 0 &&
        r.trials.every(
          (t) => t.adminWritesLost === 0 && t.tokensLostBeforeAdminCommit === 0 && t.tempFilesAfterRestart === 0,
        )
      );
    },
  },
  {
    name: 'kill-apply',
    async run(log, env) {
      const r = await killApplyDrill(log, {
        trials: Number(env.BENCH_KILL_APPLY_TRIALS ?? 20),
        packages: Number(env.BENCH_KILL_APPLY_PACKAGES ?? 200),
        seed: seedOf(env),
      });
      return r.converged === r.trials && r.duplicates === 0 && r.missing === 0 && r.secretsKept === r.secretsExpected;
    },
  },
];

/** Runs every drill (or only `only`) and prints a one-line verdict per drill at the end. */
export async function reliabilityBench(
  log: Log,
  env: NodeJS.ProcessEnv = process.env,
  only?: string,
): Promise<boolean> {
  const verdicts: string[] = [];
  let ok = true;
  for (const drill of drills) {
    if (only !== undefined && drill.name !== only) continue;
    log(`  ▷ ${drill.name}`);
    const started = performance.now();
    const held = await drill.run(log, env);
    ok &&= held;
    verdicts.push(`    ${held ? '✓' : '✗'} ${drill.name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  log(['  verdict:', ...verdicts].join('\n'));
  if (!ok) process.exitCode = 1;
  return ok;
}
