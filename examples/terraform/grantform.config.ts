/**
 * @module
 * Tenant `litware` with two packages: a server-to-server integration for a data sync and a web app
 * for a dashboard. Terraform manages them through `src/stack.ts`.
 */
import { GrantformApp, scopes, Tenant } from '@grantform/config';

export const app = new GrantformApp();

const litware = new Tenant(app, 'litware', {
  enterprise: { mid: 300, name: 'Litware', children: [{ mid: 301, name: 'Litware Online' }] },
});

litware.addPackage('data-sync', { description: 'Warehouse to data extensions' }).addApiIntegration({
  type: 'server-to-server',
  scopes: scopes.readWrite('dataExtensions'),
  businessUnits: [301],
});

litware.addPackage('dashboard', { description: 'Campaign dashboard' }).addApiIntegration({
  type: 'web-app',
  scopes: ['offline', 'email_read'],
  redirectUris: ['https://dashboard.litware.example/oauth/callback'],
});

export default app;
