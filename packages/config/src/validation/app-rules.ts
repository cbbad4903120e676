/**
 * @module
 * Marketing Cloud App (App Center / HubExchange) rules: its login, redirect and logout URLs are
 * absolute https URLs, and its JWT signing secret is referred to by name.
 */
import type { SecretRef } from '../manifest.js';
import { type Finding, type Rule, runRules } from './rule.js';
import { secretRules } from './secret-rules.js';

export interface MarketingCloudAppSubject {
  readonly loginUrl: string;
  readonly redirectUrl: string;
  readonly logoutUrl: string;
  readonly jwtSigningSecret: SecretRef;
  readonly defaultJwtSigningSecretEnv: string;
  readonly claimsVersion: number;
}

interface UrlSubject {
  readonly field: 'loginUrl' | 'redirectUrl' | 'logoutUrl';
  readonly url: string;
}

function isHttpsUrl(value: string): boolean {
  if (typeof value !== 'string' || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

const urlRules: readonly Rule<UrlSubject>[] = [
  {
    code: 'ERR_APP_URL',
    when: (u) => !isHttpsUrl(u.url),
    message: (u) =>
      `${u.field} '${String(u.url)}' is not an absolute https URL: Marketing Cloud opens the app's URLs over HTTPS only, e.g. 'https://app.example.com/${u.field === 'loginUrl' ? 'login' : u.field === 'logoutUrl' ? 'logout' : ''}'`,
  },
];

const appRules: readonly Rule<MarketingCloudAppSubject>[] = [
  {
    code: 'ERR_CLAIMS_VERSION',
    field: 'claimsVersion',
    when: (a) => a.claimsVersion !== 1 && a.claimsVersion !== 2,
    message: (a) =>
      `claimsVersion ${String(a.claimsVersion)} is not an SSO claim-set version: use 2 (current) or 1 (legacy)`,
  },
];

/** Every failure of a Marketing Cloud App. */
export function validateMarketingCloudApp(a: MarketingCloudAppSubject): Finding[] {
  const urls: UrlSubject[] = [
    { field: 'loginUrl', url: a.loginUrl },
    { field: 'redirectUrl', url: a.redirectUrl },
    { field: 'logoutUrl', url: a.logoutUrl },
  ];
  return [
    ...urls.flatMap((u) => runRules(urlRules, u, u.field)),
    ...runRules(appRules, a),
    ...runRules(secretRules, {
      field: 'jwtSigningSecret',
      secret: a.jwtSigningSecret,
      defaultEnv: a.defaultJwtSigningSecretEnv,
    }),
  ];
}
