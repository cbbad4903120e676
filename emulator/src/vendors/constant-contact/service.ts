/**
 * @module
 * Constant Contact admin operations, shared by the `/_emulator/ctct/*` routes and seeding: bodies
 * (zod), the rules that need the store, and the views (records → API shapes; never a secret).
 */
import { z } from 'zod';
import { owner } from '../../admin/validation.js';
import { sha256 } from '../../checks/secrets.js';
import type { EmulatorContext } from '../../env.js';
import { AdminError, type AdminIssue, notFound, validationError } from '../../errors.js';
import { createAccount } from './accounts.js';
import { CTCT_AUTH_SERVER_ID, ctctEndpoints } from './hosts.js';
import type { CtctAccountRecord, CtctApplicationRecord, CtctPartnerRecord } from './records.js';
import { CTCT_SCOPES } from './scopes.js';
import { ctctSecretStatus } from './secret-rotation.js';
import type { CtctState } from './state.js';

/** The admin test-user password of seeded accounts (like Marketing Cloud's `grantform`). */
export const CTCT_TEST_PASSWORD = 'grantform';

const KEY = /^[A-Za-z0-9][A-Za-z0-9-]{7,63}$/;
const redirectUri = z
  .string()
  .min(1)
  .refine((u) => URL.canParse(u) && !u.includes('#') && !u.includes('*'), {
    message: 'an absolute URI without a fragment or wildcard',
  });
/** An application's redirect URIs, as the admin API and seeding check them. */
export const ctctRedirectUris = z.array(redirectUri);

export const ctctApplicationBody = z
  .strictObject({
    name: z.string().min(1).max(100),
    apiKey: z.string().regex(KEY, '8–64 letters, digits and -').optional(),
    type: z.enum(['confidential', 'public']).default('confidential'),
    redirectUris: ctctRedirectUris.default([]),
    pkce: z.enum(['optional', 'required']).optional(),
    refreshTokens: z.enum(['rotating', 'long-lived']).default('rotating'),
    scopes: z.array(z.enum(CTCT_SCOPES)).min(1, 'at least one scope'),
    /** @default null (no owner) */
    owner: owner.default(null),
  })
  .refine((b) => !(b.type === 'public' && b.pkce === 'optional'), {
    message: "a public application always uses PKCE: pkce must be 'required'",
    path: ['pkce'],
  });
export type CtctApplicationBody = z.infer<typeof ctctApplicationBody>;

export const ctctApplicationPatch = z.strictObject({
  name: z.string().min(1).max(100).optional(),
  redirectUris: z.array(redirectUri).optional(),
  pkce: z.enum(['optional', 'required']).optional(),
  refreshTokens: z.enum(['rotating', 'long-lived']).optional(),
  scopes: z.array(z.enum(CTCT_SCOPES)).min(1).optional(),
  /** Another owner than the current one → 409 (release it with `null` first). */
  owner: owner.optional(),
});

export const ctctPartnerBody = z.strictObject({
  name: z.string().min(1).max(100),
  applicationApiKey: z.string().min(1),
  partnerClientId: z.string().regex(KEY, '8–64 letters, digits and -').optional(),
  /** @default null (no owner) */
  owner: owner.default(null),
});
export type CtctPartnerBody = z.infer<typeof ctctPartnerBody>;

export const ctctAccountBody = z.strictObject({
  partnerClientId: z.string().min(1).nullable().default(null),
  managed: z.boolean().default(false),
  loginName: z.string().regex(/^[A-Za-z0-9._@+-]{6,50}$/, '6–50 letters, digits or . _ @ + -'),
  password: z.string().min(8).max(80).default(CTCT_TEST_PASSWORD),
  contactEmail: z.string().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an email address'),
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2')
    .default('US'),
  stateCode: z.string().default(''),
  organizationName: z.string().default(''),
  firstName: z.string().default(''),
  lastName: z.string().default(''),
  /** @default null (no owner) */
  owner: owner.default(null),
});
export type CtctAccountBody = z.infer<typeof ctctAccountBody>;

