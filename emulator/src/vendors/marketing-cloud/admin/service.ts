/**
 * @module
 * Marketing Cloud's admin operations, shared by its `/_emulator/*` routes and seeding. Bodies arrive
 * already parsed by `schemas.ts`; the rules here need the store and report every failure at once.
 */

import { check, ownerConflict } from '../../../admin/validation.js';
import { sha256 } from '../../../checks/secrets.js';
import { AdminError, type AdminIssue, notFound, validationError } from '../../../errors.js';
import { redirectUriProblems } from '../checks/redirect-uri.js';
import { SCOPE_CATALOG } from '../checks/scope-catalog.js';
import type { McContext } from '../context.js';
import { tenantEndpoints } from '../hosts.js';
import { jwtSigningSecretStatus, secretStatus } from '../secret-rotation.js';
import type {
  AppRecord,
  IntegrationRecord,
  PackageRecord,
  TenantRecord,
  TokenRecord,
  UserRecord,
} from '../store/records.js';
import { tokenState } from '../tokens.js';
import type { AppBody, IntegrationBody, PackageBody, TenantBody, UserBody } from './schemas.js';

// ── views (records → API shapes; never a secret) ────────────────────────────
export const tenantView = (t: TenantRecord, origin: string) => ({
  subdomain: t.subdomain,
  name: t.name,
  stackKey: t.stackKey,
  enterpriseMid: t.enterpriseMid,
  businessUnits: t.businessUnits,
  endpoints: tenantEndpoints(origin, t.subdomain),
  owner: t.owner ?? null,
});
export const integrationView = (ctx: McContext, i: IntegrationRecord, tenant: string, origin: string) => ({
  clientId: i.clientId,
  type: i.type,
  scopes: i.scopes,
  redirectUris: i.redirectUris,
  businessUnits: i.businessUnits,
  pkce: i.pkce,
  appExchange: i.appExchange,
  endpoints: tenantEndpoints(origin, tenant),
  /** When the client secret was generated and expires, and the staged one (`null` for a public app). */
  secretStatus: i.secretHash === null ? null : secretStatus(ctx, i),
});
export const packageView = (ctx: McContext, p: PackageRecord, origin: string) => ({
  id: p.id,
  tenant: p.tenant,
  name: p.name,
  description: p.description,
  legacy: p.legacy,
  sourceMid: p.sourceMid,
  integration: p.integration ? integrationView(ctx, p.integration, p.tenant, origin) : null,
  app: p.app,
  owner: p.owner ?? null,
  jwtSigningSecretStatus: jwtSigningSecretStatus(p),
});
export const userView = (u: UserRecord) => ({
  id: u.id,
  tenant: u.tenant,
  username: u.username,
  name: u.name,
  email: u.email,
  defaultMid: u.defaultMid,
  businessUnits: u.businessUnits,
});
export const tokenView = (t: TokenRecord, now: number) => ({
  id: t.id,
  kind: t.kind,
  clientId: t.clientId,
  tenant: t.tenant,
  mid: t.mid,
  scopes: t.scopes,
  issuedAt: new Date(t.issuedAt).toISOString(),
  expiresAt: new Date(t.expiresAt).toISOString(),
  state: tokenState(t, now),
});

// ── lookups ──────────────────────────────────────────────────────────────────
export function requireTenant(ctx: McContext, subdomain: string): TenantRecord {
  const t = ctx.store.tenant(subdomain);
  if (!t) throw notFound(`no tenant with subdomain ${subdomain}`);
  return t;
}
export function requirePackage(ctx: McContext, id: string): PackageRecord {
  const p = ctx.store.package(id);
  if (!p) throw notFound(`no installed package with id ${id}`);
  return p;
}

// ── tenants ──────────────────────────────────────────────────────────────────
export function tenantProblems(body: TenantBody, prefix = ''): AdminIssue[] {
  const at = (p: string) => [prefix, p].filter((s) => s !== '').join('.');
  const issues: AdminIssue[] = [];
  const mids = body.businessUnits.map((b) => b.mid);
  const ent = body.businessUnits.find((b) => b.mid === body.enterpriseMid);
  if (!ent) issues.push({ path: at('businessUnits'), message: 'must include the enterprise business unit' });
  else if (ent.parentMid !== null)
    issues.push({ path: at('businessUnits'), message: 'the enterprise BU must have parentMid null' });
  body.businessUnits.forEach((b, i) => {
    if (mids.indexOf(b.mid) !== i)
      issues.push({ path: at(`businessUnits.${i}.mid`), message: `duplicate MID ${b.mid}` });
    if (b.mid !== body.enterpriseMid && (b.parentMid === null || !mids.includes(b.parentMid))) {
      issues.push({
        path: at(`businessUnits.${i}.parentMid`),
        message: 'must be the MID of another BU in this tenant',
      });
    }
  });
  return issues;
}

