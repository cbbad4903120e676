/**
 * @module
 * Small builders for the OpenAPI 3.1 document, shared by the core's parts and each vendor's
 * (`admin/openapi.ts`, `control/openapi.ts`, each vendor folder's `openapi.ts`).
 */
import { z } from 'zod';

export type Json = Record<string, unknown>;

/** `{ $ref: '#/components/schemas/<name>' }` */
export const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
/** A JSON request body of schema `name`. */
export const body = (name: string, required = true): Json => ({
  required,
  content: { 'application/json': { schema: ref(name) } },
});
/** A response, with a JSON schema when it has a body. */
export const ok = (description: string, schema?: Json): Json => ({
  description,
  ...(schema ? { content: { 'application/json': { schema } } } : {}),
});
/** An error response in the admin error shape. */
export const err = (description: string): Json => ok(description, ref('Error'));
/** `{ items: [<name>] }` */
export const list = (name: string): Json => ({
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: ref(name) } },
});
/** Schema `name` with extra properties (e.g. a secret returned once). */
export const withProps = (name: string, props: Json): Json => ({
  allOf: [ref(name), { type: 'object', properties: props }],
});
/** The input JSON Schema of a zod schema the route validates with. */
export const input = (s: z.ZodType): Json => z.toJSONSchema(s, { io: 'input' }) as Json;
/** The `{subdomain}` path parameter. */
export const sub = {
  name: 'subdomain',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^mc[0-9a-z-]{26}$' },
};
/** The `{id}` path parameter (a package UUID). */
export const pid = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
/** The `owner` of a record: an opaque label its creator set (grantform: `grantform:<lineage>:<address>`). */
export const ownerSchema: Json = {
  type: ['string', 'null'],
  description: 'Who manages the record: an opaque label its creator set (grantform: grantform:<lineage>:<address>)',
};
