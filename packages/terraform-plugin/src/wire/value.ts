/**
 * @module
 * Values of the Terraform language as this package hands them to providers, and the conversion
 * between them and what msgpack/JSON decoders produce, driven by a cty type:
 *
 * | cty type | JavaScript |
 * |---|---|
 * | `string` | `string` |
 * | `number` | `number`, or `bigint` for an integer beyond `Number.MAX_SAFE_INTEGER` (exact) |
 * | `bool` | `boolean` |
 * | `list`, `set`, `tuple` | an array (a set's order carries no meaning) |
 * | `map`, `object` | a plain object (every attribute of an object type present, null when unset) |
 * | `dynamic` | a {@link DynamicValue} carrying its runtime type |
 * | null / unknown | `null` / an {@link Unknown} |
 */
import { type CtyType, ctyTypeJson, parseCtyType } from './cty-type.js';
import { Unknown } from './unknown.js';

/** A value of the Terraform language. */
export type TfValue =
  | null
  | Unknown
  | string
  | number
  | bigint
  | boolean
  | DynamicValue
  | readonly TfValue[]
  | { readonly [name: string]: TfValue };

/** A value of a `dynamic` attribute: its runtime type travels with it. */
export class DynamicValue {
  constructor(
    readonly type: CtyType,
    readonly value: TfValue,
  ) {}
}

/** A value that does not fit its type, with the path where it was found. */
export class WireValueError extends Error {
  readonly code = 'ERR_WIRE_VALUE';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'WireValueError';
  }
}

/** An extension value as msgpack decoders return it (any code means "unknown"). */
export interface RawExtension {
  readonly type: number;
  readonly data: Uint8Array;
}

/** What a msgpack or JSON decoder produced, before typing. */
export type Decoded = unknown;

const MIN_INT64 = -(2n ** 63n);
const MAX_UINT64 = 2n ** 64n - 1n;

/**
 * Turns a decoded msgpack tree into a {@link TfValue} of `type`. `isExtension` recognises the
 * decoder's extension objects; `dialect` selects how `dynamic` values are laid out.
 */
export function typedValue(
  raw: Decoded,
  type: CtyType,
  path: string,
  dialect: 'msgpack' | 'json',
  isExtension: (v: unknown) => v is RawExtension,
): TfValue {
  if (raw === null || raw === undefined) return null;
  if (isExtension(raw)) return new Unknown(raw.type, raw.data);
  const next = (r: Decoded, t: CtyType, p: string) => typedValue(r, t, p, dialect, isExtension);
  if (type === 'string') {
    if (typeof raw !== 'string') throw new WireValueError(path, `expected a string, got ${describe(raw)}`);
    return raw;
  }
  if (type === 'number') return numberValue(raw, path);
  if (type === 'bool') {
    if (typeof raw !== 'boolean') throw new WireValueError(path, `expected a bool, got ${describe(raw)}`);
    return raw;
  }
  if (type === 'dynamic') {
    if (dialect === 'msgpack') {
      if (!Array.isArray(raw) || raw.length !== 2 || !(raw[0] instanceof Uint8Array)) {
        throw new WireValueError(path, `expected a dynamic value [type, value], got ${describe(raw)}`);
      }
      const t = parseCtyType(JSON.parse(new TextDecoder().decode(raw[0])), path);
      return new DynamicValue(t, next(raw[1], t, path));
    }
    if (!isRecord(raw) || !('type' in raw)) {
      throw new WireValueError(path, `expected a dynamic value {type, value}, got ${describe(raw)}`);
    }
    const t = parseCtyType(raw.type, path);
    return new DynamicValue(t, next(raw.value, t, path));
  }
  const [kind] = type;
  if (kind === 'list' || kind === 'set') {
    if (!Array.isArray(raw)) throw new WireValueError(path, `expected a ${kind}, got ${describe(raw)}`);
    return raw.map((e, i) => next(e, type[1], `${path}[${i}]`));
  }
  if (kind === 'tuple') {
    const types = type[1];
    if (!Array.isArray(raw) || raw.length !== types.length) {
      throw new WireValueError(path, `expected a tuple of ${types.length}, got ${describe(raw)}`);
    }
    return raw.map((e, i) => next(e, types[i]!, `${path}[${i}]`));
  }
  if (!isRecord(raw))
    throw new WireValueError(path, `expected ${kind === 'map' ? 'a map' : 'an object'}, got ${describe(raw)}`);
  if (kind === 'map') {
    return Object.fromEntries(
      Object.entries(raw).map(([k, v]) => [k, next(v, type[1], `${path}[${JSON.stringify(k)}]`)]),
    );
  }
  return Object.fromEntries(
    Object.entries(type[1]).map(([name, t]) => [name, next(raw[name], t, path === '' ? name : `${path}.${name}`)]),
  );
}