export function putTenant(ctx: McContext, subdomain: string, body: TenantBody): 'created' | 'updated' {
  const issues = tenantProblems(body);
  for (const pkg of ctx.store.packages(subdomain)) {
    if (!body.businessUnits.some((b) => b.mid === pkg.sourceMid)) {
      issues.push({ path: 'businessUnits', message: `package ${pkg.name} needs its source BU ${pkg.sourceMid}` });
    }
  }
  check(issues);
  const current = ctx.store.tenant(subdomain)?.owner ?? null;
  ownerConflict(`tenant ${subdomain}`, current, body.owner);
  const { owner, ...fields } = body;
  return ctx.store.putTenant({
    subdomain,
    ...fields,
    businessUnits: fields.businessUnits.map((b) => ({ ...b })),
    owner: owner === undefined ? current : owner,
  });
}

// ── packages ─────────────────────────────────────────────────────────────────
export function createPackage(
  ctx: McContext,
  tenant: TenantRecord,
  body: Omit<PackageBody, 'owner'> & { readonly owner?: string | null },
): { pkg: PackageRecord; jwtSigningSecret: string } {
  const sourceMid = body.sourceMid ?? tenant.enterpriseMid;
  check(
    tenant.businessUnits.some((b) => b.mid === sourceMid)
      ? []
      : [{ path: 'sourceMid', message: `no business unit ${sourceMid} in tenant ${tenant.subdomain}` }],
  );
  if (ctx.store.packageByName(tenant.subdomain, body.name)) {
    throw new AdminError('ERR_CONFLICT', `a package named ${body.name} already exists in tenant ${tenant.subdomain}`);
  }
  const jwtSigningSecret = ctx.randomToken(64);
  const pkg: PackageRecord = {
    id: ctx.options.randomId(),
    tenant: tenant.subdomain,
    name: body.name,
    description: body.description,
    legacy: body.legacy,
    sourceMid,
    jwtSigningSecret,
    jwtSigningSecretCreatedAt: ctx.nowMs(),
    appUserId: ctx.store.numericId(),
    integration: null,
    app: null,
    owner: body.owner ?? null,
  };
  ctx.store.savePackage(pkg);
  return { pkg, jwtSigningSecret };
}

/** A new JWT signing secret for a package (the console's "Refresh"): the old one stops signing at once. */
export function rotateJwtSigningSecret(ctx: McContext, pkg: PackageRecord): string {
  const jwtSigningSecret = ctx.randomToken(64);
  ctx.store.savePackage({ ...pkg, jwtSigningSecret, jwtSigningSecretCreatedAt: ctx.nowMs() });
  return jwtSigningSecret;
}

export function deletePackage(ctx: McContext, pkg: PackageRecord): void {
  if (pkg.integration) ctx.store.revokeClient(pkg.tenant, pkg.integration.clientId, ctx.nowMs());
  ctx.store.deletePackage(pkg.id);
}

// ── integration ──────────────────────────────────────────────────────────────
export function integrationProblems(tenant: TenantRecord, body: IntegrationBody, prefix = ''): AdminIssue[] {
  const at = (p: string) => [prefix, p].filter((s) => s !== '').join('.');
  const issues: AdminIssue[] = [];
  body.scopes.forEach((s, i) => {
    if (!SCOPE_CATALOG.has(s)) issues.push({ path: at(`scopes.${i}`), message: `unknown scope ${s}` });
    else if (body.scopes.indexOf(s) !== i) issues.push({ path: at(`scopes.${i}`), message: `duplicate scope ${s}` });
  });
  if (body.type === 'server-to-server') {
    if (body.redirectUris.length > 0)
      issues.push({ path: at('redirectUris'), message: 'server-to-server integrations have no redirect URIs' });
    if (body.appExchange)
      issues.push({
        path: at('appExchange'),
        message: 'AppExchange packages cannot ship server-to-server integrations',
      });
  } else if (body.redirectUris.length === 0) {
    issues.push({ path: at('redirectUris'), message: 'web and public apps need at least one redirect URI' });
  }
  body.redirectUris.forEach((u, i) => {
    for (const m of redirectUriProblems(u)) issues.push({ path: at(`redirectUris.${i}`), message: m });
    if (body.redirectUris.indexOf(u) !== i)
      issues.push({ path: at(`redirectUris.${i}`), message: 'duplicate redirect URI' });
  });
  if (body.businessUnits !== 'all') {
    body.businessUnits.forEach((m, i) => {
      if (!tenant.businessUnits.some((b) => b.mid === m)) {
        issues.push({ path: at(`businessUnits.${i}`), message: `no business unit ${m} in this tenant` });
      }
    });
  }
  return issues;
}

