/**
 * `verify` against a real tenant (`target: 'sfmc'`), answered by nock with the vendor's response
 * shapes (sfmc/tenant.fixture.ts). No network: nock refuses anything it does not answer.
 */

import type { Manifest } from '@grantform/config';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDesired } from '../../desired.js';
import { emptyState } from '../../state/state-file.js';
import {
  basicManifest,
  integrationResource,
  manifestOf,
  packageResource,
  TENANT_SUBDOMAIN,
  tenantResource,
} from '../../testing-fixtures.js';
import type { VerifyOptions } from '../../verify.js';
import { verify } from '../../verify.js';
import type { FakeTenantOptions } from './sfmc/tenant.fixture.js';
import { fakeSfmcTenant } from './sfmc/tenant.fixture.js';
import { SFMC_BROWSER_SKIP } from './verify.js';

const SUB = TENANT_SUBDOMAIN;
const REST = `https://${SUB}.rest.marketingcloudapis.com/`;
const SOAP = `https://${SUB}.soap.marketingcloudapis.com/`;
const ENV = { CRM_SYNC_CLIENT_ID: 'crmsyncclientid0000000000', CRM_SYNC_CLIENT_SECRET: 'crm-sync-secret-value' };

/** The integration exactly as the basic config declares it (scopes data_extensions_read email_read; BUs 100, 200). */
const asDeclared = {
  clientId: ENV.CRM_SYNC_CLIENT_ID,
  clientSecret: ENV.CRM_SYNC_CLIENT_SECRET,
  scopes: ['data_extensions_read', 'email_read'],
  mids: [100, 200],
  sourceMid: 100,
};

function tenant(overrides: Partial<FakeTenantOptions> = {}) {
  return fakeSfmcTenant({ subdomain: SUB, enterpriseId: 100, integrations: [asDeclared], ...overrides });
}

function run(manifest: Manifest, overrides: Partial<VerifyOptions> = {}) {
  const { desired, diagnostics } = createDesired(manifest);
  expect(diagnostics).toEqual([]);
  return verify({
    desired,
    state: emptyState(),
    target: 'sfmc',
    fetch: (input, init) => globalThis.fetch(input, init),
    env: ENV,
    secret: async () => undefined,
    ...overrides,
  });
}

const lines = (report: Awaited<ReturnType<typeof verify>>) =>
  report.checks.map((c) => `${c.status} ${c.check}: ${c.detail}`);

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});
afterAll(() => {
  nock.enableNetConnect();
});

