/**
 * @module
 * `GET https://authz.constantcontact.com/oauth2/default/v1/authorize` (authorization code, PKCE and
 * implicit flows) and its login step (`POST …/v1/authorize/login`). Okta semantics: an unknown
 * client or an unregistered redirect URI gets an error page; every other problem redirects back
 * with `error` and `error_description` (in the fragment for `response_type=token`).
 * Headless (emulator option `headlessAuthorize`): `login_hint=<login name>&grantform_auto_approve=1`
 * approves at once.
 */
import { Hono } from 'hono';
import { isValidChallenge } from '../../checks/pkce.js';
import { matchesDigest, sha256 } from '../../checks/secrets.js';
import type { EmulatorContext } from '../../env.js';
import { AuthorizeRedirectError } from '../../errors.js';
import { type SingleValued, singleValuedQuery } from '../../params.js';
import { rememberPendingLogin } from '../../pending-logins.js';
import { type UsageSink, usageSink } from '../../usage/probe.js';
import { CTCT_MESSAGES, ctctPageError } from './errors.js';
import { ctctBase, ctctVhost } from './hosts.js';
import { loginPage } from './pages.js';
import { splitScopes } from './params.js';
import type { CtctAccountRecord } from './records.js';
import { type CtctInteraction, type CtctState, ctctState } from './state.js';
import { signUserAccessToken } from './tokens.js';

const INTERACTION_TTL_MS = 10 * 60 * 1000;
const MAX_STATE = 2048;

/**
 * Validates an authorize request; returns the pending interaction or throws a page/redirect error. A
 * repeated parameter (RFC 6749 §3.1) gets the error page when it is `client_id` or `redirect_uri`, else
 * a redirect (`state` echoed only when it was sent once).
 */
export function validateCtctAuthorize(
  ctx: EmulatorContext,
  state: CtctState,
  { values: q, repeated }: SingleValued,
): CtctInteraction {
  const repeatedPage = (name: string) => ctctPageError('invalid_request', `The '${name}' parameter is repeated.`);
  if (repeated.includes('client_id')) throw repeatedPage('client_id');
  const clientId = q.client_id;
  if (!clientId) throw ctctPageError('invalid_request', "The 'client_id' parameter is required.");
  const application = state.store.applications.get(clientId);
  if (!application) throw ctctPageError('invalid_client', CTCT_MESSAGES.unknownClient);
  if (repeated.includes('redirect_uri')) throw repeatedPage('redirect_uri');
  const redirectUri = q.redirect_uri;
  if (!redirectUri) throw ctctPageError('invalid_request', "The 'redirect_uri' parameter is required.");
  if (!application.redirectUris.includes(redirectUri)) {
    throw ctctPageError(
      'invalid_request',
      "The 'redirect_uri' parameter must be a Login redirect URI in the client app settings.",
    );
  }
  const responseType = q.response_type;
  const inFragment = responseType === 'token';
  const echoedState = repeated.includes('state') ? undefined : q.state;
  const fail = (code: AuthorizeRedirectError['code'], message: string) =>
    new AuthorizeRedirectError(code, message, redirectUri, echoedState, inFragment);
  if (repeated[0] !== undefined) throw fail('invalid_request', `The '${repeated[0]}' parameter is repeated.`);
  if (responseType !== 'code' && responseType !== 'token') {
    throw fail(
      'unsupported_response_type',
      'The response type is not supported by the authorization server. Configured response types: [code, token].',
    );
  }
  if (responseType === 'token' && application.type === 'public') {
    throw fail(
      'unauthorized_client',
      'The client is not authorized to use the provided grant type. Configured grant types: [authorization_code, refresh_token, urn:ietf:params:oauth:grant-type:device_code].',
    );
  }
  if (q.state === undefined || q.state === '') throw fail('invalid_request', "The 'state' parameter is required.");
  if (q.state.length > MAX_STATE)
    throw fail('invalid_request', `The 'state' parameter must be at most ${MAX_STATE} characters.`);
  const scopes = splitScopes(q.scope);
  if (scopes.length === 0) throw fail('invalid_scope', CTCT_MESSAGES.noScope);
  if (scopes.some((s) => !application.scopes.includes(s))) throw fail('invalid_scope', CTCT_MESSAGES.unknownScope);
  const challenge = responseType === 'code' ? q.code_challenge : undefined;
  if (challenge === undefined) {
    if (responseType === 'code' && (application.pkce === 'required' || application.type === 'public')) {
      throw fail(
        'invalid_request',
        "PKCE code challenge is required when the token endpoint authentication method is 'NONE'.",
      );
    }
  } else {
    if (q.code_challenge_method !== 'S256') {
      throw fail('invalid_request', "The 'code_challenge_method' parameter must be 'S256'.");
    }
    if (!isValidChallenge(challenge)) throw fail('invalid_request', "The 'code_challenge' parameter is invalid.");
  }
  return {
    id: ctx.randomToken(18),
    apiKey: application.apiKey,
    redirectUri,
    responseType,
    scopes,
    state: q.state,
    codeChallenge: challenge ?? null,
    expiresAt: ctx.nowMs() + INTERACTION_TTL_MS,
  };
}

