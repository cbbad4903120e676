/**
 * @module
 * Desired state + prior state + what the target reports → a plan. Pure.
 *
 * Rules, in order:
 * 1. Refresh: the target's report overrides the state's target attributes (drift); a resource the
 *    target no longer has is re-created; server-assigned values it reports (endpoints, client ids)
 *    go to `plan.refreshed`, never into a diff.
 * 2. Per address: create, delete, or an attribute diff → update / replace / noop.
 * 3. The vendor cannot remove a component (API integration, Marketing Cloud App) from a package:
 *    removing or replacing one replaces its package.
 * 4. Replacing a resource replaces everything that depends on it (children get new parent ids).
 * 5. `targetAddresses` keeps only those addresses, their dependencies that change, and whatever
 *    a replacement drags along. Destroy mode deletes the targets and everything depending on them.
 */
import type { ResourceKind } from '@grantform/config';
import type { Action, PlanMode } from './actions.js';
import type { DesiredResource, DesiredState } from './desired.js';
import { EMPTY_DESIRED } from './desired.js';
import type { Diagnostic } from './diagnostics.js';
import { errorDiagnostic, warningDiagnostic } from './diagnostics.js';
import type { AttributeChange } from './diff.js';
import { diffAttributes, targetAttributeNames } from './diff.js';
import type { ObservedResource, ObservedState } from './driver.js';
import type { JsonObject, JsonValue } from './json.js';
import { canonicalJson } from './json.js';
import { COMPUTED_ATTRIBUTES, isComponentKind, parentAddressOf } from './resources.js';
import type { StateFile } from './state/state-file.js';

export interface ResourceChange {
  readonly address: string;
  readonly kind: ResourceKind;
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
}

export interface PlanOptions {
  readonly mode: PlanMode;
  /** Plan only these addresses (plus what they depend on / drag along). */
  readonly targetAddresses?: readonly string[];
}

export type PlanSummary = Readonly<Record<Action, number>>;

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
   * `endpoints`, see `COMPUTED_ATTRIBUTES`) the target now reports where they differ from the state,
   * e.g. endpoints after the emulator restarted on another port. Never a change and never shown as a
   * diff; `apply` writes them into state even when the plan changes nothing. Ids never change here.
   * Absent in plans saved by earlier versions.
   */
  readonly refreshed?: Readonly<Record<string, JsonObject>>;
}

interface Known {
  readonly kind: ResourceKind;
  readonly id: string;
  readonly attributes: JsonObject;
  readonly dependsOn: readonly string[];
  readonly specHash: string | null;
  /** Target attributes that differ from the state. */
  readonly drifted: readonly string[];
}

interface Draft {
  address: string;
  kind: ResourceKind;
  action: Action;
  known: Known | null;
  desired: DesiredResource | null;
  attributes: readonly AttributeChange[];
  reasons: string[];
  removedWith?: string;
}

/** The server-assigned values `o` reports that differ from the state's (never `null`/absent ones). */
function refreshedComputed(s: StateFile['resources'][string], o: ObservedResource): JsonObject | null {
  const out: Record<string, JsonValue> = {};
  for (const name of COMPUTED_ATTRIBUTES[s.kind]) {
    const v = o.attributes[name];
    if (v === undefined || v === null || canonicalJson(v) === canonicalJson(s.attributes[name])) continue;
    out[name] = v;
  }
  return Object.keys(out).length === 0 ? null : out;
}

function refresh(prior: StateFile, observed: ObservedState | null, desired: DesiredState) {
  const known = new Map<string, Known>();
  const goneOutOfBand = new Set<string>();
  const refreshed = new Map<string, JsonObject>();
  for (const [address, s] of Object.entries(prior.resources)) {
    const o = observed?.[address];
    if (o === null) {
      goneOutOfBand.add(address);
      continue;
    }
    if (o === undefined) {
      known.set(address, { ...s, drifted: [] });
      continue;
    }
    const drifted = targetAttributeNames(s.kind).filter(
      (n) => o.attributes[n] !== undefined && canonicalJson(o.attributes[n]) !== canonicalJson(s.attributes[n]),
    );
    const attributes = { ...s.attributes, ...o.attributes };
    // The id names the resource: a refresh never changes it (the state's stays).
    known.set(address, { ...s, attributes, drifted });
    const computed = refreshedComputed(s, o);
    if (computed !== null) refreshed.set(address, computed);
  }
  // Read-only targets report resources the state never recorded.
  for (const [address, o] of Object.entries(observed ?? {})) {
    if (o === null || known.has(address) || goneOutOfBand.has(address)) continue;
    const d = desired.resources[address];
    if (d === undefined) continue;
    known.set(address, {
      kind: d.kind,
      id: o.id,
      attributes: { ...d.attributes, ...o.attributes },
      dependsOn: d.dependsOn,
      specHash: null,
      drifted: [],
    });
  }
  return { known, goneOutOfBand, refreshed };
}

