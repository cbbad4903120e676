/**
 * @module
 * `pnpm bench`: runs every registered benchmark in turn and prints its results.
 * Register a bench by adding one entry to `benches`.
 */
import { enginePlanApplyBench } from './engine-plan-apply.js';
import { installedBench } from './installed.js';
import { reliabilityBench } from './reliability.js';
import { terraformBench } from './terraform.js';
import { tokenEndpointBench } from './token-endpoint.js';

export interface Bench {
  readonly name: string;
  run(log: (line: string) => void): Promise<unknown>;
}

export const benches: readonly Bench[] = [
  { name: 'token-endpoint', run: tokenEndpointBench },
  { name: 'engine-plan-apply', run: enginePlanApplyBench },
  { name: 'installed', run: installedBench },
  { name: 'reliability', run: (log) => reliabilityBench(log, process.env, process.env.BENCH_DRILL) },
  { name: 'terraform', run: terraformBench },
];

const only = process.argv[2];
for (const bench of benches) {
  if (only && bench.name !== only) continue;
  console.log(`\n▶ ${bench.name}`);
  await bench.run((line) => console.log(line));
}
