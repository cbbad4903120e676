/**
 * @module
 * What one vendor hands the engine (STYLE P13: a vendor is a profile, and the core never names one):
 * its kinds' descriptors, and what it contributes to each part of the engine that talks to a target:
 * its kind drivers and observation on the emulator and in the memory driver, targets of its own (a
 * real tenant), its `verify` checks, and its `import`. Each built-in vendor lives in
 * `vendors/<vendor>/` and exports one `VendorProfile`; `vendors/index.ts` lists them.
 */
import type { DesiredState } from '../desired-state.js';
import type { KindDriver, ObservedResource, ResourceDriver } from '../driver.js';
import type { AdminClient } from '../drivers/admin-client.js';
import type { FetchLike } from '../drivers/http.js';
import type { MemoryContext } from '../drivers/memory-kit.js';
import type { JsonObject } from '../json.js';
import type { ResourceState, StateFile } from '../state/records.js';
import type { VerifyAttempt, VerifyOptions } from '../verify-report.js';
import type { KindDescriptor } from './descriptor.js';

/** A vendor's kind drivers on one target, and how it observes its own kinds there. */
export interface DriverPart {
  /** By kind: every kind of the vendor. */
  readonly kinds: Readonly<Record<string, KindDriver>>;
  /**
   * What the target reports for the vendor's kinds the state names, and for declared ones the state
   * lacks (see `ObservedState`). Addresses of other vendors' kinds are left out.
   */
  observe(state: StateFile, desired: DesiredState): Promise<Readonly<Record<string, ObservedResource | null>>>;
}

/** The vendor's part of the memory driver (`drivers/memory-driver.ts`). */
export interface MemoryBinding<W extends object> {
  /** Its share of a fresh world (merged with the other vendors'). */
  emptyWorld(): W;
  create(ctx: MemoryContext<W>): DriverPart;
}

/** What a target of the vendor's own is built from (the CLI's common flags, resolved). */
export interface TargetOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly fetch: FetchLike;
  /** Every registered kind (a read-only target answers for all of them, and applies none). */
  readonly kinds: readonly string[];
}

/** A target a vendor brings besides the emulator, e.g. `sfmc` (a real Marketing Cloud tenant). */
export interface TargetBinding {
  /** The `--target` value. */
  readonly name: string;
  create(options: TargetOptions): ResourceDriver;
}

/** The `grantform import` flags an importer may read. */
export interface ImportFlags {
  readonly clientId?: string;
  readonly clientSecretEnv: string;
  readonly subdomain?: string;
  readonly mid?: readonly string[];
  readonly apiKey?: string;
}

export interface ImportRequest {
  readonly address: string;
  readonly flags: ImportFlags;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The target's name (`emulator`, or a vendor's own such as `sfmc`). */
  readonly target: string;
  /** The emulator's origin (its admin API answers there). */
  readonly endpoint: string;
  readonly adminToken?: string;
  readonly fetch: FetchLike;
  /** Reads the current state (without the lock: the CLI records under it afterwards). */
  readState(): Promise<StateFile>;
}

export interface ImportOutcome {
  /** State entries to add, keyed by address. */
  readonly resources: Readonly<Record<string, ResourceState>>;
  /** Secret values to put in the sink, by env name (the credentials the import was given). */
  readonly secrets: readonly { readonly env: string; readonly value: string }[];
  /** What could not be determined, and placeholders to check. */
  readonly notes: readonly string[];
  /** Paste-able TypeScript for grantform.config.ts. */
  readonly code: string;
  /** One line for the CLI after `Imported ADDRESS: `, e.g. `confidential application, 3 scopes`. */
  readonly summary: string;
  /** `--json` fields between `address` and `addedToState`, e.g. `{kind}`. */
  readonly details: JsonObject;
}

/** `grantform import ADDRESS` for the vendor's addresses. */
export interface ImportBinding {
  /** Whether `address` is the vendor's (e.g. `ctct/…`). */
  claims(address: string): boolean;
  /**
   * Takes every address no other vendor claims (Marketing Cloud's start with a tenant's name, which
   * has no prefix of its own). At most one vendor should.
   */
  readonly fallback?: boolean;
  run(request: ImportRequest): Promise<ImportOutcome>;
}

export interface VendorProfile {
  /** `marketing-cloud`, `constant-contact`. */
  readonly name: string;
  /** Its resource kinds, one descriptor each. */
  readonly kinds: readonly KindDescriptor[];
  /** Its kind drivers and observation on the emulator's admin API. */
  emulator?(api: AdminClient): DriverPart;
  /** Its part of the memory driver. */
  readonly memory?: MemoryBinding<object>;
  /** Targets of its own. */
  readonly targets?: readonly TargetBinding[];
  /**
   * Its checks for `grantform verify`: prepares once (reads credentials), then runs them once per
   * attempt (an empty list when the config declares none of its resources).
   */
  verify?(options: VerifyOptions): Promise<VerifyAttempt>;
  readonly importer?: ImportBinding;
}
