/**
 * @module
 * Rule 7 of a plan (`plan.ts`), re-issue: a target shows a secret once. For resources that stay, an
 * adopted resource's secrets, a secret an interrupted update may have rotated (`state.pending`), and
 * (when `secretNames` is given) a secret the secrets sink and the environment lack are re-issued
 * (`change.reissue`), each with a line saying why. A secret this state was never given (an import
 * without it) is only warned about. An adopted resource is recorded even when it matches. Pure.
 */
import type { DesiredState } from '../desired-state.js';
import type { Diagnostic } from '../diagnostics.js';
import { warningDiagnostic } from '../diagnostics.js';
import type { SecretSlot } from '../issued-secrets.js';
import { childSecretEnvs, rotatedSecrets, secretSlots } from '../issued-secrets.js';
import type { Registry } from '../registry/registry.js';
import type { StateFile } from '../state/records.js';
import type { Draft, Known } from './draft.js';
import type { Selection } from './selection.js';
import { inSelection } from './selection.js';

/** Why `slot` of draft `d` is re-issued, or `null` when it is not (pushing a warning when it is not held). */
function reissueReason(
  d: Draft & { readonly known: Known },
  slot: SecretSlot,
  prior: StateFile,
  secretNames: ReadonlySet<string> | undefined,
  renamedFrom: string | undefined,
  diagnostics: Diagnostic[],
): string | null {
  const pending = prior.pending[d.address];
  if (d.known.adopted === true) {
    return `${slot.env}: the target showed this ${slot.name} once, to the apply that was killed; it is re-issued`;
  }
  if (pending?.step === 'update' && pending.secrets.includes(slot.name)) {
    return `${slot.env}: an interrupted apply may have had the target re-issue this ${slot.name} without storing it; it is re-issued`;
  }
  if (secretNames === undefined || secretNames.has(slot.env)) return null;
  // A secret whose env a child is renaming is moved by the update of that child.
  if (renamedFrom !== undefined && renamedFrom !== slot.env && secretNames.has(renamedFrom)) return null;
  if (prior.resources[d.address]?.secretsNotHeld?.includes(slot.name) === true) {
    diagnostics.push(
      warningDiagnostic(
        'WARN_SECRET_NOT_HELD',
        `${d.address}: ${slot.env} is not set, and this state was never given that ${slot.name} (it was imported without it): set ${slot.env}, or import it with its secret`,
        d.address,
      ),
    );
    return null;
  }
  return `${slot.env} is not in the secrets sink or the environment: the target re-issues this ${slot.name} (the old value, wherever it is, stops working)`;
}

/** Marks the secrets to re-issue on the drafts that stay (a noop becomes an update). */
export function planReissues(
  drafts: ReadonlyMap<string, Draft>,
  selected: Selection,
  desired: DesiredState,
  known: ReadonlyMap<string, Known>,
  prior: StateFile,
  secretNames: ReadonlySet<string> | undefined,
  registry: Registry,
  diagnostics: Diagnostic[],
): void {
  const declaredEnvs = childSecretEnvs(Object.values(desired.resources), registry);
  const knownEnvs = childSecretEnvs(known.values(), registry);
  for (const d of drafts.values()) {
    if (d.desired === null || d.known === null || !inSelection(selected, d.address)) continue;
    if (d.action !== 'noop' && d.action !== 'update') continue;
    if (secretNames === undefined && d.known.adopted !== true && prior.pending[d.address] === undefined) continue;
    const descriptor = registry.kind(d.kind);
    const slots = secretSlots(descriptor, d.address, d.desired.attributes, declaredEnvs);
    if (slots.length === 0) continue;
    const rotating = new Set(rotatedSecrets(descriptor, d.attributes));
    const reissue: SecretSlot[] = [];
    for (const slot of slots) {
      if (rotating.has(slot.name)) continue; // the update rotates it anyway
      const renamedFrom = knownEnvs.get(d.address)?.get(slot.name);
      const why = reissueReason(d as Draft & { known: Known }, slot, prior, secretNames, renamedFrom, diagnostics);
      if (why === null) continue;
      reissue.push(slot);
      d.reasons.push(why);
    }
    if (reissue.length === 0) continue;
    d.reissue = reissue;
    if (d.action === 'noop') d.action = 'update';
  }
  // An adopted resource is recorded even when it already matches the config.
  for (const d of drafts.values()) {
    if (d.known?.adopted === true && d.action === 'noop') d.action = 'update';
  }
}
