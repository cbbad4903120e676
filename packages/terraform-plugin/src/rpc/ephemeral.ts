/**
 * @module
 * OpenEphemeralResource, RenewEphemeralResource and CloseEphemeralResource. The result lives in
 * Terraform's memory for one run only; `private` travels as JSON bytes between open, renew and close.
 */

import { normaliseState } from '../plan.js';
import type { JsonValue } from '../provider.js';
import { call, clientOf, Diagnostics, lookup, type Runtime } from './runtime.js';
import {
  decodeFailure,
  decodeObject,
  encodeObject,
  type WireDynamicValue,
  wireDiagnostics,
  wireTimestamp,
} from './wire.js';

const toPrivate = (v: JsonValue | undefined) => (v === undefined ? null : Buffer.from(JSON.stringify(v)));
const fromPrivate = (b: Buffer | null | undefined): JsonValue =>
  b && b.length > 0 ? JSON.parse(b.toString('utf8')) : null;

export async function openEphemeralResource<C>(
  rt: Runtime<C>,
  req: { readonly type_name: string; readonly config: WireDynamicValue | null },
) {
  const diagnostics = new Diagnostics();
  const done = () => ({ diagnostics: wireDiagnostics(diagnostics.items) });
  const found = lookup(rt.provider.ephemeralResources, 'ephemeral resource type', req.type_name, diagnostics);
  if (!found) return done();
  const { definition: d, type, typeName } = found;
  try {
    const config = decodeObject(req.config, type) ?? {};
    const c = clientOf(rt, diagnostics);
    if (!c.ok) return done();
    const opened = await call(diagnostics, `${typeName}: open failed`, () =>
      d.open({ client: c.client, diagnostics, signal: rt.stop.signal, config }),
    );
    if (!opened || diagnostics.hasErrors()) return done();
    return {
      diagnostics: wireDiagnostics(diagnostics.items),
      result: encodeObject(normaliseState(d.schema, opened.result, []), type),
      renew_at: opened.renewAt ? wireTimestamp(opened.renewAt) : null,
      private: toPrivate(opened.private),
    };
  } catch (err) {
    diagnostics.add(decodeFailure(`${typeName} open`, err));
    return done();
  }
}

export async function renewEphemeralResource<C>(
  rt: Runtime<C>,
  req: { readonly type_name: string; readonly private?: Buffer | null },
) {
  const diagnostics = new Diagnostics();
  const found = lookup(rt.provider.ephemeralResources, 'ephemeral resource type', req.type_name, diagnostics);
  const renew = found?.definition.renew;
  const c = clientOf(rt, diagnostics);
  if (!found || !renew || !c.ok) return { diagnostics: wireDiagnostics(diagnostics.items) };
  const renewed = await call(diagnostics, `${found.typeName}: renew failed`, () =>
    renew({ client: c.client, diagnostics, signal: rt.stop.signal, private: fromPrivate(req.private) }),
  );
  return {
    diagnostics: wireDiagnostics(diagnostics.items),
    renew_at: renewed?.renewAt ? wireTimestamp(renewed.renewAt) : null,
    private: toPrivate(renewed?.private),
  };
}

export async function closeEphemeralResource<C>(
  rt: Runtime<C>,
  req: { readonly type_name: string; readonly private?: Buffer | null },
) {
  const diagnostics = new Diagnostics();
  const found = lookup(rt.provider.ephemeralResources, 'ephemeral resource type', req.type_name, diagnostics);
  const close = found?.definition.close;
  const c = clientOf(rt, diagnostics);
  if (found && close && c.ok) {
    await call(diagnostics, `${found.typeName}: close failed`, () =>
      close({ client: c.client, diagnostics, signal: rt.stop.signal, private: fromPrivate(req.private) }),
    );
  }
  return { diagnostics: wireDiagnostics(diagnostics.items) };
}
