/**
 * The token-endpoint benchmark, run end to end with tiny durations: both servers are bundled, started
 * as child processes, probed and loaded in interleaved slices. This checks that the bench works and
 * reports every figure; it never asserts how fast anything is (that is the bench's own job).
 */
import { describe, expect, it } from 'vitest';
import { tokenEndpointBench } from '../bench/token-endpoint.js';

describe('token-endpoint benchmark (smoke)', () => {
  it('bundles and starts both servers, loads them in interleaved slices, and reports every figure', async () => {
    // GIVEN the smallest run: one round of two 0.25 s slice pairs, no pinning, no cold start
    const lines: string[] = [];
    // WHEN it runs
    const r = await tokenEndpointBench((line) => lines.push(line), {
      durationSeconds: 0.5,
      sliceSeconds: 0.25,
      warmupSeconds: 0.25,
      rounds: 1,
      coldStart: false,
      pin: false,
    });
    // THEN every request of both servers succeeded, both issued the same 452-character token, and
    // the figures are consistent with each other
    for (const side of [r.emulator, r.bare]) {
      expect({ non2xx: side.non2xx, errors: side.errors }).toEqual({ non2xx: 0, errors: 0 });
      expect(side.requestsPerSecond).toBeGreaterThan(0);
      expect(side.p99Ms).toBeGreaterThanOrEqual(side.p50Ms);
    }
    expect(lines).toContain('  access_token length: emulator 452, bare 452 (limit 512)');
    expect(r.pairRatios).toHaveLength(2);
    expect(r.roundRatios).toHaveLength(1);
    expect(r.ratio).toBe(r.emulator.requestsPerSecond / r.bare.requestsPerSecond);
    expect(r.targets.ratio).toBe(r.ratio >= 0.85);
    expect(lines.at(-1)).toBe('  cold start: skipped');
  }, 60_000);
});
