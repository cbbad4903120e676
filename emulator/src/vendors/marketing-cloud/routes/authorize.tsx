/**
 * @module
 * `GET /v2/authorize` with its login (`POST /v2/authorize/login`) and consent
 * (`POST /v2/authorize/consent`) steps (vendor-endpoints §1.5). An unknown client or an unregistered
 * redirect URI gets an error page; every other problem redirects back with `error`/`error_description`.
 * Headless mode (option `headlessAuthorize`): `login_hint=<username>&grantform_auto_approve=1` skips
 * both pages and redirects with the code at once.
 */
import { Hono } from 'hono';
import { isValidChallenge } from '../../../checks/pkce.js';
import { matchesDigest, sha256 } from '../../../checks/secrets.js';
import { AuthorizePageError, AuthorizeRedirectError } from '../../../errors.js';
import { type SingleValued, singleValuedQuery } from '../../../params.js';
import { rememberPendingLogin } from '../../../pending-logins.js';
import { userLandingMid } from '../checks/business-unit.js';
import { findClient } from '../checks/client-auth.js';
import { isRegisteredRedirectUri } from '../checks/redirect-uri.js';
import { resolveScopes } from '../checks/scope.js';
import type { Interaction, McContext } from '../context.js';
import { MESSAGES, SFMC_OAUTH, SfmcOAuthError } from '../errors.js';
import { hostBase, vhostOf } from '../hosts.js';
import { findLoginUser } from '../installations.js';
import type { UserRecord } from '../store/records.js';
import { ConsentPage, LoginPage } from './authorize-pages.js';

const INTERACTION_TTL_MS = 10 * 60 * 1000;
const MAX_STATE = 2048;

/**
 * Validates an authorize request; returns the pending interaction or throws a page/redirect error.
 * A repeated parameter (RFC 6749 §3.1) is refused like any other bad one: on the error page when it is
 * `client_id` or `redirect_uri` (nothing verified to redirect to), else by redirect (`state` echoed
 * only when it was sent once).
 */
export function validateAuthorize(ctx: McContext, tssd: string, { values: q, repeated }: SingleValued): Interaction {
  const repeatedPage = (name: string) =>
    new AuthorizePageError(SFMC_OAUTH, 'invalid_request', `The ${name} parameter is repeated.`);
  if (repeated.includes('client_id')) throw repeatedPage('client_id');
  const clientId = q.client_id;
  if (!clientId) throw new AuthorizePageError(SFMC_OAUTH, 'invalid_request', 'The client_id parameter is required.');
  const client = findClient(ctx, tssd, clientId);
  if (!client) throw new AuthorizePageError(SFMC_OAUTH, 'invalid_client', MESSAGES.unknownClient);
  if (client.pkg.legacy) throw new AuthorizePageError(SFMC_OAUTH, 'invalid_client', MESSAGES.legacyPackage);
  if (repeated.includes('redirect_uri')) throw repeatedPage('redirect_uri');
  const redirectUri = q.redirect_uri;
  if (!redirectUri)
    throw new AuthorizePageError(SFMC_OAUTH, 'invalid_request', 'The redirect_uri parameter is required.');
  if (!isRegisteredRedirectUri(redirectUri, client.integration.redirectUris)) {
    throw new AuthorizePageError(SFMC_OAUTH, 'invalid_request', 'The redirect_uri is not registered for this client.');
  }
  const state = repeated.includes('state') ? undefined : q.state;
  const fail = (code: SfmcOAuthError['code'], message: string, echo = true): AuthorizeRedirectError =>
    new AuthorizeRedirectError(code, message, redirectUri, echo ? state : undefined);
  if (state !== undefined && state.length > MAX_STATE) {
    throw fail('invalid_request', `The state parameter must be at most ${MAX_STATE} characters.`, false);
  }
  if (repeated[0] !== undefined) throw fail('invalid_request', `The ${repeated[0]} parameter is repeated.`);
  if (client.integration.type === 'server-to-server') throw fail('unauthorized_client', MESSAGES.unauthorizedClient);
  if (q.response_type !== 'code') throw fail('unsupported_response_type', 'The response_type must be "code".');
  let scopes: string[];
  try {
    scopes = resolveScopes(q.scope, client.integration.scopes, ctx.mcOptions.outOfScopePolicy);
  } catch (err) {
    if (err instanceof SfmcOAuthError) throw fail(err.code, err.message);
    throw err;
  }
  const challenge = q.code_challenge;
  const method = q.code_challenge_method;
  if (challenge === undefined) {
    if (method !== undefined) throw fail('invalid_request', 'code_challenge_method was sent without code_challenge.');
    if (client.integration.pkce === 'required') {
      throw fail(
        'invalid_request',
        'This integration requires PKCE: send code_challenge with code_challenge_method=S256.',
      );
    }
  } else {
    if (method !== 'S256') throw fail('invalid_request', 'The code_challenge_method must be S256.');
    if (!isValidChallenge(challenge))
      throw fail('invalid_request', 'The code_challenge is not a valid S256 challenge.');
  }
  return {
    id: ctx.randomToken(18),
    tssd,
    clientId,
    redirectUri,
    scopes,
    state,
    codeChallenge: challenge ?? null,
    userId: null,
    expiresAt: ctx.nowMs() + INTERACTION_TTL_MS,
  };
}

