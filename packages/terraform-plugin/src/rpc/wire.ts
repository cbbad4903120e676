/**
 * @module
 * The protocol messages as our protobufjs deserializers hand them to us (snake_case fields, enums as
 * strings, bytes as Buffers, int64 as numbers) and the conversions shared by the RPC handlers.
 */
import type { AttributePath, Diagnostic } from '../diagnostics.js';
import { error, fromError } from '../diagnostics.js';
import type { CtyType } from '../wire/cty-type.js';
import { decodeDynamic, encodeDynamic, type WireDynamicValue } from '../wire/msgpack.js';
import type { TfValue } from '../wire/value.js';
import { WireValueError } from '../wire/value.js';

export type { WireDynamicValue };

export interface WireStep {
  readonly attribute_name?: string;
  readonly element_key_string?: string;
  readonly element_key_int?: number;
}

export interface WirePath {
  readonly steps: readonly WireStep[];
}

export interface WireDiagnostic {
  readonly severity: 'ERROR' | 'WARNING';
  readonly summary: string;
  readonly detail: string;
  readonly attribute: WirePath | null;
}

export interface WireClientCapabilities {
  readonly deferral_allowed?: boolean;
  readonly write_only_attributes_allowed?: boolean;
}

export interface WireTimestamp {
  readonly seconds: number;
  readonly nanos: number;
}

/** An attribute path on the wire. */
export function wirePath(path: AttributePath): WirePath {
  return {
    steps: path.map((s) =>
      typeof s === 'string'
        ? { attribute_name: s }
        : typeof s === 'number'
          ? { element_key_int: s }
          : { element_key_string: s.key },
    ),
  };
}

/** Diagnostics on the wire. */
export function wireDiagnostics(diagnostics: readonly Diagnostic[]): WireDiagnostic[] {
  return diagnostics.map((d) => ({
    severity: d.severity === 'error' ? 'ERROR' : 'WARNING',
    summary: d.summary,
    detail: d.detail ?? '',
    attribute: d.path && d.path.length > 0 ? wirePath(d.path) : null,
  }));
}

/** A decoding failure as a diagnostic: Terraform sent something that does not fit the schema. */
export function decodeFailure(what: string, err: unknown): Diagnostic {
  if (err instanceof WireValueError) return error(`Invalid ${what}`, err.message);
  return fromError(`Invalid ${what}`, err);
}

/** Decodes an object value; null for an absent value. */
export function decodeObject(
  dv: WireDynamicValue | null | undefined,
  type: CtyType,
): { readonly [name: string]: TfValue } | null {
  const value = decodeDynamic(dv, type);
  return value as { readonly [name: string]: TfValue } | null;
}

/** Encodes an object value (null as msgpack nil). */
export function encodeObject(
  value: { readonly [name: string]: TfValue } | null,
  type: CtyType,
): { msgpack: Uint8Array } {
  return encodeDynamic(value, type);
}

/** A JavaScript Date as a protobuf Timestamp. */
export function wireTimestamp(date: Date): WireTimestamp {
  const ms = date.getTime();
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
}
