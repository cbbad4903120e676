/**
 * @module
 * App Center / HubExchange single sign-on, driven by `POST /_emulator/packages/{id}/app/launch`: the
 * emulator "launches" a legacy package's Marketing Cloud app for a test user of the package's tenant
 * or of a customer tenant it is installed into. It builds the JWT (claim set v1 or v2 per the app's
 * `claimsVersion`), HS256-signed with the package's JWT signing secret, and either returns an
 * auto-submitting HTML form that POSTs `jwt` to the Login URL (`deliver: "form"`, the default),
 * returns it as JSON (`"json"`), or POSTs it server-side (`"post"`: only to loopback URLs unless a
 * fetch is injected via `mcContext(app.context).appLaunchFetch`). With an API integration, the JWT carries a
 * legacy refresh token (v1 also the 1-hour `oauthToken` and the `internalOauthToken`) redeemable
 * at `request.rest.authEndpoint` (the user's tenant `/v1/requestToken`).
 */
import { z } from 'zod';
import { AdminError, escapeHtml, notFound, validationError } from '../../../../errors.js';
import {
  type AppCenterClaims,
  type AppCenterClaimsV1,
  type AppCenterClaimsV2,
  signAppCenterJwt,
} from '../../app-center/jwt.js';
import { allows } from '../../checks/business-unit.js';
import type { McContext } from '../../context.js';
import { customerClient } from '../../installations.js';
import type { PackageRecord, TenantRecord, UserRecord } from '../../store/records.js';
import { issueLegacyTokens, type LegacyTokenBody } from './legacy-tokens.js';

/** Lifetime of the SSO JWT (`exp - now`), seconds. UNCONFIRMED upstream. */
export const SSO_JWT_LIFETIME_S = 300;

export const launchBody = z.strictObject({
  /** A test user of the package's tenant or of a tenant the package is installed into. */
  username: z.string().min(1),
  /** The user's tenant subdomain. @default the first tenant (own, then customers) that has the user */
  tenant: z.string().optional(),
  /** The BU the app opens in. @default the user's default BU */
  mid: z.number().int().positive().optional(),
  deliver: z.enum(['form', 'json', 'post']).default('form'),
  /** With `deliver: "post"`: POST here instead of the Login URL (loopback only with the default fetch). */
  postUrl: z.string().url().optional(),
});
export type LaunchBody = z.infer<typeof launchBody>;

const TIMEZONE = { longName: '(GMT-06:00) Central Time (US & Canada)', shortName: 'CST', offset: -6, dst: true };

const isLoopback = (url: string): boolean => {
  try {
    const h = new URL(url).hostname;
    return h === '127.0.0.1' || h === '[::1]' || h === 'localhost';
  } catch {
    return false;
  }
};

function resolveUser(ctx: McContext, pkg: PackageRecord, body: LaunchBody): { user: UserRecord; tenant: TenantRecord } {
  const tenants = [pkg.tenant, ...(pkg.installations ?? []).map((i) => i.tenant)];
  if (body.tenant !== undefined && !tenants.includes(body.tenant)) {
    throw new AdminError('ERR_CONFLICT', `package ${pkg.id} is not installed in tenant ${body.tenant}`);
  }
  for (const t of body.tenant === undefined ? tenants : [body.tenant]) {
    const user = ctx.store.user(t, body.username);
    const tenant = ctx.store.tenant(t);
    if (user && tenant) return { user, tenant };
  }
  throw notFound(`no test user ${body.username} in the tenants of package ${pkg.id}`);
}

export interface LaunchResult {
  jwt: string;
  loginUrl: string;
  claims: AppCenterClaims;
}

