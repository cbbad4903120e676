/**
 * @module
 * Rule 2 of a plan (`plan.ts`): per address, what is known (state refreshed by the target) against
 * what is desired gives a draft action: create, delete, or an attribute diff → update / replace /
 * noop. The later phases (cascade, selection, ownership, re-issue) revise the drafts. Pure.
 */
import type { Action } from '../actions.js';
import type { AttributeChange } from '../attribute-diff.js';
import { compareAttributes } from '../attribute-diff.js';
import type { DesiredResource } from '../desired-state.js';
import type { SecretSlot } from '../issued-secrets.js';
import type { JsonObject } from '../json.js';
import type { Registry } from '../registry/registry.js';

/** What is known to exist at an address. */
export interface Known {
  readonly kind: string;
  readonly id: string;
  readonly attributes: JsonObject;
  readonly dependsOn: readonly string[];
  readonly specHash: string | null;
  /** Target attributes that differ from the state. */
  readonly drifted: readonly string[];
  /** Found on the target by this state's label, not in state (an interrupted create). */
  readonly adopted?: true;
  /** Another owner's label on the target (a state resource another state manages). */
  readonly foreign?: string;
  /** Gone from the target. */
  readonly gone?: true;
}

/** One address's change as the phases revise it. */
export interface Draft {
  address: string;
  kind: string;
  action: Action;
  known: Known | null;
  desired: DesiredResource | null;
  attributes: readonly AttributeChange[];
  reasons: string[];
  removedWith?: string;
  forget?: true;
  reissue?: SecretSlot[];
}

/** The draft for one address: `d` desired, `k` known, `gone` known but gone from the target. */
export function draftFor(
  address: string,
  d: DesiredResource | undefined,
  k: Known | undefined,
  gone: Known | undefined,
  registry: Registry,
): Draft {
  if (d === undefined && gone !== undefined) {
    return {
      address,
      kind: gone.kind,
      action: 'delete',
      known: gone,
      desired: null,
      attributes: [],
      reasons: ['already gone from the target: removed from state'],
      forget: true,
    };
  }
  if (d !== undefined && k === undefined) {
    const attributes = compareAttributes(registry.kind(d.kind).attributes, {}, d.attributes).changes;
    const reasons = gone !== undefined ? ['deleted outside grantform: re-create'] : [];
    return { address, kind: d.kind, action: 'create', known: null, desired: d, attributes, reasons };
  }
  if (d === undefined && k !== undefined) {
    return { address, kind: k.kind, action: 'delete', known: k, desired: null, attributes: [], reasons: [] };
  }
  if (d === undefined || k === undefined) throw new Error(`unreachable: ${address}`);
  if (d.kind !== k.kind) {
    const reasons = [`kind changes from ${k.kind} to ${d.kind}`];
    return { address, kind: d.kind, action: 'replace', known: k, desired: d, attributes: [], reasons };
  }
  if (k.drifted.length === 0 && k.specHash === d.specHash) {
    return { address, kind: d.kind, action: 'noop', known: k, desired: d, attributes: [], reasons: [] };
  }
  const diff = compareAttributes(registry.kind(d.kind).attributes, k.attributes, d.attributes);
  const reasons: string[] = [];
  if (k.drifted.length > 0) reasons.push(`changed outside grantform: ${k.drifted.join(', ')}`);
  for (const c of diff.changes) if (c.forcesReplacement) reasons.push(`${c.name} cannot change in place`);
  const action: Action = diff.requiresReplace ? 'replace' : diff.changes.length > 0 ? 'update' : 'noop';
  return { address, kind: d.kind, action, known: k, desired: d, attributes: diff.changes, reasons };
}

/** The drafts of every address the goal, the known resources or the gone ones name, by address. */
export function draftAll(
  goal: Readonly<Record<string, DesiredResource>>,
  known: ReadonlyMap<string, Known>,
  goneOutOfBand: ReadonlyMap<string, Known>,
  registry: Registry,
): Map<string, Draft> {
  const addresses = new Set<string>([...Object.keys(goal), ...known.keys(), ...goneOutOfBand.keys()]);
  const drafts = new Map<string, Draft>();
  for (const address of [...addresses].sort()) {
    const d = goal[address];
    const gone = goneOutOfBand.get(address);
    if (d === undefined && gone === undefined && !known.has(address)) continue;
    drafts.set(address, draftFor(address, d, known.get(address), gone, registry));
  }
  return drafts;
}
