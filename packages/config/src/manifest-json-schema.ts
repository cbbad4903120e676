/**
 * @module
 * The manifest's JSON Schema (draft 2020-12), generated from the zod schema of
 * `manifest-schema.ts`. Kept apart from it so that the `@grantform/config/manifest` subpath (the
 * emulator's seeding) never pays for the generation.
 */
import { z } from 'zod';
import { manifestSchema } from './manifest-schema.js';

const generatedJsonSchema = z.toJSONSchema(manifestSchema, { target: 'draft-2020-12' });

/**
 * The manifest's JSON Schema. Top-level keys starting with `x-` are extensions for other tools (the
 * emulator's `x-emulator` seed section, say): allowed, and ignored by `parseManifest`.
 */
export const manifestJsonSchema: Record<string, unknown> = {
  $id: 'https://grantform.dev/schemas/manifest-v1.json',
  title: 'grantform manifest (grantform.dev/v1)',
  ...generatedJsonSchema,
  patternProperties: { '^x-': {} },
};
