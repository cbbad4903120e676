/**
 * Browser test of the web console and the authorize pages, in Debian's chromium driven by
 * playwright-core (never a downloaded browser). Logs in through `/v2/authorize`, completes a code
 * flow, then checks what the console shows and saves screenshots to `emulator/test-results/`.
 *
 * Needs `/usr/bin/chromium` (or `GRANTFORM_CHROMIUM`); fails loudly without it. Set
 * `GRANTFORM_SKIP_BROWSER=1` to skip on purpose.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Manifest } from '@grantform/config';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialsEntry } from '../index.js';
import { type RunningEmulator, startEmulatorServer } from '../server.js';
import { CONSOLE_PATH } from './layout.js';

const CHROMIUM = process.env.GRANTFORM_CHROMIUM ?? '/usr/bin/chromium';
const SKIP = process.env.GRANTFORM_SKIP_BROWSER === '1';
const RESULTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../test-results');
const TSSD = 'mc9xk2c4v7b1n8m3q5w6e0r2t4yz';
const REDIRECT = 'https://127.0.0.1/callback';
const ENT = 500_000_001;

function manifest(): Manifest {
  const bu = (mid: number, name: string, parentMid: number | null) => ({ mid, name, parentMid });
  return {
    apiVersion: 'grantform.dev/v1',
    resources: [
      {
        address: 'acme',
        kind: 'tenant',
        dependsOn: [],
        spec: {
          name: 'acme',
          subdomain: TSSD,
          stackKey: 'S12',
          enterpriseMid: ENT,
          businessUnits: [
            bu(ENT, 'Acme Corp', null),
            bu(ENT + 1, 'Acme Europe', ENT),
            bu(ENT + 2, 'Acme Germany', ENT + 1),
            bu(ENT + 3, 'Acme Americas', ENT),
          ],
        },
      },
      {
        address: 'acme/storefront',
        kind: 'installed-package',
        dependsOn: ['acme'],
        spec: { tenant: 'acme', name: 'storefront', description: 'Customer web app', legacy: false, sourceMid: ENT },
      },
      {
        address: 'acme/storefront/api',
        kind: 'api-integration',
        dependsOn: ['acme/storefront'],
        spec: {
          package: 'acme/storefront',
          type: 'web-app',
          scopes: ['email_read', 'list_and_subscribers_read', 'offline'],
          redirectUris: [REDIRECT],
          businessUnits: 'all',
          clientSecret: { env: 'STOREFRONT_SECRET' },
          pkce: 'optional',
        },
      },
      {
        address: 'acme/nightly',
        kind: 'installed-package',
        dependsOn: ['acme'],
        spec: { tenant: 'acme', name: 'nightly-sync', description: 'CRM export', legacy: false, sourceMid: ENT },
      },
      {
        address: 'acme/nightly/api',
        kind: 'api-integration',
        dependsOn: ['acme/nightly'],
        spec: {
          package: 'acme/nightly',
          type: 'server-to-server',
          scopes: ['data_extensions_read', 'data_extensions_write'],
          redirectUris: [],
          businessUnits: [ENT, ENT + 1],
          clientSecret: { env: 'NIGHTLY_SECRET' },
          pkce: 'optional',
        },
      },
    ],
  };
}

/** The state badge of every token row of one client, in table order. */
async function tokenStates(page: Page, clientId: string): Promise<{ kind: string; state: string }[]> {
  const rows = page.locator(`#tokens tbody tr[data-client-id="${clientId}"]`);
  const out: { kind: string; state: string }[] = [];
  for (const row of await rows.all()) {
    out.push({
      kind: (await row.getAttribute('data-token-kind')) ?? '',
      state: (await row.locator('[data-state]').getAttribute('data-state')) ?? '',
    });
  }
  return out;
}

