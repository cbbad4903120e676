import { describe, expect, it } from 'vitest';
import { GrantformApp } from './constructs/grantform-app.js';
import { Tenant } from './constructs/tenant.js';
import { synth } from './synth.js';
import { renderUsageReport, type UsageExport, usageReport } from './usage.js';

function manifest() {
  const app = new GrantformApp();
  const t = new Tenant(app, 'northwind', {
    enterprise: {
      mid: 500,
      name: 'Northwind',
      children: [
        { mid: 501, name: 'US' },
        { mid: 502, name: 'EU' },
      ],
    },
  });
  t.addPackage('nightly-sync', { sourceMid: 501 }).addApiIntegration({
    type: 'server-to-server',
    scopes: ['data_extensions_read', 'email_read', 'list_and_subscribers_read'],
    businessUnits: [501, 502],
    clientSecret: { env: 'NIGHTLY_SYNC_CLIENT_SECRET' },
  });
  t.addPackage('idle', {}).addApiIntegration({
    type: 'server-to-server',
    scopes: ['email_send'],
    businessUnits: 'all',
  });
  return { m: synth(app), subdomain: t.subdomain };
}

const at = (n: number) => `2026-01-01T00:00:0${n}.000Z`;
const seen = (count: number, first = 1, last = 2) => ({ count, firstSeen: at(first), lastSeen: at(last) });

function usage(subdomain: string): UsageExport {
  return {
    version: 1,
    generatedAt: at(9),
    droppedClients: 0,
    integrations: [
      {
        vendor: 'marketing-cloud',
        clientId: 'c1',
        address: null,
        tenant: subdomain,
        package: 'nightly-sync',
        integration: null,
        tokens: seen(2),
        businessUnits: [{ id: '501', ...seen(2) }],
        scopes: [{ scope: 'data_extensions_read', ...seen(2) }],
        calls: [
          {
            call: 'REST GET /data/v1/customobjectdata/key/{key}/rowset',
            required: ['data_extensions_read'],
            granted: true,
            grantedBy: 'data_extensions_read',
            ...seen(3),
          },
          { call: 'REST GET /platform/v1/tokenContext', required: [], granted: true, grantedBy: '', ...seen(2) },
          {
            call: 'REST POST /messaging/v1/email/messages',
            required: ['email_send'],
            granted: false,
            grantedBy: null,
            ...seen(1, 4, 4),
          },
        ],
      },
      {
        vendor: 'marketing-cloud',
        clientId: 'stranger',
        address: null,
        tenant: 'mc0000000000000000000000000x',
        package: 'other',
        integration: null,
        tokens: seen(1),
        businessUnits: [],
        scopes: [],
        calls: [],
      },
    ],
  };
}

describe('usageReport', () => {
  it('sets declared scopes and business units against the recorded ones', () => {
    // GIVEN the manifest and usage where the job read a data extension and was refused one send
    const { m, subdomain } = manifest();
    // WHEN
    const report = usageReport(m, usage(subdomain));
    // THEN
    const [idle, nightly] = report.integrations;
    expect(nightly).toEqual({
      address: 'northwind/nightly-sync/api',
      vendor: 'marketing-cloud',
      clientIds: ['c1'],
      seen: true,
      declaredScopes: ['data_extensions_read', 'email_read', 'list_and_subscribers_read'],
      grantedScopes: ['data_extensions_read'],
      usedScopes: ['data_extensions_read'],
      unusedScopes: ['email_read', 'list_and_subscribers_read'],
      missing: [
        {
          scope: 'email_send',
          anyOf: ['email_send'],
          call: 'REST POST /messaging/v1/email/messages',
          count: 1,
          lastSeen: at(4),
          declared: false,
        },
      ],
      calls: usage(subdomain).integrations[0]?.calls,
      businessUnits: { declared: ['501', '502'], used: ['501'], unused: ['502'] },
      suggestedScopes: ['data_extensions_read', 'email_send'],
      suggestedBusinessUnits: [501],
    });
    expect(idle).toMatchObject({
      address: 'northwind/idle/api',
      seen: false,
      unusedScopes: [],
      suggestedScopes: ['email_send'],
      suggestedBusinessUnits: null,
    });
    expect(report.unmatched).toEqual([{ vendor: 'marketing-cloud', clientId: 'stranger' }]);
  });

  it('matches by client id from state first, and by the seeded address', () => {
    const { m, subdomain } = manifest();
    const u = usage(subdomain);
    const byState = usageReport(m, u, { clientIds: { 'northwind/idle/api': 'stranger' } });
    expect(byState.integrations.map((r) => r.clientIds)).toEqual([['stranger'], ['c1']]);
    const labelled: UsageExport = {
      ...u,
      integrations: u.integrations.map((x) =>
        x.clientId === 'stranger' ? { ...x, address: 'northwind/idle/api' } : x,
      ),
    };
    expect(usageReport(m, labelled).integrations[0]?.clientIds).toEqual(['stranger']);
  });

  it('renders the report as text', () => {
    const { m, subdomain } = manifest();
    expect(renderUsageReport(usageReport(m, usage(subdomain)))).toBe(
      [
        'northwind/idle/api (marketing-cloud)',
        '  no usage recorded: run the job against the emulator first',
        '',
        'northwind/nightly-sync/api (marketing-cloud, client c1)',
        '  declared scopes   data_extensions_read email_read list_and_subscribers_read',
        '  used scopes       data_extensions_read',
        '  unused scopes     email_read list_and_subscribers_read',
        '  missing scope     email_send for REST POST /messaging/v1/email/messages (refused 1×)',
        '  business units    declared 501 502; used 501',
        '  unused business units 502',
        '',
        'not in the config: marketing-cloud client stranger',
        '',
      ].join('\n'),
    );
  });
});
