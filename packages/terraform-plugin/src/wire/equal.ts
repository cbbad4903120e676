/**
 * @module
 * Equality of Terraform values by type: sets compare as sets (reordering is no change), unknown
 * equals nothing, numbers compare by value whether `number` or `bigint`.
 */
import type { CtyType } from './cty-type.js';
import { Unknown } from './unknown.js';
import { DynamicValue, type TfValue } from './value.js';

/** Whether `a` and `b`, both of `type`, are the same value. */
export function valuesEqual(a: TfValue | undefined, b: TfValue | undefined, type: CtyType): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === null || y === null) return x === y;
  if (x instanceof Unknown || y instanceof Unknown) return false;
  if (type === 'string' || type === 'bool') return x === y;
  if (type === 'number') {
    if ((typeof x === 'number' || typeof x === 'bigint') && (typeof y === 'number' || typeof y === 'bigint')) {
      // biome-ignore lint/suspicious/noDoubleEquals: number == bigint compares mathematical values
      return x == y;
    }
    return false;
  }
  if (type === 'dynamic') {
    return (
      x instanceof DynamicValue &&
      y instanceof DynamicValue &&
      JSON.stringify(x.type) === JSON.stringify(y.type) &&
      valuesEqual(x.value, y.value, x.type)
    );
  }
  const [kind] = type;
  if (kind === 'list' || kind === 'tuple' || kind === 'set') {
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    const xs = x as readonly TfValue[];
    const ys = y as readonly TfValue[];
    if (kind === 'set') {
      const unmatched = [...ys];
      return xs.every((e) => {
        const i = unmatched.findIndex((o) => valuesEqual(e, o, type[1]));
        if (i < 0) return false;
        unmatched.splice(i, 1);
        return true;
      });
    }
    return xs.every((e, i) => valuesEqual(e, ys[i], kind === 'tuple' ? type[1][i]! : type[1]));
  }
  const xr = x as { readonly [k: string]: TfValue };
  const yr = y as { readonly [k: string]: TfValue };
  if (kind === 'map') {
    const keys = Object.keys(xr);
    return keys.length === Object.keys(yr).length && keys.every((k) => k in yr && valuesEqual(xr[k], yr[k], type[1]));
  }
  return Object.entries(type[1]).every(([name, t]) => valuesEqual(xr[name], yr[name], t));
}

/** Whether a value contains no unknown anywhere. */
export function isWhollyKnown(v: TfValue | undefined): boolean {
  if (v === null || v === undefined) return true;
  if (v instanceof Unknown) return false;
  if (v instanceof DynamicValue) return isWhollyKnown(v.value);
  if (Array.isArray(v)) return (v as readonly TfValue[]).every(isWhollyKnown);
  if (typeof v === 'object') return Object.values(v).every(isWhollyKnown);
  return true;
}
