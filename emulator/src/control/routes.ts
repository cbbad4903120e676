/**
 * @module
 * The test-control admin routes, mounted inside `/_emulator` (behind the admin token):
 * settings (propagation delay, secret lifetime), fault rules, signing keys, snapshots, console-style
 * secret rotation, AppExchange installations into customer tenants, and App Center app launch.
 * Every change is committed to the state file (when there is one) before the response.
 */

import { type Context, Hono } from 'hono';
import { SignJWT } from 'jose';
import { canonicalBase, tenantEndpoints } from '../addressing.js';
import { parseWith, requirePackage, requireTenant } from '../admin/service.js';
import type { EmulatorContext, EmulatorEnv } from '../env.js';
import { AdminError, notFound, validationError } from '../errors.js';
import { createSigningKey } from '../keys.js';
import { installPackage, uninstallPackage } from '../vendors/marketing-cloud/installations.js';
import { buildLaunch, launchForm, postLaunch } from '../vendors/marketing-cloud/routes/legacy/app-launch.js';
import { activateSecret, secretStatus, stageSecret } from '../vendors/marketing-cloud/secret-rotation.js';
import {
  faultBody,
  installationBody,
  launchBody,
  rotateKeyBody,
  settingsBody,
  unknownKidTokenBody,
} from './schemas.js';
import { exportSnapshot, importSnapshot, parseSnapshot, snapshotDefaults, withoutKeys } from './snapshot.js';

/** `GET /_emulator/snapshot`: everything, all tenants; private keys and signing secrets only with `?include=keys`. */
export type { EmulatorSnapshot } from './snapshot.js';

async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text().catch(() => '');
  if (text.length > 64 * 1024 * 1024) throw validationError([{ path: '', message: 'the body is too large' }]);
  try {
    return JSON.parse(text === '' ? '{}' : text);
  } catch {
    throw validationError([{ path: '', message: 'the body must be valid JSON' }]);
  }
}

export function controlRoutes(ctx: EmulatorContext): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  const { store, control } = ctx;
  const commit = () => ctx.options.persistence.commit();
  const origin = (c: Context) => ctx.baseUrl(c.req.url);

  // ── settings ──────────────────────────────────────────────────────────────
  app.get('/settings', (c) => c.json(control.settings));
  app.put('/settings', async (c) => {
    const body = parseWith(settingsBody, await readJson(c));
    control.settings = {
      propagationDelaySeconds: body.propagationDelaySeconds ?? control.settings.propagationDelaySeconds,
      secretLifetimeDays: body.secretLifetimeDays ?? control.settings.secretLifetimeDays,
    };
    await commit();
    return c.json(control.settings);
  });
  app.get('/propagation', (c) =>
    c.json({
      items: control.propagation.list().map((p) => ({
        packageId: p.packageId,
        clientId: p.clientId,
        effectiveAt: new Date(p.effectiveAt).toISOString(),
      })),
    }),
  );

  // ── faults ────────────────────────────────────────────────────────────────
  app.get('/faults', (c) => c.json({ items: control.faults.list() }));
  app.post('/faults', async (c) => {
    const body = parseWith(faultBody, await readJson(c));
    const rule = control.faults.add(ctx.options.randomId(), body, ctx.nowMs());
    await commit();
    return c.json(rule, 201);
  });
  app.delete('/faults', async (c) => {
    control.faults.clear();
    await commit();
    return c.body(null, 204);
  });
  app.delete('/faults/:id', async (c) => {
    if (!control.faults.remove(c.req.param('id'))) throw notFound(`no fault rule ${c.req.param('id')}`);
    await commit();
    return c.body(null, 204);
  });

  // ── signing keys ──────────────────────────────────────────────────────────
  app.get('/keys', (c) => c.json({ items: control.keys.list() }));
  app.post('/keys/rotate', async (c) => {
    const { graceSeconds } = parseWith(rotateKeyBody, await readJson(c));
    control.keys.rotate(graceSeconds);
    await commit();
    return c.json({ items: control.keys.list() });
  });
  app.delete('/keys/:kid', async (c) => {
    const kid = c.req.param('kid');
    let removed: boolean;
    try {
      removed = control.keys.retire(kid);
    } catch (err) {
      throw new AdminError('ERR_CONFLICT', (err as Error).message);
    }
    if (!removed) throw notFound(`no published key ${kid}`);
    await commit();
    return c.json({ items: control.keys.list() });
  });
  app.post('/keys/unknown-kid-token', async (c) => {
    const body = parseWith(unknownKidTokenBody, await readJson(c));
    const pkg = store.packageByClientId(body.clientId);
    const tenant = pkg ? store.tenant(pkg.tenant) : undefined;
    if (!pkg?.integration || !tenant) throw notFound(`no client ${body.clientId}`);
    const key = createSigningKey(control.keys.active().alg);
    const kid = `unknown-${ctx.randomToken(6)}`;
    const now = ctx.nowMs();
    const iat = Math.floor(now / 1000);
    const exp = iat + ctx.options.accessTokenLifetime;
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
    return c.json({ access_token: accessToken, kid, expires_in: ctx.options.expiresIn }, 201);
  });

  // ── snapshots ─────────────────────────────────────────────────────────────
  app.get('/snapshot', (c) => {
    const include = c.req.queries('include') ?? [];
    if (include.some((v) => v !== 'keys')) {
      throw validationError([{ path: 'include', message: 'must be "keys" (the only part left out by default)' }]);
    }
    const snapshot = exportSnapshot(ctx);
    return c.json(include.length > 0 ? snapshot : withoutKeys(snapshot), 200, {
      'content-disposition': 'attachment; filename="emulator-snapshot.json"',
      'cache-control': 'no-store',
    });
  });
  app.put('/snapshot', async (c) => {
    const raw = await readJson(c);
    try {
      importSnapshot(
        ctx,
        parseSnapshot(raw, () => snapshotDefaults(ctx)),
      );
    } catch (err) {
      throw validationError([{ path: '', message: `the snapshot cannot be imported: ${(err as Error).message}` }]);
    }
    await commit();
    return c.json({ tenants: store.tenants().length, tokens: store.tokens().length });
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
    const body = parseWith(installationBody, await readJson(c));
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
    const body = parseWith(launchBody, await readJson(c));
    const launch = await buildLaunch(ctx, pkg, body, origin(c));
    ctx.options.persistence.touch();
    if (body.deliver === 'json') return c.json(launch);
    if (body.deliver === 'post') return c.json(await postLaunch(ctx, launch, body.postUrl));
    return c.html(launchForm(launch));
  });
  return app;
}
