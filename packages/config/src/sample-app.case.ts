/**
 * @module
 * A valid configuration shared by the tests: one tenant, each integration type, one app.
 */
import { GrantformApp } from './constructs/grantform-app.js';
import { Tenant } from './constructs/tenant.js';

export function sampleApp(): GrantformApp {
  const app = new GrantformApp();
  const acme = new Tenant(app, 'acme', {
    enterprise: {
      mid: 100,
      name: 'Acme',
      children: [
        { mid: 102, name: 'Acme EU' },
        { mid: 101, name: 'Acme US' },
      ],
    },
  });
  acme.addPackage('crm-sync', { description: 'CRM sync' }).addApiIntegration({
    type: 'server-to-server',
    scopes: ['email_send', 'data_extensions_write', 'data_extensions_read', 'email_send'],
    businessUnits: [102, 101],
  });
  acme.addPackage('portal').addApiIntegration({
    type: 'web-app',
    scopes: ['offline', 'email_read'],
    redirectUris: ['https://portal.example.com/z', 'https://portal.example.com/a'],
  });
  const cli = acme.addPackage('cli', { legacy: true, sourceMid: 101 });
  cli.addApiIntegration({ type: 'public-app', scopes: ['email_read'], redirectUris: ['com.acme.cli://cb'] });
  cli.addApp({
    loginUrl: 'https://cli.example.com/login',
    redirectUrl: 'https://cli.example.com/',
    logoutUrl: 'https://cli.example.com/logout',
  });
  return app;
}
