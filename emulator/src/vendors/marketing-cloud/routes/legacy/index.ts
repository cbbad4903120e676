/**
 * @module
 * Legacy ExactTarget routes: `/v1/requestToken` on tenant auth hosts and on the legacy
 * `auth[-sN|-test].exacttargetapis.com` hosts (virtual paths `/~legacy/{default|sN|test}/{h|p}/…`).
 */
import type { Hono } from 'hono';
import type { McContext } from '../../context.js';
import { requestTokenRoutes } from './request-token.js';

/** For `/~auth/:tssd/:style`. */
export function tenantLegacyRoutes(ctx: McContext): Hono {
  return requestTokenRoutes(ctx, (c) => ({ kind: 'tenant', tssd: c.req.param('tssd') ?? '' }));
}

/** For `/~legacy/:stack/:style`. */
export function legacyHostRoutes(ctx: McContext): Hono {
  return requestTokenRoutes(ctx, (c) => ({ kind: 'legacy', stack: c.req.param('stack') ?? 'default' }));
}
