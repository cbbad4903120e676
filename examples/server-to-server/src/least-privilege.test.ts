/**
 * Least privilege from evidence, end to end: the nightly job runs against an emulator seeded from this
 * example's config; `emulator.usage()` and `grantform advise` (the real CLI, reading the exported
 * usage) report the two scopes it never uses; the suggested diff removes exactly those; after
 * `git apply` of that diff (on a temp copy of the config) the job still passes and
 * `advise --fail-on unused` exits 0; and a call needing a scope the config does not declare makes
 * `advise --fail-on missing` exit 2, naming the scope and the call.
 */
import '@grantform/testing/vitest';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadManifest } from '@grantform/engine/config';
import { startEmulator, type TestEmulator } from '@grantform/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import app from '../grantform.config.js';
import { runNightlyJob } from './nightly-job.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = join(ROOT, 'packages/engine/bin/grantform.js');
const CONFIG = fileURLToPath(new URL('../grantform.config.ts', import.meta.url));
const ADDRESS = 'northwind/nightly-sync/api';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(file: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    execFile(file, [...args], { cwd, env: { ...process.env, NO_COLOR: '1' } }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : 1;
      done({ code, stdout, stderr });
    });
  });
}

const grantform = (args: readonly string[], cwd: string) => run(process.execPath, [BIN, ...args], cwd);

describe('examples/server-to-server: least privilege from evidence', () => {
  let dir: string;
  let emulator: TestEmulator | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'grantform-least-privilege-'));
  });
  afterEach(async () => {
    await emulator?.dispose();
    emulator = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  /** Seeds an emulator, runs the job for both regions, and writes the recorded usage to `usage.json`. */
  async function runJob(
    seed: Parameters<typeof startEmulator>[0],
    extra?: (token: string, restUrl: string) => Promise<void>,
  ) {
    await emulator?.dispose();
    emulator = await startEmulator(seed);
    emulator.route();
    const { clientId, clientSecret, authUrl } = emulator.credentials.get(ADDRESS, 'server-to-server');
    const report = await runNightlyJob({ clientId, clientSecret, authUrl, businessUnits: [501, 502] });
    if (extra !== undefined) {
      const t = await emulator.token(ADDRESS, { accountId: 501 });
      await extra(t.access_token, t.rest_instance_url);
    }
    await writeFile(join(dir, 'usage.json'), JSON.stringify(await emulator.usageExport()));
    return report;
  }
  const advise = (...flags: string[]) =>
    grantform(['advise', '--config', 'grantform.config.ts', '--usage', 'usage.json', ...flags], dir);

  it('reports the unused scopes, suggests a diff removing exactly them, and passes once it is applied', async () => {
    // GIVEN the job ran against the emulator seeded from the config as it is
    await copyFile(CONFIG, join(dir, 'grantform.config.ts'));
    await runJob({ app });
    // WHEN emulator.usage() reports on it
    const [report] = (await emulator!.usage()).integrations;
    // THEN only data_extensions_read was used, in both business units; nothing was refused
    expect(report).toMatchObject({
      address: ADDRESS,
      seen: true,
      declaredScopes: ['data_extensions_read', 'email_read', 'list_and_subscribers_read'],
      usedScopes: ['data_extensions_read'],
      unusedScopes: ['email_read', 'list_and_subscribers_read'],
      missing: [],
      businessUnits: { declared: ['501', '502'], used: ['501', '502'], unused: [] },
      suggestedScopes: ['data_extensions_read'],
    });

    // WHEN grantform advise reads the exported usage
    const before = await advise();
    // THEN it reports the same, and the diff removes exactly the two unused scopes
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('  unused scopes     email_read list_and_subscribers_read\n');
    const changed = before.stdout.split('\n').filter((l) => /^[-+] /.test(l));
    expect(changed).toEqual([
      "-  scopes: ['data_extensions_read', 'email_read', 'list_and_subscribers_read'],",
      "+  scopes: ['data_extensions_read'],",
    ]);
    expect((await advise('--fail-on', 'unused')).code).toBe(2);

    // WHEN the diff is applied to the copy
    const json = JSON.parse((await advise('--json')).stdout) as { patch: string };
    await writeFile(join(dir, 'advise.patch'), json.patch);
    const applied = await run('git', ['apply', 'advise.patch'], dir);
    expect(applied).toMatchObject({ code: 0, stderr: '' });
    // THEN the job still passes against an emulator seeded from the patched config
    const patched = await loadManifest(join(dir, 'grantform.config.ts'));
    const reports = await runJob({ manifest: patched });
    expect(reports.map((r) => [r.mid, r.tokenMid, r.scopes])).toEqual([
      [501, 501, ['data_extensions_read']],
      [502, 502, ['data_extensions_read']],
    ]);
    // AND advise --fail-on unused exits 0 with nothing left to suggest
    const after = await advise('--fail-on', 'unused');
    expect(after).toMatchObject({ code: 0, stderr: '' });
    expect(after.stdout).toContain('No change suggested');
  });

  it('fails --fail-on missing when a call needs a scope the config does not declare, naming both', async () => {
    // GIVEN the job plus one transactional send, which needs email_send (not declared)
    await copyFile(CONFIG, join(dir, 'grantform.config.ts'));
    await runJob({ app }, async (token, restUrl) => {
      const res = await fetch(new URL('messaging/v1/email/messages', restUrl), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ definitionKey: 'nightly', recipients: [{ contactKey: 'ops' }] }),
      });
      expect(res.status).toBe(403);
    });
    // WHEN advise runs with --fail-on missing
    const result = await advise('--fail-on', 'missing');
    // THEN it exits 2 and names the scope and the call, and the diff adds the scope
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      '  missing scope     email_send for REST POST /messaging/v1/email/messages (refused 1×)\n',
    );
    expect(result.stderr).toBe('advise: found missing scopes (--fail-on missing)\n');
    expect(result.stdout.split('\n').filter((l) => /^[-+] /.test(l))).toEqual([
      "-  scopes: ['data_extensions_read', 'email_read', 'list_and_subscribers_read'],",
      "+  scopes: ['data_extensions_read', 'email_send'],",
    ]);
    expect(await readFile(join(dir, 'grantform.config.ts'), 'utf8')).toBe(await readFile(CONFIG, 'utf8'));
  });
});
