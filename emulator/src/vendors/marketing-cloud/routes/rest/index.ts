/**
 * @module
 * The REST instance resources with scope enforcement (one file per resource family). Mounted on
 * `{tssd}.rest.marketingcloudapis.com` before the platform routes (`../rest-platform.ts`).
 * Writes are persisted in batches (see `persistence/state-file.ts`).
 */
import { Hono } from 'hono';
import type { McContext } from '../../context.js';
import { assetRoutes } from './assets.js';
import { contactRoutes } from './contacts.js';
import { dataExtensionRoutes } from './data-extensions.js';
import { messagingRoutes } from './messaging.js';

export function restResourceRoutes(ctx: McContext): Hono {
  const app = new Hono();
  // Instance data written by a successful POST/PUT/PATCH/DELETE reaches `--state` in the next batch
  // (≤ 250 ms), like token records; reads never write.
  app.use('*', async (c, next) => {
    await next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.res.status < 300) ctx.options.persistence.touch();
  });
  app.route('/', messagingRoutes(ctx));
  app.route('/', dataExtensionRoutes(ctx));
  app.route('/', assetRoutes(ctx));
  app.route('/', contactRoutes(ctx));
  return app;
}
