/**
 * @module
 * ImportResourceState (`terraform import` and `import {}` blocks): `import` turns the id into a
 * (partial) state; Terraform then calls ReadResource with it.
 */
import { normaliseState } from '../plan.js';
import { call, clientOf, Diagnostics, lookup, type Runtime } from './runtime.js';
import { decodeFailure, encodeObject, wireDiagnostics } from './wire.js';

export async function importResourceState<C>(rt: Runtime<C>, req: { readonly type_name: string; readonly id: string }) {
  const diagnostics = new Diagnostics();
  const done = () => ({ imported_resources: [], diagnostics: wireDiagnostics(diagnostics.items) });
  const found = lookup(rt.provider.resources, 'resource type', req.type_name, diagnostics);
  if (!found) return done();
  const { definition: d, type, typeName, writeOnly } = found;
  if (!d.import) {
    diagnostics.error('Import not supported', `${typeName} cannot be imported`);
    return done();
  }
  const importer = d.import;
  const c = clientOf(rt, diagnostics);
  if (!c.ok) return done();
  const state = await call(diagnostics, `${typeName}: import failed`, () =>
    importer({ client: c.client, diagnostics, signal: rt.stop.signal, id: req.id }),
  );
  if (state === null && !diagnostics.hasErrors()) {
    diagnostics.error('Cannot import non-existent remote object', `${typeName} "${req.id}" does not exist`);
  }
  if (!state || diagnostics.hasErrors()) return done();
  try {
    const value = normaliseState(d.schema, state, writeOnly);
    return {
      imported_resources: [{ type_name: typeName, state: encodeObject(value, type), private: Buffer.alloc(0) }],
      diagnostics: wireDiagnostics(diagnostics.items),
    };
  } catch (err) {
    diagnostics.add(decodeFailure(`${typeName} import`, err));
    return done();
  }
}
