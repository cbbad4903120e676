/**
 * @module
 * Rule 1 of a plan (`plan.ts`), refresh: the target's report overrides the state's target attributes
 * (drift); a resource the target no longer has is set apart (re-created, or forgotten when no longer
 * declared); server-assigned values it reports (endpoints, client ids: the kinds' `computed`) go to
 * `plan.refreshed`, never into a diff; a state resource another state's label names is marked
 * foreign, and one without a label is to be claimed. Pure.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { ObservedResource, ObservedState } from '../driver.js';
import type { JsonObject, JsonValue } from '../json.js';
import { canonicalJson } from '../json.js';
import { ownerLabel } from '../ownership.js';
import { carriesOwnerLabel, targetAttributeNames } from '../registry/descriptor.js';
import type { Registry } from '../registry/registry.js';
import type { ResourceState, StateFile } from '../state/records.js';
import type { Known } from './draft.js';

/** What the plan knows after refreshing the state against the target. */
export interface Refreshed {
  /** State resources as the target reports them (and, after adoption, what a killed apply created). */
  readonly known: Map<string, Known>;
  /** State resources the target no longer has. */
  readonly goneOutOfBand: Map<string, Known>;
  /** Per address, the server-assigned values that moved. */
  readonly refreshed: Map<string, JsonObject>;
  /** State resources whose target object has no ownership label yet. */
  readonly claims: string[];
  readonly diagnostics: Diagnostic[];
}

/** The server-assigned values `o` reports that differ from the state's (never `null`/absent ones). */
function refreshedComputed(s: ResourceState, o: ObservedResource, computed: readonly string[]): JsonObject | null {
  const out: Record<string, JsonValue> = {};
  for (const name of computed) {
    const v = o.attributes[name];
    if (v === undefined || v === null || canonicalJson(v) === canonicalJson(s.attributes[name])) continue;
    out[name] = v;
  }
  return Object.keys(out).length === 0 ? null : out;
}

/** Refreshes every state resource against what the target reports (`observed` `null`: not asked). */
export function refreshState(prior: StateFile, observed: ObservedState | null, registry: Registry): Refreshed {
  const seen: Refreshed = {
    known: new Map(),
    goneOutOfBand: new Map(),
    refreshed: new Map(),
    claims: [],
    diagnostics: [],
  };
  for (const [address, s] of Object.entries(prior.resources)) {
    const o = observed?.[address];
    if (o === null) {
      seen.goneOutOfBand.set(address, { ...s, drifted: [], gone: true });
      continue;
    }
    if (o === undefined) {
      seen.known.set(address, { ...s, drifted: [] });
      continue;
    }
    const descriptor = registry.kind(s.kind);
    const drifted = targetAttributeNames(descriptor).filter(
      (n) => o.attributes[n] !== undefined && canonicalJson(o.attributes[n]) !== canonicalJson(s.attributes[n]),
    );
    const attributes = { ...s.attributes, ...o.attributes };
    const mine = ownerLabel(prior.lineage, address);
    const labelled = carriesOwnerLabel(descriptor);
    const foreign = labelled && typeof o.owner === 'string' && o.owner !== mine ? { foreign: o.owner } : {};
    if (labelled && o.owner === null) seen.claims.push(address);
    // The id names the resource: a refresh never changes it (the state's stays).
    seen.known.set(address, { ...s, attributes, drifted, ...foreign });
    const computed = refreshedComputed(s, o, descriptor.computed);
    if (computed !== null) seen.refreshed.set(address, computed);
  }
  return seen;
}
