/**
 * @module
 * Token-request parameters of the Okta-style hosts: from the query string (the documented style,
 * with an empty body), from a form body (what most clients send), or both. Scopes are split on
 * spaces and on a literal `+` (clients join with `+`; `%2B` decodes to `+` and splits too).
 */
import type { Context } from 'hono';
import { oktaInvalidRequest } from './errors.js';

const MAX_BODY = 64 * 1024;

/** Reads the parameters of a token-style request; throws `invalid_request` on conflicts or bad bodies. */
export async function readOAuthParams(c: Context): Promise<Map<string, string>> {
  const params = new Map<string, string>();
  const add = (k: string, v: string, where: string) => {
    const existing = params.get(k);
    if (existing !== undefined && existing !== v)
      throw oktaInvalidRequest(`The '${k}' parameter is repeated (${where}).`);
    params.set(k, v);
  };
  const url = c.req.url;
  const q = url.indexOf('?');
  if (q >= 0) {
    const seen = new Set<string>();
    for (const [k, v] of new URLSearchParams(url.slice(q + 1))) {
      if (seen.has(k)) throw oktaInvalidRequest(`The '${k}' parameter is repeated.`);
      seen.add(k);
      add(k, v, 'query');
    }
  }
  const text = await c.req.text().catch(() => '');
  if (text.length > MAX_BODY) throw oktaInvalidRequest('The request body is too large.');
  if (text.trim() !== '') {
    const type = (c.req.header('content-type') ?? '').toLowerCase();
    if (!type.includes('application/x-www-form-urlencoded')) {
      throw oktaInvalidRequest("The request body must be sent as 'application/x-www-form-urlencoded'.");
    }
    const seen = new Set<string>();
    for (const [k, v] of new URLSearchParams(text)) {
      if (seen.has(k)) throw oktaInvalidRequest(`The '${k}' parameter is repeated.`);
      seen.add(k);
      add(k, v, 'query string and body');
    }
  }
  return params;
}

/** `a+b c` → `['a', 'b', 'c']`, duplicates removed, order kept. */
export function splitScopes(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  return [...new Set(raw.split(/[\s+]+/).filter((s) => s !== ''))];
}
