import { describe, expect, it } from 'vitest';
import { ApiIntegration, type ApiIntegrationProps } from './constructs/api-integration.js';
import { GrantformApp } from './constructs/grantform-app.js';
import { InstalledPackage } from './constructs/installed-package.js';
import { MarketingCloudApp, type MarketingCloudAppProps } from './constructs/marketing-cloud-app.js';
import { Tenant, type TenantProps } from './constructs/tenant.js';
import type { Scope } from './scopes.js';
import { validate } from './validate.js';

const ENTERPRISE: TenantProps['enterprise'] = {
  mid: 100,
  name: 'Acme',
  children: [
    { mid: 101, name: 'Acme US' },
    { mid: 102, name: 'Acme EU' },
  ],
};

function tenant(props: Partial<TenantProps> = {}) {
  const app = new GrantformApp();
  const acme = new Tenant(app, 'acme', { enterprise: ENTERPRISE, ...props });
  return { app, acme };
}

/** An app with one integration `acme/crm-sync/api` built from `props`. */
function integration(props: ApiIntegrationProps) {
  const { app, acme } = tenant();
  new ApiIntegration(new InstalledPackage(acme, 'crm-sync'), props);
  return app;
}

const webApp = (redirectUris: readonly string[]) =>
  integration({ type: 'web-app', scopes: ['email_read'], redirectUris });

const mcApp = (props: Partial<MarketingCloudAppProps>) => {
  const { app, acme } = tenant();
  new MarketingCloudApp(new InstalledPackage(acme, 'portal'), {
    loginUrl: 'https://portal.example.com/login',
    redirectUrl: 'https://portal.example.com/',
    logoutUrl: 'https://portal.example.com/logout',
    ...props,
  });
  return app;
};

describe('validate: a valid configuration', () => {
  it('reports nothing', () => {
    // GIVEN one package of each kind
    const { app, acme } = tenant();
    new ApiIntegration(new InstalledPackage(acme, 's2s'), {
      type: 'server-to-server',
      scopes: ['email_send'],
      businessUnits: [101],
    });
    new ApiIntegration(new InstalledPackage(acme, 'web'), {
      type: 'web-app',
      scopes: ['offline', 'email_read'],
      redirectUris: ['https://app.example.com/cb', 'https://127.0.0.1:8443/cb', 'com.example.app://cb'],
    });
    new ApiIntegration(new InstalledPackage(acme, 'cli'), {
      type: 'public-app',
      scopes: ['email_read'],
      redirectUris: ['com.example.cli:/callback'],
    });
    // WHEN / THEN
    expect(validate(app)).toEqual([]);
  });
});

