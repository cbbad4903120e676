/**
 * @module
 * Unknown values: placeholders for values Terraform (or the provider) will only know at apply time.
 * On the wire they are msgpack extension values; any extension code means "unknown", and code 12
 * carries refinements (a known string prefix, number bounds, …). We keep the extension code and
 * payload so that an unknown we pass back is the one Terraform sent, refinements and all.
 */

/** An unknown value. Compare with {@link isUnknown}; create with {@link unknown}. */
export class Unknown {
  /**
   * @param extType the msgpack extension code it arrived with (0 for a plain unknown, 12 refined)
   * @param payload the extension payload, kept verbatim
   */
  readonly payload: Uint8Array;

  constructor(
    readonly extType: number = 0,
    payload: Uint8Array = PLAIN_PAYLOAD,
  ) {
    // A copy, as a plain Uint8Array: decoders hand out views into the whole message.
    this.payload = Uint8Array.from(payload);
  }

  /** Whether Terraform refined it (extension code 12). */
  get refined(): boolean {
    return this.extType === 12;
  }

  toJSON(): string {
    return '(known after apply)';
  }
}

/** cty writes a plain unknown as `fixext1` with code 0 and one zero byte; so do we. */
const PLAIN_PAYLOAD = new Uint8Array([0]);

/** A plain unknown, as a provider plans computed attributes on create. */
export const unknown: Unknown = new Unknown();

/** Whether `v` is an unknown value. */
export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}
