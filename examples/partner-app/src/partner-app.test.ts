/**
 * The partner app acting for two customer tenants, in process: the partner's config and the two
 * customer tenants are seeded, the package is marked AppExchange and installed into both customers
 * (admin API), then a user of each customer connects it through the emulator's login pages.
 */
import '@grantform/testing/vitest';
import { type Manifest, synth } from '@grantform/config';
import { startEmulator, type TestEmulator } from '@grantform/testing';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customers } from '../customers.config.js';
import app from '../grantform.config.js';
import { createPartnerApp } from './partner-app.js';

const ORIGIN = 'https://insights.adatum.example';

/** The partner's config plus the customer tenants, in one manifest. */
function manifest(): Manifest {
  const partner = synth(app);
  return { ...partner, resources: [...partner.resources, ...synth(customers).resources] };
}

function browser(site: Hono) {
  const jar = new Map<string, string>();
  return async (url: string): Promise<Response> => {
    const headers = new Headers();
    if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await site.request(new URL(url, ORIGIN).href, { headers });
    for (const c of res.headers.getSetCookie()) {
      const [name = '', value = ''] = (c.split(';')[0] ?? '').split('=');
      if (/Max-Age=0/i.test(c)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };
}

describe('examples/partner-app: one package, several customer tenants', () => {
  let emulator: TestEmulator;
  let tssd: Record<'partner' | 'fourthCoffee' | 'wingtip', string>;

  beforeEach(async () => {
    emulator = await startEmulator({ manifest: manifest(), clock: '2030-03-01T08:00:00Z' });
    emulator.route();
    const insights = emulator.credentials.get('adatum/insights/api', 'web-app');
    const tenants = (await emulator.admin.call<{ items: { name: string; subdomain: string }[] }>('GET', '/tenants'))
      .items;
    const sub = (name: string) => tenants.find((t) => t.name === name)?.subdomain ?? '';
    tssd = { partner: insights.subdomain, fourthCoffee: sub('fourth-coffee'), wingtip: sub('wingtip') };
    // The partner publishes the package on AppExchange (not yet a config prop: set through the admin API)…
    const integration = await emulator.admin.call<Record<string, unknown>>(
      'GET',
      `/packages/${insights.packageId}/integration`,
    );
    const { type, scopes, redirectUris, businessUnits, pkce } = integration;
    await emulator.admin.call('PUT', `/packages/${insights.packageId}/integration`, {
      type,
      scopes,
      redirectUris,
      businessUnits,
      pkce,
      appExchange: true,
    });
    // …and both customers install it (Fourth Coffee only for its EU business unit).
    await emulator.admin.call('PUT', `/packages/${insights.packageId}/installations/${tssd.fourthCoffee}`, {
      businessUnits: [2001],
    });
    await emulator.admin.call('PUT', `/packages/${insights.packageId}/installations/${tssd.wingtip}`, {});
  });
  afterEach(() => emulator.dispose());

  const partnerApp = () => {
    const { clientId, clientSecret, authUrl } = emulator.credentials.get('adatum/insights/api', 'web-app');
    return createPartnerApp({
      clientId,
      clientSecret,
      authUrl,
      redirectUri: `${ORIGIN}/oauth/callback`,
      now: () => emulator.clock.now(),
    });
  };

  async function connect(get: ReturnType<typeof browser>, customer: string): Promise<Response> {
    const start = await get('/connect');
    const back = await emulator.authorize(start.headers.get('location') ?? '', {
      user: { username: `admin@${customer}`, password: 'grantform' },
    });
    return get(back.location);
  }

  it('connects a user of each customer and acts in both tenants', async () => {
    // GIVEN the partner app
    const { app: site, connections } = partnerApp();
    const get = browser(site);
    // WHEN a user of each customer connects it
    expect((await connect(get, 'fourth-coffee')).status).toBe(302);
    expect((await connect(get, 'wingtip')).status).toBe(302);
    // THEN the app holds one connection per customer tenant, and acts in each
    expect([...connections.keys()].sort()).toEqual([tssd.fourthCoffee, tssd.wingtip].sort());
    const tenants = (await (await get('/tenants')).json()) as { tssd: string; enterpriseId: number; mid: number }[];
    expect(tenants).toEqual(
      expect.arrayContaining([
        { tssd: tssd.fourthCoffee, enterpriseId: 2000, mid: 2001 },
        { tssd: tssd.wingtip, enterpriseId: 3000, mid: 3000 },
      ]),
    );
    // AND every code was exchanged on the customer's own auth host, never on the partner's
    await emulator.assertRequested({ host: `${tssd.fourthCoffee}.auth.marketingcloudapis.com`, path: '/v2/token' }, 1);
    await emulator.assertRequested({ host: `${tssd.wingtip}.auth.marketingcloudapis.com`, path: '/v2/token' }, 1);
    await emulator.assertNotRequested({ host: `${tssd.partner}.auth.marketingcloudapis.com`, path: '/v2/token' });
  });

  it('refreshes each tenant’s token on its own host when it expires', async () => {
    const { app: site } = partnerApp();
    const get = browser(site);
    await connect(get, 'fourth-coffee');
    await connect(get, 'wingtip');
    await emulator.clearRequests();
    // WHEN the tokens have expired
    await emulator.clock.advance(1079);
    expect((await get('/tenants')).status).toBe(200);
    // THEN one refresh per tenant, each on that tenant's auth host
    await emulator.assertRequested({ kind: 'auth', path: '/v2/token', status: 200 }, 2);
    await emulator.assertRequested({ host: `${tssd.wingtip}.auth.marketingcloudapis.com`, path: '/v2/token' }, 1);
  });

  it('cannot use a customer tenant where the package is not installed', async () => {
    // GIVEN Wingtip uninstalls the package
    const { packageId } = emulator.credentials.get('adatum/insights/api');
    await emulator.admin.call('DELETE', `/packages/${packageId}/installations/${tssd.wingtip}`);
    // WHEN a Wingtip user tries to connect
    const { app: site, connections } = partnerApp();
    const attempt = connect(browser(site), 'wingtip');
    // THEN the partner's login page does not know Wingtip's users any more, and nothing is connected
    await expect(attempt).rejects.toThrow('authorize: login as admin@wingtip failed');
    expect(connections.size).toBe(0);
  });
});
