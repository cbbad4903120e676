/**
 * @module
 * Marketing Cloud's part of the admin API (`/_emulator/*`, ADMIN-API.md): tenants, installed packages
 * with their API integration and app, users, the token listing, and its test control (pending
 * propagation, unknown-kid tokens, console-style secret rotation, AppExchange installations into
 * customer tenants, App Center app launch). Mounted by the admin shell behind the guard and the admin
 * token; every change is committed to the state file before the response.
 */
import { MARKETING_CLOUD_SUBDOMAIN_FORMAT } from '@grantform/config/hosts';
import { type Context, Hono } from 'hono';
import { SignJWT } from 'jose';
import { CONTROL_BODY_LIMIT, ownerConflict, parseWith, readJson } from '../../../admin/validation.js';
import { AdminError, notFound, validationError } from '../../../errors.js';
import { createSigningKey } from '../../../keys.js';
import type { McContext } from '../context.js';
import { canonicalBase, tenantEndpoints } from '../hosts.js';
import { installPackage, uninstallPackage } from '../installations.js';
import { buildLaunch, launchForm, postLaunch } from '../routes/legacy/app-launch.js';
import { activateSecret, jwtSigningSecretStatus, secretStatus, stageSecret } from '../secret-rotation.js';
import {
  appBody,
  installationBody,
  integrationBody,
  launchBody,
  packageBody,
  packagePatch,
  SUBDOMAIN,
  tenantBody,
  unknownKidTokenBody,
  userBody,
} from './schemas.js';
import {
  createPackage,
  createUser,
  deletePackage,
  integrationView,
  packageView,
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

function subdomainParam(c: Context): string {
  const s = c.req.param('subdomain') ?? '';
  if (!SUBDOMAIN.test(s)) {
    throw validationError([{ path: 'subdomain', message: MARKETING_CLOUD_SUBDOMAIN_FORMAT }]);
  }
  return s;
}

/** Marketing Cloud's admin routes, below `/_emulator`. */
export function marketingCloudAdminRoutes(ctx: McContext): Hono {
  const app = new Hono();
  const { store } = ctx;
  const origin = (c: Context) => ctx.baseUrl(c.req.url);
  const commit = () => ctx.options.persistence.commit();

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
    return c.json({ items: store.packages(t.subdomain).map((p) => packageView(ctx, p, origin(c))) });
  });
  app.post('/tenants/:subdomain/packages', async (c) => {
    const t = requireTenant(ctx, subdomainParam(c));
    const body = parseWith(packageBody, await readJson(c));
    const { pkg, jwtSigningSecret } = createPackage(ctx, t, body);
    await commit();
    return c.json({ ...packageView(ctx, pkg, origin(c)), jwtSigningSecret }, 201);
  });
  app.get('/packages/:id', (c) => c.json(packageView(ctx, requirePackage(ctx, c.req.param('id')), origin(c))));
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
    return c.json(packageView(ctx, next, origin(c)));
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
    if (!created) ctx.propagation.defer(store, pkg, ctx.control.settings.propagationDelaySeconds, ctx.nowMs());
    await commit();
    const view = integrationView(ctx, integration, pkg.tenant, origin(c));
    return c.json(secret === undefined ? view : { ...view, secret }, created ? 201 : 200);
  });
  app.get('/packages/:id/integration', (c) => {
    const pkg = requirePackage(ctx, c.req.param('id'));
    if (!pkg.integration) throw new AdminError('ERR_NOT_FOUND', `package ${pkg.id} has no API integration`);
    return c.json(integrationView(ctx, pkg.integration, pkg.tenant, origin(c)));
  });
  app.delete('/packages/:id/integration', (c) => {
    requirePackage(ctx, c.req.param('id'));
    throw new AdminError(
      'ERR_COMPONENT_NOT_REMOVABLE',
      'an API integration cannot be removed from a package (the vendor refuses too); delete the package',
    );
  });
  app.post('/packages/:id/jwt-signing-secret', async (c) => {
    const pkg = requirePackage(ctx, c.req.param('id'));
    const jwtSigningSecret = rotateJwtSigningSecret(ctx, pkg);
    await commit();
    return c.json({ jwtSigningSecret, jwtSigningSecretStatus: jwtSigningSecretStatus(requirePackage(ctx, pkg.id)) });
  });
  app.post('/packages/:id/integration/secret', async (c) => {
    const pkg = requirePackage(ctx, c.req.param('id'));
    const secret = rotateSecret(ctx, pkg);
    await commit();
    const integration = requirePackage(ctx, pkg.id).integration;
    return c.json({ secret, secretStatus: integration ? secretStatus(ctx, integration) : null });
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

  // ── test control: propagation, unknown-kid tokens ─────────────────────────
  app.get('/propagation', (c) =>
    c.json({
      items: ctx.propagation.list().map((p) => ({
        packageId: p.packageId,
        clientId: p.clientId,
        effectiveAt: new Date(p.effectiveAt).toISOString(),
      })),
    }),
  );

  app.post('/keys/unknown-kid-token', async (c) => {
    const body = parseWith(unknownKidTokenBody, await readJson(c, CONTROL_BODY_LIMIT));
    const pkg = store.packageByClientId(body.clientId);
    const tenant = pkg ? store.tenant(pkg.tenant) : undefined;
    if (!pkg?.integration || !tenant) throw notFound(`no client ${body.clientId}`);
    const key = createSigningKey(ctx.control.keys.active().alg);
    const kid = `unknown-${ctx.randomToken(6)}`;
    const now = ctx.nowMs();
    const iat = Math.floor(now / 1000);
    const exp = iat + ctx.mcOptions.accessTokenLifetime;
    const jti = ctx.randomToken(18);
    const mid = body.mid ?? pkg.sourceMid;
    const accessToken = await new SignJWT({ client_id: pkg.integration.clientId, eid: tenant.enterpriseMid, mid })
      .setProtectedHeader({ alg: key.alg, kid, typ: 'JWT', ver: '1' })
      .setJti(jti)
      .setIssuer(canonicalBase(tenant.subdomain, 'auth'))
      .setSubject(pkg.appUserId)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(key.privateKey);
    // Recorded like a real token, so the unknown kid is the only thing wrong with it.
    store.addToken({
      id: jti,
      kind: 'access',
      tenant: tenant.subdomain,
      clientId: pkg.integration.clientId,
      packageId: pkg.id,
      grantId: ctx.randomToken(12),
      userId: null,
      mid,
      scopes: body.scopes ?? [...pkg.integration.scopes],
      issuedAt: now,
      expiresAt: exp * 1000,
      revokedAt: null,
      consumedAt: null,
    });
    ctx.options.persistence.touch(); // a token record, batched like every other
    return c.json({ access_token: accessToken, kid, expires_in: ctx.mcOptions.expiresIn }, 201);
  });

  // ── secret rotation ───────────────────────────────────────────────────────
  const integrationOf = (c: Context) => {
    const pkg = requirePackage(ctx, c.req.param('id') ?? '');
    if (!pkg.integration) throw notFound(`package ${pkg.id} has no API integration`);
    return { pkg, integration: pkg.integration };
  };
  app.get('/packages/:id/integration/secret', (c) => c.json(secretStatus(ctx, integrationOf(c).integration)));
  app.post('/packages/:id/integration/secret/stage', async (c) => {
    const { pkg } = integrationOf(c);
    const secret = stageSecret(ctx, pkg);
    await commit();
    return c.json({ secret, ...secretStatus(ctx, requirePackage(ctx, pkg.id).integration!) }, 201);
  });
  app.post('/packages/:id/integration/secret/activate', async (c) => {
    const { pkg } = integrationOf(c);
    const integration = activateSecret(ctx, pkg);
    await commit();
    return c.json(secretStatus(ctx, integration));
  });

  // ── installations (acting for customer tenants) ───────────────────────────
  const installationView = (
    c: Context,
    pkgId: string,
    i: { tenant: string; businessUnits: 'all' | number[]; installedAt: number },
  ) => ({
    packageId: pkgId,
    tenant: i.tenant,
    businessUnits: i.businessUnits,
    installedAt: new Date(i.installedAt).toISOString(),
    endpoints: tenantEndpoints(origin(c), i.tenant),
  });
  app.get('/packages/:id/installations', (c) => {
    const pkg = requirePackage(ctx, c.req.param('id'));
    return c.json({ items: (pkg.installations ?? []).map((i) => installationView(c, pkg.id, i)) });
  });
  app.put('/packages/:id/installations/:subdomain', async (c) => {
    requirePackage(ctx, c.req.param('id'));
    const tenant = requireTenant(ctx, c.req.param('subdomain'));
    const body = parseWith(installationBody, await readJson(c, CONTROL_BODY_LIMIT));
    const pkg = requirePackage(ctx, c.req.param('id')); // as it is now, not before the body arrived
    const { installation, created } = installPackage(ctx, pkg, tenant, body.businessUnits);
    await commit();
    return c.json(installationView(c, pkg.id, installation), created ? 201 : 200);
  });
  app.delete('/packages/:id/installations/:subdomain', async (c) => {
    const pkg = requirePackage(ctx, c.req.param('id'));
    if (!uninstallPackage(ctx, pkg, c.req.param('subdomain'))) {
      throw notFound(`package ${pkg.id} is not installed in ${c.req.param('subdomain')}`);
    }
    await commit();
    return c.body(null, 204);
  });

  // ── App Center / HubExchange SSO ──────────────────────────────────────────
  app.post('/packages/:id/app/launch', async (c) => {
    const pkg = requirePackage(ctx, c.req.param('id'));
    const body = parseWith(launchBody, await readJson(c, CONTROL_BODY_LIMIT));
    const launch = await buildLaunch(ctx, pkg, body, origin(c));
    ctx.options.persistence.touch();
    if (body.deliver === 'json') return c.json(launch);
    if (body.deliver === 'post') return c.json(await postLaunch(ctx, launch, body.postUrl));
    return c.html(launchForm(launch));
  });
  return app;
}
