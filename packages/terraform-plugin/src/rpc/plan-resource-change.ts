/**
 * @module
 * PlanResourceChange: {@link planResource}'s semantics, then the resource's `modifyPlan`.
 */
import { normaliseState, planResource } from '../plan.js';
import { call, Diagnostics, lookup, type Runtime } from './runtime.js';
import { decodeFailure, decodeObject, encodeObject, type WireDynamicValue, wireDiagnostics, wirePath } from './wire.js';

export async function planResourceChange<C>(
  rt: Runtime<C>,
  req: {
    readonly type_name: string;
    readonly prior_state: WireDynamicValue | null;
    readonly proposed_new_state: WireDynamicValue | null;
    readonly config: WireDynamicValue | null;
    readonly prior_private: Buffer;
  },
) {
  const diagnostics = new Diagnostics();
  const found = lookup(rt.provider.resources, 'resource type', req.type_name, diagnostics);
  if (!found) return { diagnostics: wireDiagnostics(diagnostics.items), requires_replace: [] };
  const { definition, type } = found;
  try {
    const prior = decodeObject(req.prior_state, type);
    const proposed = decodeObject(req.proposed_new_state, type);
    const config = decodeObject(req.config, type);
    if (proposed === null || config === null) {
      // A destroy: nothing to plan (Terraform only asks when plan_destroy is advertised).
      return {
        planned_state: encodeObject(null, type),
        requires_replace: [],
        planned_private: req.prior_private,
        diagnostics: [],
      };
    }
    const result = planResource({ schema: definition.schema, type, prior, proposed, config });
    diagnostics.add(...result.diagnostics);
    let planned = result.planned;
    const requiresReplace = [...result.requiresReplace];
    if (definition.modifyPlan && !diagnostics.hasErrors()) {
      const modify = definition.modifyPlan;
      const modified = await call(diagnostics, `${req.type_name}: planning failed`, () =>
        modify({ client: rt.client, diagnostics, config, planned, prior, signal: rt.stop.signal }),
      );
      if (modified?.planned) planned = normaliseState(definition.schema, modified.planned, found.writeOnly);
      for (const name of modified?.requiresReplace ?? []) {
        if (prior !== null && !requiresReplace.some((p) => p[0] === name)) requiresReplace.push([name]);
      }
    }
    return {
      planned_state: encodeObject(planned, type),
      requires_replace: requiresReplace.map(wirePath),
      planned_private: req.prior_private,
      diagnostics: wireDiagnostics(diagnostics.items),
    };
  } catch (err) {
    diagnostics.add(decodeFailure(`${req.type_name} plan`, err));
    return { requires_replace: [], diagnostics: wireDiagnostics(diagnostics.items) };
  }
}
