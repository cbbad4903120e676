/**
 * @module
 * ReadResource: refreshes state from the remote object (drift). `read` returning null tells Terraform
 * the object is gone, and the next plan creates it again.
 */
import { normaliseState } from '../plan.js';
import { call, clientOf, Diagnostics, lookup, type Runtime } from './runtime.js';
import { decodeFailure, decodeObject, encodeObject, type WireDynamicValue, wireDiagnostics } from './wire.js';

export async function readResource<C>(
  rt: Runtime<C>,
  req: { readonly type_name: string; readonly current_state: WireDynamicValue | null; readonly private: Buffer },
) {
  const diagnostics = new Diagnostics();
  const found = lookup(rt.provider.resources, 'resource type', req.type_name, diagnostics);
  if (!found) return { diagnostics: wireDiagnostics(diagnostics.items) };
  const { definition: d, type, typeName, writeOnly } = found;
  try {
    const current = decodeObject(req.current_state, type);
    const answer = (state: typeof current) => ({
      new_state: encodeObject(state, type),
      private: req.private,
      diagnostics: wireDiagnostics(diagnostics.items),
    });
    if (current === null) return answer(null);
    const c = clientOf(rt, diagnostics);
    if (!c.ok) return answer(current);
    const read = await call(diagnostics, `${typeName}: read failed`, () =>
      d.read({ client: c.client, diagnostics, signal: rt.stop.signal, state: current }),
    );
    if (read === undefined || diagnostics.hasErrors()) return answer(current);
    return answer(read === null ? null : normaliseState(d.schema, read, writeOnly));
  } catch (err) {
    diagnostics.add(decodeFailure(`${typeName} state`, err));
    return { diagnostics: wireDiagnostics(diagnostics.items) };
  }
}
