/**
 * @module
 * What the state holds (pure): the state file's shape, its entries, and the checks every reader
 * applies to them (the state file and the journal alike). Kinds are strings here; which kinds exist
 * is the registry's to say, passed in as `isKind` (`state-file.ts` passes the built-in registry's).
 */
import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../json.js';
import { isJsonObject } from '../json.js';

export const STATE_VERSION = 2;
/** Versions the state reader reads (older ones are upgraded). */
export const READABLE_STATE_VERSIONS: readonly number[] = [1, 2];

/** A secret a target hands out (once, on create or when it is re-issued), as its kind's descriptor names it. */
export type SecretName = string;

export interface ResourceState {
  /** The resource kind (a registered kind, e.g. `installed-package`). */
  readonly kind: string;
  /** The target's id: tenant subdomain, package UUID, or the integration's client id. */
  readonly id: string;
  /** Configurable attributes as applied plus values the target assigned (no secrets). */
  readonly attributes: JsonObject;
  /** Hash of the spec last applied. */
  readonly specHash: string;
  /** Addresses this resource depended on when applied (deletes run in reverse order). */
  readonly dependsOn: readonly string[];
  /**
   * Secrets of this resource this state was never given (imported without them: someone else holds
   * the value). A plan never re-issues them on its own; it warns when their env is not set. Absent = none.
   */
  readonly secretsNotHeld?: readonly SecretName[];
}

/**
 * Where a staged secret rotation (`rotation.ts`) stands: `stage` (about to generate the staged
 * secret), `deliver` (staged, proven, being delivered to the sinks), `activate` (delivered; about to
 * activate it, or activated).
 */
export type RotationPhase = 'stage' | 'deliver' | 'activate';

export const ROTATION_PHASES: readonly RotationPhase[] = ['stage', 'deliver', 'activate'];

/** An operation whose intent was recorded and whose end was not. */
export interface PendingOperation {
  readonly kind: string;
  /** `rotate`: a staged secret rotation of `secrets[0]` (`phase` says how far it got). */
  readonly step: 'create' | 'update' | 'delete' | 'rotate';
  /** The target id it acted on (update, delete); `null` for a create. */
  readonly id: string | null;
  /** Secrets the call may have made the target hand out (and the sink may have missed). */
  readonly secrets: readonly SecretName[];
  /** ISO time the intent was recorded. */
  readonly startedAt: string;
  /** A rotation's last step begun (`step: 'rotate'` only). */
  readonly phase?: RotationPhase;
}

export interface StateFile {
  readonly version: typeof STATE_VERSION;
  /** Bumped by every recorded change. */
  readonly serial: number;
  /** Random id given when the state is first written; a plan only applies to its own lineage. */
  readonly lineage: string;
  readonly resources: Readonly<Record<string, ResourceState>>;
  /** Operations started and never recorded as done, by address (empty after a clean apply). */
  readonly pending: Readonly<Record<string, PendingOperation>>;
}

/** The state before anything was ever written (serial 0, no lineage yet). */
export function emptyState(lineage: string = randomUUID()): StateFile {
  return { version: STATE_VERSION, serial: 0, lineage, resources: {}, pending: {} };
}

/** What a reader accepts as kinds and secret names (the registry's). */
export interface StateVocabulary {
  isKind(kind: unknown): boolean;
  isSecretName(name: unknown): boolean;
}

/** Checks one resource entry (state file or journal); returns it typed or `null`. */
export function asResourceState(r: unknown, vocabulary: StateVocabulary): ResourceState | null {
  return isJsonObject(r) &&
    vocabulary.isKind(r.kind) &&
    typeof r.id === 'string' &&
    isJsonObject(r.attributes) &&
    typeof r.specHash === 'string' &&
    Array.isArray(r.dependsOn) &&
    (r.secretsNotHeld === undefined ||
      (Array.isArray(r.secretsNotHeld) && r.secretsNotHeld.every((n) => vocabulary.isSecretName(n))))
    ? (r as unknown as ResourceState)
    : null;
}

/** Checks one pending entry (state file or journal); returns it typed or `null`. */
export function asPendingOperation(p: unknown, vocabulary: StateVocabulary): PendingOperation | null {
  return isJsonObject(p) &&
    vocabulary.isKind(p.kind) &&
    (p.step === 'create' || p.step === 'update' || p.step === 'delete' || p.step === 'rotate') &&
    (p.phase === undefined || ROTATION_PHASES.includes(p.phase as RotationPhase)) &&
    (p.id === null || typeof p.id === 'string') &&
    Array.isArray(p.secrets) &&
    p.secrets.every((s) => vocabulary.isSecretName(s)) &&
    typeof p.startedAt === 'string'
    ? (p as unknown as PendingOperation)
    : null;
}

/**
 * Version 1 → 2: version 1 had no `pending` (an apply rewrote the whole file after every operation
 * and recorded no intent), so it upgrades to "nothing pending".
 */
export function upgradeStateV1toV2(v1: JsonObject): JsonObject {
  return { ...v1, version: 2, pending: {} };
}
