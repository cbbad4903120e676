/**
 * @module
 * The single-valued reading of query and form parameters (RFC 6749 §3.1: a parameter must not appear
 * more than once) every vendor's authorize endpoint shares.
 */

/** Parameters that may each appear once (RFC 6749 §3.1). */
export interface SingleValued {
  /** The first value of each name, in an object without a prototype (`__proto__` is an ordinary key). */
  readonly values: Readonly<Record<string, string>>;
  /** The names that appeared more than once, in order of first repetition. */
  readonly repeated: readonly string[];
}

/** Splits form or query parameters into single values and the names sent more than once. */
export function singleValued(params: URLSearchParams): SingleValued {
  const values: Record<string, string> = Object.create(null);
  const repeated: string[] = [];
  for (const [k, v] of params) {
    if (!Object.hasOwn(values, k)) values[k] = v;
    else if (!repeated.includes(k)) repeated.push(k);
  }
  return { values, repeated };
}

/** The query parameters of a request URL (see {@link singleValued}). */
export function singleValuedQuery(url: string): SingleValued {
  const q = url.indexOf('?');
  const hash = url.indexOf('#');
  const query = q < 0 ? '' : url.slice(q + 1, hash > q ? hash : undefined);
  return singleValued(new URLSearchParams(query));
}
