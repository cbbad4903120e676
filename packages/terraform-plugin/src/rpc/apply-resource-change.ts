/**
 * @module
 * ApplyResourceChange: create (no prior state), delete (planned state null) or update. The state
 * returned has every attribute, write-only ones null, and no unknowns. On failure Terraform gets the
 * state as it stands: nothing after a failed create, the prior state after a failed update or delete.
 */

import { normaliseState, type ObjectValue } from '../plan.js';
import { label } from '../validate.js';
import { isWhollyKnown } from '../wire/equal.js';
import { call, clientOf, Diagnostics, lookup, type Runtime } from './runtime.js';
import { decodeFailure, decodeObject, encodeObject, type WireDynamicValue, wireDiagnostics } from './wire.js';

export async function applyResourceChange<C>(
  rt: Runtime<C>,
  req: {
    readonly type_name: string;
    readonly prior_state: WireDynamicValue | null;
    readonly planned_state: WireDynamicValue | null;
    readonly config: WireDynamicValue | null;
    readonly planned_private: Buffer;
  },
) {
  const diagnostics = new Diagnostics();
  const found = lookup(rt.provider.resources, 'resource type', req.type_name, diagnostics);
  if (!found) return { diagnostics: wireDiagnostics(diagnostics.items) };
  const { definition: d, type, typeName, writeOnly } = found;
  const answer = (state: ObjectValue | null) => ({
    new_state: encodeObject(state, type),
    private: req.planned_private,
    diagnostics: wireDiagnostics(diagnostics.items),
  });
  let prior: ObjectValue | null = null;
  try {
    prior = decodeObject(req.prior_state, type);
    const planned = decodeObject(req.planned_state, type);
    const config = decodeObject(req.config, type) ?? {};
    const c = clientOf(rt, diagnostics);
    if (!c.ok) return answer(prior);
    const base = { client: c.client, diagnostics, signal: rt.stop.signal };
    if (planned === null) {
      if (prior === null) return answer(null);
      const before = prior;
      await call(diagnostics, `${typeName}: delete failed`, () => d.delete({ ...base, prior: before }));
      return answer(diagnostics.hasErrors() ? prior : null);
    }
    let result: { readonly [name: string]: unknown } | undefined;
    if (prior === null) {
      result = await call(diagnostics, `${typeName}: create failed`, () => d.create({ ...base, config, planned }));
    } else if (d.update) {
      const update = d.update;
      const before = prior;
      result = await call(diagnostics, `${typeName}: update failed`, () =>
        update({ ...base, config, planned, prior: before }),
      );
    } else {
      diagnostics.error(
        'Update not supported',
        `${typeName} cannot be updated in place; the provider must mark the changed attributes requiresReplace`,
      );
    }
    if (result === undefined || result === null) return answer(prior);
    const state = normaliseState(d.schema, result, writeOnly);
    const unknownAt = Object.keys(state).filter((k) => !isWhollyKnown(state[k]));
    if (unknownAt.length > 0) {
      diagnostics.error(
        'Provider returned unknown values',
        `${typeName}: ${prior === null ? 'create' : 'update'} left ${unknownAt.map((k) => label([k])).join(', ')} unknown`,
      );
      return answer(prior);
    }
    return answer(state);
  } catch (err) {
    diagnostics.add(decodeFailure(`${typeName} change`, err));
    return answer(prior);
  }
}
