/**
 * @module
 * Desired state + prior state + what the target reports → a plan. Pure. What each kind is (its
 * attributes, parent, secrets, whether it is a component) comes from the registry.
 *
 * Rules, in order (each phase is a module of `plan/`):
 * 1. Refresh (`refresh.ts`): the target's report overrides the state's target attributes (drift); a
 *    resource the target no longer has is re-created; server-assigned values it reports (endpoints,
 *    client ids) go to `plan.refreshed`, never into a diff.
 * 2. Per address (`draft.ts`): create, delete, or an attribute diff → update / replace / noop.
 * 3. The vendor cannot remove a component (e.g. an API integration) from its parent: removing or
 *    replacing one replaces its parent (`cascade.ts`); its delete is its parent's (`ownership.ts`).
 * 4. Replacing a resource replaces everything that depends on it (children get new parent ids).
 * 5. Selection (`selection.ts`): `targetAddresses` keeps only those addresses, their dependencies
 *    that change, and whatever a replacement drags along. Destroy mode deletes the targets and
 *    everything depending on them.
 *
 * Crash safety and ownership (targets that keep ownership labels, `ownership.ts` at the root):
 * 6. Adopt (`adoption.ts`): a declared address the state does not hold, whose object the target
 *    holds with this state's label (or a component of a parent this state holds or adopts), was
 *    created by an apply that was killed before recording it: it is adopted (`change.adopt`), never
 *    created twice, and compared with the config like any known resource.
 * 7. Re-issue (`reissue.ts`): a target shows a secret once. An adopted resource's secrets, a secret an
 *    interrupted operation may have rotated (`state.pending`), and (when `secretNames` is given) a
 *    secret the secrets sink and the environment lack are re-issued (`change.reissue`), with a line
 *    saying why.
 * 8. Ownership (`adoption.ts`, `ownership.ts`): what the target holds under another owner's label
 *    (or under no label, but for kinds whose create takes one over, such as a tenant) is refused
 *    (`ERR_TARGET_CONFLICT`); a state resource another state owns is never changed, and where this
 *    plan would delete it, it is only forgotten (`change.forget`). State resources without a label
 *    yet get this state's (`plan.claims`, not a change).
 * 9. A resource the state holds that the target no longer has, and that is not declared, is
 *    forgotten (removed from state, no call). Pending operations with nothing left to do are
 *    settled (`plan.settled`, `assemble.ts`).
 * 10. Expiry (`expiry.ts`): each secret of a resource that stays is judged on the target's clock
 *    (expired: an error diagnostic; expiring within the window: a warning; all in `plan.expiry`);
 *    one past its rotation policy, or whose rotation was interrupted, gets a `rotate` action
 *    (`plan.rotations`; its pending rotation is not settled).
 */
import type { PlanMode } from './actions.js';
import type { DesiredState } from './desired-state.js';
import { EMPTY_DESIRED } from './desired-state.js';
import type { Diagnostic } from './diagnostics.js';
import type { ObservedState } from './driver.js';
import { adoptUnrecorded } from './plan/adoption.js';
import { assemblePlan } from './plan/assemble.js';
import { cascadeReplacements, dependencyGraph } from './plan/cascade.js';
import { draftAll } from './plan/draft.js';
import { planSecretExpiry } from './plan/expiry.js';
import { componentDeletes, respectForeignOwners } from './plan/ownership.js';
import { refreshState } from './plan/refresh.js';
import { planReissues } from './plan/reissue.js';
import { selectTargets } from './plan/selection.js';
import type { Plan } from './plan/types.js';
import type { Registry } from './registry/registry.js';
import { DEFAULT_EXPIRY_WARNING_MS } from './secret-status.js';
import type { StateFile } from './state/records.js';
import { BUILT_IN_REGISTRY } from './vendors/index.js';

export type { Plan, PlanSummary, ResourceChange } from './plan/types.js';

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
  /** The kinds there are. @default the built-in vendors' (`vendors/index.ts`) */
  readonly registry?: Registry;
  /** The target's clock, secrets' expiry and age are judged by. @default the local clock */
  readonly now?: Date;
  /** Secrets expiring within this are warned about (`--expiry-warning`). @default 30 days */
  readonly expiryWarningMs?: number;
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
  const registry = options.registry ?? BUILT_IN_REGISTRY;
  const targets = options.targetAddresses && options.targetAddresses.length > 0 ? options.targetAddresses : null;
  const goal = options.mode === 'destroy' ? EMPTY_DESIRED : desired;
  // 1, 6, 8: refresh the state, and adopt (or refuse) what the target holds for unrecorded addresses.
  const seen = refreshState(prior, observed, registry);
  adoptUnrecorded(seen, prior, observed, desired, options.mode, registry);
  const diagnostics: Diagnostic[] = [...seen.diagnostics];
  // 2: a draft per address.
  const drafts = draftAll(goal.resources, seen.known, seen.goneOutOfBand, registry);
  // 3, 4: replacements spread (normal mode).
  const graph = dependencyGraph(drafts);
  if (options.mode === 'normal') cascadeReplacements(drafts, graph, registry);
  // 5: target selection.
  const selected = selectTargets(targets, drafts, graph, desired, options.mode, diagnostics);
  // 8, 3: another state's resources are only forgotten; components go with their parent.
  respectForeignOwners(drafts, selected, diagnostics);
  componentDeletes(drafts, selected, registry, diagnostics);
  // 7: secrets to re-issue, for resources that stay.
  planReissues(drafts, selected, desired, seen.known, prior, options.secretNames, registry, diagnostics);
  // 10: secrets that expire, and those to rotate (normal mode).
  const { expiry, rotations } =
    options.mode === 'normal'
      ? planSecretExpiry(
          drafts,
          selected,
          desired,
          prior,
          registry,
          options.now ?? new Date(),
          options.expiryWarningMs ?? DEFAULT_EXPIRY_WARNING_MS,
          diagnostics,
        )
      : { expiry: undefined, rotations: [] };
  // 9: the changes, with what is refreshed, claimed and settled.
  const plan = assemblePlan({ mode: options.mode, prior, targets, drafts, selected, seen, diagnostics });
  // An interrupted rotation is resumed, not settled.
  const rotating = new Set(rotations.map((r) => r.address));
  const settled = (plan.settled ?? []).filter((a) => !rotating.has(a));
  const { settled: _settled, ...rest } = plan;
  return {
    ...rest,
    ...(settled.length === 0 ? {} : { settled }),
    ...(rotations.length === 0 ? {} : { rotations }),
    ...(expiry === undefined || expiry.secrets.length === 0 ? {} : { expiry }),
  };
}

/** True when applying the plan would change something (on the target or in state), a rotation included. */
export function planHasChanges(plan: Plan): boolean {
  return plan.changes.length > 0 || (plan.rotations ?? []).length > 0;
}
