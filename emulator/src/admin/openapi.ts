/**
 * @module
 * The OpenAPI 3.1 description of the admin API, served at `GET /_emulator/openapi.json`: the core's
 * paths and schemas, the test-control ones (`control/openapi.ts`) and each vendor's (`admin.openApi`
 * of its profile). Request bodies come from the same zod schemas the routes validate with, so they
 * cannot drift.
 */
import { controlOpenApiPaths, controlOpenApiSchemas } from '../control/openapi.js';
import type { EmulatorContext } from '../env.js';
import { ADMIN_ERROR_CODES } from '../errors.js';
import { usageOpenApiPaths, usageOpenApiSchemas } from '../usage/openapi.js';
import { VERSION } from '../version.js';
import { body, err, input, type Json, list, ok, ref } from './openapi-builders.js';
import { clockBody } from './schemas.js';

export function openApiDocument(ctx: EmulatorContext, baseUrl: string): Json {
  const vendorDocs = ctx.vendors.flatMap((v) => (v.admin?.openApi === undefined ? [] : [v.admin.openApi]));
  const seeding = ctx.vendors.flatMap((v) => (v.seed === undefined ? [] : [v.seed]));
  return {
    openapi: '3.1.0',
    info: {
      title: 'grantform emulator admin API',
      version: VERSION,
      description: `Drives the local emulator of ${ctx.vendors.map((v) => v.title).join(' and ')}. Secrets appear only in the response that creates or rotates them. Every route answers only to the emulator's own Host names (403 ERR_HOST_NOT_ALLOWED), refuses changes from another web origin (403 ERR_CROSS_ORIGIN) and takes bodies only as application/json (415 ERR_UNSUPPORTED_MEDIA_TYPE).`,
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
          description: ['Seeds a grantform manifest.', ...seeding.flatMap((s) => s.openApi?.extension ?? [])].join(' '),
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
          responses: {
            200: ok('Seeded', {
              type: 'object',
              properties: Object.assign({}, ...seeding.map((s) => s.openApi?.result ?? {})),
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
      '/jwks.json': { get: { security: [], responses: { 200: ok('Token signing keys (JWKS)') } } },
      ...usageOpenApiPaths(),
      ...Object.assign({}, ...vendorDocs.map((d) => d.paths())),
      ...controlOpenApiPaths(),
    },
    components: {
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer' } },
      schemas: {
        ...Object.assign({}, ...vendorDocs.map((d) => d.schemas())),
        ClockChange: input(clockBody),
        ...usageOpenApiSchemas(),
        ...controlOpenApiSchemas(ctx),
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
      },
    },
  };
}