describe.skipIf(SKIP)('web console in chromium', () => {
  let emulator: RunningEmulator;
  let browser: BrowserContext;
  let userDataDir: string;
  let web: CredentialsEntry;
  let nightly: CredentialsEntry;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `chromium not found at ${CHROMIUM}. Install Debian's chromium (apt-get install chromium; .ci/run does) ` +
          'or set GRANTFORM_CHROMIUM to its path. To skip the browser tests on purpose: GRANTFORM_SKIP_BROWSER=1',
      );
    }
    emulator = await startEmulatorServer({ port: 0, host: '127.0.0.1', seed: { ...manifest() } });
    web = emulator.credentials.find((c) => c.address === 'acme/storefront/api')!;
    nightly = emulator.credentials.find((c) => c.address === 'acme/nightly/api')!;
    userDataDir = await mkdtemp(join(tmpdir(), 'grantform-chromium-'));
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1366, height: 900 },
    });
    // the app's redirect URI is caught here: nothing leaves 127.0.0.1
    await browser.route(`${REDIRECT}**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>callback</title><p>ok</p>' }),
    );
    await mkdir(RESULTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  });

  it('logs in through /v2/authorize, exchanges the code, and the console shows it all', async () => {
    const page = await browser.newPage();
    const auth = `${emulator.url}/${TSSD}.auth.marketingcloudapis.com`;

    // GIVEN a server-to-server token as well, so the console has more than one client
    const cc = await fetch(`${auth}/v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: nightly.clientId,
        client_secret: nightly.clientSecret,
      }),
    });
    expect(cc.status).toBe(200);

    // WHEN the user logs in and consents in the browser
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: web.clientId,
      redirect_uri: REDIRECT,
      scope: 'email_read offline',
      state: 'st-42',
    });
    await page.goto(`${auth}/v2/authorize?${q}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Log in to acme');
    await page.getByLabel('Username').fill('admin@acme');
    await page.getByLabel('Password').fill('grantform');
    await page.screenshot({ path: join(RESULTS, 'authorize-login.png') });
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Allow storefront?');
    expect(await page.locator('#scopes li').allTextContents()).toEqual(['email_read', 'offline']);
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${REDIRECT}?**`);

    // THEN the redirect carries state and code, and the code buys tokens
    const callback = new URL(page.url());
    expect(callback.searchParams.get('state')).toBe('st-42');
    const code = callback.searchParams.get('code')!;
    const token = await fetch(`${auth}/v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        client_id: web.clientId,
        client_secret: web.clientSecret,
      }),
    });
    expect(token.status).toBe(200);
    const tokens = (await token.json()) as { access_token: string; refresh_token: string };
    const userinfo = await fetch(`${auth}/v2/userinfo`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(userinfo.status).toBe(200);

    // the console: tenant and BU tree
    await page.goto(`${emulator.url}${CONSOLE_PATH}/tenants`);
    await expect.poll(() => page.locator(`h2#tenant-${TSSD}`).textContent()).toBe('acme');
    expect(await page.locator('ul.tree strong').allTextContents()).toEqual([
      'Acme Corp',
      'Acme Europe',
      'Acme Germany',
      'Acme Americas',
    ]);

    // packages: the web app with its client id, never its secret
    await page.goto(`${emulator.url}${CONSOLE_PATH}/packages`);
    const storefront = page.locator('section[data-package="storefront"]');
    expect(await storefront.locator('h3').textContent()).toContain('storefront');
    expect(await storefront.textContent()).toContain(web.clientId);
    expect(await storefront.textContent()).toContain(REDIRECT);
    expect(await page.content()).not.toContain(web.clientSecret!);

    // tokens: the code (used), access and refresh tokens, active
    await page.goto(`${emulator.url}${CONSOLE_PATH}/tokens`);
    expect(await tokenStates(page, web.clientId)).toEqual([
      { kind: 'refresh', state: 'active' },
      { kind: 'access', state: 'active' },
      { kind: 'code', state: 'used' },
    ]);
    expect(await tokenStates(page, nightly.clientId)).toEqual([{ kind: 'access', state: 'active' }]);
    const html = await page.content();
    for (const value of [tokens.access_token, tokens.refresh_token, code]) expect(html).not.toContain(value);

    // requests: the whole flow, filtered with the GET form
    await page.goto(`${emulator.url}${CONSOLE_PATH}/requests`);
    const paths = await page.locator('#requests tbody tr td:nth-child(5)').allTextContents();
    for (const p of ['/v2/authorize', '/v2/authorize/login', '/v2/authorize/consent', '/v2/token', '/v2/userinfo']) {
      expect(paths).toContain(p);
    }
    await page.getByLabel('Path starts with').fill('/v2/token');
    await page.getByLabel('Client id').selectOption(web.clientId);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL('**/requests?**');
    expect(new URL(page.url()).searchParams.get('path')).toBe('/v2/token');
    expect(await page.locator('#requests tbody tr td:nth-child(5)').allTextContents()).toEqual(['/v2/token']);

    // the overview, for people to look at
    await page.goto(`${emulator.url}${CONSOLE_PATH}`);
    expect(await page.locator('h1').textContent()).toBe('Overview');
    await page.screenshot({ path: join(RESULTS, 'console.png'), fullPage: true });

    // WHEN the clock is advanced past the access-token lifetime with the console's form
    await page.getByRole('button', { name: '+20 min (access token lifetime)' }).click();
    await page.waitForURL(`${emulator.url}${CONSOLE_PATH}`);
    expect(await page.locator('#clock-now').textContent()).toContain('+20 min offset');

    // THEN the access tokens show as expired and the refresh token is still active
    await page.goto(`${emulator.url}${CONSOLE_PATH}/tokens`);
    expect(await tokenStates(page, web.clientId)).toEqual([
      { kind: 'refresh', state: 'active' },
      { kind: 'access', state: 'expired' },
      { kind: 'code', state: 'used' },
    ]);
    expect(await tokenStates(page, nightly.clientId)).toEqual([{ kind: 'access', state: 'expired' }]);
    await page.screenshot({ path: join(RESULTS, 'console-tokens-expired.png'), fullPage: true });
    await page.close();
  }, 60_000);
});
