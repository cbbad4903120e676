/**
 * @module
 * The grants of the user token endpoint, one function each, checked in the order Okta checks:
 * authorization code (known, this client's and unexpired → single use → redirect URI → PKCE → account
 * → consume; the single-use part in `../../oauth/single-use.ts`), refresh token (both modes) and
 * device code (pending / slow_down / expired / denied / approved).
 */
import { verifyPkce } from '../../checks/pkce.js';
import { sha256 } from '../../checks/secrets.js';
import type { EmulatorContext } from '../../env.js';
import { consumeThen, redeem } from '../../oauth/single-use.js';
import type { UsageSink } from '../../usage/probe.js';
import { CTCT_MESSAGES, OktaError, oktaInvalidGrant, oktaInvalidRequest } from './errors.js';
import { splitScopes } from './params.js';
import type { CtctAccountRecord, CtctApplicationRecord, CtctGrantRecord } from './records.js';
import type { CtctState } from './state.js';
import { type CtctTokenResponse, grantTokens, redeemRefreshToken } from './tokens.js';

export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

type Params = ReadonlyMap<string, string>;

function required(params: Params, name: string): string {
  const v = params.get(name);
  if (v === undefined || v === '') throw oktaInvalidRequest(`The '${name}' parameter is required.`);
  return v;
}

/** A new grant (the family of tokens one authorization issues) of `account` to `application`. */
function openGrant(
  ctx: EmulatorContext,
  state: CtctState,
  application: CtctApplicationRecord,
  account: CtctAccountRecord,
  scopes: string[],
  now: number,
): CtctGrantRecord {
  const grant: CtctGrantRecord = {
    id: ctx.randomToken(12),
    apiKey: application.apiKey,
    encodedAccountId: account.encodedAccountId,
    scopes,
    createdAt: now,
    revokedAt: null,
  };
  state.store.grants.set(grant.id, grant);
  return grant;
}

export async function authorizationCodeGrant(
  ctx: EmulatorContext,
  state: CtctState,
  application: CtctApplicationRecord,
  params: Params,
  usage: UsageSink,
): Promise<CtctTokenResponse> {
  const code = required(params, 'code');
  const redirectUri = required(params, 'redirect_uri');
  const now = ctx.nowMs();
  const record = redeem(state.store.codes.get(sha256(code)), now, {
    // Okta: unknown, another client's and expired codes are all simply invalid.
    refused: (r) =>
      r === undefined || r.apiKey !== application.apiKey || r.expiresAt <= now
        ? oktaInvalidGrant(CTCT_MESSAGES.badCode)
        : undefined,
    replayed: (r) => {
      // A replayed code revokes what it issued (RFC 6749 §4.1.2).
      if (r.grantId !== null) state.store.revokeGrant(r.grantId, now);
      return oktaInvalidGrant(CTCT_MESSAGES.badCode);
    },
  });
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
  const grant = openGrant(ctx, state, application, account, record.scopes, now);
  record.grantId = grant.id;
  // Consumed only now that every check passed (no await since them): a refused redemption leaves the code usable.
  return consumeThen(
    record,
    now,
    () => grantTokens(ctx, state, application, account, grant, usage),
    () => {
      // nothing was issued: the code is still good
      state.store.grants.delete(grant.id);
      record.grantId = null;
    },
  );
}

export async function refreshTokenGrant(
  ctx: EmulatorContext,
  state: CtctState,
  application: CtctApplicationRecord,
  params: Params,
  usage: UsageSink,
): Promise<CtctTokenResponse> {
  const value = required(params, 'refresh_token');
  const { grant, next } = redeemRefreshToken(ctx, state, application, value);
  const account = state.store.accounts.get(grant.encodedAccountId);
  if (!account) throw oktaInvalidGrant(CTCT_MESSAGES.badRefresh);
  const asked = splitScopes(params.get('scope'));
  if (asked.some((s) => !grant.scopes.includes(s))) {
    throw new OktaError('invalid_scope', 400, 'The requested scope is invalid, unknown, or malformed.');
  }
  return grantTokens(ctx, state, application, account, grant, usage, next);
}

export async function deviceCodeGrant(
  ctx: EmulatorContext,
  state: CtctState,
  application: CtctApplicationRecord,
  params: Params,
  usage: UsageSink,
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
  const grant = openGrant(ctx, state, application, account, record.scopes, now);
  return grantTokens(ctx, state, application, account, grant, usage);
}
