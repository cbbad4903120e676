/**
 * @module
 * `/_emulator/*`: the admin API exactly as `emulator/ADMIN-API.md` describes it, plus
 * `GET /_emulator/openapi.json` and `GET /_emulator/jwks.json` (public, no admin token needed).
 * Every route, those two included, passes the Host/Origin/JSON guard first (`guard.ts`).
 * Admin changes are committed to the state file before the response is sent.
 */
import { type Context, Hono } from 'hono';
import { constantEquals } from '../checks/secrets.js';
import { ctctAdminRoutes } from '../constant-contact/admin.js';
import { ctctState } from '../constant-contact/state.js';
import { controlRoutes } from '../control/routes.js';
import type { EmulatorContext, EmulatorEnv } from '../env.js';
import { AdminError, validationError } from '../errors.js';
import { seedManifest } from '../seed.js';
import { tlsStatusView } from '../tls/status.js';
import { VERSION } from '../version.js';
import { adminGuard } from './guard.js';
import { openApiDocument } from './openapi.js';
import {
  appBody,
  clockBody,
  integrationBody,
  packageBody,
  packagePatch,
  requestsQuery,
  SUBDOMAIN,
  tenantBody,
  userBody,
} from './schemas.js';
import {
  createPackage,
  createUser,
  deletePackage,
  integrationView,
  ownerConflict,
  packageView,
  parseWith,
  putApp,
  putIntegration,
  putTenant,
  requirePackage,
  requireTenant,
  rotateJwtSigningSecret,
  rotateSecret,
  tenantView,
  tokenView,
  userView,
} from './service.js';

const MAX_ADMIN_BODY = 4 * 1024 * 1024;

async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text().catch(() => '');
  if (text.length > MAX_ADMIN_BODY) throw validationError([{ path: '', message: 'the body is too large' }]);
  try {
    return JSON.parse(text === '' ? '{}' : text);
  } catch {
    throw validationError([{ path: '', message: 'the body must be valid JSON' }]);
  }
}

function subdomainParam(c: Context): string {
  const s = c.req.param('subdomain') ?? '';
  if (!SUBDOMAIN.test(s)) {
    throw validationError([{ path: 'subdomain', message: 'must be 28 characters: mc + 26 of [0-9a-z-]' }]);
  }
  return s;
}

