import Ajv2020 from 'ajv/dist/2020.js';
import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { GrantformStack } from '../cdktf/grantform-stack.js';
import { GrantformApp } from '../constructs/grantform-app.js';
import { Tenant } from '../constructs/tenant.js';
import { manifestJsonSchema } from '../manifest-json-schema.js';
import { parseManifest } from '../manifest-schema.js';
import { serializeManifest } from '../serialize.js';
import { synth } from '../synth.js';
import { validate } from '../validate.js';
import { ConstantContactApplication, type ConstantContactApplicationProps } from './application.js';
import { ConstantContactPartner } from './partner.js';
import { ctctSampleApp } from './sample.case.js';
import { type CtctScope, suggestCtctScope } from './scopes.js';

function application(props: Omit<Partial<ConstantContactApplicationProps>, 'scopes'> & { scopes?: readonly string[] }) {
  const app = new GrantformApp();
  new ConstantContactApplication(app, 'newsletter', {
    redirectUris: ['https://app.example.com/cb'],
    ...props,
    scopes: (props.scopes ?? ['contact_data']) as readonly CtctScope[],
  });
  return app;
}

const codes = (app: GrantformApp) => validate(app).map((i) => [i.path, i.code]);

describe('Constant Contact constructs: synth', () => {
  it('emits applications, partners and client accounts with addresses and dependsOn', () => {
    // WHEN
    const manifest = synth(ctctSampleApp());
    // THEN
    expect(manifest.resources.map((r) => [r.address, r.kind, r.dependsOn])).toEqual([
      ['ctct/apps/agency-app', 'ctct-application', []],
      ['ctct/apps/desktop', 'ctct-application', []],
      ['ctct/apps/newsletter', 'ctct-application', []],
      ['ctct/partners/agency', 'ctct-partner', ['ctct/apps/agency-app']],
      ['ctct/partners/agency/accounts/bakery', 'ctct-client-account', ['ctct/partners/agency']],
      ['ctct/partners/agency/accounts/florist', 'ctct-client-account', ['ctct/partners/agency']],
    ]);
  });

  it('normalises scopes and redirect URIs and resolves every default', () => {
    // WHEN
    const spec = new Map(synth(ctctSampleApp()).resources.map((r) => [r.address, r.spec]));
    // THEN
    expect(spec.get('ctct/apps/newsletter')).toEqual({
      name: 'newsletter',
      apiKey: null,
      type: 'confidential',
      clientSecret: { env: 'GRANTFORM_CTCT_APPS_NEWSLETTER_CLIENT_SECRET' },
      redirectUris: ['http://localhost:8080/cb', 'https://app.example.com/ctct/a', 'https://app.example.com/ctct/z'],
      pkce: 'optional',
      refreshTokens: 'rotating',
      scopes: ['account_read', 'contact_data', 'offline_access'],
    });
    expect(spec.get('ctct/apps/desktop')).toMatchObject({
      type: 'public',
      clientSecret: null,
      pkce: 'required',
      refreshTokens: 'long-lived',
    });
    expect(spec.get('ctct/partners/agency')).toEqual({
      name: 'agency',
      application: 'ctct/apps/agency-app',
      partnerClientId: null,
      partnerSecret: { env: 'GRANTFORM_CTCT_PARTNERS_AGENCY_PARTNER_SECRET' },
    });
    expect(spec.get('ctct/partners/agency/accounts/florist')).toEqual({
      partner: 'ctct/partners/agency',
      name: 'florist',
      managed: false,
      loginName: 'florist_owner',
      contactEmail: 'owner@florist.example',
      organizationName: 'florist',
      countryCode: 'GB',
      stateCode: '',
      firstName: '',
      lastName: '',
    });
  });

  it('sits beside Marketing Cloud tenants in one manifest that parses back and validates against the JSON Schema', () => {
    // GIVEN a tenant and the Constant Contact resources in one app
    const app = new GrantformApp();
    new Tenant(app, 'acme', { enterprise: { mid: 100, name: 'Acme' } });
    const manifest = synth(ctctSampleApp(app));
    // WHEN / THEN
    expect(manifest.resources[0]?.address).toBe('acme');
    expect(parseManifest(serializeManifest(manifest))).toEqual(manifest);
    const ajv = new Ajv2020.default({ strict: false });
    expect(ajv.validate(manifestJsonSchema, JSON.parse(serializeManifest(manifest)))).toBe(true);
  });

  it('becomes null_resources in the Terraform stack like every other resource', () => {
    // WHEN
    const stack = new GrantformStack(Testing.app(), 'grantform', { source: ctctSampleApp() });
    const resources = JSON.parse(Testing.synth(stack, true)).resource.null_resource as Record<
      string,
      { depends_on?: string[]; triggers: Record<string, string> }
    >;
    // THEN
    expect(Object.keys(resources)).toContain('ctct_partners_agency_accounts_bakery');
    expect(resources.ctct_partners_agency?.depends_on).toEqual(['null_resource.ctct_apps_agency-app']);
    expect(resources['ctct_apps_agency-app']?.triggers.address).toBe('ctct/apps/agency-app');
  });
});

