/**
 * Runs `examples/ci/run.sh` for real: a real emulator process on a free 127.0.0.1 port, the
 * grantform CLI applying and verifying the config, and the CI smoke test run by a nested vitest.
 * Skips `pnpm install` (the workspace is installed) and stops the emulator at the end.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const SCRIPT = resolve(import.meta.dirname, '../run.sh');

/** The environment without the outer vitest's own variables. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('VITEST') && k !== 'NODE_OPTIONS' && k !== 'GRANTFORM_ENDPOINT') env[k] = v;
  }
  return { ...env, ...extra };
}

describe('examples/ci/run.sh', () => {
  it('starts the emulator, applies, verifies and runs the tests, then stops the emulator', async () => {
    // GIVEN a scratch directory and a free port (0: the emulator picks one and the script reads it)
    const work = await mkdtemp(join(tmpdir(), 'grantform-ci-test-'));
    try {
      // WHEN the script runs
      const { stdout } = await promisify(execFile)('bash', [SCRIPT], {
        env: cleanEnv({
          GRANTFORM_PORT: '0',
          GRANTFORM_WORK: work,
          GRANTFORM_SKIP_INSTALL: '1',
          GRANTFORM_TESTS: 'examples/ci/src/emulator-smoke.test.ts',
          NO_COLOR: '1',
        }),
        timeout: 150_000,
        maxBuffer: 16 * 1024 * 1024,
      });
      // THEN every step ran against the emulator it started
      const endpoint = /grantform CI: applied, verified and tested against (http:\/\/127\.0\.0\.1:\d+)/.exec(
        stdout,
      )?.[1];
      expect(endpoint).toBeDefined();
      expect(stdout).toContain('grantform emulator listening on');
      expect(stdout).toMatch(/Plan: 5 to create, 0 to update, 0 to replace, 0 to delete\./);
      expect(stdout).toMatch(/Verified: 8 passed, 0 failed, 0 skipped/);
      expect(stdout).toMatch(/Tests\s+2 passed/);
      const state = JSON.parse(await readFile(join(work, 'state.json'), 'utf8')) as { resources: object };
      expect(Object.keys(state.resources).sort()).toEqual([
        'tailspin',
        'tailspin/portal',
        'tailspin/portal/api',
        'tailspin/reporting',
        'tailspin/reporting/api',
      ]);
      expect(await readFile(join(work, 'verify.junit.xml'), 'utf8')).toContain('<testsuite');
      // AND the emulator is gone
      await expect(fetch(`${endpoint}/_emulator/health`)).rejects.toThrow();
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 180_000);
});
