/**
 * @module
 * Constant Contact tokens. Access tokens are RS256 JWTs (`iss` = the identity issuer, `aud` =
 * `https://api.cc.email/v3`, Okta claims `ver, jti, cid, uid, scp, sub`); refresh tokens, codes
 * and device codes are opaque random strings stored as SHA-256 digests.
 *
 * Refresh modes (reference §3.2, §4 item 14): `rotating` returns a new refresh token on every
 * refresh and invalidates every earlier one of the grant; `long-lived` returns the same token.
 * Either dies after `refreshTokenIdleLifetime` (180 days) unused.
 */

import { grantingScope, scopeRequirement } from '@grantform/config/scope-requirements';
import { jwtVerify, SignJWT } from 'jose';
import { sha256 } from '../../checks/secrets.js';
import type { EmulatorContext } from '../../env.js';
import type { UsageSink } from '../../usage/probe.js';
import { CTCT_MESSAGES, oktaInvalidGrant } from './errors.js';
import { CTCT_AUDIENCE, CTCT_ISSUER } from './hosts.js';
import type { CtctAccessRecord, CtctAccountRecord, CtctApplicationRecord, CtctGrantRecord } from './records.js';
import type { CtctState } from './state.js';

/** Refresh tokens need `offline_access` (the requirement table's token-endpoint row). */
const REFRESH_TOKEN = scopeRequirement('constant-contact', 'auth', 'POST /oauth2/default/v1/token (refresh token)');

/** The token endpoint's success body (official client model `AccessTokenResponse`). */
export interface CtctTokenResponse {
  token_type: 'Bearer';
  expires_in: number;
  access_token: string;
  scope: string;
  refresh_token?: string;
}

export interface UserTokenArgs {
  readonly application: CtctApplicationRecord;
  readonly account: CtctAccountRecord;
  readonly scopes: readonly string[];
  /** `null` for the implicit flow (no grant, no refresh). */
  readonly grant: CtctGrantRecord | null;
  /** Lifetime in seconds. */
  readonly lifetime: number;
}

/** Signs a user access token, stores it and records it in `usage`. */
export async function signUserAccessToken(
  ctx: EmulatorContext,
  state: CtctState,
  a: UserTokenArgs,
  usage: UsageSink,
): Promise<{ token: string; record: CtctAccessRecord }> {
  const key = state.key();
  const now = ctx.nowMs();
  const iat = Math.floor(now / 1000);
  const jti = `AT.${ctx.randomToken(24)}`;
  const token = await new SignJWT({
    ver: 1,
    cid: a.application.apiKey,
    uid: a.account.userId,
    scp: [...a.scopes],
    auth_time: iat,
    platform_user_id: a.account.provisionUuid,
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .setJti(jti)
    .setIssuer(CTCT_ISSUER)
    .setAudience(CTCT_AUDIENCE)
    .setSubject(a.account.loginName)
    .setIssuedAt(iat)
    .setExpirationTime(iat + a.lifetime)
    .sign(key.privateKey);
  const record: CtctAccessRecord = {
    jti,
    apiKey: a.application.apiKey,
    encodedAccountId: a.account.encodedAccountId,
    partnerClientId: null,
    grantId: a.grant?.id ?? null,
    scopes: [...a.scopes],
    expiresAt: now + a.lifetime * 1000,
    revokedAt: null,
  };
  state.store.addAccessToken(record, now);
  usage.token(a.application.apiKey, a.account.encodedAccountId, record.scopes, now);
  return { token, record };
}

/** Issues a new refresh token for `grant`; in rotating mode every earlier one is invalidated. */
export function issueRefreshToken(ctx: EmulatorContext, state: CtctState, grant: CtctGrantRecord): string {
  const now = ctx.nowMs();
  let generation = 0;
  for (const r of state.store.refreshTokens.values()) {
    if (r.grantId !== grant.id) continue;
    generation = Math.max(generation, r.generation);
    if (r.revokedAt === null) r.revokedAt = now;
  }
  const value = ctx.randomToken(32);
  state.store.refreshTokens.set(sha256(value), {
    id: sha256(value),
    grantId: grant.id,
    generation: generation + 1,
    issuedAt: now,
    lastUsedAt: now,
    revokedAt: null,
  });
  return value;
}

/**
 * The token response for a grant: an access token, and a refresh token when `offline_access` was
 * granted; recorded in `usage`.
 */
export async function grantTokens(
  ctx: EmulatorContext,
  state: CtctState,
  application: CtctApplicationRecord,
  account: CtctAccountRecord,
  grant: CtctGrantRecord,
  usage: UsageSink,
  refreshToken?: string,
): Promise<CtctTokenResponse> {
  const lifetime = state.options.accessTokenLifetime;
  const args = { application, account, scopes: grant.scopes, grant, lifetime };
  const { token } = await signUserAccessToken(ctx, state, args, usage);
  const body: CtctTokenResponse = {
    token_type: 'Bearer',
    expires_in: lifetime,
    access_token: token,
    scope: grant.scopes.join(' '),
  };
  const offline = grantingScope(REFRESH_TOKEN, grant.scopes);
  if (refreshToken !== undefined) body.refresh_token = refreshToken;
  else if (offline !== null) body.refresh_token = issueRefreshToken(ctx, state, grant);
  if (body.refresh_token !== undefined && offline !== null)
    usage.call(application.apiKey, REFRESH_TOKEN, offline, ctx.nowMs());
  return body;
}

/** Redeems a refresh token: returns the grant and the refresh token to hand back. */
export function redeemRefreshToken(
  ctx: EmulatorContext,
  state: CtctState,
  application: CtctApplicationRecord,
  value: string,
): { grant: CtctGrantRecord; next: string } {
  const now = ctx.nowMs();
  const record = state.store.refreshTokens.get(sha256(value));
  const grant = record === undefined ? undefined : state.store.grants.get(record.grantId);
  const idleMs = state.options.refreshTokenIdleLifetime * 1000;
  if (
    record === undefined ||
    grant === undefined ||
    grant.apiKey !== application.apiKey ||
    grant.revokedAt !== null ||
    record.revokedAt !== null ||
    now - record.lastUsedAt > idleMs
  ) {
    throw oktaInvalidGrant(CTCT_MESSAGES.badRefresh);
  }
  if (application.refreshTokens === 'long-lived') {
    record.lastUsedAt = now;
    return { grant, next: value };
  }
  return { grant, next: issueRefreshToken(ctx, state, grant) };
}

/** Why a bearer token was refused, for tests and the request log. */
export type BearerFailure = 'missing' | 'malformed' | 'signature' | 'expired' | 'revoked' | 'unknown';

/** Verifies a user or partner access token; returns its record or the reason it was refused. */
export async function verifyCtctToken(
  ctx: EmulatorContext,
  state: CtctState,
  token: string,
): Promise<CtctAccessRecord | BearerFailure> {
  const key = state.key();
  let jti: string | undefined;
  try {
    const { payload } = await jwtVerify(token, key.verifyKey, {
      algorithms: ['RS256'],
      currentDate: new Date(ctx.nowMs()),
      requiredClaims: ['jti', 'exp'],
    });
    jti = payload.jti;
  } catch (err) {
    const code = (err as { code?: string }).code;
    return code === 'ERR_JWT_EXPIRED'
      ? 'expired'
      : code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
        ? 'signature'
        : 'malformed';
  }
  const record = jti === undefined ? undefined : state.store.accessTokens.get(jti);
  if (record === undefined) return 'unknown';
  if (record.revokedAt !== null) return 'revoked';
  if (record.expiresAt <= ctx.nowMs()) return 'expired';
  return record;
}