describe('Constant Contact constructs: validation', () => {
  it('accepts the sample', () => {
    expect(validate(ctctSampleApp())).toEqual([]);
  });

  it('reports every application problem at once', () => {
    // GIVEN a public app with a secret, optional PKCE, a bad mode and a typo'd scope
    const app = application({
      type: 'public',
      clientSecret: { env: 'lower' },
      pkce: 'optional',
      refreshTokens: 'forever' as 'rotating',
      scopes: ['contacts_data', 'account_read'],
      apiKey: 'no',
    });
    // THEN
    expect(codes(app)).toEqual([
      ['ctct/apps/newsletter.refreshTokens', 'ERR_CTCT_REFRESH_MODE'],
      ['ctct/apps/newsletter.apiKey', 'ERR_CTCT_API_KEY'],
      ['ctct/apps/newsletter.pkce', 'ERR_PKCE'],
      ['ctct/apps/newsletter.clientSecret', 'ERR_SECRET_NOT_ALLOWED'],
      ['ctct/apps/newsletter.scopes[0]', 'ERR_SCOPE_UNKNOWN'],
      ['ctct/apps/newsletter.clientSecret.env', 'ERR_SECRET_ENV_FORMAT'],
    ]);
    expect(validate(app).find((i) => i.code === 'ERR_SCOPE_UNKNOWN')?.message).toBe(
      "unknown Constant Contact scope 'contacts_data': did you mean 'contact_data'?",
    );
  });

  it('suggests the nearest scope', () => {
    expect(suggestCtctScope('offline')).toBe('offline_access');
    expect(suggestCtctScope('Account-Read')).toBe('account_read');
    expect(suggestCtctScope('campain_data')).toBe('campaign_data');
    expect(suggestCtctScope('email_send')).toBeUndefined();
  });

  it('needs a scope, and a redirect URI for a confidential application', () => {
    expect(codes(application({ scopes: [], redirectUris: [] }))).toEqual([
      ['ctct/apps/newsletter.scopes', 'ERR_CTCT_SCOPE_REQUIRED'],
      ['ctct/apps/newsletter.redirectUris', 'ERR_REDIRECT_URI_REQUIRED'],
    ]);
    // a public (device-flow only) application may have none
    expect(codes(application({ type: 'public', redirectUris: [] }))).toEqual([]);
  });

  it('applies the shared redirect-URI rules, but allows http on loopback and localhost', () => {
    // GIVEN
    const app = application({
      redirectUris: [
        'http://localhost:3000/cb',
        'http://127.0.0.1/cb',
        'http://app.example.com/cb',
        'https://app.example.com/*',
        'https://app.example.com/cb#x',
        'https://app.example.com/a%2Fb',
        'relative/cb',
        'https://intranet/cb',
        'http://127.0.0.1/cb',
      ],
    });
    // THEN
    expect(codes(app)).toEqual([
      ['ctct/apps/newsletter.redirectUris[2]', 'ERR_REDIRECT_URI_SCHEME'],
      ['ctct/apps/newsletter.redirectUris[3]', 'ERR_REDIRECT_URI_WILDCARD'],
      ['ctct/apps/newsletter.redirectUris[4]', 'ERR_REDIRECT_URI_FRAGMENT'],
      ['ctct/apps/newsletter.redirectUris[5]', 'ERR_REDIRECT_URI_ENCODED'],
      ['ctct/apps/newsletter.redirectUris[6]', 'ERR_REDIRECT_URI_NOT_ABSOLUTE'],
      ['ctct/apps/newsletter.redirectUris[7]', 'ERR_REDIRECT_URI_NOT_ABSOLUTE'],
      ['ctct/apps/newsletter.redirectUris[8]', 'ERR_REDIRECT_URI_DUPLICATE'],
    ]);
    expect(validate(app)[0]?.message).toBe(
      "'http://app.example.com/cb' uses the 'http' scheme: use https:// (http:// only for localhost or 127.0.0.1) or a native-app scheme such as 'com.example.app://callback', e.g. 'https://app.example.com/cb'",
    );
  });

  it('checks names, API-key and login uniqueness, the partner application and account fields', () => {
    // GIVEN
    const app = new GrantformApp();
    new Tenant(app, 'ctct', { enterprise: { mid: 1, name: 'x' } });
    const a = new ConstantContactApplication(app, 'a', {
      apiKey: 'aaaaaaaa-1',
      scopes: ['contact_data'],
      redirectUris: ['https://x.example.com/cb'],
    });
    new ConstantContactApplication(app, 'Bad_Name', { apiKey: 'aaaaaaaa-1', type: 'public', scopes: ['contact_data'] });
    const foreign = new ConstantContactApplication(new GrantformApp(), 'f', {
      type: 'public',
      scopes: ['contact_data'],
    });
    const p1 = new ConstantContactPartner(app, 'p1', { application: a });
    new ConstantContactPartner(app, 'p2', {
      application: a,
      partnerClientId: 'x',
      partnerSecret: { env: 'GRANTFORM_CTCT_PARTNERS_P1_PARTNER_SECRET' },
    });
    new ConstantContactPartner(app, 'p3', { application: foreign });
    p1.addClientAccount('one', { loginName: 'owner1', contactEmail: 'o@x.example', stateCode: 'MA' });
    p1.addClientAccount('two', { loginName: 'OWNER1', contactEmail: 'not-mail', stateCode: 'Mass', countryCode: 'us' });
    p1.addClientAccount('three', { loginName: 'abc', contactEmail: 'o@x.example' });
    // THEN
    expect(codes(app)).toEqual([
      ['ctct/apps/a', 'ERR_NAME_RESERVED'],
      ['ctct/apps/Bad_Name', 'ERR_NAME_RESERVED'],
      ['ctct/apps/Bad_Name.name', 'ERR_NAME_FORMAT'],
      ['ctct/apps/Bad_Name.apiKey', 'ERR_CTCT_API_KEY'],
      ['ctct/partners/p1', 'ERR_NAME_RESERVED'],
      ['ctct/partners/p1/accounts/two.loginName', 'ERR_CTCT_LOGIN_DUPLICATE'],
      ['ctct/partners/p1/accounts/two.contactEmail', 'ERR_CTCT_ACCOUNT_FIELD'],
      ['ctct/partners/p1/accounts/two.countryCode', 'ERR_CTCT_ACCOUNT_FIELD'],
      ['ctct/partners/p1/accounts/three.loginName', 'ERR_CTCT_ACCOUNT_FIELD'],
      ['ctct/partners/p1/accounts/three.stateCode', 'ERR_CTCT_ACCOUNT_FIELD'],
      ['ctct/partners/p2', 'ERR_NAME_RESERVED'],
      ['ctct/partners/p2.application', 'ERR_CTCT_APPLICATION_SHARED'],
      ['ctct/partners/p2.partnerClientId', 'ERR_CTCT_API_KEY'],
      ['ctct/partners/p3', 'ERR_NAME_RESERVED'],
      ['ctct/partners/p3.application', 'ERR_CTCT_APPLICATION_REF'],
      ['ctct/partners/p2.partnerSecret.env', 'ERR_SECRET_ENV_DUPLICATE'],
    ]);
  });
});

