/**
 * @module
 * `/_emulator/ctct/*`: the admin API for Constant Contact resources (ADMIN-API.md, "Constant
 * Contact"). Mounted inside the admin routes, so the admin token applies. Secrets (application
 * secret, partner secret, account password) appear only in the response that creates or rotates them.
 */
import { type Context, Hono } from 'hono';
import { ownerConflict, parseWith, readJson } from '../../admin/validation.js';
import type { EmulatorContext } from '../../env.js';
import { AdminError, validationError } from '../../errors.js';
import type { CtctSecretHolder } from './secret-rotation.js';
import { activateCtctSecret, ctctSecretStatus, replaceCtctSecret, stageCtctSecret } from './secret-rotation.js';
import {
  accountView,
  adminCreateAccount,
  applicationView,
  createApplication,
  createPartner,
  ctctAccountBody,
  ctctAccountPatch,
  ctctApplicationBody,
  ctctApplicationPatch,
  ctctPartnerBody,
  ctctPartnerPatch,
  ctctSettingsBody,
  deleteAccount,
  deleteApplication,
  deletePartner,
  partnerView,
  requireAccount,
  requireApplication,
  requirePartner,
} from './service.js';
import { ctctState } from './state.js';

export function ctctAdminRoutes(ctx: EmulatorContext): Hono {
  const app = new Hono();
  const state = ctctState(ctx);
  const { store } = state;
  const origin = (c: Context) => ctx.baseUrl(c.req.url);
  const commit = () => ctx.options.persistence.commit();
  /** `GET {base}/secret` (status), `POST {base}/secret/stage` and `…/activate` (emulator choices: `secret-rotation.ts`). */
  const secretLifecycleRoutes = <H extends CtctSecretHolder>(
    base: string,
    holderOf: (c: Context) => H,
    what: (h: H) => string,
    field: 'secret' | 'partnerSecret',
  ) => {
    app.get(`${base}/secret`, (c) => c.json(ctctSecretStatus(holderOf(c))));
    app.post(`${base}/secret/stage`, async (c) => {
      const h = holderOf(c);
      const secret = stageCtctSecret(ctx, h, what(h));
      await commit();
      return c.json({ [field]: secret, ...ctctSecretStatus(h) }, 201);
    });
    app.post(`${base}/secret/activate`, async (c) => {
      const h = holderOf(c);
      activateCtctSecret(ctx, h, what(h));
      await commit();
      return c.json(ctctSecretStatus(h));
    });
  };

  app.get('/settings', (c) => c.json({ rateLimits: store.rateLimits }));
  app.put('/settings', async (c) => {
    const body = parseWith(ctctSettingsBody, await readJson(c));
    store.rateLimits = body.rateLimits;
    if (!body.rateLimits) store.rates.clear();
    await commit();
    return c.json({ rateLimits: store.rateLimits });
  });

  // ── applications ──────────────────────────────────────────────────────────
  app.get('/applications', (c) =>
    c.json({ items: [...store.applications.values()].map((a) => applicationView(a, origin(c))) }),
  );
  app.post('/applications', async (c) => {
    const { application, secret } = createApplication(ctx, state, parseWith(ctctApplicationBody, await readJson(c)));
    await commit();
    const view = applicationView(application, origin(c));
    return c.json(secret === undefined ? view : { ...view, secret }, 201);
  });
  app.get('/applications/:apiKey', (c) =>
    c.json(applicationView(requireApplication(state, c.req.param('apiKey')), origin(c))),
  );
  app.patch('/applications/:apiKey', async (c) => {
    const a = requireApplication(state, c.req.param('apiKey'));
    const raw = await readJson(c);
    if (typeof raw === 'object' && raw !== null) {
      const fixed = ['apiKey', 'type'].filter((k) => k in raw);
      if (fixed.length > 0) throw validationError(fixed.map((k) => ({ path: k, message: `${k} cannot change` })));
    }
    const body = parseWith(ctctApplicationPatch, raw);
    if (a.type === 'public' && body.pkce === 'optional') {
      throw validationError([
        { path: 'pkce', message: "a public application always uses PKCE: pkce must be 'required'" },
      ]);
    }
    if (body.name !== undefined) a.name = body.name;
    if (body.redirectUris !== undefined) a.redirectUris = [...new Set(body.redirectUris)];
    if (body.pkce !== undefined) a.pkce = body.pkce;
    if (body.refreshTokens !== undefined) a.refreshTokens = body.refreshTokens;
    if (body.scopes !== undefined) a.scopes = [...new Set(body.scopes)];
    if (body.owner !== undefined) {
      ownerConflict(`application ${a.apiKey}`, a.owner, body.owner);
      a.owner = body.owner;
    }
    await commit();
    return c.json(applicationView(a, origin(c)));
  });
  app.delete('/applications/:apiKey', async (c) => {
    deleteApplication(ctx, state, requireApplication(state, c.req.param('apiKey')));
    await commit();
    return c.body(null, 204);
  });
  app.post('/applications/:apiKey/secret', async (c) => {
    const a = requireApplication(state, c.req.param('apiKey'));
    if (a.type === 'public') throw new AdminError('ERR_CONFLICT', 'a public application has no secret');
    const secret = replaceCtctSecret(ctx, a, `application ${a.apiKey}`);
    await commit();
    return c.json({ secret, secretStatus: ctctSecretStatus(a) });
  });
  const confidential = (c: Context) => {
    const a = requireApplication(state, c.req.param('apiKey') ?? '');
    if (a.type === 'public') throw new AdminError('ERR_CONFLICT', 'a public application has no secret');
    return a;
  };
  secretLifecycleRoutes('/applications/:apiKey', confidential, (a) => `application ${a.apiKey}`, 'secret');

  // ── partners ──────────────────────────────────────────────────────────────
  app.get('/partners', (c) => c.json({ items: [...store.partners.values()].map((p) => partnerView(p, origin(c))) }));
  app.post('/partners', async (c) => {
    const { partner, secret } = createPartner(ctx, state, parseWith(ctctPartnerBody, await readJson(c)));
    await commit();
    return c.json({ ...partnerView(partner, origin(c)), partnerSecret: secret }, 201);
  });
  app.get('/partners/:id', (c) => c.json(partnerView(requirePartner(state, c.req.param('id')), origin(c))));
  app.patch('/partners/:id', async (c) => {
    const p = requirePartner(state, c.req.param('id'));
    const body = parseWith(ctctPartnerPatch, await readJson(c));
    if (body.name !== undefined) p.name = body.name;
    if (body.owner !== undefined) {
      ownerConflict(`partner ${p.partnerClientId}`, p.owner, body.owner);
      p.owner = body.owner;
    }
    await commit();
    return c.json(partnerView(p, origin(c)));
  });
  app.post('/partners/:id/secret', async (c) => {
    const p = requirePartner(state, c.req.param('id'));
    const secret = replaceCtctSecret(ctx, p, `partner ${p.partnerClientId}`);
    await commit();
    return c.json({ partnerSecret: secret, secretStatus: ctctSecretStatus(p) });
  });
  secretLifecycleRoutes(
    '/partners/:id',
    (c) => requirePartner(state, c.req.param('id') ?? ''),
    (p) => `partner ${p.partnerClientId}`,
    'partnerSecret',
  );
  app.delete('/partners/:id', async (c) => {
    deletePartner(ctx, state, requirePartner(state, c.req.param('id')));
    await commit();
    return c.body(null, 204);
  });

  // ── accounts ──────────────────────────────────────────────────────────────
  app.get('/accounts', (c) => {
    const partner = c.req.query('partner');
    const items = [...store.accounts.values()].filter((a) => partner === undefined || a.partnerClientId === partner);
    return c.json({ items: items.map(accountView) });
  });
  app.post('/accounts', async (c) => {
    const body = parseWith(ctctAccountBody, await readJson(c));
    const account = adminCreateAccount(ctx, state, body);
    await commit();
    return c.json({ ...accountView(account), password: body.password }, 201);
  });
  app.get('/accounts/:id', (c) => c.json(accountView(requireAccount(state, c.req.param('id')))));
  app.patch('/accounts/:id', async (c) => {
    const a = requireAccount(state, c.req.param('id'));
    const body = parseWith(ctctAccountPatch, await readJson(c));
    for (const key of [
      'managed',
      'contactEmail',
      'countryCode',
      'stateCode',
      'organizationName',
      'firstName',
      'lastName',
    ] as const) {
      const v = body[key];
      if (v !== undefined) Object.assign(a, { [key]: v });
    }
    if (body.owner !== undefined) {
      ownerConflict(`account ${a.encodedAccountId}`, a.owner, body.owner);
      a.owner = body.owner;
    }
    await commit();
    return c.json(accountView(a));
  });
  app.delete('/accounts/:id', async (c) => {
    deleteAccount(ctx, state, requireAccount(state, c.req.param('id')));
    await commit();
    return c.body(null, 204);
  });

  app.all('*', () => {
    throw new AdminError('ERR_NOT_FOUND', 'no such Constant Contact admin route');
  });
  return app;
}
