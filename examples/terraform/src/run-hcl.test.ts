/**
 * Runs `examples/terraform/run-hcl.sh` for real: an emulator process on a free 127.0.0.1 port, the
 * provider installed with `grantform terraform install --dir`, and the local `terraform` applying
 * `hcl/main.tf`, planning no changes and destroying. Skipped, with the reason printed, when
 * `terraform` is not on PATH.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const SCRIPT = resolve(import.meta.dirname, '../run-hcl.sh');
const terraform = (process.env.PATH ?? '')
  .split(delimiter)
  .some((d) => spawnSync(join(d, 'terraform'), ['version'], { stdio: 'ignore' }).status === 0);
if (!terraform) console.warn('examples/terraform run-hcl.test.ts: skipped, `terraform` is not on PATH');

/** The environment without the outer vitest's own variables. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('VITEST') && k !== 'NODE_OPTIONS' && !k.startsWith('TF_') && k !== 'GRANTFORM_ENDPOINT') {
      env[k] = v;
    }
  }
  return { ...env, ...extra };
}

describe.skipIf(!terraform)('examples/terraform/run-hcl.sh', () => {
  it('applies the plain HCL with the local terraform, plans no changes and destroys, offline', async () => {
    // GIVEN a scratch directory and a free port (0: the emulator picks one and the script reads it)
    const work = await mkdtemp(join(tmpdir(), 'grantform-tf-example-'));
    try {
      // WHEN the documented command runs
      const { stdout } = await promisify(execFile)('bash', [SCRIPT], {
        env: cleanEnv({ GRANTFORM_PORT: '0', GRANTFORM_WORK: work, NO_COLOR: '1' }),
        timeout: 150_000,
        maxBuffer: 16 * 1024 * 1024,
      });
      // THEN init found the provider in the plugin directory, and apply, plan and destroy ran
      expect(stdout).toContain('- Installing grantform/grantform v0.1.0...');
      expect(stdout).toContain('Apply complete! Resources: 5 added, 0 changed, 0 destroyed.');
      expect(stdout).toContain(
        'data_sync_token = "business unit 301, scopes data_extensions_read data_extensions_write"',
      );
      expect(stdout).toContain('data_sync_client_secret_env = "GRANTFORM_LITWARE_DATA_SYNC_API_CLIENT_SECRET"');
      expect(stdout).toContain('No changes. Your infrastructure matches the configuration.');
      expect(stdout).toContain('Destroy complete! Resources: 5 destroyed.');
      expect(stdout).toMatch(
        /examples\/terraform\/hcl: applied, planned with no changes, and destroyed against http:\/\/127\.0\.0\.1:\d+/,
      );
      // AND the secrets sink is empty again, the state too
      expect(JSON.parse(await readFile(join(work, 'hcl/.grantform/terraform.secrets.json'), 'utf8'))).toEqual({});
      const state = JSON.parse(await readFile(join(work, 'hcl/terraform.tfstate'), 'utf8')) as { resources: unknown[] };
      expect(state.resources).toEqual([]);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 180_000);
});
