/**
 * @module
 * A valid Constant Contact configuration shared by the tests: a confidential and a public
 * application, and a partner with a managed and an unmanaged client account.
 */
import { GrantformApp } from '../constructs/grantform-app.js';
import { ConstantContactApplication } from './application.js';
import { ConstantContactPartner } from './partner.js';

export function ctctSampleApp(app = new GrantformApp()): GrantformApp {
  new ConstantContactApplication(app, 'newsletter', {
    scopes: ['offline_access', 'contact_data', 'account_read', 'contact_data'],
    redirectUris: ['https://app.example.com/ctct/z', 'https://app.example.com/ctct/a', 'http://localhost:8080/cb'],
  });
  new ConstantContactApplication(app, 'desktop', {
    type: 'public',
    scopes: ['contact_data', 'offline_access'],
    redirectUris: ['http://127.0.0.1:53682/callback'],
    refreshTokens: 'long-lived',
  });
  const partnerApp = new ConstantContactApplication(app, 'agency-app', {
    apiKey: '6b1f3c2e-7f9a-4c1d-9e8b-2a5d4c3b1a00',
    scopes: ['account_read', 'contact_data'],
    redirectUris: ['https://agency.example.com/cb'],
  });
  const agency = new ConstantContactPartner(app, 'agency', { application: partnerApp });
  agency.addClientAccount('bakery', {
    loginName: 'bakery_owner',
    contactEmail: 'owner@bakery.example',
    stateCode: 'MA',
    firstName: 'Bea',
  });
  agency.addClientAccount('florist', {
    managed: false,
    loginName: 'florist_owner',
    contactEmail: 'owner@florist.example',
    countryCode: 'GB',
  });
  return app;
}
