/**
 * @module
 * `/_emulator/*`: the admin API exactly as `emulator/ADMIN-API.md` describes it, plus
 * `GET /_emulator/openapi.json` and `GET /_emulator/jwks.json` (public, no admin token needed).
 * Every route, those two included, passes the Host/Origin/JSON guard first (`guard.ts`).
 * The shell holds what every emulator has (health, reset, clock, seeding, the request log, test
 * control); each vendor mounts its own part (`admin` of its profile) where it says. Admin changes
 * are committed to the state file before the response is sent.
 */
import { Hono } from 'hono';
import { constantEquals } from '../checks/secrets.js';
import { controlRoutes } from '../control/routes.js';
import type { EmulatorContext } from '../env.js';
import { AdminError } from '../errors.js';
import { seedManifest } from '../seed.js';
import { tlsStatusView } from '../tls/status.js';
import { clearUsage, exportUsage } from '../usage/export.js';
import { VERSION } from '../version.js';
import { adminGuard } from './guard.js';
import { openApiDocument } from './openapi.js';
import { clockBody, requestsQuery } from './schemas.js';
import { parseWith, readJson } from './validation.js';

export function adminRoutes(ctx: EmulatorContext): Hono {
  const app = new Hono();
  const { clock } = ctx;
  const origin = (c: { req: { url: string } }) => ctx.baseUrl(c.req.url);
  const commit = () => ctx.options.persistence.commit();
  app.use('*', adminGuard(ctx, { json: true })); // Host, Origin and JSON checks (guard.ts), before anything else
  app.get('/jwks.json', (c) => c.json(ctx.control.keys.jwks()));

  app.use('*', async (c, next) => {
    const token = ctx.options.adminToken;
    if (token !== undefined) {
      const m = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '');
      if (!m?.[1] || !constantEquals(m[1], token)) {
        throw new AdminError('ERR_UNAUTHORIZED', 'this emulator needs Authorization: Bearer <admin token>');
      }
    }
    await next();
  });

  // ── server ────────────────────────────────────────────────────────────────
  const clockView = () => ({ now: new Date(ctx.nowMs()).toISOString(), offsetSeconds: clock.offsetMs / 1000 });
  app.get('/health', (c) => c.json({ status: 'ok', version: VERSION, now: new Date(ctx.nowMs()).toISOString() }));
  app.get('/openapi.json', (c) => c.json(openApiDocument(ctx, origin(c))));
  app.get('/tls', (c) => c.json(tlsStatusView(ctx.options.tls)));
  app.get('/tls/ca.pem', (c) => {
    const tls = ctx.options.tls;
    if (tls === undefined)
      throw new AdminError('ERR_NOT_FOUND', 'this emulator runs without TLS (start it with --tls)');
    return c.body(tls.caCertificatePem, 200, {
      'content-type': 'application/x-pem-file',
      'content-disposition': 'attachment; filename="grantform-emulator-ca.pem"',
    });
  });
  app.post('/reset', async (c) => {
    for (const v of ctx.vendors) v.reset(ctx.partition(v.partition));
    ctx.control.reset();
    ctx.log.clear();
    await commit();
    return c.body(null, 204);
  });
  app.get('/clock', (c) => c.json(clockView()));
  app.post('/clock', async (c) => {
    const body = parseWith(clockBody, await readJson(c));
    const base = ctx.options.now().getTime();
    clock.offsetMs =
      'advanceSeconds' in body ? clock.offsetMs + Math.round(body.advanceSeconds * 1000) : Date.parse(body.now) - base;
    await commit();
    return c.json(clockView());
  });
  app.post('/seed', async (c) => {
    const body = await readJson(c);
    const result = seedManifest(ctx, body as Record<string, unknown>, origin(c));
    await commit();
    return c.json(result);
  });
  app.get('/usage', (c) => c.json(exportUsage(ctx)));
  app.delete('/usage', async (c) => {
    clearUsage(ctx);
    await commit();
    return c.body(null, 204);
  });
  app.get('/requests', (c) => {
    const q = parseWith(requestsQuery, c.req.query());
    return c.json({ items: ctx.log.query(q) });
  });

  // ── each vendor's part, then test control ─────────────────────────────────
  for (const v of ctx.vendors) {
    if (v.admin === undefined) continue;
    app.route(v.admin.path === '' ? '/' : v.admin.path, v.admin.routes(ctx, ctx.partition(v.partition)));
  }
  app.route('/', controlRoutes(ctx)); // settings, faults, keys, snapshots

  app.all('*', () => {
    throw new AdminError('ERR_NOT_FOUND', 'no such admin route');
  });
  return app;
}
