/**
 * @module
 * Marketing Cloud's part of the admin API's OpenAPI document: its paths (tenants, packages, users,
 * tokens, and its test control) and schemas. Request bodies come from the zod schemas its routes
 * validate with, so they cannot drift.
 */
import {
  body,
  err,
  input,
  type Json,
  list,
  ok,
  ownerSchema,
  pid,
  ref,
  sub,
  withProps,
} from '../../../admin/openapi-builders.js';
import * as bodies from './schemas.js';

const str = { type: 'string' };
const time = { type: 'string', format: 'date-time' };
const endpoints = {
  type: 'object',
  properties: { auth: { type: 'string' }, rest: { type: 'string' }, soap: { type: 'string' } },
};

/** Marketing Cloud's paths, relative to the `/_emulator` server URL. */
export function marketingCloudOpenApiPaths(): Json {
  return {
    '/tokens': { get: { responses: { 200: ok('Tokens and codes, never their values', list('Token')) } } },
    '/tenants': { get: { responses: { 200: ok('Tenants', list('Tenant')) } } },
    '/tenants/{subdomain}': {
      parameters: [sub],
      get: { responses: { 200: ok('Tenant', ref('Tenant')), 404: err('Unknown') } },
      put: {
        requestBody: body('TenantInput'),
        responses: { 200: ok('Updated', ref('Tenant')), 201: ok('Created', ref('Tenant')), 400: err('Invalid') },
      },
      delete: { responses: { 204: ok('Deleted'), 404: err('Unknown'), 409: err('Packages remain') } },
    },
    '/tenants/{subdomain}/packages': {
      parameters: [sub],
      get: { responses: { 200: ok('Packages', list('Package')) } },
      post: {
        requestBody: body('PackageInput'),
        responses: {
          201: ok('Created', withProps('Package', { jwtSigningSecret: { type: 'string' } })),
          400: err('Invalid'),
          409: err('Name exists'),
        },
      },
    },
    '/tenants/{subdomain}/users': {
      parameters: [sub],
      get: { responses: { 200: ok('Users (no passwords)', list('User')) } },
      post: { requestBody: body('UserInput'), responses: { 201: ok('Created', ref('User')), 409: err('Exists') } },
    },
    '/packages/{id}': {
      parameters: [pid],
      get: { responses: { 200: ok('Package', ref('Package')), 404: err('Unknown') } },
      patch: {
        requestBody: body('PackagePatch'),
        responses: { 200: ok('Updated', ref('Package')), 400: err('Invalid') },
      },
      delete: { responses: { 204: ok('Deleted; its tokens are revoked') } },
    },
    '/packages/{id}/integration': {
      parameters: [pid],
      get: { responses: { 200: ok('Integration', ref('Integration')), 404: err('None') } },
      put: {
        requestBody: body('IntegrationInput'),
        responses: {
          200: ok('Updated', ref('Integration')),
          201: ok('Created', withProps('Integration', { secret: { type: 'string' } })),
          400: err('Invalid'),
        },
      },
      delete: { responses: { 409: err('ERR_COMPONENT_NOT_REMOVABLE') } },
    },
    '/packages/{id}/integration/secret': {
      parameters: [pid],
      get: { responses: { 200: ok('Rotation status (no secret)', ref('SecretStatus')), 404: err('No integration') } },
      post: {
        responses: {
          200: ok('Rotated; the old secret stops working at once', {
            type: 'object',
            properties: { secret: { type: 'string' }, secretStatus: ref('SecretStatus') },
          }),
        },
      },
    },
    '/packages/{id}/jwt-signing-secret': {
      parameters: [pid],
      post: {
        description:
          "Refreshes the package's JWT signing secret (the console's Refresh): the old one stops signing at once.",
        responses: {
          200: ok('Refreshed; shown once', {
            type: 'object',
            properties: {
              jwtSigningSecret: { type: 'string' },
              jwtSigningSecretStatus: {
                type: 'object',
                properties: { createdAt: { type: 'string', format: 'date-time' }, expiresAt: { type: 'null' } },
              },
            },
          }),
          404: err('Unknown'),
        },
      },
    },
    '/packages/{id}/app': {
      parameters: [pid],
      get: { responses: { 200: ok('App', ref('App')), 404: err('None') } },
      put: {
        requestBody: body('AppInput'),
        responses: { 200: ok('Updated', ref('App')), 201: ok('Created', ref('App')) },
      },
      delete: { responses: { 409: err('ERR_COMPONENT_NOT_REMOVABLE') } },
    },
    '/propagation': {
      get: {
        responses: {
          200: ok('Integration changes not yet in effect', {
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: { type: 'object', properties: { packageId: str, clientId: str, effectiveAt: time } },
              },
            },
          }),
        },
      },
    },
    '/keys/unknown-kid-token': {
      post: {
        requestBody: body('UnknownKidTokenInput'),
        responses: {
          201: ok('An otherwise valid access token signed by an unpublished key', {
            type: 'object',
            properties: { access_token: str, kid: str, expires_in: { type: 'integer' } },
          }),
          404: err('Unknown client'),
        },
      },
    },
    '/packages/{id}/integration/secret/stage': {
      parameters: [pid],
      post: {
        responses: {
          201: ok('The staged secret (shown once) and status', {
            allOf: [ref('SecretStatus'), { type: 'object', properties: { secret: str } }],
          }),
          409: err('Staged less than 5 minutes ago'),
        },
      },
    },
    '/packages/{id}/integration/secret/activate': {
      parameters: [pid],
      post: {
        responses: {
          200: ok('Activated: the old secret stops working at once', ref('SecretStatus')),
          409: err('No staged secret, staged secret not live yet, or activated less than 5 minutes ago'),
        },
      },
    },
    '/packages/{id}/installations': {
      parameters: [pid],
      get: { responses: { 200: ok('Customer tenants the package is installed into', list('Installation')) } },
    },
    '/packages/{id}/installations/{subdomain}': {
      parameters: [pid, sub],
      put: {
        requestBody: body('InstallationInput', false),
        responses: {
          201: ok('Installed', ref('Installation')),
          200: ok('Updated', ref('Installation')),
          409: err('Not an AppExchange/legacy-app package, or its own tenant'),
        },
      },
      delete: {
        responses: {
          204: ok("Uninstalled; the package's tokens in that tenant are revoked"),
          404: err('Not installed'),
        },
      },
    },
    '/packages/{id}/app/launch': {
      parameters: [pid],
      post: {
        description:
          'App Center SSO: signs the JWT (HS256, package JWT signing secret, claims v1/v2) for a test user and returns an auto-submitting form (text/html), the JWT as JSON, or POSTs it server-side (loopback only unless a fetch is injected).',
        requestBody: body('LaunchInput'),
        responses: {
          200: ok('Form (deliver=form), {jwt, loginUrl, claims} (json) or {jwt, loginUrl, response} (post)'),
          404: err('No app or no such user'),
          409: err('Enhanced package (no SSO JWT)'),
        },
      },
    },
  };
}