function draftFor(address: string, d: DesiredResource | undefined, k: Known | undefined, gone: boolean): Draft {
  if (d !== undefined && k === undefined) {
    const attributes = diffAttributes(d.kind, {}, d.attributes).changes;
    const reasons = gone ? ['deleted outside grantform: re-create'] : [];
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
  const diff = diffAttributes(d.kind, k.attributes, d.attributes);
  const reasons: string[] = [];
  if (k.drifted.length > 0) reasons.push(`changed outside grantform: ${k.drifted.join(', ')}`);
  for (const c of diff.changes) if (c.forcesReplacement) reasons.push(`${c.name} cannot change in place`);
  const action: Action = diff.requiresReplace ? 'replace' : diff.changes.length > 0 ? 'update' : 'noop';
  return { address, kind: d.kind, action, known: k, desired: d, attributes: diff.changes, reasons };
}

function sortedUnion(...lists: Iterable<string>[]): string[] {
  const set = new Set<string>();
  for (const l of lists) for (const a of l) set.add(a);
  return [...set].sort();
}

/**
 * Makes a plan. Destroy is a mode: the same function with an empty goal.
 * @example
 * const plan = createPlan(desired, state, observed, { mode: 'normal' });
 * plan.changes.map((c) => `${c.action} ${c.address}`);
 */
export function createPlan(
  desired: DesiredState,
  prior: StateFile,
  observed: ObservedState | null,
  options: PlanOptions,
): Plan {
  const diagnostics: Diagnostic[] = [];
  const targets = options.targetAddresses && options.targetAddresses.length > 0 ? options.targetAddresses : null;
  const goal = options.mode === 'destroy' ? EMPTY_DESIRED : desired;
  const { known, goneOutOfBand, refreshed } = refresh(prior, observed, desired);

  const drafts = new Map<string, Draft>();
  for (const address of sortedUnion(Object.keys(goal.resources), known.keys())) {
    drafts.set(address, draftFor(address, goal.resources[address], known.get(address), goneOutOfBand.has(address)));
  }

  // Dependents index from both the desired dependencies and those recorded in state.
  const dependents = new Map<string, Set<string>>();
  const addEdge = (from: string, dep: string) => {
    const set = dependents.get(dep) ?? new Set<string>();
    dependents.set(dep, set);
    set.add(from);
  };
  for (const d of drafts.values()) {
    for (const dep of d.desired?.dependsOn ?? []) addEdge(d.address, dep);
    for (const dep of d.known?.dependsOn ?? []) addEdge(d.address, dep);
  }

  // Links: addresses that must be applied together (a replacement and what it drags along).
  const links = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const set = links.get(x) ?? new Set<string>();
      links.set(x, set);
      set.add(y);
    }
  };

  const priorPackageOf = (d: Draft): string | null =>
    d.known === null ? null : parentAddressOf(d.known.kind, d.known.attributes);

  if (options.mode === 'normal') {
    const work = [...drafts.values()].filter((d) => d.action === 'replace' || d.action === 'delete');
    while (work.length > 0) {
      const d = work.pop()!;
      // Rule 3: a component removed or replaced → its (prior) package is replaced.
      if (isComponentKind(d.kind) || (d.known !== null && isComponentKind(d.known.kind))) {
        const pkg = priorPackageOf(d);
        const p = pkg === null ? undefined : drafts.get(pkg);
        if (pkg !== null && p !== undefined && (p.action === 'noop' || p.action === 'update')) {
          p.action = 'replace';
          const why = d.action === 'delete' ? 'is removed' : 'must be re-created';
          p.reasons.push(`${d.address} ${why}; the vendor cannot remove a component, so the package is re-created`);
          work.push(p);
        }
        if (pkg !== null) link(d.address, pkg);
      }
      // Rule 4: replacing a resource replaces what depends on it.
      if (d.action === 'replace') {
        for (const dep of dependents.get(d.address) ?? []) {
          const x = drafts.get(dep);
          if (x === undefined) continue;
          link(d.address, dep);
          if ((x.action === 'noop' || x.action === 'update') && x.known !== null) {
            x.action = 'replace';
            x.reasons.push(`${d.address} is re-created`);
            work.push(x);
          }
        }
      }
    }
  }

  // Target selection.
  let selected: Set<string> | null = null;
  if (targets !== null) {
    selected = new Set();
    const queue: string[] = [];
    for (const t of targets) {
      if (!drafts.has(t) && desired.resources[t] === undefined) {
        diagnostics.push(errorDiagnostic('ERR_UNKNOWN_ADDRESS', `no resource at address ${t}`, t));
        continue;
      }
      const d = drafts.get(t);
      const wanted = desired.resources[t];
      if (
        options.mode === 'destroy' &&
        d?.known !== undefined &&
        d.known !== null &&
        wanted !== undefined &&
        wanted.kind === d.known.kind &&
        d.known.specHash !== null &&
        wanted.specHash !== d.known.specHash
      ) {
        // Terraform replaces a null_resource whose trigger (spec hash) changed by running its destroy
        // provisioner, then its create provisioner: the apply that follows updates in place.
        diagnostics.push(
          warningDiagnostic(
            'WARN_DESTROY_SKIPPED_CHANGED',
            `${t} changed in the config since it was applied: not destroyed (a Terraform replace-on-change); \`grantform apply --address ${t}\` updates it in place`,
            t,
          ),
        );
        continue;
      }
      queue.push(t);
    }
    while (queue.length > 0) {
      const a = queue.pop()!;
      if (selected.has(a)) continue;
      selected.add(a);
      const d = drafts.get(a);
      if (options.mode === 'destroy') {
        // Destroying an address destroys what depends on it.
        for (const dep of dependents.get(a) ?? []) if (drafts.get(dep)?.known?.dependsOn.includes(a)) queue.push(dep);
      } else {
        for (const dep of d?.desired?.dependsOn ?? []) queue.push(dep);
        for (const l of links.get(a) ?? []) queue.push(l);
      }
    }
  }

  // Component deletes: removed with their package. Destroying a component alone (its package
  // stays) changes nothing: the vendor cannot remove it, and the state keeps naming it.
  for (const d of drafts.values()) {
    if (d.action !== 'delete' || !isComponentKind(d.kind)) continue;
    if (selected !== null && !selected.has(d.address)) continue;
    const pkg = priorPackageOf(d);
    const p = pkg === null ? undefined : drafts.get(pkg);
    const pkgGoes =
      p !== undefined &&
      (p.action === 'delete' || p.action === 'replace') &&
      (selected === null || selected.has(p.address));
    if (pkg !== null && pkgGoes) d.removedWith = pkg;
    else if (pkg !== null && p !== undefined) {
      d.action = 'noop';
      diagnostics.push(
        warningDiagnostic(
          'WARN_COMPONENT_KEPT',
          `${d.address} is not destroyed on its own: the vendor cannot remove a component; it goes when its package ${pkg} is destroyed`,
          d.address,
        ),
      );
    }
  }

  const summary: Record<Action, number> = { noop: 0, create: 0, update: 0, replace: 0, delete: 0 };
  const changes: ResourceChange[] = [];
  for (const d of drafts.values()) {
    if (selected !== null && !selected.has(d.address)) continue;
    summary[d.action] += 1;
    if (d.action === 'noop') continue;
    const isDelete = d.action === 'delete';
    const change: ResourceChange = {
      address: d.address,
      kind: d.kind,
      action: d.action,
      priorId: d.known?.id ?? null,
      before: d.known?.attributes ?? null,
      after: isDelete ? null : (d.desired?.attributes ?? null),
      afterHash: isDelete ? null : (d.desired?.specHash ?? null),
      dependsOn: isDelete ? [] : (d.desired?.dependsOn ?? []),
      priorDependsOn: d.known?.dependsOn ?? [],
      attributes: d.attributes,
      reasons: d.reasons,
      ...(d.removedWith === undefined ? {} : { removedWith: d.removedWith }),
    };
    changes.push(change);
  }
  changes.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  // Refreshed values of resources that stay: a delete removes them, a replace gets new ones.
  const kept: Record<string, JsonObject> = {};
  for (const [address, values] of [...refreshed.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const action = drafts.get(address)?.action;
    const planned = selected === null || selected.has(address);
    if (planned && (action === 'delete' || action === 'replace')) continue;
    kept[address] = values;
  }
  return {
    formatVersion: 1,
    mode: options.mode,
    prior: { lineage: prior.serial === 0 ? null : prior.lineage, serial: prior.serial },
    targetAddresses: targets === null ? null : [...targets],
    changes,
    summary,
    diagnostics,
    refreshed: kept,
  };
}

/** True when applying the plan would change something. */
export function planHasChanges(plan: Plan): boolean {
  return plan.changes.length > 0;
}
