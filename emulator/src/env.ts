/**
 * @module
 * The emulator context every route factory receives ({@link EmulatorContext}), and the contract a
 * vendor fulfils ({@link VendorProfile}). A vendor is one profile object, exported by its own folder
 * (`vendors/<vendor>/index.ts`) and listed once in `vendors/index.ts`; the core (server, addressing,
 * pipeline, faults, clock, keys, request log, persistence, admin and console shells, seeding,
 * snapshots) loops over the profiles in `ctx.vendors` and never names one. Each vendor's state is a
 * typed partition of the context (`ctx.partition(key)`). Routes get everything through the context
 * their factory closes over: the Hono apps carry no `Env`.
 *
 * @example
 * export const toyVendor: VendorProfile<ToyState> = {
 *   name: 'toy',
 *   title: 'Toy',
 *   partition: TOY,
 *   hosts: [toyHosts],
 *   createState: () => ({ tokens: new Map() }),
 *   mount: (app, ctx, state) => app.route('/~toy/auth/:style', tokenRoutes(ctx, state)),
 *   reset: (state) => state.tokens.clear(),
 * };
 */
import type { manifestShapeSchema } from '@grantform/config/manifest';
import type { Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { z } from 'zod';
import type { HostRule } from './addressing.js';
import type { Json } from './admin/openapi-builders.js';
import type { ClockView } from './console/layout.js';
import type { Clock } from './control/clock.js';
import type { FaultContribution } from './control/faults.js';
import type { ControlState } from './control/state.js';
import type { AdminIssue } from './errors.js';
import type { ResolvedOptions } from './options.js';
import type { RequestLog } from './request-log.js';
import type { ServedHostPattern } from './tls/hosts.js';
import type { UsageDescription, UsageRecorder } from './usage/recorder.js';
import type { Warn } from './warnings.js';

export type { HostRule } from './addressing.js';
export type { FaultContribution, FaultTarget } from './control/faults.js';

export interface EmulatorContext {
  readonly options: ResolvedOptions;
  readonly log: RequestLog;
  /** Test-control state: signing key ring, fault rules, settings. */
  readonly control: ControlState;
  /** The emulator clock: `options.now()` plus the admin offset. */
  readonly clock: Clock;
  /** The vendors this emulator serves, in registration order. */
  readonly vendors: readonly VendorProfile[];
  /**
   * One vendor's state, typed by its key.
   * @throws Error when that vendor is not registered with this emulator
   */
  partition<S>(key: PartitionKey<S>): S;
  /** The emulator clock in epoch ms: `options.now()` plus the admin offset. */
  nowMs(): number;
  /** A URL-safe random string of `bytes` random bytes. */
  randomToken(bytes: number): string;
  /** Base URL for path-style addresses: `options.baseUrl` or the request's origin. */
  baseUrl(requestUrl: string): string;
  /** An operator warning through `logger.warn`, rate-limited per kind (`warnings.ts`). */
  warn: Warn;
}

/** A manifest as seeding reads it: the manifest's own shape, and the vendors' `x-emulator` fields. */
export type SeedManifest = z.infer<typeof manifestShapeSchema> & {
  readonly 'x-emulator'?: Readonly<Record<string, unknown>>;
};

/**
 * A typed key of one vendor's state in the emulator context: `ctx.partition(key)` returns that
 * vendor's state, typed. Declare it beside the vendor's state type, apart from the profile, so the
 * vendor's own modules can read their state without importing the profile.
 */
export interface PartitionKey<S> {
  readonly vendor: string;
  /** Type only: what `ctx.partition` returns for this key. */
  readonly state?: S;
}

/** A new {@link PartitionKey} for the state type `S`. */
export function partitionKey<S>(vendor: string): PartitionKey<S> {
  return Object.freeze({ vendor });
}

/** A vendor's part of the admin API, mounted below `/_emulator` behind the admin token. */
export interface AdminContribution<S> {
  /** Below `/_emulator`: `''` for the root, `'/ctct'` for a section of its own. */
  readonly path: string;
  routes(ctx: EmulatorContext, state: S): Hono;
  /** Its paths (already below {@link path}) and component schemas in `GET /_emulator/openapi.json`. */
  readonly openApi?: { paths(): Json; schemas(): Json };
}

/** A page of the web console. */
export interface ConsolePageSpec<S> {
  /** Navigation key (also `current` of the layout). */
  readonly key: string;
  /** Below `/_emulator/console`, e.g. `/tenants`. */
  readonly path: string;
  /** Navigation label. */
  readonly label: string;
  /** The whole page (`ConsoleLayout` around its content). */
  render(c: Context, state: S, clock: ClockView): Child;
}

/** A count on the console's overview: the number, its label and the page it links to. */
export type OverviewCard = readonly [count: number, label: string, path: string];

/** A vendor's part of the web console. */
export interface ConsoleContribution<S> {
  /** Its pages, in navigation order (after the overview, before the requests). */
  readonly pages: readonly ConsolePageSpec<S>[];
  /** Its counts on the overview, before the core's. */
  cards?(state: S, clock: ClockView): readonly OverviewCard[];
  /** Its panels on the overview, before the latest requests. */
  overview?(state: S, clock: ClockView): Child;
  /** Readable names of its client ids (`tenant / package`), for the request tables. */
  clientNames?(state: S): ReadonlyMap<string, string>;
}

/** A vendor's part of seeding a manifest (`POST /_emulator/seed`, `--seed`). */
export interface SeedContribution<S, R extends object> {
  /** Fields this vendor adds to the manifest's `x-emulator` section (each with its default). */
  readonly extension?: z.ZodRawShape;
  /** Problems of a manifest whose shape is valid, with their paths (`resources.2.spec.package`). */
  problems(manifest: SeedManifest): AdminIssue[];
  /** Seeds this vendor's resources; what it returns joins the seed result. */
  apply(ctx: EmulatorContext, state: S, manifest: SeedManifest, origin: string): R;
  /** This vendor's part of the seed result when nothing was seeded. */
  empty(): R;
  /** How many credentials it seeded, and of what, for the CLI's credentials line (`2 integration(s)`). */
  summary?(result: R): { readonly count: number; readonly noun: string };
  /** Its part of the `/seed` response in the OpenAPI document, and a sentence on its `x-emulator` fields. */
  readonly openApi?: { readonly result?: Json; readonly extension?: string };
}

/** A vendor's sections of the emulator snapshot (`GET|PUT /_emulator/snapshot`, the `--state` file). */
export interface SnapshotContribution<S, P extends object> {
  /** Its top-level sections and their schemas; a section old snapshots lack must be optional. */
  readonly sections: Readonly<Record<string, z.ZodType>>;
  /** Fields it adds to the core's `control` section, with their schemas (optional, likewise). */
  readonly control?: Readonly<Record<string, z.ZodType>>;
  /** Everything it holds, as plain data: its sections, and its `control` fields under `control`. */
  export(state: S): P;
  /** The same without signing material (what `GET /_emulator/snapshot` shows without `?include=keys`). */
  withoutKeys?(parts: P): object;
  /**
   * Replaces its state with parsed parts (absent optional parts: empty). Throw to refuse: the core
   * puts every vendor's state back as it was before the import.
   */
  import(state: S, parts: Partial<P>): void;
  /** Counts of what it holds, in the answer to an import (`{tenants, tokens}`). */
  summary?(state: S): Readonly<Record<string, number>>;
}

/**
 * A vendor's usage recording (`GET|DELETE /_emulator/usage`): its recorder, and what it knows of a
 * client id (tenant, package, the scopes and business units it holds now) when usage is exported.
 */
export interface UsageContribution<S> {
  recorder(state: S): UsageRecorder;
  describe(state: S, clientId: string): UsageDescription;
}

/**
 * One emulated vendor. `S` is its state partition, `O` the part of `EmulatorOptions` it reads, `R`
 * its part of a seed result, `P` its part of a snapshot.
 */
export interface VendorProfile<S = unknown, O = object, R extends object = object, P extends object = object> {
  /** Stable name, as in `@grantform/config/hosts` (`marketing-cloud`). */
  readonly name: string;
  /** What people call it (`Marketing Cloud`). */
  readonly title: string;
  /** Where its state lives in the context. */
  readonly partition: PartitionKey<S>;
  /** Its host names, in the order they are tried. */
  readonly hosts: readonly HostRule[];
  /** Its host names as the TLS side serves them (`--tls`: certificates, the CA's name constraints, the proxy). */
  readonly tlsHosts?: readonly ServedHostPattern[];
  /** Its state for one emulator; resolves and checks its options (a `TypeError` names a bad one). */
  createState(ctx: EmulatorContext, options: O): S;
  /** Registers its routes (below its host rules' mounts). */
  mount(app: Hono, ctx: EmulatorContext, state: S): void;
  /** Clears its records (`POST /_emulator/reset`); its options and keys stay. */
  reset(state: S): void;
  /** Drops records that expired before `before` (epoch ms); returns how many. */
  prune?(state: S, before: number): number;
  /**
   * Work due before each request (changes whose propagation delay has passed). Returns whether it
   * changed durable state. Runs on every request: keep the nothing-to-do case to a check or two.
   */
  beforeRequest?(state: S): boolean;
  /** Lines the CLI prints after the core's at start (`  tenants  …`). */
  describe?(state: S, url: string): readonly string[];
  readonly faults?: FaultContribution;
  readonly admin?: AdminContribution<S>;
  readonly console?: ConsoleContribution<S>;
  readonly seed?: SeedContribution<S, R>;
  readonly snapshot?: SnapshotContribution<S, P>;
  readonly usage?: UsageContribution<S>;
}
