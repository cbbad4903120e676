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
 *
 * Crash safety and ownership (targets that keep ownership labels, `ownership.ts`):
 * 6. Adopt: a declared address the state does not hold, whose object the target holds with this
 *    state's label (or a component of a package this state holds or adopts), was created by an apply
 *    that was killed before recording it: it is adopted (`change.adopt`), never created twice, and
 *    compared with the config like any known resource.
 * 7. Re-issue: a target shows a secret once. An adopted resource's secrets, a secret an interrupted
 *    operation may have rotated (`state.pending`), and (when `secretNames` is given) a secret the
 *    secrets sink and the environment lack are re-issued (`change.reissue`), with a line saying why.
 * 8. Ownership: what the target holds under another owner's label (or, but for a tenant, under no
 *    label) is refused (`ERR_TARGET_CONFLICT`); a state resource another state owns is never
 *    changed, and where this plan would delete it, it is only forgotten (`change.forget`). State
 *    resources without a label yet get this state's (`plan.claims`, not a change).
 * 9. A resource the state holds that the target no longer has, and that is not declared, is
 *    forgotten (removed from state, no call). Pending operations with nothing left to do are
 *    settled (`plan.settled`).
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
import type { SecretSlot } from './issued-secrets.js';
import { jwtEnvByPackage, secretSlots } from './issued-secrets.js';
import type { JsonObject, JsonValue } from './json.js';
import { canonicalJson } from './json.js';
import { carriesOwnerLabel, describeOwner, ownerLabel } from './ownership.js';
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

export interface PlanOptions {
  readonly mode: PlanMode;
  /** Plan only these addresses (plus what they depend on / drag along). */
  readonly targetAddresses?: readonly string[];
  /**
   * Env names the secrets sink or the environment hold a value for (names only). When given, a
   * secret the state's resources should have and these lack is re-issued. Omit it on read-only
   * targets (which can only be told).
   */
  readonly secretNames?: ReadonlySet<string>;
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
   * `endpoints`, see `COMPUTED_ATTRIBUTES`) the target now reports where they differ from the state,
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
}