/** Issues the code for an approved interaction and builds the redirect. */
function approve(ctx: McContext, it: Interaction, user: UserRecord): Response {
  // The user's tenant: the partner's own, or a customer tenant the package is installed into.
  const tssd = user.tenant;
  const client = findClient(ctx, tssd, it.clientId);
  const deny = (m: string) => new AuthorizeRedirectError('access_denied', m, it.redirectUri, it.state);
  if (!client) throw deny('The client no longer exists.');
  const mid = userLandingMid(client.tenant, client.integration, user);
  if (mid === null) throw deny('The user has no access to this package in any business unit.');
  const code = ctx.randomToken(32);
  const now = ctx.nowMs();
  ctx.store.addToken({
    id: sha256(code),
    kind: 'code',
    tenant: tssd,
    clientId: it.clientId,
    packageId: client.pkg.id,
    grantId: ctx.randomToken(12),
    userId: user.id,
    mid,
    scopes: it.scopes,
    issuedAt: now,
    expiresAt: now + ctx.mcOptions.codeLifetime * 1000,
    revokedAt: null,
    consumedAt: null,
    redirectUri: it.redirectUri,
    codeChallenge: it.codeChallenge,
  });
  ctx.options.persistence.touch();
  ctx.interactions.delete(it.id);
  const url = new URL(it.redirectUri);
  if (it.state !== undefined) url.searchParams.append('state', it.state);
  if (client.integration.appExchange) url.searchParams.append('tssd', tssd);
  url.searchParams.append('code', code);
  return new Response(null, { status: 302, headers: { location: url.href, 'cache-control': 'no-store' } });
}

function formString(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function authorizeRoutes(ctx: McContext): Hono {
  const app = new Hono();
  const names = (tssd: string, clientId: string) => {
    const client = findClient(ctx, tssd, clientId);
    return { appName: client?.pkg.name ?? clientId, tenantName: client?.tenant.name ?? tssd };
  };

  app.get('/v2/authorize', (c) => {
    const vhost = vhostOf(c, 'auth');
    const it = validateAuthorize(ctx, vhost.tssd, singleValuedQuery(c.req.url));
    const hint = c.req.query('login_hint');
    if (ctx.options.headlessAuthorize && c.req.query('grantform_auto_approve') === '1' && hint) {
      const user = findLoginUser(ctx, vhost.tssd, it.clientId, (t) => ctx.store.user(t, hint));
      if (!user) throw new AuthorizeRedirectError('access_denied', 'Unknown test user.', it.redirectUri, it.state);
      return approve(ctx, it, user);
    }
    rememberPendingLogin(ctx, ctx.interactions, it);
    const base = hostBase(vhost, 'auth');
    return c.html(
      <LoginPage
        action={`${base}v2/authorize/login`}
        interaction={it.id}
        username={hint}
        {...names(vhost.tssd, it.clientId)}
      />,
    );
  });

  const pending = (id: string, tssd: string): Interaction => {
    const it = ctx.interactions.get(id);
    if (!it || it.tssd !== tssd || it.expiresAt <= ctx.nowMs()) {
      throw new AuthorizePageError(
        SFMC_OAUTH,
        'invalid_request',
        'The login session has expired or is unknown. Start again.',
      );
    }
    return it;
  };

  app.post('/v2/authorize/login', async (c) => {
    const vhost = vhostOf(c, 'auth');
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const it = pending(formString(form.interaction), vhost.tssd);
    const username = formString(form.username);
    const user = findLoginUser(ctx, vhost.tssd, it.clientId, (t) => ctx.store.user(t, username));
    const base = hostBase(vhost, 'auth');
    if (!user || !matchesDigest(formString(form.password), user.passwordHash)) {
      return c.html(
        <LoginPage
          action={`${base}v2/authorize/login`}
          interaction={it.id}
          username={username}
          error="Invalid username or password."
          {...names(vhost.tssd, it.clientId)}
        />,
        200,
      );
    }
    it.userId = user.id;
    return c.html(
      <ConsentPage
        action={`${base}v2/authorize/consent`}
        interaction={it.id}
        scopes={it.scopes}
        appName={names(vhost.tssd, it.clientId).appName}
      />,
    );
  });

  app.post('/v2/authorize/consent', async (c) => {
    const vhost = vhostOf(c, 'auth');
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const it = pending(formString(form.interaction), vhost.tssd);
    const userId = it.userId;
    const user =
      userId === null ? undefined : findLoginUser(ctx, vhost.tssd, it.clientId, (t) => ctx.store.userById(t, userId));
    if (!user) throw new AuthorizePageError(SFMC_OAUTH, 'invalid_request', 'Log in first.');
    if (form.decision !== 'approve') {
      ctx.interactions.delete(it.id);
      throw new AuthorizeRedirectError('access_denied', 'The user denied the request.', it.redirectUri, it.state);
    }
    return approve(ctx, it, user);
  });
  return app;
}
