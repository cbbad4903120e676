/**
 * CLI paths beyond the basic loop, in-process against the in-process emulator: `state show`,
 * `--secrets-env-file` (apply writes it, verify reads it, destroy cleans it), `plan --no-refresh`,
 * refresh of server-assigned values when the emulator moves to another port, and the JUnit report.
 */

import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  basicManifest,
  integrationResource,
  manifestOf,
  manyIntegrations,
  packageResource,
  tenantResource,
} from '../../packages/engine/src/testing-fixtures.js';
import { useCliHarness } from './cli-harness.js';

const SUB = 'mc563885gzs27c5t9-63k636ttgm';
const FIRST = 'http://127.0.0.1:45655';
const SECOND = 'http://127.0.0.1:4010';

const cli = useCliHarness('gf-cli-paths-');

interface StateJson {
  serial: number;
  resources: Record<string, { id: string; attributes: Record<string, unknown> }>;
}

async function readStateJson(): Promise<StateJson> {
  return JSON.parse(await readFile(join(cli.dir, '.grantform/state.json'), 'utf8')) as StateJson;
}

const endpointsAt = (origin: string) => ({
  auth: `${origin}/${SUB}.auth.marketingcloudapis.com/`,
  rest: `${origin}/${SUB}.rest.marketingcloudapis.com/`,
  soap: `${origin}/${SUB}.soap.marketingcloudapis.com/`,
});

/** Changes the integration's scopes behind grantform's back (admin API). */
async function setScopesOutOfBand(scopes: string[]): Promise<void> {
  const state = await readStateJson();
  const pkgId = state.resources['acme/crm-sync']?.id ?? '';
  const res = await cli.fetch(`${SECOND}/_emulator/packages/${pkgId}/integration`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'server-to-server',
      scopes,
      redirectUris: [],
      businessUnits: [100, 200, 300],
      pkce: 'optional',
    }),
  });
  expect(res.status).toBe(200);
}

const allBus = () =>
  manifestOf([
    tenantResource(),
    packageResource(),
    integrationResource('acme/crm-sync/api', { businessUnits: [100, 200, 300] }),
  ]);

