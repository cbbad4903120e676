/**
 * @module
 * Seeding from a grantform manifest (`POST /_emulator/seed`, `--seed`). The input is checked in full
 * first, then applied: its shape is the manifest's own schema (`@grantform/config/manifest`, with the
 * wording of two messages seeding keeps), extended by the `x-emulator` section the vendors add to;
 * then every vendor reports the problems it finds (references, its rules: every problem with its
 * path); only a manifest without any is applied, vendor by vendor, each adding its part to the result
 * (Marketing Cloud's `credentials`, Constant Contact's `constantContact`).
 *
 * Emulator extension (not part of the manifest format): an optional top-level `x-emulator` object,
 * whose fields the vendors declare (Marketing Cloud's `installations`, see its `seed.ts`).
 */
import { MANIFEST_API_VERSION, manifestShapeSchema, missingFieldError } from '@grantform/config/manifest';
import { z } from 'zod';
import { parseWith } from './admin/validation.js';
import type { EmulatorContext, SeedManifest, VendorProfile } from './env.js';
import { type AdminIssue, validationError } from './errors.js';

/** What seeding returns: each vendor's part (`vendors/index.ts` types it precisely). */
export type SeedResult = Record<string, unknown>;

/** Seeding's wording where it differs from zod's: the manifest version, and missing fields. */
const seedError = (issue: z.core.$ZodRawIssue) =>
  issue.code === 'invalid_value' && issue.path?.length === 1 && issue.path[0] === 'apiVersion'
    ? `must be "${MANIFEST_API_VERSION}"`
    : missingFieldError(issue);

const schemas = new WeakMap<readonly VendorProfile[], z.ZodType>();

/** The manifest's schema with the `x-emulator` section these vendors declare (built once per list). */
function seedSchema(vendors: readonly VendorProfile[]): z.ZodType {
  let schema = schemas.get(vendors);
  if (schema === undefined) {
    const extension: z.ZodRawShape = {};
    for (const v of vendors) Object.assign(extension, v.seed?.extension);
    schema = manifestShapeSchema.extend({ 'x-emulator': z.strictObject(extension).optional() });
    schemas.set(vendors, schema);
  }
  return schema;
}

/** Checks a manifest for seeding by these vendors; throws `ERR_VALIDATION` listing every problem. */
export function validateSeed(input: unknown, vendors: readonly VendorProfile[]): SeedManifest {
  const m = parseWith(seedSchema(vendors), input, '', seedError) as SeedManifest;
  const issues: AdminIssue[] = [];
  for (const v of vendors) issues.push(...(v.seed?.problems(m) ?? []));
  if (issues.length > 0) throw validationError(issues, 'the manifest cannot be seeded');
  return m;
}

/** Seeds a manifest into the emulator (all or nothing: it is checked in full first). */
export function seedManifest(ctx: EmulatorContext, input: unknown, origin: string): SeedResult {
  const m = validateSeed(input, ctx.vendors);
  const result: SeedResult = {};
  for (const v of ctx.vendors) Object.assign(result, v.seed?.apply(ctx, ctx.partition(v.partition), m, origin));
  return result;
}

/** The seed result of an emulator that seeded nothing (each vendor's empty part). */
export function emptySeedResult(vendors: readonly VendorProfile[]): SeedResult {
  return Object.assign({}, ...vendors.map((v) => v.seed?.empty() ?? {}));
}

/** How many credentials of what the vendors seeded, for the CLI's credentials line (`2 integration(s)`). */
export function seedSummary(
  vendors: readonly VendorProfile[],
  result: SeedResult,
): { readonly count: number; readonly noun: string }[] {
  return vendors.flatMap((v) => {
    const said = v.seed?.summary?.(result);
    return said === undefined ? [] : [said];
  });
}
