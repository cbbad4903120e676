/**
 * `grantform verify` does not count as the clients' usage: against a listening emulator (real HTTP),
 * `grantform apply` then `grantform verify` of Marketing Cloud integrations (server-to-server on two
 * business units, web and public apps with refresh tokens) and Constant Contact applications and a
 * partner leave `GET /_emulator/usage` empty, since every request verify makes carries
 * `x-grantform-probe: verify`; a job's token request afterwards (no header) is recorded. So do the
 * token proofs of `grantform rotate` (`x-grantform-probe: rotate`).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulatorServer } from '../../emulator/src/server.js';
import { ctctManifest } from '../../emulator/src/vendors/constant-contact/test-fixtures.js';
import { ENT, manifest } from '../../emulator/src/vendors/marketing-cloud/testing/fixtures.js';
import type { UsageExport } from '../../packages/config/src/usage.js';
import { useCliHarness } from './cli-harness.js';

const cli = useCliHarness('gf-cli-probe-');

interface Report {
  ok: boolean;
  checks: { address: string; check: string; status: string }[];
}

describe('grantform verify against a listening emulator', () => {
  let server: RunningEmulator;
  beforeEach(async () => {
    server = await startEmulatorServer({ port: 0, headlessAuthorize: true, constantContact: { rateLimits: false } });
    cli.setFetch(globalThis.fetch);
  });
  afterEach(async () => {
    await server.close();
  });
  const usage = async () => (await (await fetch(`${server.url}/_emulator/usage`)).json()) as UsageExport;

  it('records none of the tokens and calls verify makes; a job token afterwards is recorded', async () => {
    // GIVEN Marketing Cloud integrations and Constant Contact applications applied to the emulator
    const mc = manifest();
    const config = await cli.writeManifest({ ...mc, resources: [...mc.resources, ...ctctManifest().resources] });
    const flags = ['--config', config, '--endpoint', server.url];
    expect(await cli.run(['apply', '--auto-approve', ...flags])).toMatchObject({ code: 0, err: '' });
    // WHEN verify runs
    const verified = await cli.run(['verify', '--json', ...flags]);
    const report = JSON.parse(verified.out) as Report;
    // THEN it passes, having requested tokens for every integration, refreshed them and made calls
    expect(verified.code).toBe(0);
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(report.checks.filter((c) => c.address.startsWith('acme/')).map((c) => `${c.address} ${c.check}`)).toEqual([
      'acme/spa/api authorization code flow',
      'acme/spa/api refresh',
      'acme/spa/api pkce',
      'acme/spa/api wrong redirect URI refused',
      'acme/sync/api scopes',
      'acme/sync/api business-unit 100000001',
      'acme/sync/api business-unit 100000002',
      'acme/sync/api undeclared business unit refused',
      'acme/sync/api instance URLs answer',
      'acme/sync/api jwt',
      'acme/web/api authorization code flow',
      'acme/web/api refresh',
      'acme/web/api wrong redirect URI refused',
    ]);
    const addresses = [...new Set(report.checks.filter((c) => c.status === 'pass').map((c) => c.address))].sort();
    expect(addresses).toEqual([
      'acme/spa/api',
      'acme/sync/api',
      'acme/web/api',
      'ctct/apps/agency-app',
      'ctct/apps/desktop',
      'ctct/apps/newsletter',
      'ctct/apps/reports',
      'ctct/partners/agency',
    ]);
    // AND the emulator recorded no usage at all: no client, business unit, scope or call
    expect(await usage()).toMatchObject({ integrations: [], droppedClients: 0 });

    // WHEN a job gets a token for the server-to-server integration (no probe header)
    const [api] = (
      JSON.parse((await cli.run(['output', 'acme/sync/api', '--json', ...flags.slice(2)])).out) as {
        resources: { outputs: { clientId: string; endpoints: { auth: string } } }[];
      }
    ).resources;
    const secrets = JSON.parse(await readFile(join(cli.dir, '.grantform/state.json.secrets.json'), 'utf8')) as Record<
      string,
      string
    >;
    const token = await fetch(new URL('v2/token', api?.outputs.endpoints.auth), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: api?.outputs.clientId,
        client_secret: secrets.SYNC_SECRET, // the fixture's clientSecret env
        account_id: ENT,
      }),
    });
    expect(token.status).toBe(200);
    // THEN that token, and only it, is recorded, for the business unit it asked for
    const after = await usage();
    expect(
      after.integrations.map((u) => [u.clientId, u.tokens.count, u.businessUnits.map((b) => b.id), u.calls]),
    ).toEqual([[api?.outputs.clientId, 1, [String(ENT)], []]]);
  });

  it("records none of rotate's token proofs", async () => {
    // GIVEN the integrations and applications applied
    const mc = manifest();
    const config = await cli.writeManifest({ ...mc, resources: [...mc.resources, ...ctctManifest().resources] });
    const flags = ['--config', config, '--endpoint', server.url];
    expect(await cli.run(['apply', '--auto-approve', ...flags])).toMatchObject({ code: 0, err: '' });
    // WHEN the server-to-server integration's, an application's and the partner's secrets are rotated
    const addresses = ['acme/sync/api', 'ctct/apps/newsletter', 'ctct/partners/agency'];
    const rotated = await cli.run(['rotate', ...addresses, '--advance-emulator-clock', ...flags]);
    // THEN each secret was proven with token requests (staged, new, old refused)
    expect(rotated.code).toBe(0);
    expect(rotated.out).toContain('Rotation complete! 3 secrets rotated.\n');
    expect(rotated.out.split('\n').filter((l) => l.includes('the new secret works'))).toHaveLength(3);
    // AND the emulator recorded no usage
    expect(await usage()).toMatchObject({ integrations: [], droppedClients: 0 });
  });
});
