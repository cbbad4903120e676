/**
 * @module
 * The partner's side: tenant `adatum` (an ISV) owns package `insights`, a web app it publishes on
 * AppExchange. Customers install it into their own tenants; their users then connect it, and the
 * partner acts in each customer tenant with that tenant's tokens.
 */
import { GrantformApp, Tenant } from '@grantform/config';

export const app = new GrantformApp();

const adatum = new Tenant(app, 'adatum', { enterprise: { mid: 1000, name: 'Adatum (partner)' } });

adatum.addPackage('insights', { description: 'Adatum Insights for Marketing Cloud' }).addApiIntegration({
  type: 'web-app',
  scopes: ['offline', 'email_read', 'data_extensions_read'],
  redirectUris: ['https://insights.adatum.example/oauth/callback'],
  clientSecret: { env: 'INSIGHTS_CLIENT_SECRET' },
});

export default app;
