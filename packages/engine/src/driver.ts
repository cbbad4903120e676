/**
 * @module
 * The driver contract: the engine's only I/O seam with a target. Each resource kind has
 * read/create/update/delete; `observe()` reads everything the state (and config) names, in as few
 * calls as the target allows. Drivers never see or return secrets except the values a target hands
 * out once on create/rotate, which the apply sends straight to the secrets sink.
 */
import type { ResourceKind, ResourceSpecs } from '@grantform/config';
import type { AttributeChange } from './attribute-diff.js';
import type { DesiredState } from './desired-state.js';
import type { Diagnostic } from './diagnostics.js';
import type { JsonObject } from './json.js';
import type { Plan, SecretRotation } from './plan/types.js';
import type { SecretDates } from './secret-status.js';
import type { SecretName, StateFile } from './state/records.js';

/** What the target reports about one resource. */
export interface ObservedResource {
  readonly id: string;
  /** Only attributes the target reports (never local references, never secrets). */
  readonly attributes: JsonObject;
  /** Attributes the target cannot report (read-only targets): assumed as desired. */
  readonly unverified?: readonly string[];
  /**
   * The target's ownership label (`ownership.ts`): `null` when it has none; absent when the target
   * keeps no labels (a real tenant). For a component, its package's label.
   */
  readonly owner?: string | null;
}

/**
 * Per address: the resource as the target reports it, `null` when the target says it is gone.
 * An address that is absent was not observed (the state is taken as is).
 *
 * Addresses the config declares and the state does not hold may be reported too: on a target that
 * keeps labels, what exists at that identity (a tenant's subdomain, a package found by its label or
 * name, the component of such a package) with its `owner`, so the plan can adopt what this state
 * created and refuse what another owns; on a read-only target, what exists (taken as known).
 */
export type ObservedState = Readonly<Record<string, ObservedResource | null>>;

/** A secret the target handed out; `name` says which one. */
export interface IssuedSecret {
  readonly name: SecretName;
  readonly value: string;
  /** When the target says it was generated and expires, when it says so (recorded in `secretStatus`). */
  readonly dates?: SecretDates;
}

/** A secret as the target holds it while it is rotated: its dates, plus what the staged procedure needs. */
export interface TargetSecretState {
  readonly generatedAt: string | null;
  readonly expiresAt: string | null;
  /** The staged secret: when it was generated, from when it is accepted, and from when it can be activated. */
  readonly staged: {
    readonly generatedAt: string;
    readonly acceptedFrom: string;
    readonly activatableFrom: string;
  } | null;
  /** When the next staged secret may be generated (`null`: at any time). */
  readonly nextStageAt: string | null;
}

/** What a real token request with a secret showed. */
export interface ProbeOutcome {
  /** The target authenticated the client with it. */
  readonly accepted: boolean;
  /** What it answered, e.g. `token issued`, `invalid_client: …` (never the secret). */
  readonly detail: string;
}

/**
 * A target's staged secret rotation for one kind (Marketing Cloud's console procedure): generate a
 * staged secret beside the active one, prove it with a token request once it is accepted, activate
 * it (the old one stops working at once). Absent: the kind rotates, if at all, by `reissue` (at once).
 */
export interface StagedRotation {
  status(id: string, name: SecretName, ctx: DriverContext): Promise<TargetSecretState>;
  /** Generates a staged secret (shown once). The target may refuse it until `nextStageAt`. */
  stage(id: string, name: SecretName, ctx: DriverContext): Promise<{ value: string; state: TargetSecretState }>;
  /** Makes the staged secret the active one; the old one stops working at once. */
  activate(id: string, name: SecretName, ctx: DriverContext): Promise<TargetSecretState>;
  /** A real token request with `value` (never logged): does the target authenticate the client with it? */
  probe(id: string, name: SecretName, value: string, ctx: DriverContext): Promise<ProbeOutcome>;
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
  /**
   * The ownership label to write on what this call creates or changes (`ownership.ts`), on targets
   * that keep labels. Absent for library callers that do not label.
   */
  readonly owner?: string;
}

/**
 * How a target reads, creates, updates and deletes resources of one kind. `Spec` is the kind's
 * spec type (the built-in vendors' drivers are typed with theirs); the generic core passes the
 * desired attributes.
 */
