import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apply } from '../../../apply.js';
import { planManifest } from '../../../engine.js';
import { createMemorySecretsSink } from '../../../state/secrets-sink.js';
import { createMemoryStateStore } from '../../../state/state-store.js';
import { basicManifest, TENANT_SUBDOMAIN } from '../../../testing-fixtures.js';
import { renderChecklist } from './checklist.js';
import { createSfmcDriver } from './driver.js';

const AUTH = `https://${TENANT_SUBDOMAIN}.auth.marketingcloudapis.com`;
const ENV = { CRM_SYNC_CLIENT_ID: 'abc123clientid', CRM_SYNC_CLIENT_SECRET: 's3cret-value' };

/** The vendor's client_credentials success body (vendor-endpoints §1.2). */
function tokenBody(scope: string) {
  return {
    access_token: 'eyJhbGciOiJIUzI1NiIsImtpZCI6IjQiLCJ2ZXIiOiIxIiwidHlwIjoiSldUIn0.e30.sig.opaque',
    token_type: 'Bearer',
    expires_in: 1079,
    scope,
    soap_instance_url: `https://${TENANT_SUBDOMAIN}.soap.marketingcloudapis.com/`,
    rest_instance_url: `https://${TENANT_SUBDOMAIN}.rest.marketingcloudapis.com/`,
  };
}

/** The tenant: the integration has only email_read, and BUs 100 and 300 (not 200). */
function tenantAnswers() {
  return nock(AUTH)
    .persist()
    .post('/v2/token', (b: Record<string, unknown>) => b.client_id === ENV.CRM_SYNC_CLIENT_ID)
    .reply((_uri, body) => {
      const b = body as Record<string, unknown>;
      if (b.client_secret !== ENV.CRM_SYNC_CLIENT_SECRET || b.grant_type !== 'client_credentials') {
        return [401, { error: 'invalid_client', error_description: 'Client authentication failed.' }];
      }
      if (b.account_id !== undefined && ![100, 300].includes(Number(b.account_id))) {
        return [
          401,
          {
            error: 'unauthorized_client',
            error_description: 'The client is not authorized to access this business unit.',
          },
        ];
      }
      return [200, tokenBody('email_read')];
    });
}

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});
afterAll(() => {
  nock.enableNetConnect();
});

describe('sfmc driver (read-only)', () => {
  it('reads scopes and business units with the integration credentials and plans exactly the differences', async () => {
    // GIVEN a tenant answering as above
    const scope = tenantAnswers();
    const driver = createSfmcDriver({ env: ENV });
    // WHEN planned against the basic config (scopes data_extensions_read+email_read, BUs 100+200)
    const { plan, desired } = await planManifest({
      manifest: basicManifest(),
      driver,
      store: createMemoryStateStore(),
    });
    // THEN only the integration changes, attribute by attribute
    expect(plan.changes.map((c) => `${c.action} ${c.address}`)).toEqual(['update acme/crm-sync/api']);
    expect(plan.changes[0]?.attributes.map((a) => ({ name: a.name, added: a.added, removed: a.removed }))).toEqual([
      { name: 'scopes', added: ['data_extensions_read'], removed: [] },
      { name: 'businessUnits', added: [200], removed: [300] },
    ]);
    // AND the checklist names the console steps precisely
    expect(renderChecklist(plan, { desired, notes: driver.notes })).toBe(
      [
        'Marketing Cloud has no API for installed packages: make these 2 changes in the console.',
        '',
        '[ ] 1. Setup → Platform Tools → Apps → Installed Packages → crm-sync → API Integration → Edit',
        '       Tick: Data Extensions: Read (data_extensions_read)',
        '       Save',
        '[ ] 2. Setup → Platform Tools → Apps → Installed Packages → crm-sync → Access → Manage',
        '       Enable: 200 (Acme EU)',
        '       Disable: 300 (Acme US)',
        '',
        'Changes take up to 5 minutes to take effect. Then run: grantform verify --target sfmc --wait 5m',
        '',
      ].join('\n'),
    );
    expect(scope.isDone()).toBe(true);
  });

  it('plans a new package as console steps when no credentials are set, and apply refuses', async () => {
    // GIVEN no credentials in env (nothing may be requested)
    const driver = createSfmcDriver({ env: {} });
    const store = createMemoryStateStore();
    // WHEN planned
    const { plan, desired } = await planManifest({ manifest: basicManifest(), driver, store });
    // THEN the tenant is taken as existing, the package and integration are to be created
    expect(plan.changes.map((c) => `${c.action} ${c.address}`)).toEqual([
      'create acme/crm-sync',
      'create acme/crm-sync/api',
    ]);
    const text = renderChecklist(plan, { desired, notes: driver.notes });
    expect(text).toContain(
      'Note: acme/crm-sync/api: set CRM_SYNC_CLIENT_ID and CRM_SYNC_CLIENT_SECRET to read this integration; without them it is planned as new',
    );
    expect(text).toContain(
      [
        '[ ] 1. Setup → Platform Tools → Apps → Installed Packages → New',
        '       Name: crm-sync',
        '       Description: CRM sync',
        '       Save',
        '[ ] 2. Setup → Platform Tools → Apps → Installed Packages → crm-sync → Add Component → API Integration → Server-to-Server → Next',
        '       Scopes (tick exactly these): Data Extensions: Read (data_extensions_read), Email: Read (email_read)',
        '       Save',
        '[ ] 3. Setup → Platform Tools → Apps → Installed Packages → crm-sync → Access → Manage',
        '       Enable exactly: 100 (Acme), 200 (Acme EU)',
        '[ ] 4. Copy the Client Id into CRM_SYNC_CLIENT_ID and the Client Secret into CRM_SYNC_CLIENT_SECRET (never into git)',
      ].join('\n'),
    );
    await expect(apply(plan, { driver, store, secrets: createMemorySecretsSink() })).rejects.toMatchObject({
      code: 'ERR_TARGET_READ_ONLY',
    });
  });

  it('treats refused credentials as not created, with a note that never shows the secret', async () => {
    tenantAnswers();
    const driver = createSfmcDriver({ env: { ...ENV, CRM_SYNC_CLIENT_SECRET: 'wrong' } });
    const { plan } = await planManifest({ manifest: basicManifest(), driver, store: createMemoryStateStore() });
    expect(plan.changes.map((c) => c.action)).toEqual(['create', 'create']);
    expect(driver.notes.map((n) => n.message)).toEqual([
      'the tenant refused CRM_SYNC_CLIENT_ID/CRM_SYNC_CLIENT_SECRET (invalid_client: Client authentication failed.); planned as new',
    ]);
  });
});
