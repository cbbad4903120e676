/**
 * @module
 * The OpenAPI 3.1 paths and schemas of the test-control routes (merged into `admin/openapi.ts`).
 * Request bodies come from the zod schemas the routes validate with.
 */
import { body, err, input, type Json, list, ok, pid, ref, sub } from '../admin/openapi-builders.js';
import {
  faultBody,
  installationBody,
  launchBody,
  rotateKeyBody,
  settingsBody,
  unknownKidTokenBody,
} from './schemas.js';

const str = { type: 'string' };
const time = { type: 'string', format: 'date-time' };

export function controlOpenApiPaths(): Json {
  return {
    '/settings': {
      get: { responses: { 200: ok('Current settings', ref('Settings')) } },
      put: {
        description:
          'Propagation delay (default 0; the vendor says up to 300 s) and client-secret lifetime (180 days).',
        requestBody: body('SettingsInput'),
        responses: { 200: ok('New settings', ref('Settings')), 400: err('Invalid') },
      },
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
    '/faults': {
      get: { responses: { 200: ok('Fault rules, in match order', list('FaultRule')) } },
      post: {
        description:
          'Adds a rule. It matches vendor-host requests by host kind, path prefix, method, client id and tenant, and acts on the next `times` matches (or for ever) with `probability`.',
        requestBody: body('FaultInput'),
        responses: { 201: ok('Created', ref('FaultRule')), 400: err('Invalid') },
      },
      delete: { responses: { 204: ok('All rules removed') } },
    },
    '/faults/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: str }],
      delete: { responses: { 204: ok('Removed'), 404: err('Unknown') } },
    },
    '/keys': { get: { responses: { 200: ok('Published signing keys', list('SigningKey')) } } },
    '/keys/rotate': {
      post: {
        requestBody: body('RotateKeyInput', false),
        responses: { 200: ok('A new active key; the old one stays published for graceSeconds', list('SigningKey')) },
      },
    },
    '/keys/{kid}': {
      parameters: [{ name: 'kid', in: 'path', required: true, schema: str }],
      delete: {
        responses: {
          200: ok('Unpublished at once; its tokens stop verifying', list('SigningKey')),
          404: err('Unknown'),
          409: err('The active key cannot be retired'),
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
    '/snapshot': {
      get: {
        description:
          'Everything, all tenants (secret digests only). Private signing keys and JWT signing secrets only with ?include=keys; without it the snapshot says "keys": "omitted" and cannot be imported.',
        parameters: [
          {
            name: 'include',
            in: 'query',
            required: false,
            schema: { enum: ['keys'] },
            description: 'keys: include the private signing keys and JWT signing secrets',
          },
        ],
        responses: { 200: ok('Snapshot', ref('Snapshot')), 400: err('Unknown include') },
      },
      put: {
        description:
          'Replaces everything with a snapshot from GET /snapshot?include=keys (the clock offset comes with it).',
        requestBody: body('Snapshot'),
        responses: {
          200: ok('Imported', {
            type: 'object',
            properties: { tenants: { type: 'integer' }, tokens: { type: 'integer' } },
          }),
          400: err('Not a snapshot, or exported without its keys'),
        },
      },
    },
    '/packages/{id}/integration/secret': {
      parameters: [pid],
      get: { responses: { 200: ok('Rotation status (no secret)', ref('SecretStatus')), 404: err('No integration') } },
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

export function controlOpenApiSchemas(): Json {
  return {
    SettingsInput: input(settingsBody),
    Settings: {
      type: 'object',
      properties: { propagationDelaySeconds: { type: 'integer' }, secretLifetimeDays: { type: 'integer' } },
    },
    FaultInput: input(faultBody),
    FaultRule: {
      allOf: [
        input(faultBody),
        {
          type: 'object',
          properties: {
            id: str,
            remaining: { type: ['integer', 'null'] },
            hits: { type: 'integer' },
            createdAt: time,
          },
        },
      ],
    },
    RotateKeyInput: input(rotateKeyBody),
    UnknownKidTokenInput: input(unknownKidTokenBody),
    SigningKey: {
      type: 'object',
      properties: {
        kid: str,
        alg: str,
        status: { enum: ['active', 'published'] },
        createdAt: time,
        publishedUntil: { type: ['string', 'null'], format: 'date-time' },
      },
    },
    SecretStatus: {
      type: 'object',
      properties: {
        active: { type: 'object', properties: { createdAt: time, expiresAt: time, expired: { type: 'boolean' } } },
        staged: {
          oneOf: [
            { type: 'null' },
            {
              type: 'object',
              properties: { createdAt: time, acceptedFrom: time, expiresAt: time, accepted: { type: 'boolean' } },
            },
          ],
        },
        lastActivatedAt: { type: ['string', 'null'], format: 'date-time' },
      },
    },
    InstallationInput: input(installationBody),
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
    LaunchInput: input(launchBody),
    Snapshot: {
      type: 'object',
      required: ['version', 'store'],
      description:
        'The whole emulator, also the --state file format. GET returns version 2; PUT also reads version 1 (snapshots and state files written before version 2). Other versions: 400.',
      properties: {
        version: { enum: [1, 2] },
        exportedAt: time,
        store: { type: 'object' },
        instanceData: { type: 'object' },
        control: { type: 'object' },
        constantContact: {
          type: 'object',
          description:
            'Constant Contact applications, partners, accounts, token digests and the RS256 key; optional (absent: none).',
        },
      },
    },
  };
}
