/**
 * @module
 * The last step of a plan (`plan.ts`): the revised drafts of the selected addresses become the
 * plan's changes (an adopted resource the config keeps is a create the target already did) and its
 * summary; refreshed values and claims are kept for resources that stay; pending operations with
 * nothing left to do are settled (rule 9). Pure.
 */
import type { Action, PlanMode } from '../actions.js';
import type { Diagnostic } from '../diagnostics.js';
import type { JsonObject } from '../json.js';
import type { StateFile } from '../state/records.js';
import type { Draft } from './draft.js';
import type { Refreshed } from './refresh.js';
import type { Selection } from './selection.js';
import { inSelection } from './selection.js';
import type { Plan, PlanSummary, ResourceChange } from './types.js';

const ADOPTED_REASON =
  'created by an apply of this state that was killed before recording it: found on the target by its ownership label and adopted';

function changeOf(d: Draft, action: Action, adopted: { readonly id: string } | null): ResourceChange {
  const isDelete = action === 'delete';
  return {
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
    reasons: adopted === null ? d.reasons : [ADOPTED_REASON, ...d.reasons],
    ...(d.removedWith === undefined ? {} : { removedWith: d.removedWith }),
    ...(adopted === null ? {} : { adopt: adopted }),
    ...(d.reissue === undefined ? {} : { reissue: d.reissue }),
    ...(d.forget === true ? { forget: true as const } : {}),
  };
}

/** The changes of the selected drafts, sorted by address, and the summary (noops counted, not listed). */
function changesAndSummary(
  drafts: ReadonlyMap<string, Draft>,
  selected: Selection,
): { changes: ResourceChange[]; summary: PlanSummary } {
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
    if (!inSelection(selected, d.address)) continue;
    const adopted = d.known?.adopted === true && d.known !== null ? { id: d.known.id } : null;
    // An adopted resource the config keeps is a create the target already did.
    const action: Action = adopted !== null && d.action === 'update' ? 'create' : d.action;
    if (adopted !== null && action === 'create') bump('adopt');
    else if (d.forget) bump('forget');
    else summary[action] += 1;
    if (d.reissue !== undefined) bump('reissue', d.reissue.length);
    if (action !== 'noop') changes.push(changeOf(d, action, adopted));
  }
  changes.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  return { changes, summary };
}

/** Assembles the plan from the revised drafts. */
export function assemblePlan(args: {
  readonly mode: PlanMode;
  readonly prior: StateFile;
  readonly targets: readonly string[] | null;
  readonly drafts: ReadonlyMap<string, Draft>;
  readonly selected: Selection;
  readonly seen: Refreshed;
  readonly diagnostics: readonly Diagnostic[];
}): Plan {
  const { prior, drafts, selected, seen } = args;
  const { changes, summary } = changesAndSummary(drafts, selected);
  const goes = (address: string) => {
    const action = drafts.get(address)?.action;
    return action === 'delete' || action === 'replace';
  };
  // Refreshed values of resources that stay: a delete removes them, a replace gets new ones.
  const kept: Record<string, JsonObject> = {};
  for (const [address, values] of [...seen.refreshed.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (inSelection(selected, address) && goes(address)) continue;
    kept[address] = values;
  }
  const changed = new Set(changes.map((c) => c.address));
  const claims = seen.claims.filter((a) => inSelection(selected, a) && !goes(a));
  const settled = Object.keys(prior.pending)
    .filter((a) => inSelection(selected, a) && !changed.has(a))
    .sort();
  return {
    formatVersion: 1,
    mode: args.mode,
    prior: { lineage: prior.serial === 0 ? null : prior.lineage, serial: prior.serial },
    targetAddresses: args.targets === null ? null : [...args.targets],
    changes,
    summary,
    diagnostics: [...args.diagnostics],
    refreshed: kept,
    ...(claims.length === 0 ? {} : { claims }),
    ...(settled.length === 0 ? {} : { settled }),
  };
}
