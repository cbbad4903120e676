/**
 * @module
 * The Constant Contact part of the admin API's OpenAPI document (`/_emulator/ctct/*`). Request
 * bodies come from the zod schemas the routes validate with.
 */
import { body, err, input, type Json, list, ok, ownerSchema, ref, withProps } from '../../admin/openapi-builders.js';
import * as bodies from './service.js';

const param = (name: string): Json => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const strings = (...keys: string[]): Json => Object.fromEntries(keys.map((k) => [k, { type: 'string' }]));

/** `GET {base}/secret`, `POST {base}/secret/stage` and `…/activate` (`secret-rotation.ts`). */
function secretLifecyclePaths(base: string, id: string, field: string, what: string): Json {
  return {
    [`${base}/secret/stage`]: {
      parameters: [param(id)],
      post: {
        description: `Generates a staged ${what} (emulator choice: accepted at once beside the active one, until activated); shown once.`,
        responses: {
          201: ok('Staged', { allOf: [ref('CtctSecretStatus'), { type: 'object', properties: strings(field) }] }),
          409: err('No secret (public application)'),
        },
      },
    },
    [`${base}/secret/activate`]: {
      parameters: [param(id)],
      post: {
        description: `Activates the staged ${what}: the old one stops working at once.`,
        responses: { 200: ok('Activated', ref('CtctSecretStatus')), 409: err('Nothing staged') },
      },
    },
  };
}

/** Paths under `/ctct/…` (relative to the `/_emulator` server URL). */
export function ctctOpenApiPaths(): Json {
  return {
    '/ctct/settings': {
      get: { responses: { 200: ok('Constant Contact settings', ref('CtctSettings')) } },
      put: {
        requestBody: body('CtctSettings'),
        responses: { 200: ok('Updated', ref('CtctSettings')), 400: err('Invalid') },
      },
    },
    '/ctct/applications': {
      get: { responses: { 200: ok('Applications', list('CtctApplication')) } },
      post: {
        description: 'Creates an application; the secret (confidential only) is returned once.',
        requestBody: body('CtctApplicationInput'),
        responses: {
          201: ok('Created', withProps('CtctApplication', { secret: { type: 'string' } })),
          400: err('Invalid'),
          409: err('API key taken'),
        },
      },
    },
    '/ctct/applications/{apiKey}': {
      parameters: [param('apiKey')],
      get: { responses: { 200: ok('Application', ref('CtctApplication')), 404: err('Unknown') } },
      patch: {
        requestBody: body('CtctApplicationPatch'),
        responses: { 200: ok('Updated', ref('CtctApplication')), 400: err('Invalid') },
      },
      delete: { description: 'Revokes its tokens.', responses: { 204: ok('Deleted'), 409: err('Used by a partner') } },
    },
    '/ctct/applications/{apiKey}/secret': {
      parameters: [param('apiKey')],
      get: {
        responses: {
          200: ok('Secret status (no secret)', ref('CtctSecretStatus')),
          409: err('Public application'),
        },
      },
      post: {
        responses: {
          200: ok('New secret', {
            type: 'object',
            properties: { ...strings('secret'), secretStatus: ref('CtctSecretStatus') },
          }),
          409: err('Public application'),
        },
      },
    },
    ...secretLifecyclePaths('/ctct/applications/{apiKey}', 'apiKey', 'secret', 'client secret'),
    '/ctct/partners': {
      get: { responses: { 200: ok('Partners', list('CtctPartner')) } },
      post: {
        description: 'Creates a technology partner; the partner secret is returned once.',
        requestBody: body('CtctPartnerInput'),
        responses: {
          201: ok('Created', withProps('CtctPartner', { partnerSecret: { type: 'string' } })),
          400: err('Invalid'),
          409: err('Application already has a partner'),
        },
      },
    },
    '/ctct/partners/{partnerClientId}': {
      parameters: [param('partnerClientId')],
      get: { responses: { 200: ok('Partner', ref('CtctPartner')), 404: err('Unknown') } },
      patch: { requestBody: body('CtctPartnerPatch'), responses: { 200: ok('Updated', ref('CtctPartner')) } },
      delete: { responses: { 204: ok('Deleted'), 409: err('Client accounts remain') } },
    },
    '/ctct/partners/{partnerClientId}/secret': {
      parameters: [param('partnerClientId')],
      get: { responses: { 200: ok('Secret status (no secret)', ref('CtctSecretStatus')) } },
      post: {
        responses: {
          200: ok('New partner secret', {
            type: 'object',
            properties: { ...strings('partnerSecret'), secretStatus: ref('CtctSecretStatus') },
          }),
        },
      },
    },
    ...secretLifecyclePaths('/ctct/partners/{partnerClientId}', 'partnerClientId', 'partnerSecret', 'partner secret'),
    '/ctct/accounts': {
      get: {
        parameters: [{ name: 'partner', in: 'query', schema: { type: 'string' } }],
        responses: { 200: ok('Accounts', list('CtctAccount')) },
      },
      post: {
        description: 'Creates an account (of a partner or of its own); the password is returned once.',
        requestBody: body('CtctAccountInput'),
        responses: {
          201: ok('Created', withProps('CtctAccount', { password: { type: 'string' } })),
          400: err('Invalid'),
          409: err('Login name taken'),
        },
      },
    },
    '/ctct/accounts/{encodedAccountId}': {
      parameters: [param('encodedAccountId')],
      get: { responses: { 200: ok('Account', ref('CtctAccount')), 404: err('Unknown') } },
      patch: { requestBody: body('CtctAccountPatch'), responses: { 200: ok('Updated', ref('CtctAccount')) } },
      delete: { description: 'Revokes every grant of the account.', responses: { 204: ok('Deleted') } },
    },
  };
}

