/**
 * @module
 * ReadDataSource: the data source's `read` fills in the computed attributes.
 */
import { normaliseState } from '../plan.js';
import { isWhollyKnown } from '../wire/equal.js';
import { call, clientOf, Diagnostics, lookup, type Runtime } from './runtime.js';
import { decodeFailure, decodeObject, encodeObject, type WireDynamicValue, wireDiagnostics } from './wire.js';

export async function readDataSource<C>(
  rt: Runtime<C>,
  req: { readonly type_name: string; readonly config: WireDynamicValue | null },
) {
  const diagnostics = new Diagnostics();
  const done = () => ({ diagnostics: wireDiagnostics(diagnostics.items) });
  const found = lookup(rt.provider.dataSources, 'data source', req.type_name, diagnostics);
  if (!found) return done();
  const { definition: d, type, typeName } = found;
  try {
    const config = decodeObject(req.config, type) ?? {};
    const c = clientOf(rt, diagnostics);
    if (!c.ok) return done();
    const state = await call(diagnostics, `${typeName}: read failed`, () =>
      d.read({ client: c.client, diagnostics, signal: rt.stop.signal, config }),
    );
    if (!state || diagnostics.hasErrors()) return done();
    const value = normaliseState(d.schema, state, []);
    if (!isWhollyKnown(value)) {
      diagnostics.error('Provider returned unknown values', `${typeName}: read left values unknown`);
      return done();
    }
    return { state: encodeObject(value, type), diagnostics: wireDiagnostics(diagnostics.items) };
  } catch (err) {
    diagnostics.add(decodeFailure(`${typeName} read`, err));
    return done();
  }
}