export const ctctAccountPatch = z.strictObject({
  managed: z.boolean().optional(),
  contactEmail: z
    .string()
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an email address')
    .optional(),
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2')
    .optional(),
  stateCode: z.string().optional(),
  organizationName: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  /** Another owner than the current one → 409 (release it with `null` first). */
  owner: owner.optional(),
});
export const ctctPartnerPatch = z.strictObject({
  name: z.string().min(1).max(100).optional(),
  /** Another owner than the current one → 409 (release it with `null` first). */
  owner: owner.optional(),
});
export const ctctSettingsBody = z.strictObject({ rateLimits: z.boolean() });

// ── views ───────────────────────────────────────────────────────────────────
export function applicationView(a: CtctApplicationRecord, origin: string) {
  const ep = ctctEndpoints(origin);
  return {
    apiKey: a.apiKey,
    name: a.name,
    type: a.type,
    redirectUris: a.redirectUris,
    pkce: a.pkce,
    refreshTokens: a.refreshTokens,
    scopes: a.scopes,
    endpoints: {
      authorize: `${ep.authz}/oauth2/default/v1/authorize`,
      token: `${ep.authz}/oauth2/default/v1/token`,
      deviceAuthorize: `${ep.authz}/oauth2/default/v1/device/authorize`,
      jwks: `${ep.identity}/oauth2/${CTCT_AUTH_SERVER_ID}/v1/keys`,
      api: `${ep.api}/v3`,
    },
    owner: a.owner ?? null,
    /** When the client secret was generated, and a staged one (`null` for a public application). */
    secretStatus: a.secretHash === null ? null : ctctSecretStatus(a),
  };
}

export function partnerView(p: CtctPartnerRecord, origin: string) {
  const ep = ctctEndpoints(origin);
  return {
    partnerClientId: p.partnerClientId,
    name: p.name,
    applicationApiKey: p.apiKey,
    endpoints: {
      token: `${ep.cognito}/oauth2/token`,
      authzToken: `${ep.authz}/partners/oauth2/default/v1/token`,
      api: `${ep.api}/v3/partner`,
    },
    owner: p.owner ?? null,
    /** When the partner secret was generated, and a staged one. */
    secretStatus: ctctSecretStatus(p),
  };
}

export function accountView(a: CtctAccountRecord) {
  return {
    encodedAccountId: a.encodedAccountId,
    partnerClientId: a.partnerClientId,
    managed: a.managed,
    loginName: a.loginName,
    contactEmail: a.contactEmail,
    organizationName: a.organizationName,
    countryCode: a.countryCode,
    stateCode: a.stateCode,
    firstName: a.firstName,
    lastName: a.lastName,
    billingStatus: a.billingStatus,
    contactCount: a.contacts.length,
    owner: a.owner ?? null,
  };
}

// ── operations ──────────────────────────────────────────────────────────────
function check(issues: AdminIssue[]): void {
  if (issues.length > 0) throw validationError(issues);
}

/** Creates an application; returns the secret once (confidential only). */
export function createApplication(
  ctx: EmulatorContext,
  state: CtctState,
  body: CtctApplicationBody,
): { application: CtctApplicationRecord; secret?: string } {
  const apiKey = body.apiKey ?? ctx.options.randomId();
  if (state.store.applications.has(apiKey)) {
    throw new AdminError('ERR_CONFLICT', `an application with API key ${apiKey} already exists`);
  }
  check(
    body.type === 'confidential' && body.redirectUris.length === 0
      ? [{ path: 'redirectUris', message: 'a confidential application needs at least one redirect URI' }]
      : [],
  );
  const secret = body.type === 'confidential' ? ctx.randomToken(32) : undefined;
  const application: CtctApplicationRecord = {
    apiKey,
    name: body.name,
    type: body.type,
    secretHash: secret === undefined ? null : sha256(secret),
    redirectUris: [...new Set(body.redirectUris)],
    pkce: body.pkce ?? (body.type === 'public' ? 'required' : 'optional'),
    refreshTokens: body.refreshTokens,
    scopes: [...new Set(body.scopes)],
    createdAt: ctx.nowMs(),
    owner: body.owner ?? null,
    ...(secret === undefined ? {} : { secretCreatedAt: ctx.nowMs() }),
  };
  state.store.applications.set(apiKey, application);
  return secret === undefined ? { application } : { application, secret };
}

