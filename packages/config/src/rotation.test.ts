import { describe, expect, it } from 'vitest';
import { ConstantContactApplication } from './constant-contact/application.js';
import { ConstantContactPartner } from './constant-contact/partner.js';
import { ApiIntegration } from './constructs/api-integration.js';
import { GrantformApp, type GrantformAppProps } from './constructs/grantform-app.js';
import { InstalledPackage } from './constructs/installed-package.js';
import { Tenant } from './constructs/tenant.js';
import { fromObject } from './from-object.js';
import { parseManifest } from './manifest-schema.js';
import type { RotationPolicy } from './rotation.js';
import { synth } from './synth.js';
import { validate } from './validate.js';

/** Two Marketing Cloud integrations (one with its own policy), a public app, a CTCT application and partner. */
function sample(appProps: GrantformAppProps, own: RotationPolicy | null = { maxAgeDays: 90 }) {
  const app = new GrantformApp(appProps);
  const acme = new Tenant(app, 'acme', { enterprise: { mid: 100, name: 'Acme' } });
  new ApiIntegration(new InstalledPackage(acme, 'sync'), { type: 'server-to-server', scopes: ['email_send'] });
  new ApiIntegration(new InstalledPackage(acme, 'jobs'), {
    type: 'server-to-server',
    scopes: ['email_send'],
    ...(own === null ? {} : { rotation: own }),
  });
  new ApiIntegration(new InstalledPackage(acme, 'spa'), {
    type: 'public-app',
    scopes: ['email_read'],
    redirectUris: ['https://spa.example.com/cb'],
  });
  const news = new ConstantContactApplication(app, 'news', {
    scopes: ['contact_data'],
    redirectUris: ['https://app.example.com/cb'],
  });
  new ConstantContactPartner(app, 'agency', { application: news });
  return app;
}

const rotationOf = (app: GrantformApp) =>
  Object.fromEntries(
    synth(app).resources.map((r) => [r.address, 'rotation' in r.spec ? (r.spec.rotation ?? null) : null]),
  );

describe('rotation policy: synth', () => {
  it('gives every secret-bearing integration its own policy, else the app-wide one; none without a secret', () => {
    // GIVEN an app-wide 150 days and one integration with 90
    const app = sample({ rotation: { maxAgeDays: 150 } });
    // WHEN synthesized
    const rotation = rotationOf(app);
    // THEN
    expect(rotation).toEqual({
      acme: null,
      'acme/jobs': null,
      'acme/jobs/api': { maxAgeDays: 90 },
      'acme/spa': null,
      'acme/spa/api': null,
      'acme/sync': null,
      'acme/sync/api': { maxAgeDays: 150 },
      'ctct/apps/news': { maxAgeDays: 150 },
      'ctct/partners/agency': { maxAgeDays: 150 },
    });
  });

  it('leaves `rotation` out of the manifest when there is no policy (manifests stay as they were)', () => {
    const manifest = synth(sample({}, null));
    expect(manifest.resources.some((r) => 'rotation' in r.spec)).toBe(false);
    // AND a manifest with policies parses
    expect(parseManifest(JSON.stringify(synth(sample({ rotation: { maxAgeDays: 150 } }))))).toBeDefined();
  });
});

