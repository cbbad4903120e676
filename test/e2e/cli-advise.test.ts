/**
 * `grantform advise` run in-process against the in-process emulator (no usage file): the
 * server-to-server example applied, its nightly job run for one of its two business units; advise
 * reads `GET /_emulator/usage`, matches the client by the id in state, and reports and diffs both the
 * unused scopes and the unused business unit; `--json` carries the same; a bad `--fail-on` is refused.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNightlyJob } from '../../examples/server-to-server/src/nightly-job.js';
import { useCliHarness } from './cli-harness.js';

const EXAMPLE = resolve(import.meta.dirname, '../../examples/server-to-server/grantform.config.ts');
const ADDRESS = 'northwind/nightly-sync/api';

const cli = useCliHarness('gf-cli-advise-');

describe('grantform advise against a running emulator', () => {
  it('reports and diffs the unused scopes and business unit of the job', async () => {
    // GIVEN the example applied and the job run for business unit 501 only
    expect((await cli.run(['apply', '--auto-approve', '--config', EXAMPLE])).code).toBe(0);
    const [api] = (
      JSON.parse((await cli.run(['output', ADDRESS, '--json'])).out) as {
        resources: { outputs: { clientId: string; endpoints: { auth: string } } }[];
      }
    ).resources;
    const sink = JSON.parse(await readFile(join(cli.dir, '.grantform/state.json.secrets.json'), 'utf8')) as Record<
      string,
      string
    >;
    await runNightlyJob({
      clientId: api?.outputs.clientId ?? '',
      clientSecret: sink.NIGHTLY_SYNC_CLIENT_SECRET ?? '',
      authUrl: api?.outputs.endpoints.auth ?? '',
      businessUnits: [501],
      fetch: cli.fetch as typeof fetch,
    });
    // WHEN advise reads the emulator's usage
    const text = await cli.run(['advise', '--config', EXAMPLE, '--fail-on', 'unused']);
    // THEN it names the client from state, the unused scopes and business unit, and exits 2
    expect(text.code).toBe(2);
    expect(text.err).toBe('advise: found unused grants (--fail-on unused)\n');
    expect(text.out).toContain(
      `${ADDRESS} (marketing-cloud, client ${api?.outputs.clientId})\n` +
        '  declared scopes   data_extensions_read email_read list_and_subscribers_read\n' +
        '  used scopes       data_extensions_read\n' +
        '  unused scopes     email_read list_and_subscribers_read\n' +
        '  business units    declared 501 502; used 501\n' +
        '  unused business units 502\n',
    );
    // AND the diff narrows both literals
    expect(text.out.split('\n').filter((l) => /^[-+] /.test(l))).toEqual([
      "-  scopes: ['data_extensions_read', 'email_read', 'list_and_subscribers_read'],",
      '-  businessUnits: [501, 502],',
      "+  scopes: ['data_extensions_read'],",
      '+  businessUnits: [501],',
    ]);
    // AND --json carries the same findings and changes
    const json = JSON.parse((await cli.run(['advise', '--config', EXAMPLE, '--json'])).out) as {
      findings: { unused: boolean; missing: boolean };
      failed: string[];
      changes: { address: string; field: string; to: unknown }[];
    };
    expect(json.findings).toEqual({ unused: true, missing: false });
    expect(json.failed).toEqual([]);
    expect(json.changes.map((c) => [c.address, c.field, c.to])).toEqual([
      [ADDRESS, 'scopes', ['data_extensions_read']],
      [ADDRESS, 'businessUnits', [501]],
    ]);
  });

  it('refuses a --fail-on it does not know', async () => {
    // GIVEN any config
    // WHEN advise is asked to fail on something it cannot find
    const refused = await cli.run(['advise', '--config', EXAMPLE, '--fail-on', 'unused,everything']);
    // THEN it exits 1 saying what it takes
    expect(refused.code).toBe(1);
    expect(refused.err).toBe('error[ERR_USAGE]: --fail-on takes unused or missing, not everything\n');
  });
});