export function adminRoutes(ctx: EmulatorContext): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  const { store } = ctx;
  const origin = (c: Context) => ctx.baseUrl(c.req.url);
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
  const clock = () => ({ now: new Date(ctx.nowMs()).toISOString(), offsetSeconds: store.clockOffsetMs / 1000 });
  app.get('/health', (c) => c.json({ status: 'ok', version: VERSION, now: new Date(ctx.nowMs()).toISOString() }));
  app.get('/openapi.json', (c) => c.json(openApiDocument(origin(c))));
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
    store.reset();
    ctctState(ctx).reset();
    ctx.control.reset();
    ctx.interactions.clear();
    ctx.log.clear();
    await commit();
    return c.body(null, 204);
  });
  app.get('/clock', (c) => c.json(clock()));
  app.post('/clock', async (c) => {
    const body = parseWith(clockBody, await readJson(c));
    const base = ctx.options.now().getTime();
    store.clockOffsetMs =
      'advanceSeconds' in body
        ? store.clockOffsetMs + Math.round(body.advanceSeconds * 1000)
        : Date.parse(body.now) - base;
    await commit();
    return c.json(clock());
  });
  app.post('/seed', async (c) => {
    const body = await readJson(c);
    const result = seedManifest(ctx, body as Record<string, unknown>, origin(c));
    await commit();
    return c.json(result);
  });
  app.get('/requests', (c) => {
    const q = parseWith(requestsQuery, c.req.query());
    return c.json({ items: ctx.log.query(q) });
  });
  app.get('/tokens', (c) => {
    const now = ctx.nowMs();
    store.prune(now - ctx.options.expiredTokenRetention * 1000);
    return c.json({ items: store.tokens().map((t) => tokenView(t, now)) });
  });

  // ── tenants ───────────────────────────────────────────────────────────────
  app.get('/tenants', (c) => c.json({ items: store.tenants().map((t) => tenantView(t, origin(c))) }));
  app.put('/tenants/:subdomain', async (c) => {
    const subdomain = subdomainParam(c);
    const body = parseWith(tenantBody, await readJson(c));
    const result = putTenant(ctx, subdomain, body);
    await commit();
    return c.json(tenantView(requireTenant(ctx, subdomain), origin(c)), result === 'created' ? 201 : 200);
  });
  app.get('/tenants/:subdomain', (c) => c.json(tenantView(requireTenant(ctx, subdomainParam(c)), origin(c))));
  app.delete('/tenants/:subdomain', async (c) => {
    const t = requireTenant(ctx, subdomainParam(c));
    const remaining = store.packages(t.subdomain).length;
    if (remaining > 0) {
      throw new AdminError('ERR_CONFLICT', `tenant ${t.subdomain} still has ${remaining} installed package(s)`);
    }
    store.deleteTenant(t.subdomain);
    await commit();
    return c.body(null, 204);
  });

  // ── packages ──────────────────────────────────────────────────────────────
  app.get('/tenants/:subdomain/packages', (c) => {
    const t = requireTenant(ctx, subdomainParam(c));
    return c.json({ items: store.packages(t.subdomain).map((p) => packageView(p, origin(c))) });
  });
  app.post('/tenants/:subdomain/packages', async (c) => {
    const t = requireTenant(ctx, subdomainParam(c));
    const body = parseWith(packageBody, await readJson(c));
    const { pkg, jwtSigningSecret } = createPackage(ctx, t, body);
    await commit();
    return c.json({ ...packageView(pkg, origin(c)), jwtSigningSecret }, 201);
  });
  app.get('/packages/:id', (c) => c.json(packageView(requirePackage(ctx, c.req.param('id')), origin(c))));
  app.patch('/packages/:id', async (c) => {
    requirePackage(ctx, c.req.param('id'));
    const raw = await readJson(c);
    // Read it again after the body: a concurrent request may have changed it meanwhile.
    const pkg = requirePackage(ctx, c.req.param('id'));
    if (typeof raw === 'object' && raw !== null) {
      const fixed = ['legacy', 'sourceMid', 'id', 'tenant'].filter((k) => k in raw);
      if (fixed.length > 0) throw validationError(fixed.map((k) => ({ path: k, message: `${k} cannot change` })));
    }
    const body = parseWith(packagePatch, raw);
    if (body.name !== undefined && body.name !== pkg.name && store.packageByName(pkg.tenant, body.name)) {
      throw new AdminError('ERR_CONFLICT', `a package named ${body.name} already exists in tenant ${pkg.tenant}`);
    }
    ownerConflict(`package ${pkg.id}`, pkg.owner, body.owner);
    const next = {
      ...pkg,
      name: body.name ?? pkg.name,
      description: body.description ?? pkg.description,
      owner: body.owner === undefined ? (pkg.owner ?? null) : body.owner,
    };
    store.savePackage(next);
    await commit();
    return c.json(packageView(next, origin(c)));
  });
  app.delete('/packages/:id', async (c) => {
    deletePackage(ctx, requirePackage(ctx, c.req.param('id')));
    await commit();
    return c.body(null, 204);
  });

  // ── integration ───────────────────────────────────────────────────────────
  app.put('/packages/:id/integration', async (c) => {
    requirePackage(ctx, c.req.param('id'));
    const body = parseWith(integrationBody, await readJson(c));
    const pkg = requirePackage(ctx, c.req.param('id')); // as it is now, not before the body arrived
    const { integration, created, secret } = putIntegration(ctx, pkg, body);
    if (!created) ctx.control.propagation.defer(store, pkg, ctx.control.settings.propagationDelaySeconds, ctx.nowMs());
    await commit();
    const view = integrationView(integration, pkg.tenant, origin(c));
    return c.json(secret === undefined ? view : { ...view, secret }, created ? 201 : 200);
  });
  app.get('/packages/:id/integration', (c) => {
    const pkg = requirePackage(ctx, c.req.param('id'));
    if (!pkg.integration) throw new AdminError('ERR_NOT_FOUND', `package ${pkg.id} has no API integration`);
    return c.json(integrationView(pkg.integration, pkg.tenant, origin(c)));
  });
  app.delete('/packages/:id/integration', (c) => {
    requirePackage(ctx, c.req.param('id'));
    throw new AdminError(
      'ERR_COMPONENT_NOT_REMOVABLE',
      'an API integration cannot be removed from a package (the vendor refuses too); delete the package',
    );
  });
  app.post('/packages/:id/jwt-signing-secret', async (c) => {
    const jwtSigningSecret = rotateJwtSigningSecret(ctx, requirePackage(ctx, c.req.param('id')));
    await commit();
    return c.json({ jwtSigningSecret });
  });
  app.post('/packages/:id/integration/secret', async (c) => {
    const secret = rotateSecret(ctx, requirePackage(ctx, c.req.param('id')));
    await commit();
    return c.json({ secret });
  });

  // ── app ───────────────────────────────────────────────────────────────────
  app.put('/packages/:id/app', async (c) => {
    requirePackage(ctx, c.req.param('id'));
    const body = parseWith(appBody, await readJson(c));
    const pkg = requirePackage(ctx, c.req.param('id')); // as it is now, not before the body arrived
    const { app: rec, created } = putApp(ctx, pkg, body);
    await commit();
    return c.json(rec, created ? 201 : 200);
  });
  app.get('/packages/:id/app', (c) => {
    const pkg = requirePackage(ctx, c.req.param('id'));
    if (!pkg.app) throw new AdminError('ERR_NOT_FOUND', `package ${pkg.id} has no Marketing Cloud app`);
    return c.json(pkg.app);
  });
  app.delete('/packages/:id/app', (c) => {
    requirePackage(ctx, c.req.param('id'));
    throw new AdminError(
      'ERR_COMPONENT_NOT_REMOVABLE',
      'a Marketing Cloud app cannot be removed from a package (the vendor refuses too); delete the package',
    );
  });

  // ── users ─────────────────────────────────────────────────────────────────
  app.get('/tenants/:subdomain/users', (c) => {
    const t = requireTenant(ctx, subdomainParam(c));
    return c.json({ items: store.users(t.subdomain).map(userView) });
  });
  app.post('/tenants/:subdomain/users', async (c) => {
    const t = requireTenant(ctx, subdomainParam(c));
    const user = createUser(ctx, t, parseWith(userBody, await readJson(c)));
    await commit();
    return c.json(userView(user), 201);
  });

  app.route('/ctct', ctctAdminRoutes(ctx)); // Constant Contact (constant-contact/admin.ts)
  app.route('/', controlRoutes(ctx)); // faults, keys, settings, snapshots, secret rotation, installations, app launch

  app.all('*', () => {
    throw new AdminError('ERR_NOT_FOUND', 'no such admin route');
  });
  return app;
}