/** Generates a client id (24 lower-case alphanumerics, like the vendor's). */
function clientId(ctx: McContext): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...ctx.options.randomBytes(24)].map((b) => alphabet[b % alphabet.length]).join('');
}

export function putIntegration(
  ctx: McContext,
  pkg: PackageRecord,
  body: IntegrationBody,
): { integration: IntegrationRecord; created: boolean; secret?: string } {
  const tenant = requireTenant(ctx, pkg.tenant);
  const existing = pkg.integration;
  const issues = integrationProblems(tenant, body);
  if (existing && existing.type !== body.type)
    issues.push({ path: 'type', message: 'the integration type cannot change' });
  check(issues);
  const fields = {
    type: body.type,
    scopes: [...body.scopes],
    redirectUris: [...body.redirectUris],
    businessUnits: body.businessUnits === 'all' ? ('all' as const) : [...body.businessUnits],
    pkce: body.pkce,
    appExchange: body.appExchange,
  };
  if (existing) {
    const integration = { ...existing, ...fields };
    ctx.store.savePackage({ ...pkg, integration });
    return { integration, created: false };
  }
  const secret = body.type === 'public-app' ? undefined : ctx.randomToken(18);
  const integration: IntegrationRecord = {
    clientId: clientId(ctx),
    ...fields,
    secretHash: secret === undefined ? null : sha256(secret),
    ...(secret === undefined ? {} : { secretCreatedAt: ctx.nowMs() }),
  };
  ctx.store.savePackage({ ...pkg, integration });
  return secret === undefined ? { integration, created: true } : { integration, created: true, secret };
}

export function rotateSecret(ctx: McContext, pkg: PackageRecord): string {
  const integration = pkg.integration;
  if (!integration) throw notFound(`package ${pkg.id} has no API integration`);
  if (integration.type === 'public-app') {
    throw validationError([{ path: 'type', message: 'public apps have no client secret' }]);
  }
  const secret = ctx.randomToken(18);
  ctx.store.savePackage({
    ...pkg,
    integration: { ...integration, secretHash: sha256(secret), secretCreatedAt: ctx.nowMs(), stagedSecret: null },
  });
  return secret;
}

export function putApp(ctx: McContext, pkg: PackageRecord, body: AppBody): { app: AppRecord; created: boolean } {
  const app: AppRecord = { ...body };
  const created = pkg.app === null;
  ctx.store.savePackage({ ...pkg, app });
  return { app, created };
}

// ── users ────────────────────────────────────────────────────────────────────
export function createUser(ctx: McContext, tenant: TenantRecord, body: UserBody, replace = false): UserRecord {
  const defaultMid = body.defaultMid ?? tenant.enterpriseMid;
  const issues: AdminIssue[] = [];
  if (!tenant.businessUnits.some((b) => b.mid === defaultMid)) {
    issues.push({ path: 'defaultMid', message: `no business unit ${defaultMid} in this tenant` });
  }
  if (body.businessUnits !== 'all') {
    body.businessUnits.forEach((m, i) => {
      if (!tenant.businessUnits.some((b) => b.mid === m))
        issues.push({ path: `businessUnits.${i}`, message: `no business unit ${m}` });
    });
  }
  check(issues);
  const existing = ctx.store.user(tenant.subdomain, body.username);
  if (existing && !replace) throw new AdminError('ERR_CONFLICT', `user ${body.username} already exists`);
  const user: UserRecord = {
    id: existing?.id ?? ctx.store.numericId(),
    tenant: tenant.subdomain,
    username: body.username,
    passwordHash: sha256(body.password),
    name: body.name ?? body.username,
    email: body.email ?? (body.username.includes('@') ? body.username : ''),
    defaultMid,
    businessUnits: body.businessUnits === 'all' ? 'all' : [...body.businessUnits],
  };
  ctx.store.saveUser(user);
  return user;
}
