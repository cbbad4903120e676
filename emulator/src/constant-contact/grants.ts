/**
 * @module
 * The grants of the user token endpoint, one function each, checked in the order Okta checks:
 * authorization code (expired → single use → redirect URI → PKCE → account → consume), refresh token (both modes) and
 * device code (pending / slow_down / expired / denied / approved).
 */
import { verifyPkce } from '../checks/pkce.js';
import { sha256 } from '../checks/secrets.js';
import type { EmulatorContext } from '../env.js';
import { CTCT_MESSAGES, OktaError, oktaInvalidGrant, oktaInvalidRequest } from './errors.js';
import { splitScopes } from './params.js';
import type { CtctApplicationRecord } from './records.js';
import type { CtctState } from './state.js';
import { type CtctTokenResponse, grantTokens, redeemRefreshToken } from './tokens.js';

export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

type Params = ReadonlyMap<string, string>;

function required(params: Params, name: string): string {
  const v = params.get(name);
  if (v === undefined || v === '') throw oktaInvalidRequest(`The '${name}' parameter is required.`);
  return v;
}

export async function authorizationCodeGrant(
  ctx: EmulatorContext,
  state: CtctState,
  application: CtctApplicationRecord,
  params: Params,
): Promise<CtctTokenResponse> {
  const code = required(params, 'code');
  const redirectUri = required(params, 'redirect_uri');
  const now = ctx.nowMs();
  const record = state.store.codes.get(sha256(code));
  if (!record || record.apiKey !== application.apiKey || record.expiresAt <= now) {
    throw oktaInvalidGrant(CTCT_MESSAGES.badCode);
  }
  if (record.consumedAt !== null) {
    // A replayed code revokes what it issued (RFC 6749 §4.1.2).
    if (record.grantId !== null) state.store.revokeGrant(record.grantId, now);
    throw oktaInvalidGrant(CTCT_MESSAGES.badCode);
  }
  if (redirectUri !== record.redirectUri) throw oktaInvalidGrant(CTCT_MESSAGES.redirectMismatch);
  const verifier = params.get('code_verifier');
  if (record.codeChallenge !== null) {
    if (verifier === undefined || !verifyPkce(verifier, record.codeChallenge)) {
      throw oktaInvalidGrant(CTCT_MESSAGES.pkceFailed);
    }
  } else if (verifier !== undefined) {
    throw oktaInvalidGrant(CTCT_MESSAGES.pkceFailed);
  }
  const account = state.store.accounts.get(record.encodedAccountId);
  if (!account) throw oktaInvalidGrant(CTCT_MESSAGES.badCode);
  // Consumed only now that every check passed (no await since them): a refused redemption leaves the code usable.
  record.consumedAt = now;
  const grant = {
    id: ctx.randomToken(12),
    apiKey: application.apiKey,
    encodedAccountId: account.encodedAccountId,
    scopes: record.scopes,
    createdAt: now,
    revokedAt: null,
  };
  state.store.grants.set(grant.id, grant);
  record.grantId = grant.id;
  try {
    return await grantTokens(ctx, state, application, account, grant);
  } catch (err) {
    // nothing was issued: the code is still good
    state.store.grants.delete(grant.id);
    record.consumedAt = null;
    record.grantId = null;
    throw err;
  }
}

export async function refreshTokenGrant(
  ctx: EmulatorContext,
  state: CtctState,
  application: CtctApplicationRecord,
  params: Params,
): Promise<CtctTokenResponse> {
  const value = required(params, 'refresh_token');
  const { grant, next } = redeemRefreshToken(ctx, state, application, value);
  const account = state.store.accounts.get(grant.encodedAccountId);
  if (!account) throw oktaInvalidGrant(CTCT_MESSAGES.badRefresh);
  const asked = splitScopes(params.get('scope'));
  if (asked.some((s) => !grant.scopes.includes(s))) {
    throw new OktaError('invalid_scope', 400, 'The requested scope is invalid, unknown, or malformed.');
  }
  return grantTokens(ctx, state, application, account, grant, next);
}

export async function deviceCodeGrant(
  ctx: EmulatorContext,
  state: CtctState,
  application: CtctApplicationRecord,
  params: Params,
): Promise<CtctTokenResponse> {
  const deviceCode = required(params, 'device_code');
  const record = state.store.devices.get(sha256(deviceCode));
  if (!record || record.apiKey !== application.apiKey || record.status === 'used') {
    throw oktaInvalidGrant(CTCT_MESSAGES.badDevice);
  }
  const now = ctx.nowMs();
  if (record.expiresAt <= now) throw new OktaError('expired_token', 400, CTCT_MESSAGES.expiredDevice);
  if (record.status === 'denied') throw new OktaError('access_denied', 400, CTCT_MESSAGES.deniedDevice);
  if (record.status === 'pending') {
    const tooSoon = record.lastPolledAt !== null && now - record.lastPolledAt < record.interval * 1000;
    record.lastPolledAt = now;
    if (tooSoon) {
      const interval = record.interval;
      record.interval += 5;
      throw new OktaError('slow_down', 400, CTCT_MESSAGES.slowDown(interval));
    }
    throw new OktaError('authorization_pending', 400, CTCT_MESSAGES.pending);
  }
  const account = record.encodedAccountId === null ? undefined : state.store.accounts.get(record.encodedAccountId);
  if (!account) throw oktaInvalidGrant(CTCT_MESSAGES.badDevice);
  record.status = 'used';
  const grant = {
    id: ctx.randomToken(12),
    apiKey: application.apiKey,
    encodedAccountId: account.encodedAccountId,
    scopes: record.scopes,
    createdAt: now,
    revokedAt: null,
  };
  state.store.grants.set(grant.id, grant);
  return grantTokens(ctx, state, application, account, grant);
}
