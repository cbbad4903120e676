/**
 * @module
 * What a Constant Contact import is given and what it returns.
 */
import type { AdminClient } from '../../../drivers/admin-client.js';
import type { FetchLike } from '../../../drivers/http.js';
import type { ResourceState, StateFile } from '../../../state/records.js';
import type { CtctHosts } from '../hosts.js';

export interface CtctImportOptions {
  /** `ctct/apps/<name>` or `ctct/partners/<name>`. */
  readonly address: string;
  /** The application's API key, or the partner's `partner_client_id`. */
  readonly clientId: string;
  /** The application's client secret (absent for a public application), or the `partner_secret`. */
  readonly clientSecret: string | undefined;
  /** The env name the secret is read from: it goes into the config and the secrets sink, never the value. */
  readonly clientSecretEnv: string;
  readonly fetch: FetchLike;
  /** The vendor's hosts, or the emulator's (`ctctEmulatorHosts(endpoint)`). */
  readonly hosts: CtctHosts;
  /** Emulator: reads what tokens do not show. */
  readonly admin?: AdminClient;
  /** Partner: its application's API key (`x-api-key`). @default - on the emulator, read from the admin API */
  readonly applicationApiKey?: string;
  /** The current state: a partner's application already in it keeps its address. */
  readonly state?: StateFile;
}

export interface CtctImportResult {
  readonly kind: 'ctct-application' | 'ctct-partner';
  /** Paste-able TypeScript for grantform.config.ts. */
  readonly code: string;
  /** State entries to add, keyed by address. */
  readonly resources: Readonly<Record<string, ResourceState>>;
  /** What could not be read, and placeholders to check. */
  readonly notes: readonly string[];
  /** One line for the CLI, e.g. `confidential application, 3 scopes`. */
  readonly summary: string;
  /** Secret values to put in the sink, by env name (the credentials the import was given). */
  readonly secrets: readonly { readonly env: string; readonly value: string }[];
}
