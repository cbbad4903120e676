/**
 * @module
 * Tenant `fabrikam` with a public-app integration for a command-line tool: no client secret, PKCE
 * required (the default for public apps), and a native-scheme redirect URI that the operating system
 * hands back to the tool.
 */
import { GrantformApp, scopes, Tenant } from '@grantform/config';

export const app = new GrantformApp();

const fabrikam = new Tenant(app, 'fabrikam', {
  enterprise: { mid: 900, name: 'Fabrikam', children: [{ mid: 901, name: 'Fabrikam Labs' }] },
});

fabrikam.addPackage('fab-cli', { description: 'Fabrikam marketing CLI' }).addApiIntegration({
  type: 'public-app',
  scopes: ['offline', ...scopes.readOnly('email', 'journeys')],
  redirectUris: ['com.fabrikam.cli://oauth/callback'],
});

export default app;
