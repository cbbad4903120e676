/**
 * @module
 * Rule 5 of a plan (`plan.ts`), target selection (Terraform's `-target`): `targetAddresses` keeps
 * only those addresses, their dependencies that change, and whatever a replacement drags along.
 * Destroy mode deletes the targets and everything depending on them; destroying an address whose
 * spec changed since it was applied is skipped (a Terraform replace-on-change). Pure.
 */
import type { PlanMode } from '../actions.js';
import type { DesiredState } from '../desired-state.js';
import type { Diagnostic } from '../diagnostics.js';
import { errorDiagnostic, warningDiagnostic } from '../diagnostics.js';
import type { Graph } from './cascade.js';
import type { Draft } from './draft.js';

/** `null`: every address is selected. */
export type Selection = ReadonlySet<string> | null;

export function inSelection(selected: Selection, address: string): boolean {
  return selected === null || selected.has(address);
}

/** The addresses a targeted plan keeps (with diagnostics for unknown or skipped targets). */
export function selectTargets(
  targets: readonly string[] | null,
  drafts: ReadonlyMap<string, Draft>,
  graph: Graph,
  desired: DesiredState,
  mode: PlanMode,
  diagnostics: Diagnostic[],
): Selection {
  if (targets === null) return null;
  const selected = new Set<string>();
  const queue: string[] = [];
  for (const t of targets) {
    if (!drafts.has(t) && desired.resources[t] === undefined) {
      diagnostics.push(errorDiagnostic('ERR_UNKNOWN_ADDRESS', `no resource at address ${t}`, t));
      continue;
    }
    const d = drafts.get(t);
    const wanted = desired.resources[t];
    if (
      mode === 'destroy' &&
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
    if (mode === 'destroy') {
      // Destroying an address destroys what depends on it.
      for (const dep of graph.dependents.get(a) ?? [])
        if (drafts.get(dep)?.known?.dependsOn.includes(a)) queue.push(dep);
    } else {
      for (const dep of d?.desired?.dependsOn ?? []) queue.push(dep);
      for (const l of graph.links.get(a) ?? []) queue.push(l);
    }
  }
  return selected;
}
