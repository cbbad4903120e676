/**
 * @module
 * Redirect URIs: registered ones follow the vendor rules (https or a native-app scheme, no wildcard,
 * no fragment, not `localhost`, at most 10); requests must match one exactly, compared decoded.
 */

/** Returns the problems with a registered redirect URI (empty when fine). */
export function redirectUriProblems(uri: string): string[] {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return ['must be an absolute URI'];
  }
  const problems: string[] = [];
  if (uri.includes('*')) problems.push('must not contain a wildcard');
  if (url.hash !== '' || uri.includes('#')) problems.push('must not contain a fragment');
  if (url.protocol === 'http:') problems.push('must use https:// (or a native-app scheme)');
  if (url.hostname === 'localhost') problems.push('localhost is rejected; use https://127.0.0.1/');
  else if ((url.protocol === 'https:' || url.protocol === 'http:') && !url.hostname.includes('.')) {
    problems.push('must include a base domain');
  }
  return problems;
}

/** Exact match against the registered list (the request value arrives already URL-decoded). */
export function isRegisteredRedirectUri(uri: string, registered: readonly string[]): boolean {
  return registered.includes(uri);
}