/**
 * Issues the code (or the implicit token, recorded in `usage`) for an approved interaction and builds
 * the redirect.
 */
async function approve(
  ctx: EmulatorContext,
  state: CtctState,
  it: CtctInteraction,
  account: CtctAccountRecord,
  usage: UsageSink,
): Promise<Response> {
  const application = state.store.applications.get(it.apiKey);
  const inFragment = it.responseType === 'token';
  if (!application) {
    throw new AuthorizeRedirectError(
      'access_denied',
      'The application no longer exists.',
      it.redirectUri,
      it.state,
      inFragment,
    );
  }
  state.interactions.delete(it.id);
  const now = ctx.nowMs();
  account.lastLoginAt = now;
  const url = new URL(it.redirectUri);
  if (it.responseType === 'code') {
    const code = ctx.randomToken(32);
    state.store.codes.set(sha256(code), {
      id: sha256(code),
      apiKey: application.apiKey,
      encodedAccountId: account.encodedAccountId,
      scopes: [...it.scopes],
      redirectUri: it.redirectUri,
      codeChallenge: it.codeChallenge,
      expiresAt: now + state.options.codeLifetime * 1000,
      consumedAt: null,
      grantId: null,
    });
    url.searchParams.append('code', code);
    if (it.state !== undefined) url.searchParams.append('state', it.state);
  } else {
    // Implicit: 8 hours, never a refresh token, offline_access has no effect.
    const lifetime = state.options.implicitTokenLifetime;
    const scopes = it.scopes.filter((s) => s !== 'offline_access');
    const args = { application, account, scopes, grant: null, lifetime };
    const { token } = await signUserAccessToken(ctx, state, args, usage);
    const fragment = new URLSearchParams({
      access_token: token,
      token_type: 'Bearer',
      expires_in: String(lifetime),
      scope: scopes.join(' '),
    });
    if (it.state !== undefined) fragment.set('state', it.state);
    url.hash = fragment.toString();
  }
  ctx.options.persistence.touch(); // the code or implicit token record (and lastLoginAt): batched
  return new Response(null, { status: 302, headers: { location: url.href, 'cache-control': 'no-store' } });
}

function formString(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Checks a login; the account or `undefined`. */
export function checkLogin(state: CtctState, username: string, password: string): CtctAccountRecord | undefined {
  const account = state.store.accountByLogin(username);
  return account && matchesDigest(password, account.passwordHash) ? account : undefined;
}

export function authorizeRoutes(ctx: EmulatorContext): Hono {
  const app = new Hono();
  const state = ctctState(ctx);
  const appName = (apiKey: string) => state.store.applications.get(apiKey)?.name ?? apiKey;

  app.get('/oauth2/default/v1/authorize', async (c) => {
    const it = validateCtctAuthorize(ctx, state, singleValuedQuery(c.req.url));
    const hint = c.req.query('login_hint');
    if (ctx.options.headlessAuthorize && c.req.query('grantform_auto_approve') === '1' && hint) {
      const account = state.store.accountByLogin(hint);
      if (!account) {
        throw new AuthorizeRedirectError(
          'access_denied',
          'Unknown test user.',
          it.redirectUri,
          it.state,
          it.responseType === 'token',
        );
      }
      return approve(ctx, state, it, account, usageSink(c.req.raw, state.usage));
    }
    rememberPendingLogin(ctx, state.interactions, it);
    const action = `${ctctBase(ctctVhost(c, 'authz'), 'authz')}/oauth2/default/v1/authorize/login`;
    return c.html(
      loginPage({ action, interaction: it.id, appName: appName(it.apiKey), scopes: it.scopes, username: hint }),
    );
  });

  app.post('/oauth2/default/v1/authorize/login', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const it = state.interactions.get(formString(form.interaction));
    if (!it || it.expiresAt <= ctx.nowMs()) {
      throw ctctPageError('invalid_request', 'The login session has expired or is unknown. Start again.');
    }
    const inFragment = it.responseType === 'token';
    if (form.decision !== 'allow') {
      state.interactions.delete(it.id);
      throw new AuthorizeRedirectError(
        'access_denied',
        'The resource owner or authorization server denied the request.',
        it.redirectUri,
        it.state,
        inFragment,
      );
    }
    const username = formString(form.username);
    const account = checkLogin(state, username, formString(form.password));
    if (!account) {
      const action = `${ctctBase(ctctVhost(c, 'authz'), 'authz')}/oauth2/default/v1/authorize/login`;
      return c.html(
        loginPage({
          action,
          interaction: it.id,
          appName: appName(it.apiKey),
          scopes: it.scopes,
          username,
          error: 'Invalid username or password.',
        }),
      );
    }
    return approve(ctx, state, it, account, usageSink(c.req.raw, state.usage));
  });
  return app;
}
