/**
 * @module
 * The usage routes in the admin API's OpenAPI document: `GET /_emulator/usage` (the `UsageExport` of
 * `@grantform/config/usage`) and `DELETE /_emulator/usage`.
 */
import { type Json, ok, ref } from '../admin/openapi-builders.js';

const counted: Json = {
  count: { type: 'integer', minimum: 0 },
  firstSeen: { type: 'string', description: 'ISO 8601, emulator clock ("" when never)' },
  lastSeen: { type: 'string', description: 'ISO 8601, emulator clock ("" when never)' },
};
const strings: Json = { type: 'array', items: { type: 'string' } };

export function usageOpenApiPaths(): Json {
  return {
    '/usage': {
      get: {
        description:
          'Per integration (client id): the business units its tokens were issued for, the scopes they carried, and every REST/SOAP call with the scope it needed (a row of @grantform/config/scope-requirements) and whether the token had it; counts with first and last seen. What `grantform advise` and `emulator.usage()` read. Survives --state.',
        responses: { 200: ok('Usage records', ref('UsageExport')) },
      },
      delete: {
        description:
          'Forgets every usage count (the manifest addresses seeding recorded stay). POST /reset clears it too.',
        responses: { 204: ok('Cleared') },
      },
    },
  };
}

export function usageOpenApiSchemas(): Json {
  return {
    UsageExport: {
      type: 'object',
      required: ['version', 'generatedAt', 'integrations', 'droppedClients'],
      properties: {
        version: { const: 1 },
        generatedAt: { type: 'string', format: 'date-time' },
        droppedClients: {
          type: 'integer',
          description: 'Client ids not recorded: at most 1000 per vendor are tracked (bounded memory)',
        },
        integrations: { type: 'array', items: ref('IntegrationUsage') },
      },
    },
    IntegrationUsage: {
      type: 'object',
      required: [
        'vendor',
        'clientId',
        'address',
        'tenant',
        'package',
        'integration',
        'tokens',
        'businessUnits',
        'scopes',
        'calls',
      ],
      properties: {
        vendor: { enum: ['marketing-cloud', 'constant-contact'] },
        clientId: { type: 'string' },
        address: {
          type: ['string', 'null'],
          description: 'The manifest address, when the emulator was seeded with it',
        },
        tenant: { type: ['string', 'null'], description: 'Marketing Cloud tenant subdomain' },
        package: { type: ['string', 'null'], description: 'Package name (Constant Contact: application name)' },
        integration: {
          type: ['object', 'null'],
          description: 'What the emulator holds for the client now; null when deleted',
          properties: {
            scopes: strings,
            businessUnits: { oneOf: [{ const: 'all' }, strings, { type: 'null' }] },
          },
        },
        tokens: { type: 'object', properties: counted, description: 'Access tokens issued' },
        businessUnits: {
          type: 'array',
          description: 'MIDs (Constant Contact: encoded account ids) tokens were issued for',
          items: { type: 'object', properties: { id: { type: 'string' }, ...counted } },
        },
        scopes: {
          type: 'array',
          description: 'Scopes the issued tokens carried',
          items: { type: 'object', properties: { scope: { type: 'string' }, ...counted } },
        },
        calls: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              call: {
                type: 'string',
                examples: ['REST POST /messaging/v1/email/messages', 'SOAP Retrieve BusinessUnit'],
              },
              required: { ...strings, description: 'Any one of these (least privileged first); [] = any valid token' },
              granted: { type: 'boolean' },
              grantedBy: { type: ['string', 'null'], description: '"" when no scope was needed; null when refused' },
              ...counted,
            },
          },
        },
      },
    },
  };
}