/** Marketing Cloud's component schemas. */
export function marketingCloudOpenApiSchemas(): Json {
  return {
    TenantInput: input(bodies.tenantBody),
    PackageInput: input(bodies.packageBody),
    PackagePatch: input(bodies.packagePatch),
    IntegrationInput: input(bodies.integrationBody),
    AppInput: input(bodies.appBody),
    UserInput: input(bodies.userBody),
    Tenant: {
      allOf: [
        input(bodies.tenantBody),
        { type: 'object', properties: { subdomain: { type: 'string' }, endpoints, owner: ownerSchema } },
      ],
    },
    Package: {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid' },
        tenant: { type: 'string' },
        name: { type: 'string' },
        description: { type: 'string' },
        legacy: { type: 'boolean' },
        sourceMid: { type: 'integer' },
        integration: { oneOf: [ref('Integration'), { type: 'null' }] },
        app: { oneOf: [ref('App'), { type: 'null' }] },
        owner: ownerSchema,
        jwtSigningSecretStatus: {
          type: 'object',
          description: 'When the JWT signing secret was generated (null: unknown); it never expires (expiresAt null)',
          properties: { createdAt: { type: ['string', 'null'], format: 'date-time' }, expiresAt: { type: 'null' } },
        },
      },
    },
    Integration: {
      allOf: [
        input(bodies.integrationBody),
        {
          type: 'object',
          properties: {
            clientId: { type: 'string' },
            endpoints,
            secretStatus: { oneOf: [ref('SecretStatus'), { type: 'null' }], description: 'null for a public app' },
          },
        },
      ],
    },
    App: input(bodies.appBody),
    User: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        tenant: { type: 'string' },
        username: { type: 'string' },
        name: { type: 'string' },
        email: { type: 'string' },
        defaultMid: { type: 'integer' },
        businessUnits: { oneOf: [{ const: 'all' }, { type: 'array', items: { type: 'integer' } }] },
      },
    },
    Token: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        kind: { enum: ['access', 'refresh', 'code'] },
        clientId: { type: 'string' },
        tenant: { type: 'string' },
        mid: { type: 'integer' },
        scopes: { type: 'array', items: { type: 'string' } },
        issuedAt: { type: 'string', format: 'date-time' },
        expiresAt: { type: 'string', format: 'date-time' },
        state: { enum: ['active', 'expired', 'used', 'revoked'] },
      },
    },
    CredentialsEntry: {
      type: 'object',
      properties: Object.fromEntries(
        [
          'address',
          'type',
          'clientId',
          'clientSecret',
          'clientSecretEnv',
          'tenant',
          'subdomain',
          'packageId',
          'authBaseUrl',
          'restBaseUrl',
          'soapBaseUrl',
        ]
          .map((k) => [k, { type: 'string' }] as [string, Json])
          .concat([
            ['businessUnits', { type: 'array', items: { type: 'integer' } }],
            ['redirectUris', { type: 'array', items: { type: 'string' } }],
            ['users', { type: 'array', items: { type: 'object' } }],
            [
              'installations',
              {
                type: 'array',
                description: 'Customer tenants the package is installed into (x-emulator.installations)',
                items: { type: 'object' },
              },
            ],
          ]),
      ),
    },
    UnknownKidTokenInput: input(bodies.unknownKidTokenBody),
    SecretStatus: {
      type: 'object',
      properties: {
        active: { type: 'object', properties: { createdAt: time, expiresAt: time, expired: { type: 'boolean' } } },
        staged: {
          oneOf: [
            { type: 'null' },
            {
              type: 'object',
              properties: {
                createdAt: time,
                acceptedFrom: time,
                expiresAt: time,
                accepted: { type: 'boolean' },
                activatableFrom: time,
              },
            },
          ],
        },
        lastActivatedAt: { type: ['string', 'null'], format: 'date-time' },
        nextStageAt: { type: ['string', 'null'], format: 'date-time' },
      },
    },
    InstallationInput: input(bodies.installationBody),
    Installation: {
      type: 'object',
      properties: {
        packageId: str,
        tenant: str,
        businessUnits: { oneOf: [{ const: 'all' }, { type: 'array', items: { type: 'integer' } }] },
        installedAt: time,
        endpoints: { type: 'object', properties: { auth: str, rest: str, soap: str } },
      },
    },
    LaunchInput: input(bodies.launchBody),
  };
}
