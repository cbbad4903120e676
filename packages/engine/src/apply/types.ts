/**
 * @module
 * What `apply` (`apply.ts`) takes and returns, and the progress it reports.
 */
import type { Action } from '../actions.js';
import type { ResourceDriver } from '../driver.js';
import type { Registry } from '../registry/registry.js';
import type { StateFile } from '../state/records.js';
import type { SecretsSink } from '../state/secrets-sink.js';
import type { StateStore } from '../state/state-store.js';

export interface ApplyProgress {
  readonly address: string;
  readonly action: Action;
  /** `delete` for the delete half of a replace, `create` for its create half. */
  readonly step: 'create' | 'update' | 'delete';
  readonly status: 'start' | 'done' | 'failed';
  readonly completed: number;
  readonly total: number;
}

export interface ApplyOptions {
  readonly driver: ResourceDriver;
  readonly store: StateStore;
  readonly secrets: SecretsSink;
  /** Operations in flight at once. @default 32 */
  readonly concurrency?: number;
  readonly onProgress?: (p: ApplyProgress) => void;
  /** The kinds there are. @default the built-in vendors' */
  readonly registry?: Registry;
}

export interface ApplyResult {
  readonly state: StateFile;
  /** Addresses and what was done, in completion order. */
  readonly applied: readonly { readonly address: string; readonly step: ApplyProgress['step'] }[];
  /** Secret names written to the sink (never values). */
  readonly secretsWritten: readonly string[];
  readonly warnings: readonly string[];
  /** Addresses whose server-assigned values (endpoints, client ids) were refreshed in state. */
  readonly refreshed: readonly string[];
  /** Addresses whose target object now carries this state's ownership label (`plan.claims`). */
  readonly claimed: readonly string[];
}
