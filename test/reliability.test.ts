/**
 * The reliability drills of `pnpm bench reliability` (bench/reliability/*) at a size CI can afford,
 * each against real emulator processes: the cross-origin matrix in full, a fuzz pass with a fixed seed,
 * and kill -9 under token load with `--state`. They assert what the emulator promises, never how fast
 * anything is.
 */
import { describe, expect, it } from 'vitest';
import { crossOriginDrill } from '../bench/reliability/cross-origin.js';
import { checkAnswer, fuzzDrill } from '../bench/reliability/fuzz.js';
import { killEmulatorDrill } from '../bench/reliability/kill-emulator.js';
import { createRandom } from '../bench/reliability/random.js';

describe('reliability drills (CI size)', () => {
  it('cross-origin: every refusal and every allowed case of the matrix, and no change from the refusals', async () => {
    // WHEN the matrix runs against a seeded emulator process
    const r = await crossOriginDrill();
    // THEN every case answered as expected
    expect(r.rows.filter((row) => !row.ok)).toEqual([]);
    expect(r.rows).toHaveLength(26);
    expect(r.unchangedAfterRefusals).toBe(true);
  }, 120_000);

  it('fuzz: 500 seeded malformed requests, no 5xx but SOAP faults, no stack trace or secret, still answering', async () => {
    // WHEN seed 13 is sent
    const r = await fuzzDrill({ requests: 500, seed: 13 });
    // THEN nothing broke a rule, every family was exercised, and the process still answers
    expect(r.failures).toEqual([]);
    for (const [family, { requests }] of Object.entries(r.byFamily)) {
      expect({ family, exercised: requests > 20 }).toEqual({ family, exercised: true });
    }
    expect(r.soapFaults).toBeGreaterThan(0);
    expect(r.answeringAfterwards).toBe(true);
  }, 120_000);

  it('kill -9 under token load: acknowledged admin writes survive, tokens are lost only inside the batching window', async () => {
    // WHEN two seeded trials kill the process under load and restart it on its state file
    const r = await killEmulatorDrill({ trials: 2, seed: 13, loadMs: [800, 1200], connections: 4 });
    // THEN every acknowledged admin write survived, no token acknowledged before an admin commit was
    // lost, the restart left no temp file, and after a quiet second nothing was lost at all
    for (const t of r.trials) {
      expect({
        adminWritesLost: t.adminWritesLost,
        before: t.tokensLostBeforeAdminCommit,
        tmp: t.tempFilesAfterRestart,
      }).toEqual({
        adminWritesLost: 0,
        before: 0,
        tmp: 0,
      });
    }
    expect(r.trials.reduce((n, t) => n + t.adminWritesAcked, 0)).toBeGreaterThan(0);
    expect(r.trials.reduce((n, t) => n + t.tokensAcked, 0)).toBeGreaterThan(0);
    expect(r.quiet).toEqual({ tokensAcked: 20, tokensLost: 0 });
  }, 180_000);
});

describe('fuzz drill rules', () => {
  const SECRET = 'sEcReT-0123456789abcdef';
  it('allows SOAP faults only, and catches 5xx, stack traces and secrets', () => {
    expect(checkAnswer('soap', 500, '<soap:Envelope><soap:Body><soap:Fault>…', [SECRET])).toEqual({
      reasons: [],
      soapFault: true,
    });
    expect(checkAnswer('soap', 500, 'Internal Server Error', [])).toEqual({ reasons: ['HTTP 500'], soapFault: false });
    expect(checkAnswer('token', 502, '{}', []).reasons).toEqual(['HTTP 502']);
    expect(checkAnswer('admin', 400, 'TypeError: x\n    at parse (/app/src/params.ts:12:3)', []).reasons).toEqual([
      'a stack trace or file path in the body',
    ]);
    expect(checkAnswer('token', 401, `{"error":"invalid_client","secret":"${SECRET}"}`, [SECRET]).reasons).toEqual([
      'a secret in the body',
    ]);
    expect(checkAnswer('token', 400, '{"error":"invalid_request"}', [SECRET])).toEqual({
      reasons: [],
      soapFault: false,
    });
  });

  it('the seeded PRNG repeats itself for a seed and differs across seeds', () => {
    const draw = (seed: number) => {
      const r = createRandom(seed);
      return Array.from({ length: 5 }, () => r.int(0, 1_000_000));
    };
    expect(draw(13)).toEqual(draw(13));
    expect(draw(13)).not.toEqual(draw(14));
  });
});
