/**
 * @module
 * What CI deploys and verifies: tenant `tailspin` with a server-to-server reporting job and a web-app
 * portal (which `grantform verify` checks with a headless login).
 */
import { GrantformApp, Tenant } from '@grantform/config';

export const app = new GrantformApp();

const tailspin = new Tenant(app, 'tailspin', {
  enterprise: { mid: 400, name: 'Tailspin Toys', children: [{ mid: 401, name: 'Tailspin Retail' }] },
});

tailspin.addPackage('reporting').addApiIntegration({
  type: 'server-to-server',
  scopes: ['data_extensions_read', 'email_read'],
  businessUnits: [401],
});

tailspin.addPackage('portal').addApiIntegration({
  type: 'web-app',
  scopes: ['offline', 'email_read'],
  redirectUris: ['https://portal.tailspin.example/oauth/callback'],
});

export default app;
