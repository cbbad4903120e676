/**
 * @module
 * The driver contract: the engine's only I/O seam with a target. Each resource kind has
 * read/create/update/delete; `observe()` reads everything the state (and config) names, in as few
 * calls as the target allows. Drivers never see or return secrets except the values a target hands
 * out once on create/rotate, which the apply sends straight to the secrets sink.
 */
import type { ResourceKind, ResourceSpecs } from '@grantform/config';
import type { DesiredState } from './desired.js';
import type { AttributeChange } from './diff.js';
import type { JsonObject } from './json.js';
import type { StateFile } from './state/state-file.js';

/** What the target reports about one resource. */
export interface ObservedResource {
  readonly id: string;
  /** Only attributes the target reports (never local references, never secrets). */
  readonly attributes: JsonObject;
  /** Attributes the target cannot report (read-only targets): assumed as desired. */
  readonly unverified?: readonly string[];
}

/**
 * Per address: the resource as the target reports it, `null` when the target says it is gone.
 * An address that is absent was not observed (the state is taken as is).
 */
export type ObservedState = Readonly<Record<string, ObservedResource | null>>;

/** A secret the target handed out; `name` says which one. */
export interface IssuedSecret {
  readonly name: 'clientSecret' | 'jwtSigningSecret' | 'partnerSecret';
  readonly value: string;
}

export interface DriverResult {
  readonly id: string;
  /** Attributes the target reports after the operation (including computed ones such as clientId). */
  readonly attributes: JsonObject;
  readonly secrets: readonly IssuedSecret[];
}

export interface DriverContext {
  readonly address: string;
  /**
   * Target id of the resource's parent: the tenant's subdomain for a package, the package's id for
   * a component; `null` for a tenant.
   */
  readonly parentId: string | null;
}

export interface KindDriver<K extends ResourceKind> {
  read(id: string, ctx: DriverContext): Promise<ObservedResource | null>;
  create(spec: ResourceSpecs[K], ctx: DriverContext): Promise<DriverResult>;
  /** `changes` lets a driver pick the call (e.g. rotate a secret when only its env name changed). */
  update(
    id: string,
    spec: ResourceSpecs[K],
    changes: readonly AttributeChange[],
    ctx: DriverContext,
  ): Promise<DriverResult>;
  delete(id: string, ctx: DriverContext): Promise<void>;
}

export type KindDrivers = { readonly [K in ResourceKind]: KindDriver<K> };

export interface ResourceDriver {
  /** `emulator`, `sfmc`, `memory`. */
  readonly name: string;
  /** Read-only targets (a real tenant) refuse apply with `ERR_TARGET_READ_ONLY`. */
  readonly readOnly: boolean;
  readonly resources: KindDrivers;
  /** Reads every resource the state names (and, for read-only targets, what the config names). */
  observe(state: StateFile, desired: DesiredState): Promise<ObservedState>;
}