/** Component schemas used by {@link ctctOpenApiPaths}. */
export function ctctOpenApiSchemas(): Json {
  return {
    CtctSettings: input(bodies.ctctSettingsBody),
    CtctApplicationInput: input(bodies.ctctApplicationBody),
    CtctApplicationPatch: input(bodies.ctctApplicationPatch),
    CtctPartnerInput: input(bodies.ctctPartnerBody),
    CtctPartnerPatch: input(bodies.ctctPartnerPatch),
    CtctAccountInput: input(bodies.ctctAccountBody),
    CtctAccountPatch: input(bodies.ctctAccountPatch),
    CtctApplication: {
      type: 'object',
      properties: {
        ...strings('apiKey', 'name', 'type', 'pkce', 'refreshTokens'),
        redirectUris: { type: 'array', items: { type: 'string' } },
        scopes: { type: 'array', items: { type: 'string' } },
        endpoints: { type: 'object', properties: strings('authorize', 'token', 'deviceAuthorize', 'jwks', 'api') },
        owner: ownerSchema,
        secretStatus: {
          oneOf: [ref('CtctSecretStatus'), { type: 'null' }],
          description: 'null for a public application',
        },
      },
    },
    CtctSecretStatus: {
      type: 'object',
      description:
        'Emulator choices: secrets never expire (expiresAt null); a staged secret is accepted at once (acceptedFrom = createdAt)',
      properties: {
        active: {
          type: 'object',
          properties: {
            createdAt: { type: ['string', 'null'], format: 'date-time' },
            expiresAt: { type: 'null' },
            expired: { const: false },
          },
        },
        staged: {
          oneOf: [
            { type: 'null' },
            {
              type: 'object',
              properties: {
                ...strings('createdAt', 'acceptedFrom', 'activatableFrom'),
                expiresAt: { type: 'null' },
                accepted: { const: true },
              },
            },
          ],
        },
        lastActivatedAt: { type: ['string', 'null'], format: 'date-time' },
        nextStageAt: { type: 'null' },
      },
    },
    CtctPartner: {
      type: 'object',
      properties: {
        ...strings('partnerClientId', 'name', 'applicationApiKey'),
        endpoints: { type: 'object', properties: strings('token', 'authzToken', 'api') },
        owner: ownerSchema,
        secretStatus: ref('CtctSecretStatus'),
      },
    },
    CtctAccount: {
      type: 'object',
      properties: {
        ...strings(
          'encodedAccountId',
          'loginName',
          'contactEmail',
          'organizationName',
          'countryCode',
          'stateCode',
          'firstName',
          'lastName',
          'billingStatus',
        ),
        partnerClientId: { type: ['string', 'null'] },
        managed: { type: 'boolean' },
        contactCount: { type: 'integer' },
        owner: ownerSchema,
      },
    },
  };
}
