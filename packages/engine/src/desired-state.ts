/**
 * @module
 * The desired state: what the config declares, indexed by address (`desired.ts` builds it from a
 * manifest). Pure data.
 */
import { createHash } from 'node:crypto';
import type { JsonObject } from './json.js';
import { canonicalJson } from './json.js';

export interface DesiredResource {
  readonly address: string;
  /** A registered kind, e.g. `installed-package`. */
  readonly kind: string;
  /** Explicit `dependsOn` plus the parent reference, sorted and unique. */
  readonly dependsOn: readonly string[];
  /** The spec as plain attributes (secret refs hold only env names). */
  readonly attributes: JsonObject;
  /** sha256 of the canonical spec: equal hashes mean nothing to compare. */
  readonly specHash: string;
}

export interface DesiredState {
  readonly resources: Readonly<Record<string, DesiredResource>>;
}

export const EMPTY_DESIRED: DesiredState = { resources: {} };

/** sha256 of the canonical attributes (32 hex characters). */
export function specHash(attributes: JsonObject): string {
  return createHash('sha256').update(canonicalJson(attributes)).digest('hex').slice(0, 32);
}
