/**
 * @module
 * Tenant `contoso` with a web-app integration for the preferences portal: `offline` (so logins get a
 * refresh token) and `email_read`; the portal's callback on 127.0.0.1 for local use.
 */
import { GrantformApp, Tenant } from '@grantform/config';

export const app = new GrantformApp();

const contoso = new Tenant(app, 'contoso', {
  enterprise: { mid: 700, name: 'Contoso', children: [{ mid: 701, name: 'Contoso Retail' }] },
});

contoso.addPackage('preferences-portal', { description: 'Preference centre' }).addApiIntegration({
  type: 'web-app',
  scopes: ['offline', 'email_read'],
  redirectUris: ['https://127.0.0.1:8443/oauth/callback'],
  clientSecret: { env: 'PORTAL_CLIENT_SECRET' },
});

export default app;
