import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ConfigValidationError } from './errors.js';
import { manifestJsonSchema } from './manifest-json-schema.js';
import { sampleApp } from './sample-app.case.js';
import { resourceSpecHash, serializeManifest } from './serialize.js';
import { synth } from './synth.js';

describe('synth', () => {
  it('emits one resource per construct, sorted by address, with dependsOn', () => {
    // GIVEN / WHEN
    const manifest = synth(sampleApp());
    // THEN
    expect(manifest.apiVersion).toBe('grantform.dev/v1');
    expect(manifest.resources.map((r) => [r.address, r.kind, r.dependsOn])).toEqual([
      ['acme', 'tenant', []],
      ['acme/cli', 'installed-package', ['acme']],
      ['acme/cli/api', 'api-integration', ['acme/cli']],
      ['acme/cli/app', 'marketing-cloud-app', ['acme/cli']],
      ['acme/crm-sync', 'installed-package', ['acme']],
      ['acme/crm-sync/api', 'api-integration', ['acme/crm-sync']],
      ['acme/portal', 'installed-package', ['acme']],
      ['acme/portal/api', 'api-integration', ['acme/portal']],
    ]);
  });

  it('normalises: business units, scopes, redirect URIs and MIDs sorted and unique; defaults resolved', () => {
    // WHEN
    const byAddress = new Map(synth(sampleApp()).resources.map((r) => [r.address, r.spec]));
    // THEN
    expect(byAddress.get('acme')).toEqual({
      name: 'acme',
      subdomain: 'mcmbce3yrj2wmito8udkq2ncga7v',
      stackKey: 'S7',
      enterpriseMid: 100,
      businessUnits: [
        { mid: 100, name: 'Acme', parentMid: null },
        { mid: 101, name: 'Acme US', parentMid: 100 },
        { mid: 102, name: 'Acme EU', parentMid: 100 },
      ],
    });
    expect(byAddress.get('acme/crm-sync/api')).toEqual({
      package: 'acme/crm-sync',
      type: 'server-to-server',
      scopes: ['data_extensions_read', 'data_extensions_write', 'email_send'],
      redirectUris: [],
      businessUnits: [101, 102],
      clientSecret: { env: 'GRANTFORM_ACME_CRM_SYNC_API_CLIENT_SECRET' },
      pkce: 'optional',
    });
    expect(byAddress.get('acme/portal/api')).toMatchObject({
      redirectUris: ['https://portal.example.com/a', 'https://portal.example.com/z'],
      businessUnits: 'all',
    });
    expect(byAddress.get('acme/cli/api')).toMatchObject({ clientSecret: null, pkce: 'required' });
    expect(byAddress.get('acme/cli')).toEqual({
      tenant: 'acme',
      name: 'cli',
      description: '',
      legacy: true,
      sourceMid: 101,
    });
    expect(byAddress.get('acme/cli/app')).toEqual({
      package: 'acme/cli',
      loginUrl: 'https://cli.example.com/login',
      redirectUrl: 'https://cli.example.com/',
      logoutUrl: 'https://cli.example.com/logout',
      jwtSigningSecret: { env: 'GRANTFORM_ACME_CLI_APP_JWT_SIGNING_SECRET' },
      claimsVersion: 2,
    });
  });

  it('is deterministic: two synths of two builds give identical bytes', () => {
    // WHEN
    const first = serializeManifest(synth(sampleApp()));
    const second = serializeManifest(synth(sampleApp()));
    // THEN
    expect(second).toBe(first);
    expect(first.endsWith('}\n')).toBe(true);
    expect(
      first.startsWith('{\n  "apiVersion": "grantform.dev/v1",\n  "resources": [\n    {\n      "address": "acme",'),
    ).toBe(true);
  });

  it('produces a manifest valid against the exported JSON Schema', () => {
    // GIVEN
    const validateSchema = new Ajv2020.default({ allErrors: true, strict: false }).compile(manifestJsonSchema);
    // WHEN
    const valid = validateSchema(JSON.parse(serializeManifest(synth(sampleApp()))));
    // THEN
    expect(validateSchema.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('throws ConfigValidationError with every issue when the config is invalid', () => {
    // GIVEN
    const app = sampleApp();
    const acme = app.tenants()[0]!;
    acme.addPackage('broken').addApiIntegration({ type: 'web-app', scopes: ['offline'] });
    // WHEN
    const thrown = (() => {
      try {
        synth(app);
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    // THEN
    expect(thrown).toBeInstanceOf(ConfigValidationError);
    expect(thrown).toMatchObject({
      code: 'ERR_CONFIG_INVALID',
      message: 'the grantform configuration has 1 problem; fix every one listed below',
      issues: [{ path: 'acme/broken/api.redirectUris', code: 'ERR_REDIRECT_URI_REQUIRED' }],
    });
  });

  it('never writes a secret value: only env names', () => {
    const text = serializeManifest(synth(sampleApp()));
    expect(text.match(/"env": "[A-Z_]+"/g)).toEqual([
      '"env": "GRANTFORM_ACME_CLI_APP_JWT_SIGNING_SECRET"',
      '"env": "GRANTFORM_ACME_CRM_SYNC_API_CLIENT_SECRET"',
      '"env": "GRANTFORM_ACME_PORTAL_API_CLIENT_SECRET"',
    ]);
  });
});

describe('resourceSpecHash', () => {
  it('is the sha256 of the canonical spec: key order does not matter', () => {
    expect(resourceSpecHash({ spec: { b: 1, a: 2 } as never })).toBe(
      resourceSpecHash({ spec: { a: 2, b: 1 } as never }),
    );
    expect(resourceSpecHash({ spec: { a: 1 } as never })).toBe(
      '015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862',
    );
  });
});
