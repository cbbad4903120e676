import { describe, expect, it } from 'vitest';
import { ConstantContactApplication } from './constant-contact/application.js';
import { ConstantContactPartner } from './constant-contact/partner.js';
import { ApiIntegration } from './constructs/api-integration.js';
import { GrantformApp } from './constructs/grantform-app.js';
import { Tenant } from './constructs/tenant.js';
import { DEFAULTS, defaultPkce, defaultSecretEnv, validateApiIntegration, validateInstalledPackage } from './rules.js';

const integration = {
  type: 'web-app',
  scopes: ['email_read'],
  redirectUris: ['https://app.example.com/cb'],
  businessUnits: 'all' as const,
  clientSecretGiven: false,
  clientSecret: { env: 'CRM_CLIENT_SECRET' },
  defaultClientSecretEnv: 'CRM_CLIENT_SECRET',
  pkce: 'optional',
  tenantName: '',
  tenantMids: null,
};

describe('@grantform/config/rules: one resource checked outside its tree', () => {
  it('runs the integration table; business units it cannot check without the tenant are left to the target', () => {
    // GIVEN an integration whose tenant is not known, with a misspelt scope, a localhost URI and a BU
    const findings = validateApiIntegration({
      ...integration,
      scopes: ['email_raed'],
      redirectUris: ['https://localhost/cb'],
      businessUnits: [999],
    });
    // THEN the same findings as in a tree, without ERR_BU_UNKNOWN
    expect(findings).toEqual([
      {
        code: 'ERR_SCOPE_UNKNOWN',
        field: 'scopes[0]',
        message: "unknown scope 'email_raed': did you mean 'email_read'?",
      },
      {
        code: 'ERR_REDIRECT_URI_LOCALHOST',
        field: 'redirectUris[0]',
        message:
          "'https://localhost/cb' uses localhost, which Marketing Cloud rejects: use 127.0.0.1, e.g. 'https://127.0.0.1/cb'",
      },
    ]);
    // AND an empty list names no tenant
    expect(validateApiIntegration({ ...integration, businessUnits: [] })).toEqual([
      {
        code: 'ERR_BU_LIST_EMPTY',
        field: 'businessUnits',
        message:
          "businessUnits is empty, so the integration could not get a token anywhere: list MIDs of its tenant or use 'all'",
      },
    ]);
    expect(
      validateInstalledPackage({
        name: 'crm-sync',
        index: 0,
        siblingNames: ['crm-sync'],
        kindLabel: 'package',
        scopeLabel: 'its tenant',
        tenantName: '',
        tenantMids: null,
        sourceMid: 12345,
        apiIntegrationCount: 0,
        appCount: 0,
      }),
    ).toEqual([]);
  });

  it('DEFAULTS are what the constructs resolve when a prop is left out', () => {
    // GIVEN constructs declared with only their required props
    const app = new GrantformApp();
    const acme = new Tenant(app, 'acme', { enterprise: { mid: 100, name: 'Acme' } });
    const pkg = acme.addPackage('crm');
    const api = new ApiIntegration(pkg, { type: 'public-app', scopes: [] });
    const mcApp = pkg.addApp({
      loginUrl: 'https://a.example/l',
      redirectUrl: 'https://a.example/',
      logoutUrl: 'https://a.example/o',
    });
    const ctct = new ConstantContactApplication(app, 'news', { scopes: ['account_read'] });
    const account = new ConstantContactPartner(app, 'agency', { application: ctct }).addClientAccount('bakery', {
      loginName: 'bakery_owner',
      contactEmail: 'o@bakery.example',
    });
    // THEN
    expect(acme.stackKey).toBe(DEFAULTS.tenant.stackKey);
    expect({ description: pkg.description, legacy: pkg.legacy }).toEqual(DEFAULTS['installed-package']);
    expect({ redirectUris: api.redirectUris, businessUnits: api.businessUnits }).toEqual(DEFAULTS['api-integration']);
    expect(api.pkce).toBe(defaultPkce('public-app'));
    expect(mcApp.claimsVersion).toBe(DEFAULTS['marketing-cloud-app'].claimsVersion);
    expect({ type: ctct.type, redirectUris: ctct.redirectUris, refreshTokens: ctct.refreshTokens }).toEqual(
      DEFAULTS['ctct-application'],
    );
    expect(ctct.pkce).toBe(defaultPkce('confidential'));
    const { managed, countryCode, stateCode, firstName, lastName } = account;
    expect({ managed, countryCode, stateCode, firstName, lastName }).toEqual(DEFAULTS['ctct-client-account']);
    expect(mcApp.jwtSigningSecret).toEqual({ env: defaultSecretEnv('acme/crm/app', 'jwt-signing-secret') });
  });
});
