/**
 * @module
 * Seeding Constant Contact resources from a grantform manifest (`ctct-application`,
 * `ctct-partner`, `ctct-client-account`), called by `seedManifest`. Like packages, same-named
 * resources are recreated with fresh credentials; every client account gets the password
 * `grantform`. The shape is checked by the manifest's schema (`@grantform/config/manifest`); the
 * cross-resource rules here are seeding's own.
 */
import type { manifestShapeSchema } from '@grantform/config/manifest';
import type { z } from 'zod';
import { issuesOf } from '../../admin/validation.js';
import type { EmulatorContext } from '../../env.js';
import type { AdminIssue } from '../../errors.js';
import { CTCT_AUTH_SERVER_ID, ctctEndpoints } from './hosts.js';
import {
  adminCreateAccount,
  CTCT_TEST_PASSWORD,
  createApplication,
  createPartner,
  ctctRedirectUris,
  deleteAccount,
} from './service.js';
import type { CtctState } from './state.js';

/** A resource of a manifest parsed with `@grantform/config/manifest`. */
type Resource = z.infer<typeof manifestShapeSchema>['resources'][number];

const isKind = <K extends 'ctct-application' | 'ctct-partner' | 'ctct-client-account'>(
  r: Resource,
  kind: K,
): r is Extract<Resource, { kind: K }> => r.kind === kind;

/** Cross-resource problems of the Constant Contact resources (paths `resources.{i}.spec.…`). */
export function ctctSeedProblems(resources: readonly Resource[]): AdminIssue[] {
  const issues: AdminIssue[] = [];
  const kinds = new Map(resources.map((r) => [r.address, r.kind]));
  const apiKeys = new Set<string>();
  const logins = new Set<string>();
  const owners = new Set<string>();
  resources.forEach((r, i) => {
    const at = `resources.${i}.spec`;
    if (isKind(r, 'ctct-application')) {
      // The admin API's redirect-URI rule (absolute, no fragment or wildcard).
      issues.push(...issuesOf(ctctRedirectUris, r.spec.redirectUris, `${at}.redirectUris`));
      if (r.spec.apiKey !== null) {
        if (apiKeys.has(r.spec.apiKey)) issues.push({ path: `${at}.apiKey`, message: 'duplicate API key' });
        apiKeys.add(r.spec.apiKey);
      }
      if ((r.spec.type === 'public') !== (r.spec.clientSecret === null)) {
        issues.push({
          path: `${at}.clientSecret`,
          message: 'public applications have no secret; confidential ones need a secret reference',
        });
      }
      if (r.spec.type === 'confidential' && r.spec.redirectUris.length === 0) {
        issues.push({
          path: `${at}.redirectUris`,
          message: 'a confidential application needs at least one redirect URI',
        });
      }
    } else if (isKind(r, 'ctct-partner')) {
      if (kinds.get(r.spec.application) !== 'ctct-application') {
        issues.push({
          path: `${at}.application`,
          message: `must be the address of a ctct-application resource in this manifest (got ${r.spec.application})`,
        });
      }
      if (owners.has(r.spec.application))
        issues.push({ path: `${at}.application`, message: 'the application already belongs to another partner' });
      owners.add(r.spec.application);
    } else if (isKind(r, 'ctct-client-account')) {
      if (kinds.get(r.spec.partner) !== 'ctct-partner') {
        issues.push({
          path: `${at}.partner`,
          message: `must be the address of a ctct-partner resource in this manifest (got ${r.spec.partner})`,
        });
      }
      const login = r.spec.loginName.toLowerCase();
      if (logins.has(login)) issues.push({ path: `${at}.loginName`, message: 'duplicate login name' });
      logins.add(login);
    }
  });
  return issues;
}

/** Credentials of the seeded Constant Contact resources (`--credentials-out`, `POST /_emulator/seed`). */
export interface CtctCredentials {
  applications: {
    address: string;
    apiKey: string;
    type: 'confidential' | 'public';
    clientSecret?: string;
    clientSecretEnv: string | null;
    redirectUris: string[];
    scopes: string[];
    authorizeUrl: string;
    tokenUrl: string;
    deviceAuthorizeUrl: string;
    jwksUrl: string;
    apiBaseUrl: string;
  }[];
  partners: {
    address: string;
    partnerClientId: string;
    partnerSecret: string;
    partnerSecretEnv: string;
    applicationApiKey: string;
    tokenUrl: string;
    authzTokenUrl: string;
  }[];
  accounts: {
    address: string;
    encodedAccountId: string;
    partnerClientId: string;
    managed: boolean;
    loginName: string;
    password: string;
  }[];
}

