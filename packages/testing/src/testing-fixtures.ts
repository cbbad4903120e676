/**
 * @module
 * A small config used by this package's own tests: tenant `acme` (enterprise 100, children 101 and
 * 102) with one integration of each type. crm-sync was created in BU 101, so its tokens default to 101.
 */
import { GrantformApp, Tenant } from '@grantform/config';

export const SUBDOMAIN = 'mc563885gzs27c5t9-63k636ttgm';

/** A fresh app each call (constructs cannot be shared between apps). */
export function fixtureApp(): GrantformApp {
  const app = new GrantformApp();
  const acme = new Tenant(app, 'acme', {
    subdomain: SUBDOMAIN,
    enterprise: {
      mid: 100,
      name: 'Acme Corp',
      children: [
        { mid: 101, name: 'Acme US' },
        { mid: 102, name: 'Acme EU' },
      ],
    },
  });
  acme.addPackage('crm-sync', { sourceMid: 101 }).addApiIntegration({
    type: 'server-to-server',
    scopes: ['data_extensions_read', 'email_send'],
    businessUnits: [101, 102],
  });
  acme.addPackage('portal').addApiIntegration({
    type: 'web-app',
    scopes: ['offline', 'email_read'],
    redirectUris: ['https://127.0.0.1:8443/callback'],
  });
  acme.addPackage('cli').addApiIntegration({
    type: 'public-app',
    scopes: ['offline', 'email_read'],
    redirectUris: ['com.acme.cli://oauth/callback'],
  });
  return app;
}
