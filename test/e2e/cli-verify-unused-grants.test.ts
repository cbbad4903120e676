/**
 * `grantform verify --warn-unused-grants` against the in-process emulator: the server-to-server
 * example applied, its nightly job run for one of its two business units, then verify warns about
 * the scopes and the business unit the job never needed, without failing; with no usage recorded it
 * says so; without the flag the report has no warnings; with `--target sfmc` the flag is refused.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNightlyJob } from '../../examples/server-to-server/src/nightly-job.js';
import { useCliHarness } from './cli-harness.js';

const EXAMPLE = resolve(import.meta.dirname, '../../examples/server-to-server/grantform.config.ts');
const ADDRESS = 'northwind/nightly-sync/api';

const cli = useCliHarness('gf-cli-unused-');

interface Report {
  ok: boolean;
  checks: { address: string; check: string; status: string }[];
  warnings?: { address: string; warning: string; detail: string }[];
}

/** Applies the example; returns the integration's client credentials and token URL. */
async function applyExample() {
  const applied = await cli.run(['apply', '--auto-approve', '--config', EXAMPLE]);
  expect(applied).toMatchObject({ code: 0, err: '' });
  const output = JSON.parse((await cli.run(['output', ADDRESS, '--json'])).out) as {
    resources: { outputs: { clientId: string; endpoints: { auth: string } } }[];
  };
  const sink = JSON.parse(await readFile(join(cli.dir, '.grantform/state.json.secrets.json'), 'utf8')) as Record<
    string,
    string
  >;
  const outputs = output.resources[0]?.outputs;
  return {
    clientId: outputs?.clientId ?? '',
    authUrl: outputs?.endpoints.auth ?? '',
    clientSecret: sink.NIGHTLY_SYNC_CLIENT_SECRET ?? '',
  };
}

describe('grantform verify --warn-unused-grants', () => {
  it('warns about the scopes and business units the job never needed, and still passes', async () => {
    // GIVEN the example applied and its nightly job run for business unit 501 only
    const creds = await applyExample();
    const runs = await runNightlyJob({ ...creds, businessUnits: [501], fetch: cli.fetch as typeof fetch });
    expect(runs.map((r) => r.tokenMid)).toEqual([501]);
    // WHEN verify runs with --warn-unused-grants
    const verified = await cli.run(['verify', '--config', EXAMPLE, '--json', '--warn-unused-grants']);
    const report = JSON.parse(verified.out) as Report;
    // THEN every check passes, and the warnings name the unused scopes and business unit
    expect(verified.code).toBe(0);
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(report.warnings).toEqual([
      {
        address: ADDRESS,
        warning: 'unused scopes',
        detail: 'email_read list_and_subscribers_read (declared, never needed by a call)',
      },
      { address: ADDRESS, warning: 'unused business units', detail: '502 (no token issued for them)' },
    ]);
    // AND, the job run again (verify's own tokens, for 501 and 502, were never recorded: it probes),
    // the table prints them after the summary
    await runNightlyJob({ ...creds, businessUnits: [501], fetch: cli.fetch as typeof fetch });
    const table = await cli.run(['verify', '--config', EXAMPLE, '--warn-unused-grants']);
    expect(table.code).toBe(0);
    expect(table.out).toContain(
      `\nWARN  ${ADDRESS}  unused scopes: email_read list_and_subscribers_read (declared, never needed by a call)\n` +
        `WARN  ${ADDRESS}  unused business units: 502 (no token issued for them)\n`,
    );
  });

  it('says when no usage was recorded, and reports no warnings without the flag', async () => {
    // GIVEN the example applied and no job run
    await applyExample();
    // WHEN verify runs without the flag
    const plain = JSON.parse((await cli.run(['verify', '--config', EXAMPLE, '--json'])).out) as Report;
    // THEN the report has no warnings at all
    expect(plain.ok).toBe(true);
    expect('warnings' in plain).toBe(false);
    // WHEN it runs with the flag (verify's own earlier run recorded nothing: it probes)
    const flagged = await cli.run(['verify', '--config', EXAMPLE, '--json', '--warn-unused-grants']);
    // THEN the one warning says there is no evidence either way, and verify still passes
    expect(flagged.code).toBe(0);
    expect((JSON.parse(flagged.out) as Report).warnings).toEqual([
      {
        address: ADDRESS,
        warning: 'no usage',
        detail: 'no token or call recorded by the emulator: nothing to say which grants are used',
      },
    ]);
  });

  it('refuses the flag with --target sfmc', async () => {
    // GIVEN a config (never applied)
    // WHEN verify targets a real tenant with --warn-unused-grants
    const refused = await cli.run(['verify', '--config', EXAMPLE, '--target', 'sfmc', '--warn-unused-grants']);
    // THEN it exits 1 saying why
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      "error[ERR_USAGE]: --warn-unused-grants reads the emulator's recorded usage; it cannot be used with --target sfmc\n",
    );
  });
});
