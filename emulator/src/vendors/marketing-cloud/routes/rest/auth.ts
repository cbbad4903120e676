/**
 * @module
 * Bearer check and scope enforcement for the REST instance resources. Missing, bad, expired or
 * foreign-tenant tokens → 401 `Not Authorized` with `WWW-Authenticate: Bearer … error="invalid_token"`
 * (fuel-rest refreshes only on that). A token without the route's scope → 403, errorcode 20002
 * (vendor error-handling: "insufficient privileges"; the exact message is an emulator choice).
 */
import type { Context } from 'hono';
import { noteClientId } from '../../../../pipeline.js';
import type { McContext } from '../../context.js';
import { REST_NOT_AUTHORIZED, RestError } from '../../errors.js';
import { ERROR_HANDLING_DOC } from '../../faults.js';
import { vhostOf } from '../../hosts.js';
import type { BearerContext } from '../../tokens.js';
import { bearerToken, checkInstanceToken } from '../instance-token.js';

export const insufficientScope = (): RestError =>
  new RestError(403, 20002, 'Insufficient privileges to complete this action.', ERROR_HANDLING_DOC);

/** The caller's token on this tenant's REST host; throws the documented 401 otherwise. */
export async function restBearer(ctx: McContext, c: Context): Promise<BearerContext> {
  const r = await checkInstanceToken(ctx, bearerToken(c.req.header('authorization')), vhostOf(c, 'rest').tssd);
  if (!r.ok) throw REST_NOT_AUTHORIZED();
  noteClientId(c, r.bearer.record.clientId);
  return r.bearer;
}

/** Throws the 403 unless the token holds one of `scopes`. */
export function requireScope(bearer: BearerContext, ...scopes: readonly string[]): void {
  if (!scopes.some((s) => bearer.record.scopes.includes(s))) throw insufficientScope();
}

/** A JSON request body; anything unparsable → 400 in the REST shape. */
export async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text().catch(() => '');
  if (text.length > 1024 * 1024) throw new RestError(400, 10000, 'The request body is too large.', ERROR_HANDLING_DOC);
  try {
    return JSON.parse(text);
  } catch {
    throw new RestError(400, 10000, 'The request body is not valid JSON.', ERROR_HANDLING_DOC);
  }
}

export const badRequest = (message: string): RestError => new RestError(400, 10000, message, ERROR_HANDLING_DOC);
export const notFoundRest = (message: string): RestError => new RestError(404, 404, message);

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
