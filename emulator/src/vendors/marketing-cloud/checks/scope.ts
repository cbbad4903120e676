/**
 * @module
 * Scope resolution (vendor-endpoints §1.2): omitted → every scope the integration has; empty → none;
 * a list → that list, provided the integration has each scope. Outside the integration, the
 * configured {@link OutOfScopePolicy} decides: `error` (400 invalid_scope, the default) or `intersect`.
 */
import { InvalidScope } from '../errors.js';
import type { OutOfScopePolicy } from '../options.js';

/** Splits a scope parameter on whitespace (and on `+`, which some clients send literally), de-duplicated. */
export function parseScope(scope: string): string[] {
  return [...new Set(scope.split(/[\s+]+/).filter((s) => s.length > 0))];
}

export function resolveScopes(
  requested: string | undefined,
  allowed: readonly string[],
  policy: OutOfScopePolicy,
  what = 'this integration',
): string[] {
  if (requested === undefined) return [...allowed];
  const asked = parseScope(requested);
  const outside = asked.filter((s) => !allowed.includes(s));
  if (outside.length > 0 && policy === 'error') {
    throw new InvalidScope(`The requested scope is not granted to ${what}: ${outside.join(' ')}`);
  }
  return outside.length > 0 ? asked.filter((s) => allowed.includes(s)) : asked;
}
