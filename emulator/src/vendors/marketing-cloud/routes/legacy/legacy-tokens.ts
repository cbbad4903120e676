/**
 * @module
 * Legacy (ExactTarget) tokens: 3600-second access tokens (`expiresIn` cannot change), an optional
 * `legacyToken` (the "internal" SOAP token; here a second access token with its own record) and
 * refresh tokens that live 700 days and are single use with a 5-minute grace window after first use.
 * Access tokens are signed with the active emulator key and recorded like v2 tokens, so the REST
 * and SOAP hosts of the token's tenant accept them.
 */
import { SignJWT } from 'jose';
import { sha256 } from '../../../../checks/secrets.js';
import type { McContext } from '../../context.js';
import { canonicalBase } from '../../hosts.js';
import type { IntegrationRecord, PackageRecord, TenantRecord, TokenRecord } from '../../store/records.js';

export const LEGACY_EXPIRES_IN = 3600;
export const LEGACY_REFRESH_LIFETIME_S = 700 * 24 * 3600;
export const LEGACY_REFRESH_GRACE_MS = 5 * 60 * 1000;

/** The `/v1/requestToken` success body (vendor-endpoints §2.1). */
export interface LegacyTokenBody {
  accessToken: string;
  expiresIn: number;
  refreshToken?: string;
  legacyToken?: string;
}

export interface LegacyIssueArgs {
  readonly pkg: PackageRecord;
  readonly integration: IntegrationRecord;
  readonly tenant: TenantRecord;
  readonly mid: number;
  readonly userId: string | null;
  readonly grantId: string;
  readonly refresh: boolean;
  readonly legacy: boolean;
}

export async function issueLegacyTokens(ctx: McContext, a: LegacyIssueArgs): Promise<LegacyTokenBody> {
  const now = ctx.nowMs();
  const iat = Math.floor(now / 1000);
  const exp = iat + LEGACY_EXPIRES_IN;
  const key = ctx.control.keys.active();
  const record = (kind: 'access' | 'refresh', id: string, expiresAt: number): TokenRecord => ({
    id,
    kind,
    tenant: a.tenant.subdomain,
    clientId: a.integration.clientId,
    packageId: a.pkg.id,
    grantId: a.grantId,
    userId: a.userId,
    mid: a.mid,
    scopes: [...a.integration.scopes],
    issuedAt: now,
    expiresAt,
    revokedAt: null,
    consumedAt: null,
  });
  const sign = async () => {
    const jti = ctx.randomToken(18);
    const token = await new SignJWT({ client_id: a.integration.clientId, eid: a.tenant.enterpriseMid, mid: a.mid })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ver: '1' })
      .setJti(jti)
      .setIssuer(canonicalBase(a.tenant.subdomain, 'auth'))
      .setSubject(a.userId ?? a.pkg.appUserId)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(key.privateKey);
    ctx.store.addToken(record('access', jti, exp * 1000));
    return token;
  };
  const body: LegacyTokenBody = { accessToken: await sign(), expiresIn: LEGACY_EXPIRES_IN };
  if (a.refresh) {
    const refresh = ctx.randomToken(48);
    ctx.store.addToken(record('refresh', sha256(refresh), now + LEGACY_REFRESH_LIFETIME_S * 1000));
    body.refreshToken = refresh;
  }
  if (a.legacy) body.legacyToken = await sign();
  ctx.options.persistence.touch();
  return body;
}
