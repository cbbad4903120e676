/**
 * @module
 * What every resource of the provider works with once `provider "grantform"` is configured: the
 * engine's driver for the target (the same drivers the `grantform` CLI uses), the registry of kinds,
 * and the secrets sink, the one place secret values go.
 */
import type { AdminClient, FetchLike, Registry, ResourceDriver, SecretsSink } from '@grantform/engine';

export interface GrantformClient {
  /** `emulator`, or a vendor's own target (`sfmc`). */
  readonly target: string;
  /** The emulator's origin. */
  readonly endpoint: string;
  readonly driver: ResourceDriver;
  readonly registry: Registry;
  readonly sink: SecretsSink;
  /** The provider process's environment (Terraform passes its own): secrets and sfmc credentials. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly fetch: FetchLike;
  /** The emulator's admin API (the emulator target only): finds a package's tenant for default names. */
  readonly admin: AdminClient | null;
}
