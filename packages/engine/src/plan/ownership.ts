/**
 * @module
 * Rule 8 of a plan (`plan.ts`) for state resources: one another state manages (its label on the
 * target) is never changed; where this plan would delete it, it is only forgotten (removed from
 * state, no call). And rule 3's other half: a component's delete happens by deleting its parent;
 * destroying a component alone (its parent stays) changes nothing. Pure.
 */
import type { Diagnostic } from '../diagnostics.js';
import { errorDiagnostic, warningDiagnostic } from '../diagnostics.js';
import { describeOwner } from '../ownership.js';
import type { Registry } from '../registry/registry.js';
import { priorParentOf } from './cascade.js';
import type { Draft } from './draft.js';
import type { Selection } from './selection.js';
import { inSelection } from './selection.js';

/** Forgets, rather than deletes, what another state owns; refuses to change it otherwise. */
export function respectForeignOwners(
  drafts: ReadonlyMap<string, Draft>,
  selected: Selection,
  diagnostics: Diagnostic[],
): void {
  for (const d of drafts.values()) {
    const foreign = d.known?.foreign;
    if (foreign === undefined || !inSelection(selected, d.address)) continue;
    if (d.action === 'delete') {
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
}

/**
 * Component deletes: removed with their parent. Destroying a component alone (its parent stays)
 * changes nothing: the vendor cannot remove it, and the state keeps naming it.
 */
export function componentDeletes(
  drafts: ReadonlyMap<string, Draft>,
  selected: Selection,
  registry: Registry,
  diagnostics: Diagnostic[],
): void {
  for (const d of drafts.values()) {
    if (d.action !== 'delete' || !registry.kind(d.kind).component) continue;
    if (!inSelection(selected, d.address)) continue;
    const parent = priorParentOf(d, registry);
    const p = parent === null ? undefined : drafts.get(parent);
    const parentGoes =
      p !== undefined && (p.action === 'delete' || p.action === 'replace') && inSelection(selected, p.address);
    if (parent !== null && parentGoes) d.removedWith = parent;
    else if (d.forget) continue;
    else if (parent !== null && p !== undefined) {
      d.action = 'noop';
      const noun = registry.kind(p.kind).noun;
      diagnostics.push(
        warningDiagnostic(
          'WARN_COMPONENT_KEPT',
          `${d.address} is not destroyed on its own: the vendor cannot remove a component; it goes when its ${noun} ${parent} is destroyed`,
          d.address,
        ),
      );
    }
  }
}
