/**
 * @module
 * Reading and checking admin request bodies, for the core's routes and every vendor's: JSON with a
 * size cap, zod parsing with one `ERR_VALIDATION` issue per problem, and the ownership rule of
 * records that a client claims (`owner`).
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { AdminError, type AdminIssue, validationError } from '../errors.js';

/** The largest admin body: 4 MiB. */
export const ADMIN_BODY_LIMIT = 4 * 1024 * 1024;
/** The largest test-control body (a snapshot): 64 MiB. */
export const CONTROL_BODY_LIMIT = 64 * 1024 * 1024;

/** The body as JSON (`{}` when empty); `ERR_VALIDATION` when it is too large or not JSON. */
export async function readJson(c: Context, limit = ADMIN_BODY_LIMIT): Promise<unknown> {
  const text = await c.req.text().catch(() => '');
  if (text.length > limit) throw validationError([{ path: '', message: 'the body is too large' }]);
  try {
    return JSON.parse(text === '' ? '{}' : text);
  } catch {
    throw validationError([{ path: '', message: 'the body must be valid JSON' }]);
  }
}

/** zod's per-parse error customisation (`safeParse(input, { error })`). */
type ErrorMap = NonNullable<z.core.ParseContext<z.core.$ZodIssue>['error']>;

function adminIssues(error: z.ZodError, prefix: string): AdminIssue[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter((s) => s !== '').join('.'),
    message: i.message,
  }));
}

/** Parses with a zod schema; failures become `ERR_VALIDATION` with one issue per problem. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, prefix = '', error?: ErrorMap): z.infer<S> {
  const r = schema.safeParse(input, error === undefined ? undefined : { error });
  if (r.success) return r.data;
  throw validationError(adminIssues(r.error, prefix));
}

/** The problems `schema` finds in `input`, as admin issues under `prefix` (none when it parses). */
export function issuesOf(schema: z.ZodType, input: unknown, prefix = ''): AdminIssue[] {
  const r = schema.safeParse(input);
  return r.success ? [] : adminIssues(r.error, prefix);
}

/** Throws `ERR_VALIDATION` listing `issues`, when there are any. */
export function check(issues: readonly AdminIssue[]): void {
  if (issues.length > 0) throw validationError(issues);
}

/**
 * An ownership label (`owner`): opaque to the emulator, set by the client that creates or claims a
 * record; `null` releases it. grantform writes `grantform:<state lineage>:<address>`.
 */
export const owner = z.string().min(1).max(500).nullable();

/**
 * Checks that a record with owner `current` may be given owner `next` (`undefined`: left as is).
 * A record keeps its owner until it is released (`null`): handing it to another owner is a conflict.
 */
export function ownerConflict(what: string, current: string | null | undefined, next: string | null | undefined): void {
  if (next === undefined || next === null || current === undefined || current === null || current === next) return;
  throw new AdminError(
    'ERR_CONFLICT',
    `${what} is owned by ${current}; release it first (owner: null) to give it another owner`,
  );
}
