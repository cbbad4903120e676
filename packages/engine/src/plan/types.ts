/**
 * @module
 * The shape of a plan (`plan.ts` makes one; `apply.ts` carries it out; `plan-file.ts` saves it).
 * Pure data.
 */
import type { Action, PlanMode } from '../actions.js';
import type { AttributeChange } from '../attribute-diff.js';
import type { Diagnostic } from '../diagnostics.js';
import type { SecretSlot } from '../issued-secrets.js';
import type { JsonObject } from '../json.js';
import type { SecretReport } from '../secret-status.js';
import type { SecretName } from '../state/records.js';

export interface ResourceChange {
  readonly address: string;
  readonly kind: string;
  readonly action: Action;
  /** Target id of the resource that exists now (update, replace, delete); `null` for create. */
  readonly priorId: string | null;
  /** What is known to exist: the state refreshed by the target. `null` for create. */
  readonly before: JsonObject | null;
  /** The desired attributes (create, update, replace); `null` for delete. */
  readonly after: JsonObject | null;
  /** Spec hash of `after`. */
  readonly afterHash: string | null;
  /** Desired dependencies (create/update order). */
  readonly dependsOn: readonly string[];
  /** Dependencies recorded in state (delete order). */
  readonly priorDependsOn: readonly string[];
  /** Attribute-level changes (create: every attribute; delete: none). */
  readonly attributes: readonly AttributeChange[];
  /** Why the action is what it is, e.g. "type cannot change in place", "deleted outside grantform". */
  readonly reasons: readonly string[];
  /** A component delete that happens by deleting this package (no call of its own). */
  readonly removedWith?: string;
  /**
   * The target already holds this resource, created by an apply of this state that was killed
   * before recording it (found by its ownership label): adopted under `id` instead of created.
   * `attributes` then lists only what differs from the config.
   */
  readonly adopt?: { readonly id: string };
  /** Secrets the target must hand out again (their value never reached the secrets sink). */
  readonly reissue?: readonly SecretSlot[];
  /** Removed from state only, without a call (already gone, or another state's). */
  readonly forget?: true;
}

/**
 * A secret to rotate with the target's staged procedure (`rotation.ts`: stage, deliver, prove,
 * activate, prove the old one refused), and why: past its rotation policy, or an interrupted
 * rotation to finish. Never carries a value.
 */
export interface SecretRotation {
  readonly action: 'rotate';
  readonly address: string;
  readonly kind: string;
  readonly secret: SecretName;
  /** Where its value is kept (the sinks' key). */
  readonly env: string;
  readonly reason: string;
}

/** The secrets the plan judged against the target's clock (those whose dates the target reports). */
export interface SecretExpiry {
  /** The target's clock when the plan was made (ISO). */
  readonly now: string;
  /** The warning window, in days. */
  readonly warningDays: number;
  readonly secrets: readonly SecretReport[];
}

/** Changes by action; `adopt`, `reissue` (secrets) and `forget` appear only when not zero. */
export type PlanSummary = Readonly<Record<Action, number>> & {
  readonly adopt?: number;
  readonly reissue?: number;
  readonly forget?: number;
};

export interface Plan {
  readonly formatVersion: 1;
  readonly mode: PlanMode;
  /** The state this plan was made against: `apply` refuses it once the state has moved on. */
  readonly prior: { readonly lineage: string | null; readonly serial: number };
  readonly targetAddresses: readonly string[] | null;
  /** Changes (no noops), sorted by address. */
  readonly changes: readonly ResourceChange[];
  readonly summary: PlanSummary;
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Refresh (Terraform's semantics): per address, the server-assigned values (`clientId`,
   * `endpoints`, the kinds' `computed` attributes) the target now reports where they differ from the state,
   * e.g. endpoints after the emulator restarted on another port. Never a change and never shown as a
   * diff; `apply` writes them into state even when the plan changes nothing. Ids never change here.
   * Absent in plans saved by earlier versions.
   */
  readonly refreshed?: Readonly<Record<string, JsonObject>>;
  /**
   * State resources whose target object carries no ownership label yet (made before labels, or
   * imported): apply writes this state's label on them. Not a change. Absent in older plans.
   */
  readonly claims?: readonly string[];
  /** Pending operations (`state.pending`) with nothing left to do: apply clears them. */
  readonly settled?: readonly string[];
  /** Secrets to rotate (`grantform rotate`, or apply). Absent when none (and in older plans). */
  readonly rotations?: readonly SecretRotation[];
  /** Expiry of the secrets the target reports dates for. Absent in older plans. */
  readonly expiry?: SecretExpiry;
}