describe('validate: redirect URI rules', () => {
  it.each([
    [
      'more than 10',
      Array.from({ length: 11 }, (_, i) => `https://app.example.com/cb${i}`),
      [
        {
          path: 'acme/crm-sync/api.redirectUris',
          code: 'ERR_REDIRECT_URI_LIMIT',
          message: '11 redirect URIs given, and Marketing Cloud accepts at most 10: remove 1',
        },
      ],
    ],
    [
      'not absolute',
      ['/oauth/callback'],
      [
        {
          path: 'acme/crm-sync/api.redirectUris[0]',
          code: 'ERR_REDIRECT_URI_NOT_ABSOLUTE',
          message:
            "'/oauth/callback' is not an absolute URI: write the whole URI, scheme and host included, without spaces, e.g. 'https://app.example.com/oauth/callback'",
        },
      ],
    ],
    [
      'no base domain',
      ['https://portal/cb'],
      [
        {
          path: 'acme/crm-sync/api.redirectUris[0]',
          code: 'ERR_REDIRECT_URI_NOT_ABSOLUTE',
          message:
            "'https://portal/cb' has no base domain: Marketing Cloud needs a fully qualified host such as 'app.example.com' (or 127.0.0.1 for local use)",
        },
      ],
    ],
    [
      'http',
      ['http://app.example.com/cb'],
      [
        {
          path: 'acme/crm-sync/api.redirectUris[0]',
          code: 'ERR_REDIRECT_URI_SCHEME',
          message:
            "'http://app.example.com/cb' uses the 'http' scheme: Marketing Cloud accepts only https:// or a native-app scheme such as 'com.example.app://callback', e.g. 'https://app.example.com/cb'",
        },
      ],
    ],
    [
      'a wildcard',
      ['https://*.example.com/cb'],
      [
        {
          path: 'acme/crm-sync/api.redirectUris[0]',
          code: 'ERR_REDIRECT_URI_WILDCARD',
          message:
            "'https://*.example.com/cb' contains a wildcard (*): Marketing Cloud compares redirect URIs exactly, so list every URI in full",
        },
      ],
    ],
    [
      'a fragment',
      ['https://app.example.com/cb#done'],
      [
        {
          path: 'acme/crm-sync/api.redirectUris[0]',
          code: 'ERR_REDIRECT_URI_FRAGMENT',
          message:
            "'https://app.example.com/cb#done' has a fragment (#…): remove it, e.g. 'https://app.example.com/cb'; the authorization code comes back in the query string",
        },
      ],
    ],
    [
      'URL-encoded',
      ['https%3A%2F%2Fapp.example.com%2Fcb'],
      [
        {
          path: 'acme/crm-sync/api.redirectUris[0]',
          code: 'ERR_REDIRECT_URI_NOT_ABSOLUTE',
          message:
            "'https%3A%2F%2Fapp.example.com%2Fcb' is not an absolute URI: write the whole URI, scheme and host included, without spaces, e.g. 'https://app.example.com/oauth/callback'",
        },
        {
          path: 'acme/crm-sync/api.redirectUris[0]',
          code: 'ERR_REDIRECT_URI_ENCODED',
          message:
            "'https%3A%2F%2Fapp.example.com%2Fcb' is URL-encoded: Marketing Cloud expects the redirect URI in plain text, e.g. 'https://app.example.com/cb'",
        },
      ],
    ],
    [
      'localhost',
      ['https://localhost:8443/cb'],
      [
        {
          path: 'acme/crm-sync/api.redirectUris[0]',
          code: 'ERR_REDIRECT_URI_LOCALHOST',
          message:
            "'https://localhost:8443/cb' uses localhost, which Marketing Cloud rejects: use 127.0.0.1, e.g. 'https://127.0.0.1:8443/cb'",
        },
      ],
    ],
    [
      'a duplicate',
      ['https://app.example.com/a', 'https://app.example.com/b', 'https://app.example.com/a'],
      [
        {
          path: 'acme/crm-sync/api.redirectUris[2]',
          code: 'ERR_REDIRECT_URI_DUPLICATE',
          message: "'https://app.example.com/a' is already listed as redirectUris[0]: remove this copy",
        },
      ],
    ],
  ])('rejects %s with its path and message', (_name, uris, expected) => {
    // GIVEN a web app with these redirect URIs / WHEN validated / THEN
    expect(validate(webApp(uris))).toEqual(expected);
  });

  it('accepts 127.0.0.1 and native-app schemes', () => {
    expect(validate(webApp(['https://127.0.0.1/', 'com.acme.app://oauth', 'myapp:/cb']))).toEqual([]);
  });

  it('reports every problem of one URI and of several URIs at once', () => {
    // GIVEN
    const app = webApp(['http://localhost:3000/cb#x', 'https://a.example.com/ok', 'https://*.example.com/']);
    // WHEN
    const issues = validate(app);
    // THEN
    expect(issues.map((i) => `${i.path} ${i.code}`)).toEqual([
      'acme/crm-sync/api.redirectUris[0] ERR_REDIRECT_URI_SCHEME',
      'acme/crm-sync/api.redirectUris[0] ERR_REDIRECT_URI_FRAGMENT',
      'acme/crm-sync/api.redirectUris[0] ERR_REDIRECT_URI_LOCALHOST',
      'acme/crm-sync/api.redirectUris[2] ERR_REDIRECT_URI_WILDCARD',
    ]);
    expect(issues[0]?.message).toBe(
      "'http://localhost:3000/cb#x' uses the 'http' scheme: Marketing Cloud accepts only https:// or a native-app scheme such as 'com.example.app://callback', e.g. 'https://127.0.0.1:3000/cb'",
    );
  });
});

