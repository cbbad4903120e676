/**
 * @module
 * UpgradeResourceState. State written under the current schema version is returned as the raw JSON
 * Terraform sent (re-encoding it through JavaScript numbers would round integers beyond 2^53 and show a
 * diff on every plan); older versions go through the resource's `upgradeState`.
 */

import { normaliseState } from '../plan.js';
import type { JsonValue } from '../provider.js';
import { call, Diagnostics, lookup, type Runtime } from './runtime.js';
import { encodeObject, wireDiagnostics } from './wire.js';

export async function upgradeResourceState<C>(
  rt: Runtime<C>,
  req: { readonly type_name: string; readonly version: number; readonly raw_state: { readonly json: Buffer } | null },
) {
  const diagnostics = new Diagnostics();
  const done = () => ({ diagnostics: wireDiagnostics(diagnostics.items) });
  const found = lookup(rt.provider.resources, 'resource type', req.type_name, diagnostics);
  if (!found) return done();
  const { definition: d, type, typeName, writeOnly } = found;
  const json = req.raw_state?.json;
  if (!json || json.length === 0) {
    diagnostics.error(
      'Unsupported state format',
      `${typeName}: only JSON state is supported (not the pre-0.12 flatmap)`,
    );
    return done();
  }
  const current = d.schema.version ?? 0;
  if (req.version === current) return { upgraded_state: { json }, diagnostics: [] };
  if (req.version > current) {
    diagnostics.error(
      'State from a newer provider',
      `${typeName}: state has schema version ${req.version}, this provider knows ${current}; use the newer provider`,
    );
    return done();
  }
  if (!d.upgradeState) {
    diagnostics.error(
      'Cannot upgrade state',
      `${typeName}: no upgradeState for schema version ${req.version} → ${current}`,
    );
    return done();
  }
  const upgrade = d.upgradeState;
  let parsed: { readonly [name: string]: JsonValue };
  try {
    parsed = JSON.parse(json.toString('utf8'));
  } catch (err) {
    diagnostics.error('Invalid stored state', `${typeName}: ${(err as Error).message}`);
    return done();
  }
  const state = await call(diagnostics, `${typeName}: state upgrade failed`, () =>
    upgrade({ version: req.version, state: parsed, diagnostics }),
  );
  if (!state || diagnostics.hasErrors()) return done();
  try {
    return {
      upgraded_state: encodeObject(normaliseState(d.schema, state, writeOnly), type),
      diagnostics: wireDiagnostics(diagnostics.items),
    };
  } catch (err) {
    diagnostics.error('Invalid upgraded state', `${typeName}: ${(err as Error).message}`);
    return done();
  }
}
