/**
 * @module
 * Terraform types for attribute definitions, each carrying the JavaScript type of its known values so
 * that lifecycle functions are typed from the schema.
 *
 * @example
 * attr.set(types.string, { optional: true })            // readonly string[] | null
 * attr.map(types.number, { required: true })            // { readonly [k: string]: number | bigint }
 * attr.object({ host: types.string, port: types.number }, { optional: true })
 */
import type { CtyType } from './wire/cty-type.js';
import type { Unknown } from './wire/unknown.js';
import type { DynamicValue } from './wire/value.js';

/** A Terraform type and (in the type system only) the JavaScript type of its known values. */
export interface TfType<T> {
  readonly cty: CtyType;
  /** Phantom: never set at run time. */
  readonly __value?: T;
}

/** The JavaScript type of a {@link TfType}'s known values. */
export type ValueOf<X> = X extends TfType<infer T> ? T : never;

/** Any {@link TfType}. */
export type AnyTfType = TfType<unknown>;

function tfType<T>(cty: CtyType): TfType<T> {
  return { cty };
}

/** The Terraform types. Collections hold known values of their element type. */
export const types = {
  string: tfType<string>('string'),
  /** Numbers are JavaScript numbers; integers beyond 2^53 arrive as `bigint` and may be returned as such. */
  number: tfType<number | bigint>('number'),
  bool: tfType<boolean>('bool'),
  /** A value whose type is decided at run time; it travels with its type. */
  dynamic: tfType<DynamicValue>('dynamic'),
  list<T>(element: TfType<T>): TfType<readonly T[]> {
    return tfType(['list', element.cty]);
  },
  /** Unordered: Terraform and this package compare sets as sets, so reordering is no change. */
  set<T>(element: TfType<T>): TfType<readonly T[]> {
    return tfType(['set', element.cty]);
  },
  map<T>(element: TfType<T>): TfType<{ readonly [key: string]: T }> {
    return tfType(['map', element.cty]);
  },
  object<O extends { readonly [name: string]: AnyTfType }>(
    attributes: O,
  ): TfType<{ readonly [K in keyof O]: ValueOf<O[K]> | null }> {
    return tfType(['object', Object.fromEntries(Object.entries(attributes).map(([k, t]) => [k, t.cty]))]);
  },
} as const;

/**
 * A value as it may look at plan time: any part of it may still be unknown (computed attributes on
 * create, or configuration that depends on other resources).
 */
export type Planned<T> = T extends null
  ? null
  : T extends DynamicValue
    ? T | Unknown
    : T extends readonly (infer E)[]
      ? readonly Planned<E>[] | Unknown
      : T extends object
        ? { readonly [K in keyof T]: Planned<T[K]> } | Unknown
        : T | Unknown;

/** Makes method parameters bivariant, so an attribute of `string` is an attribute of `unknown`. */
export type Bivariant<F extends (...args: never[]) => unknown> = {
  fn(...args: Parameters<F>): ReturnType<F>;
}['fn'];