describe('validate: integration type rules', () => {
  it('server-to-server has no redirect URIs and no offline scope', () => {
    // GIVEN
    const app = integration({
      type: 'server-to-server',
      scopes: ['email_read', 'offline'],
      redirectUris: ['https://app.example.com/cb'],
    });
    // WHEN / THEN
    expect(validate(app)).toEqual([
      {
        path: 'acme/crm-sync/api.redirectUris',
        code: 'ERR_REDIRECT_URI_UNEXPECTED',
        message:
          'a server-to-server integration has no redirect URIs (it gets tokens with client_credentials, without a browser): remove redirectUris, or use type web-app',
      },
      {
        path: 'acme/crm-sync/api.scopes[1]',
        code: 'ERR_SCOPE_OFFLINE',
        message:
          "scope 'offline' asks for refresh tokens, which a server-to-server integration never gets (client_credentials issues a new access token instead): remove it",
      },
    ]);
  });

  it.each(['web-app', 'public-app'] as const)('%s needs at least one redirect URI', (type) => {
    expect(validate(integration({ type, scopes: ['email_read'] }))).toEqual([
      {
        path: 'acme/crm-sync/api.redirectUris',
        code: 'ERR_REDIRECT_URI_REQUIRED',
        message: `a ${type} integration needs at least one redirect URI to send the authorization code to: add redirectUris, e.g. ['https://app.example.com/oauth/callback']`,
      },
    ]);
  });

  it('a public app has no secret', () => {
    const app = integration({
      type: 'public-app',
      scopes: ['email_read'],
      redirectUris: ['com.acme.cli://cb'],
      clientSecret: { env: 'CLI_SECRET' },
    });
    expect(validate(app)).toEqual([
      {
        path: 'acme/crm-sync/api.clientSecret',
        code: 'ERR_SECRET_NOT_ALLOWED',
        message:
          'a public app has no client secret (it runs where a secret cannot be kept, such as a browser or a device): remove clientSecret and rely on PKCE, or use type web-app',
      },
    ]);
  });

  it('pkce required makes no sense for server-to-server', () => {
    expect(validate(integration({ type: 'server-to-server', scopes: [], pkce: 'required' }))).toEqual([
      {
        path: 'acme/crm-sync/api.pkce',
        code: 'ERR_PKCE',
        message:
          "pkce 'required' has no effect on a server-to-server integration (PKCE protects the authorization-code flow, which it does not use): remove pkce",
      },
    ]);
  });

  it('an unknown scope gets a suggestion', () => {
    const app = integration({ type: 'server-to-server', scopes: ['emial_send' as Scope, 'zzzzzzzz' as Scope] });
    expect(validate(app)).toEqual([
      {
        path: 'acme/crm-sync/api.scopes[0]',
        code: 'ERR_SCOPE_UNKNOWN',
        message: "unknown scope 'emial_send': did you mean 'email_send'?",
      },
      {
        path: 'acme/crm-sync/api.scopes[1]',
        code: 'ERR_SCOPE_UNKNOWN',
        message: "unknown scope 'zzzzzzzz': use a name of the scope catalog (see SCOPE_GROUPS or scopes.all())",
      },
    ]);
  });

  it('an unknown type is reported', () => {
    const app = integration({ type: 'machine' as 'web-app', scopes: [] });
    expect(validate(app)).toEqual([
      {
        path: 'acme/crm-sync/api.type',
        code: 'ERR_INTEGRATION_TYPE',
        message: "type 'machine' is not an integration type: use one of server-to-server, web-app, public-app",
      },
    ]);
  });
});