describe('parseManifest: Constant Contact resources', () => {
  it('refuses broken references, unknown scopes and a secret on a public application', () => {
    // GIVEN a synthesized manifest, then broken by hand
    const m = JSON.parse(serializeManifest(synth(ctctSampleApp())));
    m.resources[1].spec.clientSecret = { env: 'X' };
    m.resources[2].spec.scopes = ['contacts_data'];
    m.resources[3].spec.application = 'ctct/apps/nope';
    // WHEN / THEN
    expect(() => parseManifest(m)).toThrow(
      expect.objectContaining({
        issues: [
          {
            path: 'resources[2].spec.scopes[0]',
            message: 'unknown Constant Contact scope "contacts_data": did you mean \'contact_data\'?',
          },
        ],
      }),
    );
    m.resources[2].spec.scopes = ['contact_data'];
    expect(() => parseManifest(m)).toThrow(
      expect.objectContaining({
        issues: [
          { path: 'resources[1].spec.clientSecret', message: 'a public application has no client secret' },
          {
            path: 'resources[3].spec.application',
            message: "'ctct/apps/nope' is not the address of a ctct-application resource in this manifest",
          },
        ],
      }),
    );
  });
});

describe('fromObject: constantContact', () => {
  it('builds the same resources as the constructs, and reports an unknown application name', async () => {
    const { fromObject } = await import('../from-object.js');
    // GIVEN the sample as a plain object
    const obj = {
      tenants: [],
      constantContact: {
        applications: [
          {
            name: 'newsletter',
            scopes: ['offline_access', 'contact_data', 'account_read', 'contact_data'],
            redirectUris: [
              'https://app.example.com/ctct/z',
              'https://app.example.com/ctct/a',
              'http://localhost:8080/cb',
            ],
          },
          {
            name: 'desktop',
            type: 'public',
            scopes: ['contact_data', 'offline_access'],
            redirectUris: ['http://127.0.0.1:53682/callback'],
            refreshTokens: 'long-lived',
          },
          {
            name: 'agency-app',
            apiKey: '6b1f3c2e-7f9a-4c1d-9e8b-2a5d4c3b1a00',
            scopes: ['account_read', 'contact_data'],
            redirectUris: ['https://agency.example.com/cb'],
          },
        ],
        partners: [
          {
            name: 'agency',
            application: 'agency-app',
            clientAccounts: [
              {
                name: 'bakery',
                loginName: 'bakery_owner',
                contactEmail: 'owner@bakery.example',
                stateCode: 'MA',
                firstName: 'Bea',
              },
              {
                name: 'florist',
                managed: false,
                loginName: 'florist_owner',
                contactEmail: 'owner@florist.example',
                countryCode: 'GB',
              },
            ],
          },
        ],
      },
    };
    // THEN
    expect(synth(fromObject(obj))).toEqual(synth(ctctSampleApp()));
    const broken = { tenants: [], constantContact: { partners: [{ name: 'p', application: 'nope' }] } };
    expect(() => fromObject(broken)).toThrow(
      expect.objectContaining({
        issues: [
          {
            path: 'constantContact.partners[0].application',
            code: 'ERR_OBJECT_SHAPE',
            message: "no application named 'nope' in constantContact.applications",
          },
        ],
      }),
    );
  });
});
