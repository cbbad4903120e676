/**
 * @module
 * How a resource change is planned, with Terraform's semantics (pure: no I/O, no provider code other
 * than plan modifiers). Starting from Terraform's proposed new state (the configuration merged with
 * prior state):
 * 1. write-only attributes are planned null (they never enter plan or state);
 * 2. an optional+computed attribute left null in configuration gets its `default`;
 * 3. when the resource is created or changes, a computed attribute left null in configuration becomes
 *    unknown ("known after apply"), unless it has a default;
 * 4. attribute plan modifiers run in order (`useStateForUnknown`, `requiresReplace`, your own); each
 *    sees whether its attribute changed, with sets compared as sets.
 */
import type { AttributePath, Diagnostic } from './diagnostics.js';
import type { AnyAttribute, Schema } from './schema.js';
import type { CtyType } from './wire/cty-type.js';
import { valuesEqual } from './wire/equal.js';
import { unknown } from './wire/unknown.js';
import type { TfValue } from './wire/value.js';

/** A resource's values, untyped. */
export type ObjectValue = { readonly [name: string]: TfValue };

export interface PlanInput {
  readonly schema: Schema;
  readonly type: CtyType;
  readonly prior: ObjectValue | null;
  readonly proposed: ObjectValue;
  readonly config: ObjectValue;
}

export interface PlanOutput {
  readonly planned: ObjectValue;
  readonly requiresReplace: readonly AttributePath[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Plans a create (no prior) or an update of one resource. */
export function planResource({ schema, type, prior, proposed, config }: PlanInput): PlanOutput {
  const attributes = Object.entries(schema.attributes);
  const planned: Record<string, TfValue> = { ...proposed };
  for (const [name, a] of attributes) {
    if (a.options.writeOnly) planned[name] = null;
    else if (hasDefault(a) && (config[name] ?? null) === null) planned[name] = a.options.default as TfValue;
  }
  const changing = prior === null || !valuesEqual(planned, prior, type);
  if (changing) {
    for (const [name, a] of attributes) {
      if (a.options.computed && !hasDefault(a) && (config[name] ?? null) === null) planned[name] = unknown;
    }
  }
  const requiresReplace: AttributePath[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [name, a] of attributes) {
    for (const modify of a.options.planModifiers ?? []) {
      const priorValue = prior?.[name] ?? null;
      const result = modify({
        path: [name],
        config: config[name] ?? null,
        planned: planned[name] ?? null,
        prior: priorValue,
        resourceExists: prior !== null,
        changed: prior !== null && !valuesEqual(planned[name], priorValue, a.type.cty),
      });
      if (!result) continue;
      if (result.planned !== undefined) planned[name] = result.planned as TfValue;
      if (result.requiresReplace && prior !== null && !requiresReplace.some((p) => p[0] === name)) {
        requiresReplace.push([name]);
      }
      diagnostics.push(...(result.diagnostics ?? []));
    }
  }
  return { planned, requiresReplace, diagnostics };
}

function hasDefault(a: AnyAttribute): boolean {
  return a.options.default !== undefined;
}

/** State as the provider may return it: every attribute present, write-only ones null. */
export function normaliseState(
  schema: Schema,
  value: { readonly [name: string]: unknown },
  writeOnly: readonly string[],
): ObjectValue {
  const out: Record<string, TfValue> = {};
  for (const name of [...Object.keys(schema.attributes), ...Object.keys(schema.blocks ?? {})]) {
    // The encoder checks each value against the schema's type.
    out[name] = writeOnly.includes(name) ? null : ((value[name] ?? null) as TfValue);
  }
  return out;
}