describe('validate: business units', () => {
  it('referenced business units exist in the tenant, once each, and the list is not empty', () => {
    expect(validate(integration({ type: 'server-to-server', scopes: [], businessUnits: [101, 999, 101] }))).toEqual([
      {
        path: 'acme/crm-sync/api.businessUnits[1]',
        code: 'ERR_BU_UNKNOWN',
        message:
          "business unit 999 is not in tenant 'acme' (its MIDs: 100, 101, 102): use one of them, add the business unit to the tenant, or use 'all'",
      },
      {
        path: 'acme/crm-sync/api.businessUnits[2]',
        code: 'ERR_BU_LIST_DUPLICATE',
        message: 'business unit 101 is already listed as businessUnits[0]: remove this copy',
      },
    ]);
    expect(validate(integration({ type: 'server-to-server', scopes: [], businessUnits: [] }))).toEqual([
      {
        path: 'acme/crm-sync/api.businessUnits',
        code: 'ERR_BU_LIST_EMPTY',
        message:
          "businessUnits is empty, so the integration could not get a token anywhere: list MIDs of tenant 'acme' (100, 101, 102) or use 'all'",
      },
    ]);
  });

  it('a package source MID exists in the tenant', () => {
    const { app, acme } = tenant();
    new InstalledPackage(acme, 'crm-sync', { sourceMid: 7 });
    expect(validate(app)).toEqual([
      {
        path: 'acme/crm-sync.sourceMid',
        code: 'ERR_BU_UNKNOWN',
        message:
          "sourceMid 7 is not a business unit of tenant 'acme' (its MIDs: 100, 101, 102): use one of them, or omit sourceMid to use the enterprise business unit",
      },
    ]);
  });

  it('MIDs and names are unique within the tenant, and valid', () => {
    const { app } = tenant({
      enterprise: {
        mid: 100,
        name: 'Acme',
        children: [
          { mid: 101, name: 'US', children: [{ mid: 100, name: 'us' }] },
          { mid: -5, name: ' ' },
        ],
      },
    });
    expect(validate(app)).toEqual([
      {
        path: 'acme.enterprise.children[0].children[0].mid',
        code: 'ERR_BU_MID_DUPLICATE',
        message: "MID 100 is already used by business unit 'Acme' (enterprise): every business unit has its own MID",
      },
      {
        path: 'acme.enterprise.children[0].children[0].name',
        code: 'ERR_BU_NAME_DUPLICATE',
        message:
          "business unit name 'us' is already used by MID 101 (enterprise.children[0]): business unit names are unique within a tenant, rename one",
      },
      {
        path: 'acme.enterprise.children[1].mid',
        code: 'ERR_BU_MID',
        message: 'MID -5 is not valid: a MID is a positive whole number, as shown in Setup → Business Units',
      },
      {
        path: 'acme.enterprise.children[1].name',
        code: 'ERR_BU_NAME',
        message: 'business unit -5 has no name: give it the name shown in Setup → Business Units',
      },
    ]);
  });
});