describe('verify --target sfmc (server-to-server)', () => {
  it('passes when scopes are exact, declared BUs are accepted with tokenContext reporting the MID, the undeclared one is refused and the instance URLs answer', async () => {
    // GIVEN a tenant whose integration is exactly as declared
    const fake = tenant();
    // WHEN verified
    const report = await run(basicManifest());
    // THEN every check passes, with exact details (no jwt check: real tokens are opaque)
    expect(lines(report)).toEqual([
      'pass scopes: token carries exactly the 2 declared scopes',
      'pass business-unit 100: token accepted; tokenContext reports MID 100',
      'pass business-unit 200: token accepted; tokenContext reports MID 200',
      'pass undeclared business unit refused: account_id 300 refused (HTTP 401 unauthorized_client)',
      'pass instance URLs answer: REST answered 200; SOAP Retrieve BusinessUnit answered OverallStatus OK',
    ]);
    expect(report).toMatchObject({ target: 'sfmc', ok: true, attempts: 1 });
    // AND the token requests were JSON client_credentials with and without account_id, never with a scope
    expect(fake.tokenRequests.map((b) => b.account_id ?? null)).toEqual([null, 100, 200, 300]);
    expect(fake.tokenRequests.every((b) => b.grant_type === 'client_credentials' && b.scope === undefined)).toBe(true);
    // AND the SOAP call was a Retrieve of BusinessUnit with the token in fueloauth
    expect(fake.soapRequests).toHaveLength(1);
    expect(fake.soapRequests[0]).toContain('<fueloauth xmlns="http://exacttarget.com">fake.');
    expect(fake.soapRequests[0]).toContain('<ObjectType>BusinessUnit</ObjectType>');
  });

  it('sends no probe header to a real tenant (only the emulator reads it)', async () => {
    // GIVEN a tenant whose integration is exactly as declared, and a fetch that notes the header
    tenant();
    const probes: (string | null)[] = [];
    // WHEN verified
    const report = await run(basicManifest(), {
      fetch: (input, init) => {
        probes.push(new Headers(init?.headers).get('x-grantform-probe'));
        return globalThis.fetch(input, init);
      },
    });
    // THEN it passed, and none of its 8 requests (4 tokens, 2 tokenContext, REST and SOAP) carried the header
    expect(report.ok).toBe(true);
    expect(probes).toEqual(Array(8).fill(null));
  });

  it('fails each check that differs from the config, saying exactly how', async () => {
    // GIVEN an integration with an extra scope, BU 300 enabled and BU 200 not
    tenant({ integrations: [{ ...asDeclared, scopes: ['email_read', 'email_send'], mids: [100, 300] }] });
    // WHEN verified
    const report = await run(basicManifest());
    // THEN
    expect(lines(report)).toEqual([
      'fail scopes: token carries [email_read email_send], declared [data_extensions_read email_read]',
      'pass business-unit 100: token accepted; tokenContext reports MID 100',
      'fail business-unit 200: account_id 200 refused: HTTP 401 unauthorized_client: The client is not authorized to access account 200.',
      'fail undeclared business unit refused: account_id 300 was accepted but is not declared',
      'pass instance URLs answer: REST answered 200; SOAP Retrieve BusinessUnit answered OverallStatus OK',
    ]);
    expect(report.ok).toBe(false);
  });

  it('fails the BU check when tokenContext reports another MID, and reports a REST 401 Not Authorized as such', async () => {
    // GIVEN tokenContext reporting the enterprise for every token
    tenant({ tokenContextMid: () => 100 });
    const wrongMid = await run(basicManifest());
    expect(lines(wrongMid)[2]).toBe('fail business-unit 200: tokenContext reports MID 100, expected 200');
    nock.cleanAll();
    // GIVEN a REST host refusing the token
    tenant({ restRefuses: true });
    const refused = await run(basicManifest());
    expect(lines(refused).slice(1, 3)).toEqual([
      `fail business-unit 100: GET ${REST}platform/v1/tokenContext answered HTTP 401 (Not Authorized)`,
      `fail business-unit 200: GET ${REST}platform/v1/tokenContext answered HTTP 401 (Not Authorized)`,
    ]);
    expect(lines(refused)[4]).toBe(`fail instance URLs answer: GET ${REST}platform/v1/endpoints answered HTTP 401`);
  });

  it('requires a SOAP envelope with OverallStatus OK', async () => {
    tenant({ soap: 'login-failed' });
    expect(lines(await run(basicManifest()))[4]).toBe(
      `fail instance URLs answer: POST ${SOAP}Service.asmx (Retrieve BusinessUnit) answered HTTP 500 with a SOAP fault: Login Failed`,
    );
    nock.cleanAll();
    tenant({ soap: 'not-found' });
    expect(lines(await run(basicManifest()))[4]).toBe(
      `fail instance URLs answer: POST ${SOAP}Service.asmx (Retrieve BusinessUnit) answered HTTP 404 with no SOAP envelope (application/json)`,
    );
  });

  it('joins instance URLs without a trailing slash (the docs example form) correctly', async () => {
    tenant({ instanceUrlsWithoutSlash: true });
    const report = await run(basicManifest());
    expect(report.ok).toBe(true);
  });

  it('asks for a declared BU when the source BU is not declared, and reports refused credentials on every check', async () => {
    // GIVEN a package created in BU 100 that declares only BU 200
    const manifest = manifestOf([
      tenantResource(),
      packageResource(),
      integrationResource('acme/crm-sync/api', { businessUnits: [200] }),
    ]);
    const fake = tenant({ integrations: [{ ...asDeclared, mids: [200] }] });
    const report = await run(manifest);
    expect(fake.tokenRequests[0]?.account_id).toBe(200);
    expect(lines(report)[0]).toBe('pass scopes: token carries exactly the 2 declared scopes');
    expect(report.ok).toBe(true);
    nock.cleanAll();
    // GIVEN a wrong secret in env
    tenant();
    const wrong = await run(basicManifest(), { env: { ...ENV, CRM_SYNC_CLIENT_SECRET: 'wrong' } });
    expect(lines(wrong).slice(0, 2)).toEqual([
      'fail scopes: token request refused: HTTP 401 invalid_client: Client authentication failed. Make sure that the client ID and client secret are valid and that the package is installed and enabled.',
      'fail business-unit 100: account_id 100 refused: HTTP 401 invalid_client: Client authentication failed. Make sure that the client ID and client secret are valid and that the package is installed and enabled.',
    ]);
    expect(JSON.stringify(wrong)).not.toContain('wrong');
  });

  it('with wait, retries until the tenant applies the change (the vendor takes up to 5 minutes)', async () => {
    // GIVEN BU 200 is enabled only after the first attempt
    const fake = tenant({ integrations: [{ ...asDeclared, mids: [100] }] });
    const sleeps: number[] = [];
    // WHEN verified with a 5 minute wait
    const report = await run(basicManifest(), {
      waitMs: 300_000,
      intervalMs: 5000,
      sleep: async (ms) => {
        sleeps.push(ms);
        fake.update(asDeclared.clientId, { mids: [100, 200] });
      },
    });
    // THEN the second attempt passes
    expect(report).toMatchObject({ ok: true, attempts: 2 });
    expect(sleeps).toEqual([5000]);
  });
});

describe('verify --target sfmc (web and public apps)', () => {
  it('skips web and public apps with the reason, credentials or not, and sends nothing', async () => {
    // GIVEN a web app (with credentials in env) and a public app (with none)
    const manifest = manifestOf([
      tenantResource(),
      packageResource('acme/portal'),
      integrationResource('acme/portal/api', {
        type: 'web-app',
        redirectUris: ['https://portal.example.com/callback'],
        scopes: ['email_read', 'offline'],
      }),
      packageResource('acme/cli'),
      integrationResource('acme/cli/api', {
        type: 'public-app',
        redirectUris: ['https://127.0.0.1:80/callback'],
        clientSecret: null,
        pkce: 'required',
      }),
    ]);
    // WHEN verified against sfmc (nock answers nothing: any request would fail the check)
    const report = await run(manifest, {
      env: { PORTAL_CLIENT_ID: 'portalid', PORTAL_CLIENT_SECRET: 'portal-secret' },
    });
    // THEN every browser check is skipped with the reason, and the report is ok
    expect(report.checks.map((c) => `${c.status} ${c.address} ${c.check}`)).toEqual([
      'skip acme/cli/api authorization code flow',
      'skip acme/cli/api refresh',
      'skip acme/cli/api pkce',
      'skip acme/cli/api wrong redirect URI refused',
      'skip acme/portal/api authorization code flow',
      'skip acme/portal/api refresh',
      'skip acme/portal/api wrong redirect URI refused',
    ]);
    expect(new Set(report.checks.map((c) => c.detail))).toEqual(new Set([SFMC_BROWSER_SKIP]));
    expect(report.ok).toBe(true);
  });
});
