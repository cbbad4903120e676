/**
 * @module
 * The basic example: tenant `acme` (enterprise BU 100 with two child BUs), one installed package
 * of each API integration type, and one package with a Marketing Cloud App.
 *
 * Synthesize it from this folder with `pnpm grantform synth` (or `npx -y pnpm@10 grantform synth
 * --config examples/basic/grantform.config.ts --out examples/basic/.grantform/synth` from the root).
 */
import { GrantformApp, InstalledPackage, scopes, Tenant } from '@grantform/config';

export const app = new GrantformApp();

const acme = new Tenant(app, 'acme', {
  subdomain: 'mc563885gzs27c5t9-63k636ttgm',
  stackKey: 'S7',
  enterprise: {
    mid: 100,
    name: 'Acme Corp',
    children: [
      { mid: 101, name: 'Acme US' },
      { mid: 102, name: 'Acme EU' },
    ],
  },
});

// Server-to-server: a nightly job syncing CRM data into data extensions, limited to two BUs.
acme.addPackage('crm-sync', { description: 'Nightly CRM to data extension sync' }).addApiIntegration({
  type: 'server-to-server',
  scopes: [...scopes.readWrite('dataExtensions', 'listAndSubscribers'), 'email_send'],
  businessUnits: [101, 102],
});

// Web app: a portal with a server-side backend that keeps the client secret.
acme.addPackage('portal', { description: 'Customer preference portal' }).addApiIntegration({
  type: 'web-app',
  scopes: ['offline', 'email_read', ...scopes.readOnly('journeys')],
  redirectUris: ['https://portal.acme.example/oauth/callback', 'https://127.0.0.1:8443/oauth/callback'],
});

// Public app: a command-line tool; no secret, PKCE required (the default for public apps).
acme.addPackage('cli', { description: 'Acme marketing CLI' }).addApiIntegration({
  type: 'public-app',
  scopes: ['offline', ...scopes.readOnly('email', 'journeys', 'automations')],
  redirectUris: ['com.acme.cli://oauth/callback'],
});

// A Marketing Cloud App (App Center): SSO login into Marketing Cloud's app menu.
const dashboards = new InstalledPackage(acme, 'dashboards', { description: 'Campaign dashboards in Marketing Cloud' });
dashboards.addApp({
  loginUrl: 'https://dashboards.acme.example/sso/login',
  redirectUrl: 'https://dashboards.acme.example/',
  logoutUrl: 'https://dashboards.acme.example/sso/logout',
});

export default app;
