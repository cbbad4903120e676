/**
 * @module
 * The OpenAPI 3.1 paths and schemas of the core's test-control routes (merged into `admin/openapi.ts`).
 * Request bodies come from the zod schemas the routes validate with (the fault rule body from the
 * emulator's vendors).
 */
import { body, err, input, type Json, list, ok, ref } from '../admin/openapi-builders.js';
import type { EmulatorContext } from '../env.js';
import { rotateKeyBody, settingsBody } from './schemas.js';

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
          200: ok('Imported: what each vendor counts in it', {
            type: 'object',
            additionalProperties: { type: 'integer' },
          }),
          400: err('Not a snapshot, or exported without its keys'),
        },
      },
    },
  };
}

export function controlOpenApiSchemas(ctx: EmulatorContext): Json {
  const faultBody = ctx.control.faults.body;
  const sections = ctx.vendors.flatMap((v) =>
    Object.entries(v.snapshot?.sections ?? {}).map(([name, schema]) => ({ name, vendor: v.title, schema })),
  );
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
    Snapshot: {
      type: 'object',
      required: ['version', ...sections.filter((s) => !s.schema.safeParse(undefined).success).map((s) => s.name)],
      description:
        'The whole emulator, also the --state file format. GET returns version 2; PUT also reads version 1 (snapshots and state files written before version 2). Other versions: 400.',
      properties: {
        version: { enum: [1, 2] },
        exportedAt: time,
        ...Object.fromEntries(
          sections.map((s) => [s.name, { type: 'object', description: `${s.vendor} (its own format)` }]),
        ),
        control: { type: 'object', description: 'Settings, fault rules, the signing key ring (and vendor fields)' },
      },
    },
  };
}
