/**
 * @module
 * Issuing and checking tokens. Access tokens are compact JWTs (≤ 512 characters with ES256/HS256;
 * `kid` in the header) signed with the emulator key; refresh tokens and codes are opaque random
 * strings whose SHA-256 is the record id. The token value itself is never stored.
 */
import { grantingScope, scopeRequirement } from '@grantform/config/scope-requirements';
import { jwtVerify, SignJWT } from 'jose';
import { sha256 } from '../../checks/secrets.js';
import type { UsageSink } from '../../usage/probe.js';
import type { McContext } from './context.js';
import { canonicalBase, hostBase, type VirtualHost } from './hosts.js';
import type { IntegrationRecord, PackageRecord, TenantRecord, TokenRecord } from './store/records.js';

/** Refresh tokens need `offline` (the requirement table's token-endpoint row). */
const REFRESH_TOKEN = scopeRequirement('marketing-cloud', 'auth', 'POST /v2/token (refresh token)');

/** The scope that lets a grant carrying `scopes` get a refresh token (the table's row), or `null`: none. */
export const refreshScope = (scopes: readonly string[]): string | null => grantingScope(REFRESH_TOKEN, scopes);

/** The `/v2/token` success body (vendor-endpoints §1.2). */
export interface TokenResponseBody {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  soap_instance_url: string;
  rest_instance_url: string;
  refresh_token?: string;
}

export interface IssueArgs {
  readonly pkg: PackageRecord;
  readonly integration: IntegrationRecord;
  readonly tenant: TenantRecord;
  readonly mid: number;
  readonly scopes: readonly string[];
  readonly userId: string | null;
  /** The grant the tokens belong to (revoked together); omitted for a one-token grant: the token's own id. */
  readonly grantId?: string;
  /** Issue a refresh token too (only when `offline` is granted and the flow has a user). */
  readonly refresh: boolean;
}

/** One literal per record, from a module-level function (no closure or spread per request). */
function tokenRecord(
  a: IssueArgs,
  grantId: string,
  scopes: string[],
  issuedAt: number,
  kind: 'access' | 'refresh',
  id: string,
  expiresAt: number,
): TokenRecord {
  return {
    tenant: a.tenant.subdomain,
    clientId: a.integration.clientId,
    packageId: a.pkg.id,
    grantId,
    userId: a.userId,
    mid: a.mid,
    scopes,
    issuedAt,
    revokedAt: null,
    consumedAt: null,
    id,
    kind,
    expiresAt,
  };
}

/** Issues an access token (and a refresh token when due), stores both and records them in `usage`. */
export async function issueTokens(
  ctx: McContext,
  vhost: VirtualHost,
  a: IssueArgs,
  usage: UsageSink,
): Promise<TokenResponseBody> {
  const now = ctx.nowMs();
  const iat = Math.floor(now / 1000);
  const jti = ctx.randomToken(18);
  const { accessTokenLifetime, expiresIn, refreshTokenLifetime } = ctx.mcOptions;
  const signingKey = ctx.control.keys.active();
  const accessToken = await new SignJWT({
    client_id: a.integration.clientId,
    eid: a.tenant.enterpriseMid,
    mid: a.mid,
  })
    .setProtectedHeader({ alg: signingKey.alg, kid: signingKey.kid, typ: 'JWT', ver: '1' })
    .setJti(jti)
    .setIssuer(canonicalBase(a.tenant.subdomain, 'auth'))
    .setSubject(a.userId ?? a.pkg.appUserId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + accessTokenLifetime)
    .sign(signingKey.privateKey);
  const scopes = [...a.scopes];
  const grantId = a.grantId ?? jti;
  ctx.store.addToken(tokenRecord(a, grantId, scopes, now, 'access', jti, (iat + accessTokenLifetime) * 1000));
  usage.token(a.integration.clientId, String(a.mid), scopes, now);
  const body: TokenResponseBody = {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: expiresIn,
    scope: a.scopes.join(' '),
    soap_instance_url: hostBase(vhost, 'soap'),
    rest_instance_url: hostBase(vhost, 'rest'),
  };
  if (a.refresh) {
    const refresh = ctx.randomToken(48);
    ctx.store.addToken(
      tokenRecord(a, grantId, scopes, now, 'refresh', sha256(refresh), now + refreshTokenLifetime * 1000),
    );
    body.refresh_token = refresh;
    const offline = refreshScope(scopes);
    if (offline !== null) usage.call(a.integration.clientId, REFRESH_TOKEN, offline, now);
  }
  ctx.options.persistence.touch();
  return body;
}

/** `used`: a code or refresh token already redeemed (single use). */
export type TokenState = 'active' | 'expired' | 'used' | 'revoked';

export function tokenState(t: TokenRecord, now: number): TokenState {
  if (t.revokedAt !== null) return 'revoked';
  if (t.consumedAt !== null) return 'used';
  if (t.expiresAt <= now) return 'expired';
  return 'active';
}

export interface BearerContext {
  readonly record: TokenRecord;
  readonly pkg: PackageRecord;
  readonly tenant: TenantRecord;
  /** Where the request's calls are recorded (nowhere for a probe, `usage/probe.ts`). */
  readonly usage: UsageSink;
}

/**
 * Checks an `Authorization: Bearer` access token for a tenant host: signature, expiry (on the emulator
 * clock), not revoked, issued for this tenant. Returns `null` when it is not acceptable.
 */
export async function verifyBearer(
  ctx: McContext,
  authorization: string | undefined,
  tssd: string,
  usage: UsageSink,
): Promise<BearerContext | null> {
  const m = authorization === undefined ? null : /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization.trim());
  if (!m?.[1]) return null;
  const now = ctx.nowMs();
  let jti: string | undefined;
  try {
    const { payload } = await jwtVerify(m[1], ctx.control.keys.resolve, {
      algorithms: ctx.control.keys.algorithms(),
      currentDate: new Date(now),
    });
    jti = payload.jti;
  } catch {
    return null;
  }
  const record = jti === undefined ? undefined : ctx.store.token(jti);
  if (record?.kind !== 'access' || tokenState(record, now) !== 'active' || record.tenant !== tssd) return null;
  const pkg = ctx.store.package(record.packageId);
  const tenant = ctx.store.tenant(record.tenant);
  if (!pkg || !tenant) return null;
  return { record, pkg, tenant, usage };
}