/** The inverse of {@link typedValue}: a plain tree for a msgpack or JSON encoder. */
export function plainValue(
  value: TfValue | undefined,
  type: CtyType,
  path: string,
  dialect: 'msgpack' | 'json',
  extension: (u: Unknown) => unknown,
): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Unknown) {
    if (dialect === 'json') throw new WireValueError(path, 'an unknown value cannot be written as JSON');
    return extension(value);
  }
  const next = (v: TfValue | undefined, t: CtyType, p: string) => plainValue(v, t, p, dialect, extension);
  if (type === 'string') {
    if (typeof value !== 'string') throw new WireValueError(path, `expected a string, got ${describe(value)}`);
    return value;
  }
  if (type === 'number') {
    if (typeof value !== 'number' && typeof value !== 'bigint') {
      throw new WireValueError(path, `expected a number, got ${describe(value)}`);
    }
    return dialect === 'json' ? Number(value) : wireNumber(value, path);
  }
  if (type === 'bool') {
    if (typeof value !== 'boolean') throw new WireValueError(path, `expected a bool, got ${describe(value)}`);
    return value;
  }
  if (type === 'dynamic') {
    if (!(value instanceof DynamicValue)) {
      throw new WireValueError(path, `expected a DynamicValue for a dynamic attribute, got ${describe(value)}`);
    }
    const inner = next(value.value, value.type, path);
    return dialect === 'msgpack'
      ? [new TextEncoder().encode(ctyTypeJson(value.type)), inner]
      : { type: value.type, value: inner };
  }
  const [kind] = type;
  if (kind === 'list' || kind === 'set' || kind === 'tuple') {
    if (!Array.isArray(value)) throw new WireValueError(path, `expected a ${kind}, got ${describe(value)}`);
    const items = value as readonly TfValue[];
    if (kind === 'tuple' && items.length !== type[1].length) {
      throw new WireValueError(path, `expected a tuple of ${type[1].length}, got ${items.length} elements`);
    }
    return items.map((e, i) => next(e, kind === 'tuple' ? type[1][i]! : type[1], `${path}[${i}]`));
  }
  if (!isRecord(value)) {
    throw new WireValueError(path, `expected ${kind === 'map' ? 'a map' : 'an object'}, got ${describe(value)}`);
  }
  // Object.fromEntries defines properties, so even a map key "__proto__" stays a plain key.
  if (kind === 'map') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, next(v, type[1], `${path}[${JSON.stringify(k)}]`)]),
    );
  }
  // Every attribute of the object type is written, absent ones as null (Terraform requires them all).
  return Object.fromEntries(
    Object.entries(type[1]).map(([name, t]) => [name, next(value[name], t, path === '' ? name : `${path}.${name}`)]),
  );
}

function numberValue(raw: Decoded, path: string): number | bigint {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'bigint')
    return Number.isSafeInteger(Number(raw)) && BigInt(Number(raw)) === raw ? Number(raw) : raw;
  if (typeof raw === 'string') {
    // cty sends numbers that a float64 cannot hold exactly as decimal strings ("0.1", "1e+400").
    if (/^-?\d+$/.test(raw)) {
      const big = BigInt(raw);
      return Number.isSafeInteger(Number(big)) ? Number(big) : big;
    }
    const n = Number(raw);
    if (raw.trim() !== '' && !Number.isNaN(n)) return n;
  }
  throw new WireValueError(path, `expected a number, got ${describe(raw)}`);
}

/**
 * How a number goes on the wire: safe integers as msgpack integers, larger integers as int64/uint64
 * (or a decimal string beyond 64 bits), fractions as their shortest decimal string, so that Terraform
 * reads back exactly the decimal it sent us (`0.1` as a float64 would not equal the config's `0.1`).
 */
function wireNumber(n: number | bigint, path: string): number | bigint | string {
  if (typeof n === 'bigint') return n >= MIN_INT64 && n <= MAX_UINT64 ? n : n.toString();
  if (Number.isNaN(n)) throw new WireValueError(path, 'NaN is not a Terraform number');
  if (!Number.isFinite(n)) return n;
  if (Number.isSafeInteger(n)) return n;
  if (Number.isInteger(n)) return wireNumber(BigInt(n), path);
  return String(n);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Uint8Array) return 'binary data';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}