describe('validate: tenants and names', () => {
  it('subdomain and stack key formats', () => {
    const { app } = tenant({ subdomain: 'acme', stackKey: 'stack7' });
    expect(validate(app)).toEqual([
      {
        path: 'acme.subdomain',
        code: 'ERR_SUBDOMAIN_FORMAT',
        message:
          "subdomain 'acme' is not a Marketing Cloud tenant subdomain: it has 28 characters, 'mc' then lower-case letters, digits or '-' (it is the first label of https://<subdomain>.auth.marketingcloudapis.com); copy it from the package's Authentication Base URI, or omit it to derive one from the tenant name",
      },
      {
        path: 'acme.stackKey',
        code: 'ERR_STACK_KEY_FORMAT',
        message:
          "stackKey 'stack7' is not a stack key: write 'S' and the stack number, e.g. 'S7' (the number in host names such as auth-s7.exacttargetapis.com)",
      },
    ]);
  });

  it('tenant names and subdomains are unique in the app; package names in their tenant', () => {
    // GIVEN
    const app = new GrantformApp();
    const subdomain = 'mc563885gzs27c5t9-63k636ttgm';
    const a = new Tenant(app, 'acme', { subdomain, enterprise: { mid: 1, name: 'A' } });
    new Tenant(app, 'acme', { enterprise: { mid: 2, name: 'B' } });
    new Tenant(app, 'globex', { subdomain, enterprise: { mid: 3, name: 'G' } });
    new InstalledPackage(a, 'crm-sync');
    new InstalledPackage(a, 'crm-sync');
    // WHEN / THEN
    expect(validate(app)).toEqual([
      {
        path: 'acme/crm-sync.name',
        code: 'ERR_NAME_DUPLICATE',
        message:
          "another package in tenant 'acme' is already named 'crm-sync': package names must be unique there, rename this one",
      },
      {
        path: 'acme.name',
        code: 'ERR_NAME_DUPLICATE',
        message:
          "another tenant in the app is already named 'acme': tenant names must be unique there, rename this one",
      },
      {
        path: 'globex.subdomain',
        code: 'ERR_SUBDOMAIN_DUPLICATE',
        message: `subdomain '${subdomain}' is already used by tenant 'acme': each tenant has its own subdomain`,
      },
    ]);
  });

  it('names have a format', () => {
    const { app, acme } = tenant();
    new InstalledPackage(acme, 'CRM Sync');
    expect(validate(app)).toEqual([
      {
        path: 'acme/CRM Sync.name',
        code: 'ERR_NAME_FORMAT',
        message:
          "package name 'CRM Sync' is not valid: use lower-case letters, digits and single hyphens, starting with a letter, at most 63 characters (e.g. 'crm-sync'); it becomes part of the resource address",
      },
    ]);
  });

  it('one API integration and one app per package', () => {
    // GIVEN
    const { app, acme } = tenant();
    const pkg = new InstalledPackage(acme, 'crm-sync');
    pkg.addApiIntegration({ type: 'server-to-server', scopes: [], clientSecret: { env: 'A_SECRET' } });
    pkg.addApiIntegration({ type: 'server-to-server', scopes: [], clientSecret: { env: 'B_SECRET' } });
    const urls = {
      loginUrl: 'https://x.example.com/',
      redirectUrl: 'https://x.example.com/',
      logoutUrl: 'https://x.example.com/',
    };
    pkg.addApp({ ...urls, jwtSigningSecret: { env: 'A_JWT' } });
    pkg.addApp({ ...urls, jwtSigningSecret: { env: 'B_JWT' } });
    // WHEN / THEN
    expect(validate(app)).toEqual([
      {
        path: 'acme/crm-sync.apiIntegration',
        code: 'ERR_COMPONENT_DUPLICATE',
        message:
          "package 'crm-sync' has 2 API integrations, and Marketing Cloud allows one per package: keep one and move the others to their own InstalledPackage",
      },
      {
        path: 'acme/crm-sync.app',
        code: 'ERR_COMPONENT_DUPLICATE',
        message:
          "package 'crm-sync' has 2 Marketing Cloud Apps, and Marketing Cloud allows one per package: keep one and move the others to their own InstalledPackage",
      },
    ]);
  });
});

