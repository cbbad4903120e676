/**
 * @module
 * Rules 6 and 8 of a plan (`plan.ts`) for declared addresses the state does not hold, which a
 * target that keeps labels reports with their owner: this state's label (or, for a component, a
 * parent this state holds or adopts) means a killed apply created it, so it is adopted; another
 * owner's label, or no label (but for kinds whose create takes one over), is refused
 * (`ERR_TARGET_CONFLICT`). A read-only target's reports (no labels) are taken as known. Pure.
 */

import type { PlanMode } from '../actions.js';
import type { DesiredState } from '../desired-state.js';
import { errorDiagnostic } from '../diagnostics.js';
import type { ObservedResource, ObservedState } from '../driver.js';
import { describeOwner, ownerLabel } from '../ownership.js';
import { carriesOwnerLabel, parentAddress } from '../registry/descriptor.js';
import type { Registry } from '../registry/registry.js';
import type { StateFile } from '../state/records.js';
import type { Known } from './draft.js';
import type { Refreshed } from './refresh.js';

const DEFAULT_UNMANAGED_HINT = 'remove it from the target or declare another one';

/** Adds what the target holds for declared addresses the state lacks to `seen` (adopted, or refused). */
export function adoptUnrecorded(
  seen: Refreshed,
  prior: StateFile,
  observed: ObservedState | null,
  desired: DesiredState,
  mode: PlanMode,
  registry: Registry,
): void {
  const { known, goneOutOfBand, diagnostics } = seen;
  // Parents (labelled kinds) first, so a component can follow its adopted parent.
  const unrecorded = Object.entries(observed ?? {}).filter(
    ([address, o]) => o !== null && !known.has(address) && !goneOutOfBand.has(address),
  ) as [string, ObservedResource][];
  const rank = (address: string) => {
    const kind = desired.resources[address]?.kind;
    return kind !== undefined && registry.kind(kind).component ? 1 : 0;
  };
  unrecorded.sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const [address, o] of unrecorded) {
    const d = desired.resources[address];
    if (d === undefined) continue;
    const descriptor = registry.kind(d.kind);
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
    const labelled = carriesOwnerLabel(descriptor);
    const parent = parentAddress(descriptor, d.attributes);
    const ours = labelled
      ? o.owner === ownerLabel(prior.lineage, address)
      : parent !== null && (prior.resources[parent] !== undefined || known.get(parent)?.adopted === true);
    if (ours && prior.serial > 0) {
      known.set(address, { ...asKnown, adopted: true });
      continue;
    }
    // Destroy leaves alone what is not this state's; its own (adopted above) is deleted.
    if (!labelled || mode === 'destroy') continue; // a component: its parent is reported
    if (o.owner !== null) {
      diagnostics.push(
        errorDiagnostic(
          'ERR_TARGET_CONFLICT',
          `the target already has this ${d.kind} (${o.id}) and it belongs to ${describeOwner(o.owner)}: this state will not take it over. Declare another one, or destroy it with the state that owns it`,
          address,
        ),
      );
    } else if (descriptor.claimsUnmanaged !== true) {
      // A kind whose create takes an unlabelled one over (a tenant) claims it; anything else would clash.
      diagnostics.push(
        errorDiagnostic(
          'ERR_TARGET_CONFLICT',
          `the target already has this ${d.kind} (${o.id}) and no grantform state manages it (an emulator seeded from this config, or a state from before ownership labels, made it): ${descriptor.unmanagedHint ?? DEFAULT_UNMANAGED_HINT}`,
          address,
        ),
      );
    }
  }
}
