/**
 * @module
 * `DynamicValue` codec: cty's msgpack encoding (what Terraform sends and what we answer with) and its
 * JSON encoding (accepted on input, used for raw state), both driven by the schema's cty type.
 * See Terraform's `docs/plugin-protocol/object-wire-format.md`.
 */
import { Decoder, Encoder, ExtData, ExtensionCodec } from '@msgpack/msgpack';
import type { CtyType } from './cty-type.js';
import type { Unknown } from './unknown.js';
import { plainValue, type RawExtension, type TfValue, typedValue, WireValueError } from './value.js';

// Every extension code is an unknown, -1 (msgpack's timestamp) included: replace the built-in decoder.
const extensions = new ExtensionCodec();
extensions.register({ type: -1, encode: () => null, decode: (data, type) => new ExtData(type, data) });

const decoder = new Decoder({ extensionCodec: extensions, useBigInt64: true });
const encoder = new Encoder({ extensionCodec: extensions, useBigInt64: true });

const isExtension = (v: unknown): v is RawExtension => v instanceof ExtData;
const toExtension = (u: Unknown) => new ExtData(u.extType, u.payload);

/** Decodes cty msgpack bytes as a value of `type`. Empty bytes are an error (use {@link decodeDynamic}). */
export function decodeMsgpack(bytes: Uint8Array, type: CtyType, path = ''): TfValue {
  let raw: unknown;
  try {
    raw = decoder.decode(bytes);
  } catch (err) {
    throw new WireValueError(path || '(value)', `not valid msgpack: ${(err as Error).message}`);
  }
  return typedValue(raw, type, path, 'msgpack', isExtension);
}

/** Encodes a value of `type` as cty msgpack. */
export function encodeMsgpack(value: TfValue, type: CtyType, path = ''): Uint8Array {
  return encoder.encode(plainValue(value, type, path, 'msgpack', toExtension));
}

/** Decodes cty JSON (no unknowns; numbers as JSON numbers, so beyond 2^53 they are rounded). */
export function decodeJson(text: string | Uint8Array, type: CtyType, path = ''): TfValue {
  let raw: unknown;
  try {
    raw = JSON.parse(typeof text === 'string' ? text : new TextDecoder().decode(text));
  } catch (err) {
    throw new WireValueError(path || '(value)', `not valid JSON: ${(err as Error).message}`);
  }
  return typedValue(raw, type, path, 'json', (v): v is RawExtension => false);
}

/** Encodes a value of `type` as cty JSON (unknowns cannot be written). */
export function encodeJson(value: TfValue, type: CtyType, path = ''): string {
  return JSON.stringify(plainValue(value, type, path, 'json', toExtension));
}

/** A protocol `DynamicValue`: msgpack preferred, JSON accepted. */
export interface WireDynamicValue {
  readonly msgpack?: Uint8Array | null;
  readonly json?: Uint8Array | null;
}

/** Decodes a protocol `DynamicValue`; absent or empty is null. */
export function decodeDynamic(dv: WireDynamicValue | null | undefined, type: CtyType, path = ''): TfValue {
  if (dv?.msgpack && dv.msgpack.length > 0) return decodeMsgpack(dv.msgpack, type, path);
  if (dv?.json && dv.json.length > 0) return decodeJson(dv.json, type, path);
  return null;
}

/** Encodes a value as a protocol `DynamicValue` (always msgpack, as the protocol recommends). */
export function encodeDynamic(value: TfValue, type: CtyType, path = ''): { msgpack: Uint8Array } {
  return { msgpack: encodeMsgpack(value, type, path) };
}
