/**
 * The kill -9 drill at a size CI can afford: `grantform apply` of 36 server-to-server packages as a
 * real child process, killed with SIGKILL at seeded points (in package creation, integration
 * creation, and right after an answer, in the secrets file and journal writes), sometimes several
 * times in a row; then one more apply converges. The full size (200 packages, more kills) is
 * `BENCH_DRILL=kill-apply pnpm bench reliability` (bench/reliability/kill-apply.ts, the same code); its figures are in
 * the README.
 */
import { describe, expect, it } from 'vitest';
import { killApplyDrill } from '../../bench/reliability/kill-apply.js';

describe('kill -9 during apply (CI size)', () => {
  it('after every kill, one more apply converges: plan exits 0, verify passes, nothing twice, every secret kept', async () => {
    // GIVEN 4 trials of 36 packages, kill points from seed 13
    const lines: string[] = [];
    // WHEN the drill runs
    const r = await killApplyDrill((line) => lines.push(line), { packages: 36, trials: 4, seed: 13 });
    // THEN every trial converged with everything exactly once and every secret in the secrets file
    expect(
      r.perTrial.map((t) => ({
        converged: t.converged,
        finalApplyCode: t.finalApplyCode,
        planCode: t.planCode,
        verifyCode: t.verifyCode,
        duplicates: t.duplicates,
        missing: t.missing,
        secretsKept: t.secretsKept,
        pending: t.pending,
      })),
      lines.join('\n'),
    ).toEqual(
      Array.from({ length: 4 }, () => ({
        converged: true,
        finalApplyCode: 0,
        planCode: 0,
        verifyCode: 0,
        duplicates: 0,
        missing: 0,
        secretsKept: 36,
        pending: 0,
      })),
    );
    // AND the seed put real kills in package creation, integration creation and after an answer
    expect(r.kills).toBeGreaterThanOrEqual(4);
    const calls = r.perTrial.flatMap((t) => t.kills.filter((k) => k.killed).map((k) => `${k.mode} ${k.call}`));
    expect(calls.some((c) => c.includes('/packages') && !c.includes('/integration'))).toBe(true);
    expect(calls.some((c) => c.includes('/integration'))).toBe(true);
    expect(calls.some((c) => c.startsWith('after '))).toBe(true);
  }, 240_000);
});