export function requireApplication(state: CtctState, apiKey: string): CtctApplicationRecord {
  const a = state.store.applications.get(apiKey);
  if (!a) throw notFound(`no Constant Contact application with API key ${apiKey}`);
  return a;
}

/** Deletes an application (refused while a partner uses it) and revokes its tokens. */
export function deleteApplication(ctx: EmulatorContext, state: CtctState, a: CtctApplicationRecord): void {
  const partner = [...state.store.partners.values()].find((p) => p.apiKey === a.apiKey);
  if (partner) throw new AdminError('ERR_CONFLICT', `partner ${partner.partnerClientId} uses application ${a.apiKey}`);
  state.store.revokeApplication(a.apiKey, ctx.nowMs());
  state.store.applications.delete(a.apiKey);
}

export function createPartner(
  ctx: EmulatorContext,
  state: CtctState,
  body: CtctPartnerBody,
): { partner: CtctPartnerRecord; secret: string } {
  requireApplication(state, body.applicationApiKey);
  const owner = [...state.store.partners.values()].find((p) => p.apiKey === body.applicationApiKey);
  if (owner) {
    throw new AdminError(
      'ERR_CONFLICT',
      `application ${body.applicationApiKey} already belongs to partner ${owner.partnerClientId}`,
    );
  }
  const partnerClientId = body.partnerClientId ?? ctx.randomToken(18).replace(/[-_]/g, 'x').toLowerCase();
  if (state.store.partners.has(partnerClientId)) {
    throw new AdminError('ERR_CONFLICT', `a partner with client id ${partnerClientId} already exists`);
  }
  const secret = ctx.randomToken(32);
  const partner: CtctPartnerRecord = {
    partnerClientId,
    name: body.name,
    secretHash: sha256(secret),
    apiKey: body.applicationApiKey,
    createdAt: ctx.nowMs(),
    owner: body.owner ?? null,
    secretCreatedAt: ctx.nowMs(),
  };
  state.store.partners.set(partnerClientId, partner);
  return { partner, secret };
}

export function requirePartner(state: CtctState, id: string): CtctPartnerRecord {
  const p = state.store.partners.get(id);
  if (!p) throw notFound(`no Constant Contact partner with client id ${id}`);
  return p;
}

/** Deletes a partner (refused while it has client accounts) and revokes its tokens. */
export function deletePartner(ctx: EmulatorContext, state: CtctState, p: CtctPartnerRecord): void {
  const remaining = [...state.store.accounts.values()].filter((a) => a.partnerClientId === p.partnerClientId).length;
  if (remaining > 0)
    throw new AdminError('ERR_CONFLICT', `partner ${p.partnerClientId} still has ${remaining} client account(s)`);
  const now = ctx.nowMs();
  for (const t of state.store.accessTokens.values()) if (t.partnerClientId === p.partnerClientId) t.revokedAt = now;
  state.store.partners.delete(p.partnerClientId);
}

export function adminCreateAccount(
  ctx: EmulatorContext,
  state: CtctState,
  body: CtctAccountBody,
  encodedAccountId?: string,
): CtctAccountRecord {
  if (body.partnerClientId !== null) requirePartner(state, body.partnerClientId);
  if (state.store.accountByLogin(body.loginName)) {
    throw new AdminError('ERR_CONFLICT', `the login name ${body.loginName} is already in use`);
  }
  return createAccount(ctx, state, { ...body, encodedAccountId });
}

export function requireAccount(state: CtctState, id: string): CtctAccountRecord {
  const a = state.store.accounts.get(id);
  if (!a) throw notFound(`no Constant Contact account ${id}`);
  return a;
}

/** Deletes an account and revokes every grant made by it. */
export function deleteAccount(ctx: EmulatorContext, state: CtctState, a: CtctAccountRecord): void {
  const now = ctx.nowMs();
  for (const g of state.store.grants.values())
    if (g.encodedAccountId === a.encodedAccountId) state.store.revokeGrant(g.id, now);
  for (const t of state.store.accessTokens.values()) if (t.encodedAccountId === a.encodedAccountId) t.revokedAt = now;
  state.store.accounts.delete(a.encodedAccountId);
}
