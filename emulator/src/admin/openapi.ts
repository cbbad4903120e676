/**
 * @module
 * The OpenAPI 3.1 description of the admin API, served at `GET /_emulator/openapi.json`. Request
 * bodies come from the same zod schemas the routes validate with, so they cannot drift.
 */
import { ctctOpenApiPaths, ctctOpenApiSchemas } from '../constant-contact/openapi.js';
import { controlOpenApiPaths, controlOpenApiSchemas } from '../control/openapi.js';
import { ADMIN_ERROR_CODES } from '../errors.js';
import { VERSION } from '../version.js';
import { body, err, input, type Json, list, ok, ownerSchema, pid, ref, sub, withProps } from './openapi-builders.js';
import { appBody, clockBody, integrationBody, packageBody, packagePatch, tenantBody, userBody } from './schemas.js';

const endpoints = {
  type: 'object',
  properties: { auth: { type: 'string' }, rest: { type: 'string' }, soap: { type: 'string' } },
};

export function openApiDocument(baseUrl: string): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'grantform emulator admin API',
      version: VERSION,
      description:
        "Drives the local Marketing Cloud emulator. Secrets appear only in the response that creates or rotates them. Every route answers only to the emulator's own Host names (403 ERR_HOST_NOT_ALLOWED), refuses changes from another web origin (403 ERR_CROSS_ORIGIN) and takes bodies only as application/json (415 ERR_UNSUPPORTED_MEDIA_TYPE).",
    },
    servers: [{ url: `${baseUrl}/_emulator` }],
    security: [{ adminToken: [] }, {}],
    paths: {
      '/health': { get: { responses: { 200: ok('Alive', ref('Health')) } } },
      '/reset': { post: { description: 'Clears everything except the clock.', responses: { 204: ok('Cleared') } } },
      '/clock': {
        get: { responses: { 200: ok('The emulator clock', ref('Clock')) } },
        post: {
          requestBody: body('ClockChange'),
          responses: { 200: ok('New clock', ref('Clock')), 400: err('Invalid') },
        },
      },
      '/seed': {
        post: {
          description:
            'Seeds a grantform manifest. Emulator extension: an optional top-level "x-emulator": {"installations": [{"package", "tenant", "businessUnits"?}]} installs seeded AppExchange packages into seeded customer tenants.',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
          responses: {
            200: ok('Seeded', {
              type: 'object',
              properties: { credentials: { type: 'array', items: ref('CredentialsEntry') } },
            }),
            400: err('Invalid manifest'),
          },
        },
      },
      '/requests': {
        get: {
          parameters: ['host', 'path', 'status', 'limit'].map((n) => ({
            name: n,
            in: 'query',
            schema: { type: n === 'status' || n === 'limit' ? 'integer' : 'string' },
          })),
          responses: { 200: ok('Newest first, metadata only', list('RequestLogEntry')) },
        },
      },
      '/tls': {
        get: {
          description:
            'The TLS side (--tls): the local CA (fingerprint, PEM, name constraints), its files (CA, CA bundle, Java trust store), the forward proxy and HTTPS addresses, the host names served and the leaves issued so far. {"enabled": false} without --tls.',
          responses: { 200: ok('TLS status', ref('TlsStatus')) },
        },
      },
      '/tls/ca.pem': {
        get: {
          description: 'The CA certificate (PEM), to trust it where the files are out of reach (a container).',
          responses: {
            200: { description: 'PEM', content: { 'application/x-pem-file': { schema: { type: 'string' } } } },
            404: err('Started without --tls'),
          },
        },
      },
      '/tokens': { get: { responses: { 200: ok('Tokens and codes, never their values', list('Token')) } } },
      '/jwks.json': { get: { security: [], responses: { 200: ok('Token signing keys (JWKS)') } } },
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
        post: {
          responses: {
            200: ok('Rotated; the old secret stops working at once', {
              type: 'object',
              properties: { secret: { type: 'string' } },
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
            200: ok('Refreshed; shown once', { type: 'object', properties: { jwtSigningSecret: { type: 'string' } } }),
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
      ...ctctOpenApiPaths(),
      ...controlOpenApiPaths(),
    },
    components: {
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer' } },
      schemas: {
        ...ctctOpenApiSchemas(),
        TenantInput: input(tenantBody),
        PackageInput: input(packageBody),
        PackagePatch: input(packagePatch),
        IntegrationInput: input(integrationBody),
        AppInput: input(appBody),
        UserInput: input(userBody),
        ClockChange: input(clockBody),
        ...controlOpenApiSchemas(),
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message', 'path'],
              properties: {
                code: { enum: [...ADMIN_ERROR_CODES] },
                message: { type: 'string' },
                path: { type: 'string' },
                issues: {
                  type: 'array',
                  items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
                },
              },
            },
          },
        },
        Health: {
          type: 'object',
          properties: {
            status: { const: 'ok' },
            version: { type: 'string' },
            now: { type: 'string', format: 'date-time' },
          },
        },
        TlsStatus: {
          type: 'object',
          required: ['enabled'],
          properties: {
            enabled: { type: 'boolean' },
            ca: {
              type: 'object',
              properties: {
                fingerprintSha256: { type: 'string' },
                subject: { type: 'string' },
                notAfter: { type: 'string', format: 'date-time' },
                permittedSubtrees: { type: 'array', items: { type: 'string' } },
                state: { enum: ['created', 'kept'] },
                certificatePem: { type: 'string' },
              },
            },
            files: {
              type: 'object',
              properties: Object.fromEntries(
                ['dir', 'caCertificate', 'caBundle', 'javaTrustStore'].map((k) => [k, { type: 'string' }]),
              ),
            },
            proxyUrl: { type: 'string' },
            httpsUrl: { type: ['string', 'null'] },
            hostnames: { type: 'array', items: { type: 'string' } },
            issued: { type: 'array', items: { type: 'string' } },
          },
        },
        Clock: {
          type: 'object',
          properties: { now: { type: 'string', format: 'date-time' }, offsetSeconds: { type: 'number' } },
        },
        Tenant: {
          allOf: [
            input(tenantBody),
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
          },
        },
        Integration: {
          allOf: [input(integrationBody), { type: 'object', properties: { clientId: { type: 'string' }, endpoints } }],
        },
        App: input(appBody),
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
        RequestLogEntry: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            at: { type: 'string', format: 'date-time' },
            method: { type: 'string' },
            host: { type: 'string' },
            path: { type: 'string' },
            status: { type: 'integer' },
            clientId: { type: 'string' },
            durationMs: { type: 'number' },
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
      },
    },
  };
}
