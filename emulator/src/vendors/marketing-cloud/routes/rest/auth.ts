/**
 * @module
 * Bearer check and scope enforcement for the REST instance resources. Missing, bad, expired or
 * foreign-tenant tokens → 401 `Not Authorized` with `WWW-Authenticate: Bearer … error="invalid_token"`
 * (fuel-rest refreshes only on that). A token without the route's scope → 403, errorcode 20002
 * (vendor error-handling: "insufficient privileges"; the exact message is an emulator choice). Which
 * scope a route needs is read from `@grantform/config/scope-requirements`, never written here.
 */
import type { ScopeRequirement } from '@grantform/config/scope-requirements';
import { grantingScope, scopeRequirement } from '@grantform/config/scope-requirements';
import type { Context } from 'hono';
import { noteClientId } from '../../../../pipeline.js';
import { usageSink } from '../../../../usage/probe.js';
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
  const token = bearerToken(c.req.header('authorization'));
  const r = await checkInstanceToken(ctx, token, vhostOf(c, 'rest').tssd, usageSink(c.req.raw, ctx.usage));
  if (!r.ok) throw REST_NOT_AUTHORIZED();
  noteClientId(c, r.bearer.record.clientId);
  return r.bearer;
}

/** The requirement-table row of a REST route (`@grantform/config/scope-requirements`); throws at load when absent. */
export const restRequirement = (call: string): ScopeRequirement => scopeRequirement('marketing-cloud', 'rest', call);

/**
 * Whether the caller's token may make a call, by the requirement table (in `caseName`, when the
 * scope depends on the request), and records the call in the request's usage sink (the bearer's). Returns the granting
 * scope (`''`: none needed), or `null` when refused; {@link enforceScope} throws instead.
 */
export function checkScope(
  ctx: McContext,
  bearer: BearerContext,
  requirement: ScopeRequirement,
  caseName?: string,
): string | null {
  const grantedBy = grantingScope(requirement, bearer.record.scopes, caseName);
  bearer.usage.call(bearer.record.clientId, requirement, grantedBy, ctx.nowMs(), caseName);
  ctx.options.persistence.touch();
  return grantedBy;
}

/** {@link checkScope}, throwing the 403 when refused. */
export function enforceScope(
  ctx: McContext,
  bearer: BearerContext,
  requirement: ScopeRequirement,
  caseName?: string,
): void {
  if (checkScope(ctx, bearer, requirement, caseName) === null) throw insufficientScope();
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
