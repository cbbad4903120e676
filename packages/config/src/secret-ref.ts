/**
 * @module
 * {@link SecretRef}: how the manifest names a secret (re-exported by `manifest.ts`). On its own so
 * every vendor's manifest specs can use it without importing the manifest that gathers them.
 */

/** Where a secret value lives. Only the name is ever written anywhere. */
export interface SecretRef {
  /** Name of the environment variable (or secrets-sink key) holding the value. */
  readonly env: string;
}