describe('validate: secrets and Marketing Cloud Apps', () => {
  it('secret env names have a format and are not shared', () => {
    // GIVEN
    const { app, acme } = tenant();
    new ApiIntegration(new InstalledPackage(acme, 'a'), {
      type: 'server-to-server',
      scopes: [],
      clientSecret: { env: 'SHARED' },
    });
    new ApiIntegration(new InstalledPackage(acme, 'b'), {
      type: 'server-to-server',
      scopes: [],
      clientSecret: { env: 'SHARED' },
    });
    new ApiIntegration(new InstalledPackage(acme, 'c'), {
      type: 'web-app',
      scopes: [],
      redirectUris: ['https://c.example.com/'],
      clientSecret: { env: 's3cr3t value' },
    });
    // WHEN / THEN
    expect(validate(app)).toEqual([
      {
        path: 'acme/c/api.clientSecret.env',
        code: 'ERR_SECRET_ENV_FORMAT',
        message:
          "'s3cr3t value' is not an environment variable name: use upper-case letters, digits and '_', e.g. 'GRANTFORM_ACME_C_API_CLIENT_SECRET' (config names where a secret lives, never the secret itself)",
      },
      {
        path: 'acme/b/api.clientSecret.env',
        code: 'ERR_SECRET_ENV_DUPLICATE',
        message:
          "environment variable 'SHARED' is already used by acme/a/api.clientSecret: give every secret its own variable (omit the field to get a default name derived from the address)",
      },
    ]);
  });

  it('app URLs are absolute https and the claims version is 1 or 2', () => {
    const app = mcApp({ loginUrl: 'http://portal.example.com/login', logoutUrl: 'logout', claimsVersion: 3 as 2 });
    expect(validate(app)).toEqual([
      {
        path: 'acme/portal/app.loginUrl',
        code: 'ERR_APP_URL',
        message:
          "loginUrl 'http://portal.example.com/login' is not an absolute https URL: Marketing Cloud opens the app's URLs over HTTPS only, e.g. 'https://app.example.com/login'",
      },
      {
        path: 'acme/portal/app.logoutUrl',
        code: 'ERR_APP_URL',
        message:
          "logoutUrl 'logout' is not an absolute https URL: Marketing Cloud opens the app's URLs over HTTPS only, e.g. 'https://app.example.com/logout'",
      },
      {
        path: 'acme/portal/app.claimsVersion',
        code: 'ERR_CLAIMS_VERSION',
        message: 'claimsVersion 3 is not an SSO claim-set version: use 2 (current) or 1 (legacy)',
      },
    ]);
  });
});

describe('validate: several constructs and custom validations', () => {
  it('reports every issue of every construct in one run, in declaration order', () => {
    // GIVEN three broken resources
    const { app, acme } = tenant({ stackKey: 'x' });
    new ApiIntegration(new InstalledPackage(acme, 'one'), { type: 'server-to-server', scopes: ['offline'] });
    new ApiIntegration(new InstalledPackage(acme, 'two'), { type: 'web-app', scopes: ['nope' as Scope] });
    // WHEN
    const issues = validate(app);
    // THEN
    expect(issues.map((i) => `${i.path} ${i.code}`)).toEqual([
      'acme.stackKey ERR_STACK_KEY_FORMAT',
      'acme/one/api.scopes[0] ERR_SCOPE_OFFLINE',
      'acme/two/api.redirectUris ERR_REDIRECT_URI_REQUIRED',
      'acme/two/api.scopes[0] ERR_SCOPE_UNKNOWN',
    ]);
  });

  it('includes validations users add with node.addValidation', () => {
    const { app, acme } = tenant();
    acme.node.addValidation({ validate: () => ['every tenant needs an owner tag'] });
    expect(validate(app)).toEqual([
      { path: 'acme', code: 'ERR_CUSTOM_VALIDATION', message: 'every tenant needs an owner tag' },
    ]);
  });

  it('constructs report through node.validate() too', () => {
    const { acme } = tenant({ stackKey: 'x' });
    expect(acme.node.validate()).toEqual([
      "acme.stackKey: stackKey 'x' is not a stack key: write 'S' and the stack number, e.g. 'S7' (the number in host names such as auth-s7.exacttargetapis.com) [ERR_STACK_KEY_FORMAT]",
    ]);
  });
});