describe('rotation policy: validation', () => {
  it('maxAgeDays is a whole number of days from 1 to 3650, below 180 for Marketing Cloud client secrets', () => {
    // GIVEN policies out of range, not whole, and past Marketing Cloud's expiry
    const app = new GrantformApp();
    const acme = new Tenant(app, 'acme', { enterprise: { mid: 100, name: 'Acme' } });
    const bad: RotationPolicy[] = [{ maxAgeDays: 0 }, { maxAgeDays: 1.5 }, { maxAgeDays: 180 }, { maxAgeDays: 4000 }];
    bad.forEach((rotation, i) => {
      new ApiIntegration(new InstalledPackage(acme, `p${i}`), { type: 'server-to-server', scopes: [], rotation });
    });
    const news = new ConstantContactApplication(app, 'news', {
      scopes: ['contact_data'],
      redirectUris: ['https://app.example.com/cb'],
      rotation: { maxAgeDays: 365 },
    });
    new ConstantContactPartner(app, 'agency', { application: news, rotation: { maxAgeDays: -1 } });
    // WHEN validated
    const issues = validate(app);
    // THEN each is reported where it was given (a year is fine for Constant Contact: its secrets do not expire)
    expect(issues).toEqual([
      {
        path: 'acme/p0/api.rotation.maxAgeDays',
        code: 'ERR_ROTATION_MAX_AGE',
        message: 'rotation.maxAgeDays must be a whole number of days from 1 to 3650 (got 0)',
      },
      {
        path: 'acme/p1/api.rotation.maxAgeDays',
        code: 'ERR_ROTATION_MAX_AGE',
        message: 'rotation.maxAgeDays must be a whole number of days from 1 to 3650 (got 1.5)',
      },
      {
        path: 'acme/p2/api.rotation.maxAgeDays',
        code: 'ERR_ROTATION_MAX_AGE',
        message:
          'rotation.maxAgeDays 180 is not below 180: Marketing Cloud client secrets expire 180 days after they are generated, so the secret would expire before the policy rotates it; use at most 179 (150 leaves a month to spare)',
      },
      {
        path: 'acme/p3/api.rotation.maxAgeDays',
        code: 'ERR_ROTATION_MAX_AGE',
        message: 'rotation.maxAgeDays must be a whole number of days from 1 to 3650 (got 4000)',
      },
      {
        path: 'ctct/partners/agency.rotation.maxAgeDays',
        code: 'ERR_ROTATION_MAX_AGE',
        message: 'rotation.maxAgeDays must be a whole number of days from 1 to 3650 (got -1)',
      },
    ]);
  });

  it('a public app or application has no secret to rotate; an app-wide policy simply skips them', () => {
    const app = new GrantformApp({ rotation: { maxAgeDays: 150 } });
    const acme = new Tenant(app, 'acme', { enterprise: { mid: 100, name: 'Acme' } });
    new ApiIntegration(new InstalledPackage(acme, 'spa'), {
      type: 'public-app',
      scopes: ['email_read'],
      redirectUris: ['https://spa.example.com/cb'],
      rotation: { maxAgeDays: 30 },
    });
    new ConstantContactApplication(app, 'desktop', {
      type: 'public',
      scopes: ['contact_data'],
      rotation: { maxAgeDays: 30 },
    });
    expect(validate(app)).toEqual([
      {
        path: 'acme/spa/api.rotation',
        code: 'ERR_ROTATION_NOT_APPLICABLE',
        message: 'a public app has no client secret to rotate: remove rotation',
      },
      {
        path: 'ctct/apps/desktop.rotation',
        code: 'ERR_ROTATION_NOT_APPLICABLE',
        message: 'a public application has no client secret to rotate: remove rotation',
      },
    ]);
  });

  it('an app-wide policy is held to 180 days only when a Marketing Cloud client secret inherits it', () => {
    // GIVEN 200 days app-wide, inherited by acme/sync/api
    const inherited = validate(sample({ rotation: { maxAgeDays: 200 } }));
    expect(inherited).toEqual([
      {
        path: 'rotation.maxAgeDays',
        code: 'ERR_ROTATION_MAX_AGE',
        message:
          'rotation.maxAgeDays 200 is not below 180: Marketing Cloud client secrets expire 180 days after they are generated, so the secret would expire before the policy rotates it; use at most 179 (150 leaves a month to spare)',
      },
    ]);
    // AND with only Constant Contact inheriting, a year is fine
    const ctctOnly = new GrantformApp({ rotation: { maxAgeDays: 365 } });
    new ConstantContactApplication(ctctOnly, 'news', {
      scopes: ['contact_data'],
      redirectUris: ['https://app.example.com/cb'],
    });
    expect(validate(ctctOnly)).toEqual([]);
  });
});

describe('rotation policy: plain-object form', () => {
  it('reads `rotation` app-wide, per integration, per application and per partner', () => {
    const app = fromObject({
      rotation: { maxAgeDays: 150 },
      tenants: [
        {
          name: 'acme',
          enterprise: { mid: 100, name: 'Acme' },
          packages: [{ name: 'jobs', api: { type: 'server-to-server', scopes: [], rotation: { maxAgeDays: 60 } } }],
        },
      ],
      constantContact: {
        applications: [
          {
            name: 'news',
            scopes: ['contact_data'],
            redirectUris: ['https://a.example.com/cb'],
            rotation: { maxAgeDays: 30 },
          },
        ],
        partners: [{ name: 'agency', application: 'news', rotation: { maxAgeDays: 45 } }],
      },
    });
    expect(rotationOf(app)).toEqual({
      acme: null,
      'acme/jobs': null,
      'acme/jobs/api': { maxAgeDays: 60 },
      'ctct/apps/news': { maxAgeDays: 30 },
      'ctct/partners/agency': { maxAgeDays: 45 },
    });
  });

  it('refuses unknown keys in a policy with their path', () => {
    expect(() => fromObject({ rotation: { maxAgeDays: 150, every: '5m' }, tenants: [] })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'rotation', code: 'ERR_OBJECT_SHAPE' })] }),
    );
  });
});