/** Builds and signs the SSO JWT for a launch. */
export async function buildLaunch(
  ctx: McContext,
  pkg: PackageRecord,
  body: LaunchBody,
  origin: string,
): Promise<LaunchResult> {
  const app = pkg.app;
  if (!app) throw notFound(`package ${pkg.id} has no Marketing Cloud app`);
  if (!pkg.legacy) {
    throw new AdminError(
      'ERR_CONFLICT',
      'enhanced packages get no SSO JWT: their apps use /v2/authorize then /v2/userinfo (create the package with legacy: true)',
    );
  }
  const { user, tenant } = resolveUser(ctx, pkg, body);
  const own = tenant.subdomain === pkg.tenant;
  const access = own
    ? (pkg.integration?.businessUnits ?? 'all')
    : (pkg.installations?.find((i) => i.tenant === tenant.subdomain)?.businessUnits ?? []);
  const mid = body.mid ?? user.defaultMid;
  if (!tenant.businessUnits.some((b) => b.mid === mid) || !allows(user.businessUnits, mid) || !allows(access, mid)) {
    throw validationError([
      { path: 'mid', message: `user ${user.username} cannot open the app in business unit ${mid}` },
    ]);
  }
  let tokens: LegacyTokenBody | undefined;
  const client = pkg.integration
    ? own
      ? { pkg, integration: pkg.integration, tenant }
      : customerClient(ctx, pkg, tenant.subdomain)
    : undefined;
  if (client) {
    tokens = await issueLegacyTokens(ctx, {
      ...client,
      mid,
      userId: user.id,
      grantId: ctx.randomToken(12),
      refresh: true,
      legacy: app.claimsVersion === 1,
    });
  }
  const exp = Math.floor(ctx.nowMs() / 1000) + SSO_JWT_LIFETIME_S;
  const organization = {
    id: mid,
    enterpriseId: tenant.enterpriseMid,
    dataContext: mid === tenant.enterpriseMid ? ('enterprise' as const) : ('core' as const),
    stackKey: tenant.stackKey,
  };
  const userClaims = { id: Number(user.id), email: user.email, culture: 'en-US', timezone: TIMEZONE };
  let claims: AppCenterClaims;
  if (app.claimsVersion === 1) {
    const v1: AppCenterClaimsV1 = {
      exp,
      iss: 'https://imh.exacttarget.com',
      request: {
        claimsVersion: 1,
        user: tokens?.legacyToken
          ? {
              ...userClaims,
              oauthToken: tokens.accessToken,
              internalOauthToken: tokens.legacyToken,
              refreshToken: tokens.refreshToken ?? '',
              expiresIn: tokens.expiresIn,
            }
          : userClaims,
        organization,
        application: { id: pkg.id, customerEnvironment: 'Production', redirectUrl: app.redirectUrl },
      },
    };
    claims = v1;
  } else {
    const auth = `${origin}/${tenant.subdomain}.auth.marketingcloudapis.com/`;
    const v2: AppCenterClaimsV2 = {
      exp,
      jti: ctx.options.randomId(),
      request: {
        claimsVersion: 2,
        user: userClaims,
        organization: { ...organization, region: 'NA1' },
        application: {
          id: pkg.id,
          package: `com.grantform.${pkg.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
          redirectUrl: app.redirectUrl,
          features: {},
          userPermissions: [],
        },
        rest: {
          authEndpoint: `${auth}v1/requestToken`,
          apiEndpointBase: `${origin}/${tenant.subdomain}.rest.marketingcloudapis.com/`,
          ...(tokens?.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
        },
      },
    };
    claims = v2;
  }
  return { jwt: await signAppCenterJwt(claims, pkg.jwtSigningSecret), loginUrl: app.loginUrl, claims };
}

/** The auto-submitting form Marketing Cloud's app frame would post. */
export function launchForm(r: LaunchResult): string {
  const action = escapeHtml(r.loginUrl);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Launching app</title></head><body><form method="POST" action="${action}"><input type="hidden" name="jwt" value="${escapeHtml(r.jwt)}"><noscript><button type="submit">Open the app</button></noscript></form><script>document.forms[0].submit()</script></body></html>`;
}

/** POSTs the JWT server-side (`jwt=…`, form-encoded). */
export async function postLaunch(
  ctx: McContext,
  r: LaunchResult,
  postUrl: string | undefined,
): Promise<{ jwt: string; loginUrl: string; response: { status: number; body: string } }> {
  const target = postUrl ?? r.loginUrl;
  const injected = ctx.appLaunchFetch;
  if (!injected && !isLoopback(target)) {
    throw validationError([
      { path: 'postUrl', message: 'server-side delivery goes only to loopback URLs (inject a fetch to go elsewhere)' },
    ]);
  }
  const res = await (injected ?? fetch)(target, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ jwt: r.jwt }).toString(),
    redirect: 'manual',
  });
  const text = await res.text();
  return { jwt: r.jwt, loginUrl: target, response: { status: res.status, body: text.slice(0, 65536) } };
}
