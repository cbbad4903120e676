/**
 * @module
 * `POST /v1/requestToken` (vendor-endpoints §2.1) on a tenant auth host and on the legacy hosts
 * `auth.exacttargetapis.com`, `auth-sN.exacttargetapis.com` (the tenant's stack must be SN) and
 * `auth-test.exacttargetapis.com`. camelCase JSON (`clientId`, `clientSecret`, `refreshToken`,
 * `accessType`; `scope` is retired and ignored), form bodies tolerated. Legacy packages only.
 * - `{"accessToken","expiresIn":3600}`; `accessType: "offline"` or a presented `refreshToken` adds a
 *   new `refreshToken`; `?legacy=1` adds `legacyToken`.
 * - A refresh token (from here or App Center SSO) is single use: reuse within 5 minutes of first use
 *   is tolerated (grace window), later → 401. It lives 700 days. The token belongs to the tenant and
 *   BU it was issued for, so it must be redeemed on that tenant's host (or a legacy host).
 */
import { type Context, Hono } from 'hono';
import { sha256 } from '../../../../checks/secrets.js';
import { noteClientId } from '../../../../pipeline.js';
import { findClient } from '../../checks/client-auth.js';
import type { McContext } from '../../context.js';
import { MAX_BODY_BYTES, parseTokenBody, type TokenParams } from '../../params.js';
import { secretAccepted } from '../../secret-rotation.js';
import type { TenantRecord } from '../../store/records.js';
import { enhancedPackageRefused, legacyBadRequest, legacyUnauthorized } from './errors.js';
import { issueLegacyTokens, LEGACY_REFRESH_GRACE_MS } from './legacy-tokens.js';

/** Where the request arrived: a tenant auth host, or a legacy host with an optional stack (`s7`, `test`). */
export type LegacyHost =
  | { readonly kind: 'tenant'; readonly tssd: string }
  | { readonly kind: 'legacy'; readonly stack: string };

function readParams(contentType: string | undefined, text: string): TokenParams {
  try {
    return parseTokenBody(contentType, text);
  } catch (err) {
    throw legacyBadRequest(err instanceof Error ? err.message : 'The request body is invalid.');
  }
}

function stackAllows(host: LegacyHost, tenant: TenantRecord): boolean {
  if (host.kind === 'tenant') return host.tssd === tenant.subdomain;
  return !/^s\d+$/.test(host.stack) || host.stack === tenant.stackKey.toLowerCase();
}

/** The route handler shared by the tenant and legacy hosts. */
export function requestTokenRoutes(ctx: McContext, hostOf: (c: Context) => LegacyHost): Hono {
  const app = new Hono();
  app.post('/v1/requesttoken', async (c) => {
    if (Number(c.req.header('content-length') ?? '0') > MAX_BODY_BYTES)
      throw legacyBadRequest('The request body is too large.');
    const text = await c.req.text().catch(() => '');
    const params = readParams(c.req.header('content-type'), text);
    const str = (name: string) => {
      try {
        return params.string(name);
      } catch {
        throw legacyBadRequest(`The "${name}" field must be a string.`);
      }
    };
    const clientId = str('clientId');
    const clientSecret = str('clientSecret');
    const refreshToken = str('refreshToken');
    const offline = str('accessType') === 'offline';
    const legacyParam = c.req.query('legacy');
    const legacy = legacyParam === '1' || legacyParam === 'true';
    const host = hostOf(c);

    if (!clientId || !clientSecret) throw legacyUnauthorized();
    const pkg = ctx.store.packageByClientId(clientId);
    if (!pkg?.integration) throw legacyUnauthorized();
    noteClientId(c, clientId);

    if (refreshToken) {
      const now = ctx.nowMs();
      const record = ctx.store.token(sha256(refreshToken));
      if (record?.kind !== 'refresh' || record.clientId !== clientId || record.revokedAt !== null)
        throw legacyUnauthorized();
      if (record.expiresAt <= now) throw legacyUnauthorized();
      if (record.consumedAt !== null && now > record.consumedAt + LEGACY_REFRESH_GRACE_MS) throw legacyUnauthorized();
      const client = findClient(ctx, record.tenant, clientId);
      if (!client || !stackAllows(host, client.tenant)) throw legacyUnauthorized();
      if (!secretAccepted(ctx, client.integration, clientSecret)) throw legacyUnauthorized();
      if (!client.pkg.legacy) throw enhancedPackageRefused();
      if (record.consumedAt === null) record.consumedAt = now;
      const body = await issueLegacyTokens(ctx, {
        ...client,
        mid: record.mid,
        userId: record.userId,
        grantId: record.grantId,
        refresh: true,
        legacy,
      });
      return c.json(body, 200, { 'cache-control': 'no-store' });
    }

    const tssd = host.kind === 'tenant' ? host.tssd : pkg.tenant;
    const client = findClient(ctx, tssd, clientId);
    if (!client || !stackAllows(host, client.tenant)) throw legacyUnauthorized();
    if (!secretAccepted(ctx, client.integration, clientSecret)) throw legacyUnauthorized();
    if (!client.pkg.legacy) throw enhancedPackageRefused();
    const own = client.tenant.subdomain === client.pkg.tenant;
    const allowed = client.tenant.businessUnits
      .map((b) => b.mid)
      .filter((m) => client.integration.businessUnits === 'all' || client.integration.businessUnits.includes(m));
    const mid = own
      ? client.pkg.sourceMid
      : allowed.includes(client.tenant.enterpriseMid)
        ? client.tenant.enterpriseMid
        : allowed[0];
    if (mid === undefined) throw legacyUnauthorized();
    const body = await issueLegacyTokens(ctx, {
      ...client,
      mid,
      userId: null,
      grantId: ctx.randomToken(12),
      refresh: offline,
      legacy,
    });
    return c.json(body, 200, { 'cache-control': 'no-store' });
  });
  return app;
}
