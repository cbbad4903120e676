/**
 * @module
 * Conversions between Terraform values (numbers may be `bigint`, sets are arrays in any order) and
 * the engine's spec attributes (JSON: numbers, sorted arrays, secret refs as `{env}`).
 */
import {
  isJsonObject,
  type JsonObject,
  type JsonValue,
  SECRET_STATUS_ATTRIBUTE,
  type SecretName,
  secretDatesIn,
} from '@grantform/engine';

/** A Terraform number as a JavaScript number. */
export function num(value: number | bigint): number {
  return Number(value);
}

/** Strings sorted and unique (a spec's sets). */
export function sortedStrings(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** Numbers sorted and unique. */
export function sortedNumbers(values: readonly (number | bigint)[]): number[] {
  return [...new Set(values.map(num))].sort((a, b) => a - b);
}

/** The env name of a secret ref value (`{env}`), or null. */
export function refEnv(value: JsonValue | undefined): string | null {
  return value !== undefined && isJsonObject(value) && typeof value.env === 'string' ? value.env : null;
}

/** A secret ref for an env name, or null. */
export function ref(env: string | null): JsonObject | null {
  return env === null ? null : { env };
}

/** A string attribute of engine attributes, or `fallback`. */
export function str(value: JsonValue | undefined, fallback: string | null = null): string | null {
  return typeof value === 'string' ? value : fallback;
}

/** A string list of engine attributes (an absent one is empty). */
export function strings(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Endpoints (`{auth, rest, soap}`, …) as a Terraform map of strings; `fallback` when absent. */
export function endpoints(
  value: JsonValue | undefined,
  fallback: { readonly [key: string]: string } | null,
): { readonly [key: string]: string } | null {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) return fallback;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** `a/b` import ids: both parts, or `null` when the id is not of that form. */
export function pair(id: string): readonly [string, string] | null {
  const i = id.indexOf('/');
  if (i <= 0 || i === id.length - 1 || id.indexOf('/', i + 1) >= 0) return null;
  return [id.slice(0, i), id.slice(i + 1)];
}

/** The Terraform attribute names of a secret's dates: `<prefix>_generated_at`, `<prefix>_expires_at`. */
export type SecretDateNames<P extends string> = `${P}_generated_at` | `${P}_expires_at`;

/**
 * When secret `name` was generated and when it expires (RFC 3339), from the engine's computed
 * `secretStatus`, as the Terraform attributes `<prefix>_generated_at` / `<prefix>_expires_at`; each
 * `null` when the target reports none, `base`'s when the attributes carry no `secretStatus` at all.
 * @example
 * secretDateValues(a, 'clientSecret', 'client_secret', base) // {client_secret_generated_at, client_secret_expires_at}
 */
export function secretDateValues<P extends string>(
  attributes: JsonObject,
  name: SecretName,
  prefix: P,
  base: { readonly [K in SecretDateNames<P>]: string | null },
): { [K in SecretDateNames<P>]: string | null } {
  const generated = `${prefix}_generated_at` as const;
  const expires = `${prefix}_expires_at` as const;
  if (!(SECRET_STATUS_ATTRIBUTE in attributes)) {
    return { [generated]: base[generated], [expires]: base[expires] } as { [K in SecretDateNames<P>]: string | null };
  }
  const d = secretDatesIn(attributes, name);
  return { [generated]: d?.generatedAt ?? null, [expires]: d?.expiresAt ?? null } as {
    [K in SecretDateNames<P>]: string | null;
  };
}
