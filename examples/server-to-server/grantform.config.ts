/**
 * @module
 * Tenant `northwind` (enterprise 500, regions 501 and 502) with one server-to-server package that a
 * nightly job uses for both regions. The secret lives in `NIGHTLY_SYNC_CLIENT_SECRET` (the client id
 * in `NIGHTLY_SYNC_CLIENT_ID`, the engine's convention).
 */
import { GrantformApp, Tenant } from '@grantform/config';

export const app = new GrantformApp();

const northwind = new Tenant(app, 'northwind', {
  enterprise: {
    mid: 500,
    name: 'Northwind Traders',
    children: [
      { mid: 501, name: 'Northwind US' },
      { mid: 502, name: 'Northwind EU' },
    ],
  },
});

northwind.addPackage('nightly-sync', { description: 'Nightly reporting job', sourceMid: 501 }).addApiIntegration({
  type: 'server-to-server',
  scopes: ['data_extensions_read', 'email_read', 'list_and_subscribers_read'],
  businessUnits: [501, 502],
  clientSecret: { env: 'NIGHTLY_SYNC_CLIENT_SECRET' },
});

export default app;
