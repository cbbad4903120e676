/**
 * `grantform import` of Constant Contact resources, through the CLI in-process against the
 * in-process emulator: import → paste the printed code → `plan --detailed-exitcode` shows no
 * changes → `verify` passes with the secret the import put in the sink → `destroy` leaves the
 * emulator empty.
 */

import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useCliHarness } from './cli-harness.js';

const ORIGIN = 'http://127.0.0.1:4010';
const CONFIG_ENTRY = pathToFileURL(resolve(import.meta.dirname, '../../packages/config/src/index.ts')).href;
const API_KEY = 'newsletter-key-0001';
const PARTNER_KEY = 'agency-app-key-0001';
const PARTNER_ID = 'agencypartner01';

const cli = useCliHarness('gf-ctct-import-', { headlessAuthorize: true, constantContact: { rateLimits: false } });

async function admin(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await cli.app.request(`${ORIGIN}/_emulator/ctct${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>);
}

/** Pastes imported code into grantform.config.ts (the package import pointed at the source). */
async function paste(code: string): Promise<void> {
  await writeFile(join(cli.dir, 'grantform.config.ts'), code.replace("'@grantform/config'", `'${CONFIG_ENTRY}'`));
}

async function emulatorItems(kind: 'applications' | 'partners' | 'accounts'): Promise<unknown[]> {
  return (await admin('GET', `/${kind}`)).items as unknown[];
}

describe('grantform import ctct/…', () => {
  it('an application: import → paste → no changes → verify → destroy leaves nothing', async () => {
    // GIVEN an application made outside grantform
    const created = await admin('POST', '/applications', {
      name: 'newsletter',
      apiKey: API_KEY,
      scopes: ['account_read', 'contact_data', 'offline_access'],
      redirectUris: ['https://app.example.com/cb'],
    });
    const env = { NEWSLETTER_SECRET: String(created.secret) };
    // WHEN imported with its API key, the secret in an env var
    const imported = await cli.run(
      ['import', 'ctct/apps/newsletter', '--client-id', API_KEY, '--client-secret-env', 'NEWSLETTER_SECRET', '--json'],
      env,
    );
    // THEN
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    const out = JSON.parse(imported.out) as { kind: string; addedToState: string[]; notes: string[]; code: string };
    expect(out).toMatchObject({ kind: 'ctct-application', addedToState: ['ctct/apps/newsletter'], notes: [] });
    expect(imported.out).not.toContain(env.NEWSLETTER_SECRET);
    const statePath = join(cli.dir, '.grantform/state.json');
    expect(await readFile(statePath, 'utf8')).not.toContain(env.NEWSLETTER_SECRET);
    expect(JSON.parse(await readFile(`${statePath}.secrets.json`, 'utf8'))).toEqual(env);

    // WHEN the printed code is pasted and planned
    await paste(out.code);
    const plan = await cli.run(['plan', '--detailed-exitcode']);
    // THEN no changes
    expect(plan.err).toBe('');
    expect(plan.code).toBe(0);
    expect(plan.out).toContain('No changes.');

    // WHEN verified (the secret comes from the sink the import wrote)
    const verified = await cli.run(['verify', '--json']);
    expect(verified.code).toBe(0);
    expect(
      (JSON.parse(verified.out) as { checks: { check: string; status: string }[] }).checks.map(
        (c) => `${c.status} ${c.check}`,
      ),
    ).toEqual([
      'pass authorization code flow',
      'pass jwt',
      'pass refresh',
      'pass scoped v3 call',
      'pass undeclared scope refused',
    ]);
    // THEN verify left no account behind
    expect(await emulatorItems('accounts')).toEqual([]);

    // WHEN destroyed
    expect((await cli.run(['destroy', '--auto-approve'])).code).toBe(0);
    // THEN the emulator is empty
    expect(await emulatorItems('applications')).toEqual([]);
    expect(await emulatorItems('accounts')).toEqual([]);
  });

  it('a partner with its application and client accounts: import → paste → no changes → verify', async () => {
    // GIVEN a partner, its application and two client accounts made outside grantform
    await admin('POST', '/applications', {
      name: 'agency-app',
      apiKey: PARTNER_KEY,
      scopes: ['account_read', 'contact_data'],
      redirectUris: ['https://agency.example.com/cb'],
    });
    const partner = await admin('POST', '/partners', {
      name: 'agency',
      applicationApiKey: PARTNER_KEY,
      partnerClientId: PARTNER_ID,
    });
    await admin('POST', '/accounts', {
      partnerClientId: PARTNER_ID,
      managed: true,
      loginName: 'bakery_owner',
      contactEmail: 'owner@bakery.example',
      organizationName: 'bakery',
      stateCode: 'MA',
    });
    await admin('POST', '/accounts', {
      partnerClientId: PARTNER_ID,
      loginName: 'florist_owner',
      contactEmail: 'owner@florist.example',
      organizationName: 'florist',
      countryCode: 'GB',
    });
    const env = { AGENCY_PARTNER_SECRET: String(partner.partnerSecret) };
    // WHEN imported with the partner credentials
    const imported = await cli.run(
      [
        'import',
        'ctct/partners/agency',
        '--client-id',
        PARTNER_ID,
        '--client-secret-env',
        'AGENCY_PARTNER_SECRET',
        '--json',
      ],
      env,
    );
    // THEN
    expect(imported.err).toBe('');
    const out = JSON.parse(imported.out) as { addedToState: string[]; code: string };
    expect(out.addedToState).toEqual([
      'ctct/apps/agency-app',
      'ctct/partners/agency',
      'ctct/partners/agency/accounts/bakery',
      'ctct/partners/agency/accounts/florist',
    ]);
    // WHEN pasted and planned
    await paste(out.code);
    const plan = await cli.run(['plan', '--detailed-exitcode']);
    expect(plan.err).toBe('');
    expect(plan.code).toBe(0);
    // WHEN the partner is verified
    const verified = await cli.run(['verify', '--address', 'ctct/partners/agency', '--json']);
    expect(
      (JSON.parse(verified.out) as { checks: { check: string; status: string; detail: string }[] }).checks.map(
        (c) => `${c.status} ${c.check}: ${c.detail}`,
      ),
    ).toEqual([
      'pass partner token: partner token, expires_in 3600',
      'pass client accounts: 2 declared client account(s) listed with x-api-key',
    ]);
    // WHEN destroyed
    expect((await cli.run(['destroy', '--auto-approve'])).code).toBe(0);
    expect(await emulatorItems('applications')).toEqual([]);
    expect(await emulatorItems('partners')).toEqual([]);
    expect(await emulatorItems('accounts')).toEqual([]);
  });

  it('refuses a missing secret without reading argv, and a Marketing Cloud address without --subdomain', async () => {
    const missing = await cli.run([
      'import',
      'ctct/partners/agency',
      '--client-id',
      PARTNER_ID,
      '--client-secret-env',
      'NOPE',
    ]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('error[ERR_USAGE]: set NOPE to the partner secret');
    const mc = await cli.run(['import', 'acme/crm-sync/api', '--client-id', 'x', '--client-secret-env', 'S'], {
      S: 's',
    });
    expect(mc.code).toBe(1);
    expect(mc.err).toContain('error[ERR_USAGE]: --subdomain is required');
  });
});
