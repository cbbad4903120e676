/**
 * @module
 * Validation tables of the Constant Contact resources (reference §3), in the same `{code, when,
 * message}` form as the Marketing Cloud tables.
 *
 * Redirect URIs reuse the named predicates of `validation/redirect-uri-rules.ts` (`redirectUriIs`)
 * where the two vendors agree (absolute URI, base domain, no wildcard, no fragment, plain text, no
 * duplicate) and differ in
 * two places (both UNCONFIRMED for Constant Contact, chosen from its samples and local-development
 * practice): plain `http://` is accepted for loopback hosts (`localhost`, `127.0.0.1`, `[::1]`), and
 * `localhost` is not rejected. There is no documented limit on the number of URIs, so none is applied.
 */
import type { SecretRef } from '../manifest.js';
import { type NamedSubject, nameRules } from '../validation/name-rules.js';
import {
  NON_REDIRECT_SCHEMES,
  type RedirectUriSubject,
  redirectUriIs,
  sameRedirectUriRules,
} from '../validation/redirect-uri-rules.js';
import { type Finding, type Rule, runRules } from '../validation/rule.js';
import { secretRules } from '../validation/secret-rules.js';
import { isCtctScope, suggestCtctScope } from './scopes.js';

export const CTCT_APPLICATION_TYPES = ['confidential', 'public'] as const;
export const CTCT_REFRESH_TOKEN_MODES = ['rotating', 'long-lived'] as const;
export const CTCT_PKCE_MODES = ['optional', 'required'] as const;

/** API keys and partner client ids: what the developer portal shows (UUIDs, or older 24-character keys). */
export const CTCT_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{7,63}$/;
/** `login_name` of a client account: 6–50 characters (partner API). */
export const CTCT_LOGIN_NAME = /^[A-Za-z0-9._@+-]{6,50}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The tenant name reserved for the `ctct/…` addresses. */
export const CTCT_ADDRESS_ROOT = 'ctct';

/** Everything the application rules look at. */
export interface CtctApplicationSubject extends NamedSubject {
  readonly type: string;
  readonly apiKey: string | undefined;
  /** API keys given to every Constant Contact application, in declaration order (undefined = assigned). */
  readonly siblingApiKeys: readonly (string | undefined)[];
  readonly scopes: readonly string[];
  readonly redirectUris: readonly string[];
  readonly clientSecretGiven: boolean;
  readonly clientSecret: SecretRef | null;
  readonly defaultClientSecretEnv: string;
  readonly pkce: string;
  readonly refreshTokens: string;
  /** A tenant is named `ctct`, so addresses could collide. */
  readonly reservedNameTaken: boolean;
}

const reservedRule: Rule<{ readonly reservedNameTaken: boolean }> = {
  code: 'ERR_NAME_RESERVED',
  when: (s) => s.reservedNameTaken,
  message: () =>
    `a tenant is named '${CTCT_ADDRESS_ROOT}', which Constant Contact resources use as their address root (ctct/apps/…, ctct/partners/…): rename the tenant`,
};

const applicationRules: readonly Rule<CtctApplicationSubject>[] = [
  {
    code: 'ERR_CTCT_APP_TYPE',
    field: 'type',
    when: (a) => !(CTCT_APPLICATION_TYPES as readonly string[]).includes(a.type),
    message: (a) =>
      `type '${a.type}' is not a Constant Contact application type: use 'confidential' (authorization code and implicit flows, with a secret) or 'public' (PKCE and device flows, no secret)`,
  },
  {
    code: 'ERR_CTCT_REFRESH_MODE',
    field: 'refreshTokens',
    when: (a) => !(CTCT_REFRESH_TOKEN_MODES as readonly string[]).includes(a.refreshTokens),
    message: (a) =>
      `refreshTokens '${a.refreshTokens}' is not a refresh-token mode: use 'rotating' (each refresh invalidates the earlier tokens; recommended) or 'long-lived'`,
  },
  {
    code: 'ERR_CTCT_API_KEY',
    field: 'apiKey',
    when: (a) => a.apiKey !== undefined && !CTCT_KEY_PATTERN.test(a.apiKey),
    message: (a) =>
      `apiKey '${a.apiKey}' does not look like a Constant Contact API key (8–64 letters, digits and '-', e.g. a UUID): copy it from the developer portal, or omit it to let the target assign one`,
  },
  {
    code: 'ERR_CTCT_API_KEY',
    field: 'apiKey',
    when: (a) => a.apiKey !== undefined && a.siblingApiKeys.indexOf(a.apiKey) < a.index,
    message: (a) =>
      `apiKey '${a.apiKey}' is already the API key of another Constant Contact application: every application has its own`,
  },
  {
    code: 'ERR_CTCT_SCOPE_REQUIRED',
    field: 'scopes',
    when: (a) => a.scopes.length === 0,
    message: () =>
      "a Constant Contact application needs at least one scope (authorize refuses a request without one): add scopes, e.g. ['account_read', 'contact_data']",
  },
  {
    code: 'ERR_PKCE',
    field: 'pkce',
    when: (a) => !(CTCT_PKCE_MODES as readonly string[]).includes(a.pkce),
    message: (a) => `pkce '${a.pkce}' is not a PKCE mode: use 'optional' or 'required'`,
  },
  {
    code: 'ERR_PKCE',
    field: 'pkce',
    when: (a) => a.type === 'public' && a.pkce === 'optional',
    message: () =>
      "a public application has no secret, so its authorization-code flow is the PKCE flow: remove pkce (it defaults to 'required') or use type 'confidential'",
  },
  {
    code: 'ERR_SECRET_NOT_ALLOWED',
    field: 'clientSecret',
    when: (a) => a.type === 'public' && a.clientSecretGiven,
    message: () =>
      "a public application has no client secret (PKCE and device flows run where a secret cannot be kept): remove clientSecret, or use type 'confidential'",
  },
  {
    code: 'ERR_REDIRECT_URI_REQUIRED',
    field: 'redirectUris',
    when: (a) => a.type === 'confidential' && a.redirectUris.length === 0,
    message: () =>
      "a confidential application needs at least one redirect URI for the authorization-code flow: add redirectUris, e.g. ['https://app.example.com/oauth/callback']",
  },
];