describe('grantform state show', () => {
  it('prints one resource as recorded, and refuses an unknown address', async () => {
    // GIVEN the basic config applied
    const config = await cli.writeManifest(basicManifest());
    expect((await cli.run(['apply', '--auto-approve', '--config', config])).code).toBe(0);
    const state = await readStateJson();
    const api = state.resources['acme/crm-sync/api'];
    // WHEN shown
    const shown = await cli.run(['state', 'show', 'acme/crm-sync/api']);
    // THEN the exact state entry, with its address, and never the secret
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.out)).toEqual({ address: 'acme/crm-sync/api', ...api });
    expect(Object.keys(JSON.parse(shown.out) as object)).toEqual([
      'address',
      'kind',
      'id',
      'attributes',
      'specHash',
      'dependsOn',
    ]);
    expect(JSON.parse(shown.out)).toMatchObject({
      kind: 'api-integration',
      id: api?.attributes.clientId,
      dependsOn: ['acme/crm-sync'],
    });
    const secrets = JSON.parse(await readFile(join(cli.dir, '.grantform/state.json.secrets.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(shown.out).not.toContain(secrets.CRM_SYNC_CLIENT_SECRET);
    // WHEN an unknown address is shown
    const unknown = await cli.run(['state', 'show', 'acme/nope']);
    // THEN
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe(
      `error[ERR_UNKNOWN_ADDRESS]: no resource at address acme/nope in ${join(cli.dir, '.grantform/state.json')}\n`,
    );
  });
});

describe('--secrets-env-file', () => {
  it('apply writes NAME=value lines with mode 0600 keeping other lines, verify reads them, destroy removes them', async () => {
    // GIVEN an env file with a comment and another variable, readable by others
    const envFile = join(cli.dir, '.env.local');
    await writeFile(envFile, '# local settings\nEXISTING=keep-me\n');
    await chmod(envFile, 0o644);
    const config = await cli.writeManifest(basicManifest());
    // WHEN applied with --secrets-env-file
    const applied = await cli.run(['apply', '--auto-approve', '--config', config, '--secrets-env-file', '.env.local']);
    // THEN the secret is appended as a NAME=value line, other lines kept, and the file is 0600
    expect(applied.code).toBe(0);
    expect(applied.out).toContain(
      `Secrets written to ${envFile} (mode 0600): 1 secret; names: grantform output --secrets\n`,
    );
    const lines = (await readFile(envFile, 'utf8')).split('\n');
    expect(lines.slice(0, 2)).toEqual(['# local settings', 'EXISTING=keep-me']);
    expect(lines[2]).toMatch(/^CRM_SYNC_CLIENT_SECRET=[A-Za-z0-9_-]{20,}$/);
    expect(lines.slice(3)).toEqual(['']);
    expect((await stat(envFile)).mode & 0o777).toBe(0o600);
    const secret = lines[2]?.split('=')[1] ?? '';
    // AND the default sink was not written, and the state does not hold the value
    await expect(stat(join(cli.dir, '.grantform/state.json.secrets.json'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readFile(join(cli.dir, '.grantform/state.json'), 'utf8')).not.toContain(secret);
    // WHEN verified without the flag, the secret is not found
    const without = await cli.run(['verify', '--config', config, '--json']);
    expect(without.code).toBe(1);
    expect((JSON.parse(without.out) as { checks: unknown[] }).checks).toEqual([
      {
        address: 'acme/crm-sync/api',
        check: 'credentials',
        status: 'fail',
        detail:
          'client id or secret not found: set CRM_SYNC_CLIENT_ID and CRM_SYNC_CLIENT_SECRET, or apply first so the secrets sink holds it',
        durationMs: expect.any(Number),
      },
    ]);
    // WHEN verified with it, every check passes
    const verified = await cli.run(['verify', '--config', config, '--secrets-env-file', '.env.local', '--json']);
    expect(verified.code).toBe(0);
    expect((JSON.parse(verified.out) as { ok: boolean }).ok).toBe(true);
    // WHEN destroyed, the line goes and the others stay
    const destroyed = await cli.run([
      'destroy',
      '--auto-approve',
      '--config',
      config,
      '--secrets-env-file',
      '.env.local',
    ]);
    expect(destroyed.code).toBe(0);
    expect(await readFile(envFile, 'utf8')).toBe('# local settings\nEXISTING=keep-me\n');
    expect((await stat(envFile)).mode & 0o777).toBe(0o600);
  });
});

describe('secret names', () => {
  it('apply prints a count and the file, not every name; output --secrets and apply --json list the names', async () => {
    // GIVEN 20 integrations, each with its own secret
    const config = await cli.writeManifest(manyIntegrations(20));
    const sink = join(cli.dir, '.grantform/state.json.secrets.json');
    const names = Array.from({ length: 20 }, (_, i) => `PKG_${i}_CLIENT_SECRET`).sort();
    // WHEN applied
    const applied = await cli.run(['apply', '--auto-approve', '--config', config]);
    // THEN one short line: the count, the file, and where the names are
    expect(applied.code).toBe(0);
    expect(applied.out).toContain(
      `\nSecrets written to ${sink} (mode 0600): 20 secrets; names: grantform output --secrets\n`,
    );
    expect(applied.out.split('\n').filter((line) => line.startsWith('Secrets written'))).toHaveLength(1);
    // WHEN the names are asked for
    const listed = await cli.run(['output', '--secrets']);
    const listedJson = await cli.run(['output', '--secrets', '--json']);
    // THEN names only, one per line (never a value), and with --json each with its address
    expect(listed).toEqual({ code: 0, out: `${names.join('\n')}\n`, err: '' });
    expect(JSON.parse(listedJson.out)).toEqual({
      secretsSink: sink,
      secrets: names.map((name) => ({ name, address: `acme/pkg-${name.split('_')[1]!.padStart(5, '0')}/api` })),
    });
    const values = Object.values(JSON.parse(await readFile(sink, 'utf8')) as Record<string, string>);
    expect(values).toHaveLength(20);
    for (const value of values) expect(listed.out + listedJson.out).not.toContain(value);
    // AND apply --json names every secret it wrote
    await cli.writeManifest(manyIntegrations(21), 'more.json');
    const more = await cli.run(['apply', '--auto-approve', '--config', 'more.json', '--json']);
    expect(JSON.parse(more.out)).toMatchObject({ secretsWritten: ['PKG_20_CLIENT_SECRET'], secretsSink: sink });
  });
});

describe('grantform plan --no-refresh', () => {
  it('plans against state alone: no drift seen, no call to the target', async () => {
    // GIVEN an applied config whose scopes were changed outside grantform
    const config = await cli.writeManifest(basicManifest());
    expect((await cli.run(['apply', '--auto-approve', '--config', config])).code).toBe(0);
    await setScopesOutOfBand(['email_read']);
    // WHEN planned with refresh (the default), the drift shows
    const refreshed = await cli.run(['plan', '--config', config, '--detailed-exitcode']);
    expect(refreshed.code).toBe(2);
    expect(refreshed.out).toContain('# (changed outside grantform: scopes, businessUnits)');
    // WHEN planned with --no-refresh against a target that cannot be reached
    cli.setFetch(() => Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') })));
    const stateOnly = await cli.run(['plan', '--config', config, '--no-refresh', '--detailed-exitcode']);
    // THEN it plans from state: nothing to do, exit 0
    expect(stateOnly.err).toBe('');
    expect(stateOnly.out).toBe('No changes. The target matches the configuration.\n');
    expect(stateOnly.code).toBe(0);
    // AND without --no-refresh the unreachable target is an error
    const down = await cli.run(['plan', '--config', config]);
    expect(down.code).toBe(1);
    expect(down.err).toMatch(/^error\[ERR_TARGET_UNREACHABLE\]: cannot reach http:\/\/127\.0\.0\.1:4010: /);
  });
});

describe('refresh of server-assigned values', () => {
  it('moves endpoints to where the emulator now listens on apply, never as a diff; ids stay', async () => {
    // GIVEN the config applied while the emulator listened on port 45655
    const config = await cli.writeManifest(basicManifest());
    expect((await cli.run(['apply', '--auto-approve', '--config', config, '--endpoint', FIRST])).code).toBe(0);
    const before = await readStateJson();
    expect(before.resources['acme/crm-sync/api']?.attributes.endpoints).toEqual(endpointsAt(FIRST));
    // WHEN the emulator is reached on port 4010 and planned
    const planned = await cli.run(['plan', '--config', config, '--endpoint', SECOND, '--detailed-exitcode']);
    // THEN there is nothing to change (the endpoints are not a diff) and plan writes nothing
    expect(planned.out).toBe('No changes. The target matches the configuration.\n');
    expect(planned.code).toBe(0);
    expect((await readStateJson()).serial).toBe(before.serial);
    // WHEN applied
    const applied = await cli.run(['apply', '--auto-approve', '--config', config, '--endpoint', SECOND]);
    // THEN the state holds the new endpoints, with the same ids (one journal entry each)
    expect(applied.code).toBe(0);
    expect(applied.out).toBe(
      'No changes. The target matches the configuration.\nRefreshed in state (assigned by the target, not a change): acme, acme/crm-sync/api\n',
    );
    const after = await readStateJson();
    expect(after.serial).toBe(before.serial + 2);
    for (const address of ['acme', 'acme/crm-sync', 'acme/crm-sync/api']) {
      expect(after.resources[address]?.id).toBe(before.resources[address]?.id);
    }
    expect(after.resources['acme/crm-sync/api']?.attributes.clientId).toBe(
      before.resources['acme/crm-sync/api']?.attributes.clientId,
    );
    // AND output shows them
    const output = JSON.parse((await cli.run(['output', '--json', '--endpoint', SECOND])).out) as {
      resources: { address: string; outputs: { endpoints?: unknown } }[];
    };
    expect(output.resources.map((r) => [r.address, r.outputs.endpoints ?? null])).toEqual([
      ['acme', endpointsAt(SECOND)],
      ['acme/crm-sync', null],
      ['acme/crm-sync/api', endpointsAt(SECOND)],
    ]);
    // AND a second apply has nothing to refresh
    const again = await cli.run(['apply', '--auto-approve', '--config', config, '--endpoint', SECOND, '--json']);
    expect((JSON.parse(again.out) as { refreshed: string[] }).refreshed).toEqual([]);
    expect((await readStateJson()).serial).toBe(after.serial);
  });
});

describe('grantform verify --junit', () => {
  it('writes one testsuite per integration and one testcase per check, with failure and skipped elements', async () => {
    // GIVEN every BU declared (the undeclared-BU check is skipped) and a scope removed outside grantform
    const config = await cli.writeManifest(allBus());
    expect((await cli.run(['apply', '--auto-approve', '--config', config])).code).toBe(0);
    await setScopesOutOfBand(['data_extensions_read']);
    // WHEN verified with --junit
    const verified = await cli.run(['verify', '--config', config, '--junit', 'reports/verify.xml']);
    // THEN exit 1, and the XML has the JUnit shape CI systems read
    expect(verified.code).toBe(1);
    const xml = (await readFile(join(cli.dir, 'reports/verify.xml'), 'utf8')).replace(/time="\d+\.\d{3}"/g, 'time="T"');
    const api = 'classname="acme/crm-sync/api"';
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="grantform verify" tests="7" failures="1" skipped="1">',
        '  <testsuite name="acme/crm-sync/api" tests="7" failures="1" skipped="1">',
        `    <testcase ${api} name="scopes" time="T"><failure message="token carries [data_extensions_read], declared [data_extensions_read email_read]"/></testcase>`,
        `    <testcase ${api} name="business-unit 100" time="T"/>`,
        `    <testcase ${api} name="business-unit 200" time="T"/>`,
        `    <testcase ${api} name="business-unit 300" time="T"/>`,
        `    <testcase ${api} name="undeclared business unit refused" time="T"><skipped message="every business unit of the tenant is declared"/></testcase>`,
        `    <testcase ${api} name="instance URLs answer" time="T"/>`,
        `    <testcase ${api} name="jwt" time="T"/>`,
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
    // AND the table says the same
    expect(verified.out).toContain(
      'PASS    acme/crm-sync/api  instance URLs answer              REST answered 200; SOAP Retrieve BusinessUnit answered OverallStatus OK',
    );
    expect(verified.out).toContain('Verification FAILED: 5 passed, 1 failed, 1 skipped (1 attempt).\n');
  });
});
