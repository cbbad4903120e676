/**
 * @module
 * A few common validators. A validator gets a known, non-null value and returns nothing, a message
 * (an error at the attribute), or diagnostics.
 */
import type { Validator } from './schema.js';

/** The value must be one of `allowed`. */
export function oneOf<T extends string | number>(allowed: readonly T[]): Validator<T> {
  return (value) =>
    allowed.includes(value)
      ? undefined
      : `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}; got ${JSON.stringify(value)}`;
}

/** The string must match `pattern`; `message` says what is expected. */
export function matches(pattern: RegExp, message: string): Validator<string> {
  return (value) => (pattern.test(value) ? undefined : `${message}; got ${JSON.stringify(value)}`);
}

/** The number must lie within [min, max]. */
export function between(min: number, max: number): Validator<number | bigint> {
  return (value) => (value >= min && value <= max ? undefined : `must be between ${min} and ${max}; got ${value}`);
}

/** The string or collection length must lie within [min, max]. */
export function lengthBetween(min: number, max: number): Validator<string | readonly unknown[]> {
  return (value) =>
    value.length >= min && value.length <= max
      ? undefined
      : `length must be between ${min} and ${max}; got ${value.length}`;
}
