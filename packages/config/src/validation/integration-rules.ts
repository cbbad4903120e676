/**
 * @module
 * API integration rules: type, scopes, redirect URIs, business-unit access, secret and PKCE.
 */
import type { SecretRef } from '../manifest.js';
import { isScope, suggestScope } from '../scopes.js';
import { MAX_REDIRECT_URIS, type RedirectUriSubject, redirectUriRules } from './redirect-uri-rules.js';
import { type Finding, plural, type Rule, runRules } from './rule.js';
import { secretRules } from './secret-rules.js';

export const INTEGRATION_TYPES = ['server-to-server', 'web-app', 'public-app'] as const;
export const PKCE_MODES = ['optional', 'required'] as const;

/** Everything the integration rules look at (props as the user gave them, defaults resolved). */
export interface ApiIntegrationSubject {
  readonly type: string;
  readonly scopes: readonly string[];
  readonly redirectUris: readonly string[];
  readonly businessUnits: 'all' | readonly number[];
  /** The user set `clientSecret`. */
  readonly clientSecretGiven: boolean;
  /** The resolved secret reference; `null` for a public app. */
  readonly clientSecret: SecretRef | null;
  readonly defaultClientSecretEnv: string;
  readonly pkce: string;
  readonly tenantName: string;
  /**
   * Every MID of the tenant; `null` when the tenant is not known where the integration is checked
   * alone (a Terraform resource names its package by id): the business units are then checked by the
   * target.
   */
  readonly tenantMids: readonly number[] | null;
}

interface ScopeSubject {
  readonly scope: string;
  readonly type: string;
}

interface UnitRefSubject {
  readonly mid: number;
  readonly index: number;
  readonly all: readonly number[];
  readonly tenantName: string;
  readonly tenantMids: readonly number[] | null;
}

const isCodeFlow = (type: string) => type === 'web-app' || type === 'public-app';

const integrationRules: readonly Rule<ApiIntegrationSubject>[] = [
  {
    code: 'ERR_INTEGRATION_TYPE',
    field: 'type',
    when: (i) => !(INTEGRATION_TYPES as readonly string[]).includes(i.type),
    message: (i) => `type '${i.type}' is not an integration type: use one of ${INTEGRATION_TYPES.join(', ')}`,
  },
  {
    code: 'ERR_REDIRECT_URI_UNEXPECTED',
    field: 'redirectUris',
    when: (i) => i.type === 'server-to-server' && i.redirectUris.length > 0,
    message: () =>
      'a server-to-server integration has no redirect URIs (it gets tokens with client_credentials, without a browser): remove redirectUris, or use type web-app',
  },
  {
    code: 'ERR_REDIRECT_URI_REQUIRED',
    field: 'redirectUris',
    when: (i) => isCodeFlow(i.type) && i.redirectUris.length === 0,
    message: (i) =>
      `a ${i.type} integration needs at least one redirect URI to send the authorization code to: add redirectUris, e.g. ['https://app.example.com/oauth/callback']`,
  },
  {
    code: 'ERR_REDIRECT_URI_LIMIT',
    field: 'redirectUris',
    when: (i) => isCodeFlow(i.type) && i.redirectUris.length > MAX_REDIRECT_URIS,
    message: (i) =>
      `${plural(i.redirectUris.length, 'redirect URI')} given, and Marketing Cloud accepts at most ${MAX_REDIRECT_URIS}: remove ${i.redirectUris.length - MAX_REDIRECT_URIS}`,
  },
  {
    code: 'ERR_SECRET_NOT_ALLOWED',
    field: 'clientSecret',
    when: (i) => i.type === 'public-app' && i.clientSecretGiven,
    message: () =>
      'a public app has no client secret (it runs where a secret cannot be kept, such as a browser or a device): remove clientSecret and rely on PKCE, or use type web-app',
  },
  {
    code: 'ERR_PKCE',
    field: 'pkce',
    when: (i) => !(PKCE_MODES as readonly string[]).includes(i.pkce),
    message: (i) => `pkce '${i.pkce}' is not a PKCE mode: use 'optional' or 'required'`,
  },
  {
    code: 'ERR_PKCE',
    field: 'pkce',
    when: (i) => i.type === 'server-to-server' && i.pkce === 'required',
    message: () =>
      "pkce 'required' has no effect on a server-to-server integration (PKCE protects the authorization-code flow, which it does not use): remove pkce",
  },
  {
    code: 'ERR_BU_LIST_EMPTY',
    field: 'businessUnits',
    when: (i) => i.businessUnits !== 'all' && i.businessUnits.length === 0,
    message: (i) =>
      `businessUnits is empty, so the integration could not get a token anywhere: list MIDs of ${i.tenantMids === null ? 'its tenant' : `tenant '${i.tenantName}' (${i.tenantMids.join(', ')})`} or use 'all'`,
  },
];

const scopeRules: readonly Rule<ScopeSubject>[] = [
  {
    code: 'ERR_SCOPE_UNKNOWN',
    when: (s) => !isScope(s.scope),
    message: (s) => {
      const suggestion = suggestScope(s.scope);
      return suggestion === undefined
        ? `unknown scope '${s.scope}': use a name of the scope catalog (see SCOPE_GROUPS or scopes.all())`
        : `unknown scope '${s.scope}': did you mean '${suggestion}'?`;
    },
  },
  {
    code: 'ERR_SCOPE_OFFLINE',
    when: (s) => s.type === 'server-to-server' && s.scope === 'offline',
    message: () =>
      "scope 'offline' asks for refresh tokens, which a server-to-server integration never gets (client_credentials issues a new access token instead): remove it",
  },
];

const unitRefRules: readonly Rule<UnitRefSubject>[] = [
  {
    code: 'ERR_BU_UNKNOWN',
    when: (u) => u.tenantMids !== null && !u.tenantMids.includes(u.mid),
    message: (u) =>
      `business unit ${String(u.mid)} is not in tenant '${u.tenantName}' (its MIDs: ${(u.tenantMids ?? []).join(', ')}): use one of them, add the business unit to the tenant, or use 'all'`,
  },
  {
    code: 'ERR_BU_LIST_DUPLICATE',
    when: (u) => u.all.indexOf(u.mid) < u.index,
    message: (u) =>
      `business unit ${u.mid} is already listed as businessUnits[${u.all.indexOf(u.mid)}]: remove this copy`,
  },
];

/** Every failure of an API integration. */
export function validateApiIntegration(i: ApiIntegrationSubject): Finding[] {
  const uris: RedirectUriSubject[] = i.redirectUris.map((uri, index) => ({ uri, index, all: i.redirectUris }));
  const units = i.businessUnits === 'all' ? [] : i.businessUnits;
  return [
    ...runRules(integrationRules, i),
    ...i.scopes.flatMap((scope, index) => runRules(scopeRules, { scope, type: i.type }, `scopes[${index}]`)),
    // A server-to-server integration gets one issue for having redirect URIs at all.
    ...(i.type === 'server-to-server'
      ? []
      : uris.flatMap((u) => runRules(redirectUriRules, u, `redirectUris[${u.index}]`))),
    ...units.flatMap((mid, index) =>
      runRules(
        unitRefRules,
        { mid, index, all: units, tenantName: i.tenantName, tenantMids: i.tenantMids },
        `businessUnits[${index}]`,
      ),
    ),
    ...(i.clientSecret === null
      ? []
      : runRules(secretRules, { field: 'clientSecret', secret: i.clientSecret, defaultEnv: i.defaultClientSecretEnv })),
  ];
}