/** Seeds the (validated) Constant Contact resources; `undefined` when the manifest has none. */
export function seedConstantContact(
  ctx: EmulatorContext,
  state: CtctState,
  resources: readonly Resource[],
  origin: string,
): CtctCredentials | undefined {
  const apps = resources.filter((r) => isKind(r, 'ctct-application'));
  const partners = resources.filter((r) => isKind(r, 'ctct-partner'));
  const accounts = resources.filter((r) => isKind(r, 'ctct-client-account'));
  if (apps.length + partners.length + accounts.length === 0) return undefined;
  const { store } = state;
  const now = ctx.nowMs();
  // Recreate same-named resources: accounts, then partners, then applications.
  for (const r of accounts) {
    const old = store.accountByLogin(r.spec.loginName);
    if (old) deleteAccount(ctx, state, old);
  }
  for (const r of partners) {
    for (const p of [...store.partners.values()]) {
      if (p.name !== r.spec.name && p.partnerClientId !== r.spec.partnerClientId) continue;
      for (const a of [...store.accounts.values()])
        if (a.partnerClientId === p.partnerClientId) deleteAccount(ctx, state, a);
      for (const t of store.accessTokens.values()) if (t.partnerClientId === p.partnerClientId) t.revokedAt = now;
      store.partners.delete(p.partnerClientId);
    }
  }
  for (const r of apps) {
    for (const a of [...store.applications.values()]) {
      if (a.name !== r.spec.name && a.apiKey !== r.spec.apiKey) continue;
      for (const p of [...store.partners.values()]) if (p.apiKey === a.apiKey) store.partners.delete(p.partnerClientId);
      store.revokeApplication(a.apiKey, now);
      store.applications.delete(a.apiKey);
    }
  }
  const ep = ctctEndpoints(origin);
  const apiKeyOf = new Map<string, string>();
  const partnerOf = new Map<string, string>();
  const out: CtctCredentials = { applications: [], partners: [], accounts: [] };
  for (const r of apps) {
    const { application, secret } = createApplication(ctx, state, {
      name: r.spec.name,
      ...(r.spec.apiKey === null ? {} : { apiKey: r.spec.apiKey }),
      type: r.spec.type,
      redirectUris: r.spec.redirectUris,
      pkce: r.spec.pkce,
      refreshTokens: r.spec.refreshTokens,
      scopes: r.spec.scopes,
      owner: null,
    });
    apiKeyOf.set(r.address, application.apiKey);
    state.usage.label(application.apiKey, r.address);
    out.applications.push({
      address: r.address,
      apiKey: application.apiKey,
      type: application.type,
      ...(secret === undefined ? {} : { clientSecret: secret }),
      clientSecretEnv: r.spec.clientSecret?.env ?? null,
      redirectUris: application.redirectUris,
      scopes: application.scopes,
      authorizeUrl: `${ep.authz}/oauth2/default/v1/authorize`,
      tokenUrl: `${ep.authz}/oauth2/default/v1/token`,
      deviceAuthorizeUrl: `${ep.authz}/oauth2/default/v1/device/authorize`,
      jwksUrl: `${ep.identity}/oauth2/${CTCT_AUTH_SERVER_ID}/v1/keys`,
      apiBaseUrl: `${ep.api}/v3`,
    });
  }
  for (const r of partners) {
    const applicationApiKey = apiKeyOf.get(r.spec.application) ?? '';
    const { partner, secret } = createPartner(ctx, state, {
      name: r.spec.name,
      applicationApiKey,
      ...(r.spec.partnerClientId === null ? {} : { partnerClientId: r.spec.partnerClientId }),
      owner: null,
    });
    partnerOf.set(r.address, partner.partnerClientId);
    out.partners.push({
      address: r.address,
      partnerClientId: partner.partnerClientId,
      partnerSecret: secret,
      partnerSecretEnv: r.spec.partnerSecret.env,
      applicationApiKey,
      tokenUrl: `${ep.cognito}/oauth2/token`,
      authzTokenUrl: `${ep.authz}/partners/oauth2/default/v1/token`,
    });
  }
  for (const r of accounts) {
    const partnerClientId = partnerOf.get(r.spec.partner) ?? '';
    const account = adminCreateAccount(ctx, state, {
      partnerClientId,
      managed: r.spec.managed,
      loginName: r.spec.loginName,
      password: CTCT_TEST_PASSWORD,
      owner: null,
      contactEmail: r.spec.contactEmail,
      countryCode: r.spec.countryCode,
      stateCode: r.spec.stateCode,
      organizationName: r.spec.organizationName,
      firstName: r.spec.firstName,
      lastName: r.spec.lastName,
    });
    out.accounts.push({
      address: r.address,
      encodedAccountId: account.encodedAccountId,
      partnerClientId,
      managed: account.managed,
      loginName: account.loginName,
      password: CTCT_TEST_PASSWORD,
    });
  }
  return out;
}
