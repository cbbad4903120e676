/**
 * @module
 * Redirect URI rules of Marketing Cloud (reference §1.11): at most 10, absolute, `https://` or a
 * native-app scheme, a base domain, no wildcard, no fragment, plain text (not URL-encoded),
 * `localhost` rejected (127.0.0.1 allowed), no duplicates.
 */
import type { Rule } from './rule.js';

/** Marketing Cloud accepts at most this many redirect URIs per integration. */
export const MAX_REDIRECT_URIS = 10;

/** One redirect URI, checked against the whole list it belongs to. */
export interface RedirectUriSubject {
  readonly uri: string;
  readonly index: number;
  readonly all: readonly string[];
}

/** Schemes that are neither a web scheme nor a native-app scheme: no vendor redirects to them. */
export const NON_REDIRECT_SCHEMES: ReadonlySet<string> = new Set([
  'javascript:',
  'data:',
  'file:',
  'ftp:',
  'ws:',
  'wss:',
  'blob:',
  'about:',
  'mailto:',
  'vbscript:',
]);

/** Schemes Marketing Cloud refuses: the above, and plain `http:`. */
const REJECTED_SCHEMES: ReadonlySet<string> = new Set(['http:', ...NON_REDIRECT_SCHEMES]);

function parse(uri: string): URL | undefined {
  if (uri.trim() !== uri || /\s/.test(uri)) return undefined;
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}

function isLocalhost(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost');
}

function hasBaseDomain(url: URL): boolean {
  const host = url.hostname;
  return host.includes('.') || host.startsWith('[');
}

function decoded(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

/**
 * `uri` with every fixable problem fixed (https instead of http, 127.0.0.1 instead of localhost,
 * no fragment, decoded), used as the example in messages.
 */
export function fixedRedirectUri(uri: string): string {
  let text = decoded(uri);
  const hash = text.indexOf('#');
  if (hash >= 0) text = text.slice(0, hash);
  const url = parse(text);
  if (url === undefined) return text;
  if (url.protocol === 'http:') text = `https:${text.slice('http:'.length)}`;
  if (isLocalhost(url)) text = text.replace(url.hostname, '127.0.0.1');
  return text;
}

/**
 * What can be wrong with a redirect URI, one predicate each: the `when` of the rules below, shared
 * by name with the vendors whose rules agree (Constant Contact's, `constant-contact/rules.ts`).
 */
export const redirectUriIs = {
  /** Not an absolute URI (or padded with spaces). */
  notAbsolute: (s: RedirectUriSubject) => parse(s.uri) === undefined,
  /** An https URI whose host is neither localhost nor a fully qualified name. */
  withoutBaseDomain: (s: RedirectUriSubject) => {
    const url = parse(s.uri);
    return url?.protocol === 'https:' && !isLocalhost(url) && !hasBaseDomain(url);
  },
  /** Neither https nor a native-app scheme (Marketing Cloud). */
  ofRejectedScheme: (s: RedirectUriSubject) => {
    const url = parse(s.uri);
    return url !== undefined && REJECTED_SCHEMES.has(url.protocol);
  },
  wildcard: (s: RedirectUriSubject) => s.uri.includes('*'),
  withFragment: (s: RedirectUriSubject) => s.uri.includes('#'),
  urlEncoded: (s: RedirectUriSubject) => /%[0-9a-f]{2}/i.test(s.uri),
  localhost: (s: RedirectUriSubject) => {
    const url = parse(s.uri);
    return url !== undefined && isLocalhost(url);
  },
  /** Listed earlier in the same list. */
  duplicate: (s: RedirectUriSubject) => s.all.indexOf(s.uri) < s.index,
} as const;

/** The rules every vendor words the same (Constant Contact's table uses them too). */
export const sameRedirectUriRules = {
  notAbsolute: {
    code: 'ERR_REDIRECT_URI_NOT_ABSOLUTE',
    when: redirectUriIs.notAbsolute,
    message: (s) =>
      `'${s.uri}' is not an absolute URI: write the whole URI, scheme and host included, without spaces, e.g. 'https://app.example.com/oauth/callback'`,
  },
  duplicate: {
    code: 'ERR_REDIRECT_URI_DUPLICATE',
    when: redirectUriIs.duplicate,
    message: (s) => `'${s.uri}' is already listed as redirectUris[${s.all.indexOf(s.uri)}]: remove this copy`,
  },
} as const satisfies Record<string, Rule<RedirectUriSubject>>;

/** The rules every redirect URI must pass. */
export const redirectUriRules: readonly Rule<RedirectUriSubject>[] = [
  sameRedirectUriRules.notAbsolute,
  {
    code: 'ERR_REDIRECT_URI_NOT_ABSOLUTE',
    when: redirectUriIs.withoutBaseDomain,
    message: (s) =>
      `'${s.uri}' has no base domain: Marketing Cloud needs a fully qualified host such as 'app.example.com' (or 127.0.0.1 for local use)`,
  },
  {
    code: 'ERR_REDIRECT_URI_SCHEME',
    when: redirectUriIs.ofRejectedScheme,
    message: (s) => {
      const scheme = parse(s.uri)?.protocol ?? '';
      const fix = scheme === 'http:' ? `, e.g. '${fixedRedirectUri(s.uri)}'` : '';
      return `'${s.uri}' uses the '${scheme.slice(0, -1)}' scheme: Marketing Cloud accepts only https:// or a native-app scheme such as 'com.example.app://callback'${fix}`;
    },
  },
  {
    code: 'ERR_REDIRECT_URI_WILDCARD',
    when: redirectUriIs.wildcard,
    message: (s) =>
      `'${s.uri}' contains a wildcard (*): Marketing Cloud compares redirect URIs exactly, so list every URI in full`,
  },
  {
    code: 'ERR_REDIRECT_URI_FRAGMENT',
    when: redirectUriIs.withFragment,
    message: (s) =>
      `'${s.uri}' has a fragment (#…): remove it, e.g. '${fixedRedirectUri(s.uri)}'; the authorization code comes back in the query string`,
  },
  {
    code: 'ERR_REDIRECT_URI_ENCODED',
    when: redirectUriIs.urlEncoded,
    message: (s) =>
      `'${s.uri}' is URL-encoded: Marketing Cloud expects the redirect URI in plain text, e.g. '${fixedRedirectUri(s.uri)}'`,
  },
  {
    code: 'ERR_REDIRECT_URI_LOCALHOST',
    when: redirectUriIs.localhost,
    message: (s) =>
      `'${s.uri}' uses localhost, which Marketing Cloud rejects: use 127.0.0.1, e.g. '${fixedRedirectUri(s.uri)}'`,
  },
  sameRedirectUriRules.duplicate,
];
