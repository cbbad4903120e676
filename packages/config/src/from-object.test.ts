import { describe, expect, it } from 'vitest';
import { ConfigValidationError } from './errors.js';
import { fromObject, type GrantformConfigObject } from './from-object.js';
import { sampleApp } from './sample-app.case.js';
import { serializeManifest } from './serialize.js';
import { synth } from './synth.js';

const SAMPLE: GrantformConfigObject = {
  tenants: [
    {
      name: 'acme',
      enterprise: {
        mid: 100,
        name: 'Acme',
        children: [
          { mid: 102, name: 'Acme EU' },
          { mid: 101, name: 'Acme US' },
        ],
      },
      packages: [
        {
          name: 'crm-sync',
          description: 'CRM sync',
          api: {
            type: 'server-to-server',
            scopes: ['email_send', 'data_extensions_write', 'data_extensions_read'],
            businessUnits: [102, 101],
          },
        },
        {
          name: 'portal',
          api: {
            type: 'web-app',
            scopes: ['offline', 'email_read'],
            redirectUris: ['https://portal.example.com/z', 'https://portal.example.com/a'],
          },
        },
        {
          name: 'cli',
          legacy: true,
          sourceMid: 101,
          api: { type: 'public-app', scopes: ['email_read'], redirectUris: ['com.acme.cli://cb'] },
          app: {
            loginUrl: 'https://cli.example.com/login',
            redirectUrl: 'https://cli.example.com/',
            logoutUrl: 'https://cli.example.com/logout',
          },
        },
      ],
    },
  ],
};

function thrownBy(fn: () => unknown): ConfigValidationError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigValidationError) return err;
    throw err;
  }
  throw new Error('expected a ConfigValidationError');
}

describe('fromObject', () => {
  it('builds the same tree as the construct API: identical manifest bytes', () => {
    // WHEN
    const fromPlain = serializeManifest(synth(fromObject(SAMPLE)));
    // THEN
    expect(fromPlain).toBe(serializeManifest(synth(sampleApp())));
  });

  it('reports every shape problem with its path in the object', () => {
    // GIVEN
    const input = {
      tenants: [
        {
          name: 'acme',
          enterprise: { mid: '100', name: 'Acme' },
          packages: [{ name: 'x', api: { type: 'web', scopes: [], clientSecret: 'hunter2' }, colour: 'red' }],
        },
      ],
    };
    // WHEN
    const err = thrownBy(() => fromObject(input));
    // THEN
    expect(err.message).toBe('the configuration object has 4 problems; fix every one listed below');
    expect(err.issues).toEqual([
      {
        path: 'tenants[0].enterprise.mid',
        code: 'ERR_OBJECT_SHAPE',
        message: 'Invalid input: expected number, received string',
      },
      {
        path: 'tenants[0].packages[0].api.type',
        code: 'ERR_OBJECT_SHAPE',
        message: 'Invalid option: expected one of "server-to-server"|"web-app"|"public-app"',
      },
      {
        path: 'tenants[0].packages[0].api.clientSecret',
        code: 'ERR_OBJECT_SHAPE',
        message: "a secret is never written in config: refer to it by name, e.g. { env: 'MY_CLIENT_SECRET' }",
      },
      { path: 'tenants[0].packages[0]', code: 'ERR_OBJECT_SHAPE', message: 'Unrecognized key: "colour"' },
    ]);
  });

  it('says "required" for a missing field', () => {
    expect(thrownBy(() => fromObject({})).issues).toEqual([
      { path: 'tenants', code: 'ERR_OBJECT_SHAPE', message: 'required: expected array' },
    ]);
  });

  it('leaves value rules to validate/synth, located by address', () => {
    // GIVEN a well-shaped object with a mistyped scope
    const app = fromObject({
      tenants: [
        {
          name: 'acme',
          enterprise: { mid: 1, name: 'A' },
          packages: [{ name: 'x', api: { type: 'server-to-server', scopes: ['emial_send'] } }],
        },
      ],
    });
    // WHEN / THEN
    expect(thrownBy(() => synth(app)).issues).toEqual([
      {
        path: 'acme/x/api.scopes[0]',
        code: 'ERR_SCOPE_UNKNOWN',
        message: "unknown scope 'emial_send': did you mean 'email_send'?",
      },
    ]);
  });
});
