/**
 * @module
 * What the emulator is seeded with for the clients in `clients/`: tenant `contoso` (enterprise 300,
 * business unit 301) and one server-to-server package, `reporting`, whose credentials the emulator
 * writes to `--credentials-out`.
 */
import { GrantformApp, Tenant } from '@grantform/config';

export const SUBDOMAIN = 'mcx44s0o2a0qpoastvjtboqbjb33';

export const app = new GrantformApp();

const contoso = new Tenant(app, 'contoso', {
  subdomain: SUBDOMAIN,
  enterprise: { mid: 300, name: 'Contoso', children: [{ mid: 301, name: 'Contoso Reporting' }] },
});

contoso.addPackage('reporting', { description: 'Reports, from any language', sourceMid: 301 }).addApiIntegration({
  type: 'server-to-server',
  scopes: ['data_extensions_read', 'email_read'],
  businessUnits: [301],
});

export default app;
