/**
 * @module
 * `pnpm bench`: runs every registered benchmark in turn and prints its results.
 * Register a bench by adding one entry to `benches`.
 */
import { enginePlanApplyBench } from './engine-plan-apply.js';
import { killApplyDrill } from './reliability/kill-apply.js';
import { tokenEndpointBench } from './token-endpoint.js';

export interface Bench {
  readonly name: string;
  run(log: (line: string) => void): Promise<unknown>;
}

export const benches: readonly Bench[] = [
  { name: 'token-endpoint', run: tokenEndpointBench },
  { name: 'engine-plan-apply', run: enginePlanApplyBench },
  // Temporary entry until `pnpm bench reliability` (bench/reliability.ts) runs every drill.
  {
    name: 'reliability-apply',
    run: (log) =>
      killApplyDrill(log, {
        ...(process.env.DRILL_PACKAGES === undefined ? {} : { packages: Number(process.env.DRILL_PACKAGES) }),
        ...(process.env.DRILL_TRIALS === undefined ? {} : { trials: Number(process.env.DRILL_TRIALS) }),
        ...(process.env.DRILL_SEED === undefined ? {} : { seed: Number(process.env.DRILL_SEED) }),
        ...(process.env.DRILL_BIN === undefined ? {} : { bin: process.env.DRILL_BIN }),
      }),
  },
];

const only = process.argv[2];
for (const bench of benches) {
  if (only && bench.name !== only) continue;
  console.log(`\n▶ ${bench.name}`);
  await bench.run((line) => console.log(line));
}