interface ScopeSubject {
  readonly scope: string;
}

const scopeRules: readonly Rule<ScopeSubject>[] = [
  {
    code: 'ERR_SCOPE_UNKNOWN',
    when: (s) => !isCtctScope(s.scope),
    message: (s) => {
      const suggestion = suggestCtctScope(s.scope);
      return suggestion === undefined
        ? `unknown Constant Contact scope '${s.scope}': use one of account_read, account_update, contact_data, campaign_data, offline_access, billing_data`
        : `unknown Constant Contact scope '${s.scope}': did you mean '${suggestion}'?`;
    },
  },
];

function parse(uri: string): URL | undefined {
  if (/\s/.test(uri)) return undefined;
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Redirect-URI rules of a Constant Contact application (see the module comment for the differences). */
export const ctctRedirectUriRules: readonly Rule<RedirectUriSubject>[] = [
  sameRedirectUriRules.notAbsolute,
  {
    code: 'ERR_REDIRECT_URI_NOT_ABSOLUTE',
    when: redirectUriIs.withoutBaseDomain,
    message: (s) => `'${s.uri}' has no base domain: use a fully qualified host such as 'app.example.com'`,
  },
  {
    code: 'ERR_REDIRECT_URI_SCHEME',
    when: (s) => {
      const url = parse(s.uri);
      if (url === undefined) return false;
      return (
        NON_REDIRECT_SCHEMES.has(url.protocol) ||
        (url.protocol === 'http:' && !LOOPBACK.has(url.hostname.toLowerCase()))
      );
    },
    message: (s) => {
      const url = parse(s.uri);
      const fix = url?.protocol === 'http:' ? `, e.g. 'https:${s.uri.slice('http:'.length)}'` : '';
      return `'${s.uri}' uses the '${url?.protocol.slice(0, -1) ?? ''}' scheme: use https:// (http:// only for localhost or 127.0.0.1) or a native-app scheme such as 'com.example.app://callback'${fix}`;
    },
  },
  {
    code: 'ERR_REDIRECT_URI_WILDCARD',
    when: redirectUriIs.wildcard,
    message: (s) => `'${s.uri}' contains a wildcard (*): redirect URIs are compared exactly, so list every URI in full`,
  },
  {
    code: 'ERR_REDIRECT_URI_FRAGMENT',
    when: redirectUriIs.withFragment,
    message: (s) =>
      `'${s.uri}' has a fragment (#…): remove it, e.g. '${s.uri.slice(0, s.uri.indexOf('#'))}' (the implicit flow puts the token in a fragment of its own)`,
  },
  {
    code: 'ERR_REDIRECT_URI_ENCODED',
    when: redirectUriIs.urlEncoded,
    message: (s) => `'${s.uri}' is URL-encoded: write the redirect URI in plain text, as clients send it`,
  },
  sameRedirectUriRules.duplicate,
];

/** Every failure of a Constant Contact application. */
export function validateCtctApplication(a: CtctApplicationSubject): Finding[] {
  return [
    ...runRules([reservedRule], a),
    ...runRules(nameRules, a),
    ...runRules(applicationRules, a),
    ...a.scopes.flatMap((scope, i) => runRules(scopeRules, { scope }, `scopes[${i}]`)),
    ...a.redirectUris.flatMap((uri, index) =>
      runRules(ctctRedirectUriRules, { uri, index, all: a.redirectUris }, `redirectUris[${index}]`),
    ),
    ...(a.clientSecret === null
      ? []
      : runRules(secretRules, { field: 'clientSecret', secret: a.clientSecret, defaultEnv: a.defaultClientSecretEnv })),
  ];
}

/** Everything the partner rules look at. */
export interface CtctPartnerSubject extends NamedSubject {
  /** The application's address, or `undefined` when it is not a Constant Contact application of this app. */
  readonly applicationAddress: string | undefined;
  /** Partners (by name) declared before this one with the same application. */
  readonly sharedWith: readonly string[];
  readonly partnerClientId: string | undefined;
  readonly partnerSecret: SecretRef;
  readonly defaultPartnerSecretEnv: string;
  readonly reservedNameTaken: boolean;
}

const partnerRules: readonly Rule<CtctPartnerSubject>[] = [
  {
    code: 'ERR_CTCT_APPLICATION_REF',
    field: 'application',
    when: (p) => p.applicationAddress === undefined,
    message: () =>
      'application must be a ConstantContactApplication declared in the same GrantformApp: declare it first and pass the construct',
  },
  {
    code: 'ERR_CTCT_APPLICATION_SHARED',
    field: 'application',
    when: (p) => p.sharedWith.length > 0,
    message: (p) =>
      `application ${p.applicationAddress} already belongs to partner '${p.sharedWith[0]}': an API key maps to one partner credential set, so give this partner its own application`,
  },
  {
    code: 'ERR_CTCT_API_KEY',
    field: 'partnerClientId',
    when: (p) => p.partnerClientId !== undefined && !CTCT_KEY_PATTERN.test(p.partnerClientId),
    message: (p) =>
      `partnerClientId '${p.partnerClientId}' does not look like a partner client id (8–64 letters, digits and '-'): copy the one API Support issued, or omit it to let the target assign one`,
  },
];

/** Every failure of a Constant Contact partner. */
export function validateCtctPartner(p: CtctPartnerSubject): Finding[] {
  return [
    ...runRules([reservedRule], p),
    ...runRules(nameRules, p),
    ...runRules(partnerRules, p),
    ...runRules(secretRules, {
      field: 'partnerSecret',
      secret: p.partnerSecret,
      defaultEnv: p.defaultPartnerSecretEnv,
    }),
  ];
}

/** Everything the client-account rules look at. */
export interface CtctClientAccountSubject extends NamedSubject {
  readonly loginName: string;
  /** Where else this login name is used (address), when declared earlier anywhere in the app. */
  readonly loginNameTakenBy: string | undefined;
  readonly contactEmail: string;
  readonly countryCode: string;
  readonly stateCode: string;
}

const accountRules: readonly Rule<CtctClientAccountSubject>[] = [
  {
    code: 'ERR_CTCT_ACCOUNT_FIELD',
    field: 'loginName',
    when: (a) => !CTCT_LOGIN_NAME.test(a.loginName),
    message: (a) =>
      `loginName '${a.loginName}' is not valid: 6 to 50 letters, digits or . _ @ + - (the partner API refuses others), e.g. '${a.name.replace(/-/g, '_').padEnd(6, '_')}'`,
  },
  {
    code: 'ERR_CTCT_LOGIN_DUPLICATE',
    field: 'loginName',
    when: (a) => a.loginNameTakenBy !== undefined,
    message: (a) =>
      `loginName '${a.loginName}' is already used by ${a.loginNameTakenBy}: Constant Contact login names are unique across all accounts`,
  },
  {
    code: 'ERR_CTCT_ACCOUNT_FIELD',
    field: 'contactEmail',
    when: (a) => !EMAIL.test(a.contactEmail),
    message: (a) => `contactEmail '${a.contactEmail}' is not an email address, e.g. 'owner@example.com'`,
  },
  {
    code: 'ERR_CTCT_ACCOUNT_FIELD',
    field: 'countryCode',
    when: (a) => !/^[A-Z]{2}$/.test(a.countryCode),
    message: (a) =>
      `countryCode '${a.countryCode}' is not an ISO 3166-1 alpha-2 code such as 'US' or 'GB' (upper case)`,
  },
  {
    code: 'ERR_CTCT_ACCOUNT_FIELD',
    field: 'stateCode',
    when: (a) => (a.countryCode === 'US' || a.countryCode === 'CA') && !/^[A-Z]{2}$/.test(a.stateCode),
    message: (a) =>
      `stateCode '${a.stateCode}' is required for ${a.countryCode} accounts: a two-letter code such as 'MA' or 'ON'`,
  },
];

/** Every failure of a client account. */
export function validateCtctClientAccount(a: CtctClientAccountSubject): Finding[] {
  return [...runRules(nameRules, a), ...runRules(accountRules, a)];
}