export interface KindDriver<Spec extends object = object> {
  read(id: string, ctx: DriverContext): Promise<ObservedResource | null>;
  create(spec: Spec, ctx: DriverContext): Promise<DriverResult>;
  /** `changes` lets a driver pick the call (e.g. rotate a secret when only its env name changed). */
  update(id: string, spec: Spec, changes: readonly AttributeChange[], ctx: DriverContext): Promise<DriverResult>;
  delete(id: string, ctx: DriverContext): Promise<void>;
  /**
   * Finishes, on an object a killed apply created (found by its ownership label), whatever `create`
   * does besides creating it, and brings it to `spec`. Absent: an `update` with the differences does.
   */
  adopt?(id: string, spec: Spec, ctx: DriverContext): Promise<DriverResult>;
  /**
   * Has the target hand out a new value of secret `name` (rotation: the old value stops working).
   * Used when the value it handed out never reached the secrets sink. Absent: the kind cannot.
   */
  reissue?(id: string, name: SecretName, ctx: DriverContext): Promise<IssuedSecret>;
  /** Writes `ctx.owner` on a resource that has no ownership label yet. Absent: the target keeps none. */
  claim?(id: string, ctx: DriverContext): Promise<void>;
  /** The staged rotation of the kind's secrets (`grantform rotate`, the plan's `rotate`). */
  readonly rotation?: StagedRotation;
}

/**
 * A target's kind drivers, by kind: any registered kind, typed by its spec for the built-in ones
 * (`@grantform/config`'s kinds). A target may lack some (a read-only one serves its own vendor's);
 * `apply` reports a kind it has no driver for (`ERR_APPLY_FAILED`).
 */
export type KindDrivers = { readonly [K in ResourceKind]: KindDriver<ResourceSpecs[K]> } & {
  readonly [kind: string]: KindDriver | undefined;
};

/** What a read-only target (a real tenant) says instead of applying: why, and how to change it by hand. */
export interface ReadOnlyTarget {
  /** Why it cannot be changed, e.g. `Marketing Cloud has no API to create or change installed packages`. */
  readonly reason: string;
  /** What a library caller does instead (after the reason in `apply`'s `ERR_TARGET_READ_ONLY`). */
  readonly instead: string;
  /** What to do once the checklist is shown (after the reason in the CLI's `ERR_TARGET_READ_ONLY`). */
  readonly afterChecklist: string;
  /** The plan as steps to make by hand, printed instead of the plan. Pure. */
  renderChecklist(plan: Plan, options: ChecklistOptions): string;
  /** Staged secret rotations as steps to make by hand (`grantform rotate`). Pure. Absent: none shown. */
  renderRotationSteps?(rotations: readonly SecretRotation[], options: ChecklistOptions): string;
}

export interface ChecklistOptions {
  readonly desired: DesiredState;
  /** Notes from reading the target (missing or refused credentials). */
  readonly notes?: readonly Diagnostic[];
}

export interface ResourceDriver {
  /** `emulator`, `sfmc`, `memory`. */
  readonly name: string;
  /** Read-only targets (a real tenant) refuse apply with `ERR_TARGET_READ_ONLY`. */
  readonly readOnly: boolean;
  /** A read-only target's reason and checklist. Absent: the plan is shown as is, the refusal is generic. */
  readonly manual?: ReadOnlyTarget;
  /** What could not be read during the last `observe()` (missing or refused credentials). */
  readonly notes?: readonly Diagnostic[];
  readonly resources: KindDrivers;
  /** Reads every resource the state names (and, for read-only targets, what the config names). */
  observe(state: StateFile, desired: DesiredState): Promise<ObservedState>;
  /**
   * The target's clock: secret ages and expiry are judged by it (the emulator's can be moved).
   * Absent: the local clock.
   */
  now?(): Promise<Date>;
  /**
   * Moves the target's clock forward to `at` (ISO) instead of waiting for it (the emulator's test
   * clock; `grantform rotate --advance-emulator-clock`). Absent: time can only be waited for.
   */
  advanceClockTo?(at: string): Promise<void>;
}