interface Known {
  readonly kind: ResourceKind;
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

interface Draft {
  address: string;
  kind: ResourceKind;
  action: Action;
  known: Known | null;
  desired: DesiredResource | null;
  attributes: readonly AttributeChange[];
  reasons: string[];
  removedWith?: string;
  forget?: true;
  reissue?: SecretSlot[];
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

function refresh(prior: StateFile, observed: ObservedState | null, desired: DesiredState, mode: PlanMode) {
  const known = new Map<string, Known>();
  const goneOutOfBand = new Map<string, Known>();
  const refreshed = new Map<string, JsonObject>();
  const claims: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [address, s] of Object.entries(prior.resources)) {
    const o = observed?.[address];
    if (o === null) {
      goneOutOfBand.set(address, { ...s, drifted: [], gone: true });
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
    const mine = ownerLabel(prior.lineage, address);
    const foreign =
      carriesOwnerLabel(s.kind) && typeof o.owner === 'string' && o.owner !== mine ? { foreign: o.owner } : {};
    if (carriesOwnerLabel(s.kind) && o.owner === null) claims.push(address);
    // The id names the resource: a refresh never changes it (the state's stays).
    known.set(address, { ...s, attributes, drifted, ...foreign });
    const computed = refreshedComputed(s, o);
    if (computed !== null) refreshed.set(address, computed);
  }
  // What the target holds for declared addresses the state does not: packages and other labelled
  // kinds first, so a component can follow its adopted package.
  const unrecorded = Object.entries(observed ?? {}).filter(
    ([address, o]) => o !== null && !known.has(address) && !goneOutOfBand.has(address),
  ) as [string, ObservedResource][];
  unrecorded.sort(([a], [b]) => {
    const ka = desired.resources[a]?.kind;
    const kb = desired.resources[b]?.kind;
    const ra = ka !== undefined && isComponentKind(ka) ? 1 : 0;
    const rb = kb !== undefined && isComponentKind(kb) ? 1 : 0;
    return ra - rb || (a < b ? -1 : a > b ? 1 : 0);
  });
  for (const [address, o] of unrecorded) {
    const d = desired.resources[address];
    if (d === undefined) continue;
    const asKnown: Known = {
      kind: d.kind,
      id: o.id,
      attributes: { ...d.attributes, ...o.attributes },
      dependsOn: d.dependsOn,
      specHash: null,
      drifted: [],
    };
    // Read-only targets report resources the state never recorded, and keep no labels.
    if (o.owner === undefined) {
      known.set(address, asKnown);
      continue;
    }
    const parent = parentAddressOf(d.kind, d.attributes);
    const ours = carriesOwnerLabel(d.kind)
      ? o.owner === ownerLabel(prior.lineage, address)
      : parent !== null && (prior.resources[parent] !== undefined || known.get(parent)?.adopted === true);
    if (ours && prior.serial > 0) {
      known.set(address, { ...asKnown, adopted: true });
      continue;
    }
    // Destroy leaves alone what is not this state's; its own (adopted above) is deleted.
    if (!carriesOwnerLabel(d.kind) || mode === 'destroy') continue; // a component: its package is reported
    if (o.owner !== null) {
      diagnostics.push(
        errorDiagnostic(
          'ERR_TARGET_CONFLICT',
          `the target already has this ${d.kind} (${o.id}) and it belongs to ${describeOwner(o.owner)}: this state will not take it over. Declare another one, or destroy it with the state that owns it`,
          address,
        ),
      );
    } else if (d.kind !== 'tenant') {
      // A tenant without a label is claimed by its (idempotent) create; anything else would clash.
      diagnostics.push(
        errorDiagnostic(
          'ERR_TARGET_CONFLICT',
          `the target already has this ${d.kind} (${o.id}) and no grantform state manages it (an emulator seeded from this config, or a state from before ownership labels, made it): ${d.kind === 'installed-package' ? 'adopt it with `grantform import <its integration address> --client-id ID --client-secret-env NAME`, or remove it from the target (`DELETE /_emulator/packages/{id}`)' : 'remove it from the target or declare another one'}`,
          address,
        ),
      );
    }
  }
  return { known, goneOutOfBand, refreshed, claims, diagnostics };
}

function draftFor(
  address: string,
  d: DesiredResource | undefined,
  k: Known | undefined,
  gone: Known | undefined,
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
    const attributes = diffAttributes(d.kind, {}, d.attributes).changes;
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
  const targets = options.targetAddresses && options.targetAddresses.length > 0 ? options.targetAddresses : null;
  const goal = options.mode === 'destroy' ? EMPTY_DESIRED : desired;
  const seen = refresh(prior, observed, desired, options.mode);
  const { known, goneOutOfBand, refreshed } = seen;
  const diagnostics: Diagnostic[] = [...seen.diagnostics];

  const drafts = new Map<string, Draft>();
  for (const address of sortedUnion(Object.keys(goal.resources), known.keys(), goneOutOfBand.keys())) {
    const d = goal.resources[address];
    const gone = goneOutOfBand.get(address);
    if (d === undefined && gone === undefined && !known.has(address)) continue;
    drafts.set(address, draftFor(address, d, known.get(address), gone));
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
    const work = [...drafts.values()].filter((d) => (d.action === 'replace' || d.action === 'delete') && !d.forget);
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
  const inSelection = (address: string) => selected === null || selected.has(address);

  // Rule 8: a state resource another state manages is never changed; a delete only forgets it.
  for (const d of drafts.values()) {
    const foreign = d.known?.foreign;
    if (foreign === undefined || !inSelection(d.address)) continue;
    if (d.action === 'delete') {
      d.action = 'delete';
      d.forget = true;
      d.reasons.push(`it belongs to ${describeOwner(foreign)}: removed from this state only, not deleted`);
    } else {
      diagnostics.push(
        errorDiagnostic(
          'ERR_TARGET_CONFLICT',
          `this state holds ${d.address}, but on the target it belongs to ${describeOwner(foreign)}: two states must not manage one resource. Remove it from this config (this state then forgets it without deleting it), or manage it from the state that owns it`,
          d.address,
        ),
      );
    }
  }

  // Component deletes: removed with their package. Destroying a component alone (its package
  // stays) changes nothing: the vendor cannot remove it, and the state keeps naming it.
  for (const d of drafts.values()) {
    if (d.action !== 'delete' || !isComponentKind(d.kind)) continue;
    if (!inSelection(d.address)) continue;
    const pkg = priorPackageOf(d);
    const p = pkg === null ? undefined : drafts.get(pkg);
    const pkgGoes = p !== undefined && (p.action === 'delete' || p.action === 'replace') && inSelection(p.address);
    if (pkg !== null && pkgGoes) d.removedWith = pkg;
    else if (d.forget) continue;
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

  // Rule 7: secrets to re-issue, for resources that stay.
  const jwtEnvs = jwtEnvByPackage(Object.values(desired.resources));
  const knownJwtEnvs = jwtEnvByPackage([...known.values()]);
  for (const d of drafts.values()) {
    if (d.desired === null || d.known === null || !inSelection(d.address)) continue;
    if (d.action !== 'noop' && d.action !== 'update') continue;
    const pendingHere = prior.pending[d.address];
    if (options.secretNames === undefined && d.known.adopted !== true && pendingHere === undefined) continue;
    const slots = secretSlots(d.kind, d.desired.attributes, jwtEnvs.get(d.address) ?? null);
    if (slots.length === 0) continue;
    const pending = pendingHere;
    const rotating = new Set(
      d.attributes.filter((a) => a.name === 'clientSecret' || a.name === 'partnerSecret').map((a) => a.name),
    );
    const reissue: SecretSlot[] = [];
    for (const slot of slots) {
      if (rotating.has(slot.name)) continue; // the update rotates it anyway
      if (d.known.adopted === true) {
        reissue.push(slot);
        d.reasons.push(
          `${slot.env}: the target showed this ${slot.name} once, to the apply that was killed; it is re-issued`,
        );
      } else if (pending?.step === 'update' && pending.secrets.includes(slot.name)) {
        reissue.push(slot);
        d.reasons.push(
          `${slot.env}: an interrupted apply may have had the target re-issue this ${slot.name} without storing it; it is re-issued`,
        );
      } else if (options.secretNames !== undefined && !options.secretNames.has(slot.env)) {
        // A JWT signing secret whose env the app is renaming is moved by the update of the app.
        const renamedFrom = slot.name === 'jwtSigningSecret' ? knownJwtEnvs.get(d.address) : undefined;
        if (renamedFrom !== undefined && renamedFrom !== slot.env && options.secretNames.has(renamedFrom)) continue;
        if (prior.resources[d.address]?.secretsNotHeld?.includes(slot.name) === true) {
          diagnostics.push(
            warningDiagnostic(
              'WARN_SECRET_NOT_HELD',
              `${d.address}: ${slot.env} is not set, and this state was never given that ${slot.name} (it was imported without it): set ${slot.env}, or import it with its secret`,
              d.address,
            ),
          );
          continue;
        }
        reissue.push(slot);
        d.reasons.push(
          `${slot.env} is not in the secrets sink or the environment: the target re-issues this ${slot.name} (the old value, wherever it is, stops working)`,
        );
      }
    }
    if (reissue.length === 0) continue;
    d.reissue = reissue;
    if (d.action === 'noop') d.action = 'update';
  }
  // An adopted resource is recorded even when it already matches the config.
  for (const d of drafts.values()) {
    if (d.known?.adopted === true && d.action === 'noop') d.action = 'update';
  }

  const summary: Record<Action, number> & { adopt?: number; reissue?: number; forget?: number } = {
    noop: 0,
    create: 0,
    update: 0,
    replace: 0,
    delete: 0,
  };
  const bump = (key: 'adopt' | 'reissue' | 'forget', n = 1) => {
    summary[key] = (summary[key] ?? 0) + n;
  };
  const changes: ResourceChange[] = [];
  for (const d of drafts.values()) {
    if (!inSelection(d.address)) continue;
    const adopted = d.known?.adopted === true && d.known !== null ? { id: d.known.id } : null;
    // An adopted resource the config keeps is a create the target already did.
    const action: Action = adopted !== null && d.action === 'update' ? 'create' : d.action;
    if (adopted !== null && action === 'create') bump('adopt');
    else if (d.forget) bump('forget');
    else summary[action] += 1;
    if (d.reissue !== undefined) bump('reissue', d.reissue.length);
    if (action === 'noop') continue;
    const isDelete = action === 'delete';
    const change: ResourceChange = {
      address: d.address,
      kind: d.kind,
      action,
      priorId: d.known?.id ?? null,
      before: d.known?.attributes ?? null,
      after: isDelete ? null : (d.desired?.attributes ?? null),
      afterHash: isDelete ? null : (d.desired?.specHash ?? null),
      dependsOn: isDelete ? [] : (d.desired?.dependsOn ?? []),
      priorDependsOn: d.known?.dependsOn ?? [],
      attributes: d.attributes,
      reasons:
        adopted === null
          ? d.reasons
          : [
              'created by an apply of this state that was killed before recording it: found on the target by its ownership label and adopted',
              ...d.reasons,
            ],
      ...(d.removedWith === undefined ? {} : { removedWith: d.removedWith }),
      ...(adopted === null ? {} : { adopt: adopted }),
      ...(d.reissue === undefined ? {} : { reissue: d.reissue }),
      ...(d.forget === true ? { forget: true as const } : {}),
    };
    changes.push(change);
  }
  changes.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  // Refreshed values of resources that stay: a delete removes them, a replace gets new ones.
  const kept: Record<string, JsonObject> = {};
  for (const [address, values] of [...refreshed.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const action = drafts.get(address)?.action;
    if (inSelection(address) && (action === 'delete' || action === 'replace')) continue;
    kept[address] = values;
  }
  const changed = new Set(changes.map((c) => c.address));
  const claims = seen.claims.filter((a) => {
    const action = drafts.get(a)?.action;
    return inSelection(a) && action !== 'delete' && action !== 'replace';
  });
  const settled = Object.keys(prior.pending)
    .filter((a) => inSelection(a) && !changed.has(a))
    .sort();
  return {
    formatVersion: 1,
    mode: options.mode,
    prior: { lineage: prior.serial === 0 ? null : prior.lineage, serial: prior.serial },
    targetAddresses: targets === null ? null : [...targets],
    changes,
    summary,
    diagnostics,
    refreshed: kept,
    ...(claims.length === 0 ? {} : { claims }),
    ...(settled.length === 0 ? {} : { settled }),
  };
}

/** True when applying the plan would change something (on the target or in state). */
export function planHasChanges(plan: Plan): boolean {
  return plan.changes.length > 0;
}
