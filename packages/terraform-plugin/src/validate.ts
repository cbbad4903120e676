/**
 * @module
 * Runs attribute validators over a configuration (pure). Validators see known, non-null values only;
 * unknown values are checked at apply time, when Terraform validates again with them known. Nested
 * blocks and nested attributes are walked, and each diagnostic carries its attribute path.
 */
import { type AttributePath, type Diagnostic, error, warning } from './diagnostics.js';
import type { ObjectValue } from './plan.js';
import type { AnyAttribute, BlockNesting, Schema, ValidatorResult } from './schema.js';
import { isWhollyKnown } from './wire/equal.js';
import { isUnknown } from './wire/unknown.js';
import type { TfValue } from './wire/value.js';

/** Every problem the schema's validators find in `config`. */
export function validateConfig(schema: Schema, config: ObjectValue, path: AttributePath = []): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, a] of Object.entries(schema.attributes)) {
    const value = config[name] ?? null;
    const at = [...path, name];
    if (value === null || isUnknown(value)) continue;
    if (typeof a.options.deprecated === 'string') {
      out.push(warning('Deprecated attribute', `"${name}" is deprecated: ${a.options.deprecated}`, at));
    }
    if (isWhollyKnown(value)) out.push(...runValidators(a, value, at));
    if (a.nested) out.push(...validateNested(a.nested.nesting, a.nested.schema, value, at));
  }
  for (const [name, b] of Object.entries(schema.blocks ?? {})) {
    const value = config[name] ?? null;
    if (value === null || isUnknown(value)) continue;
    out.push(...validateNested(b.nesting, b.schema, value, [...path, name]));
  }
  return out;
}

function validateNested(nesting: BlockNesting, schema: Schema, value: TfValue, path: AttributePath): Diagnostic[] {
  const out: Diagnostic[] = [];
  forEachNested(nesting, value, path, (v, p) => out.push(...validateConfig(schema, v, p)));
  // A set element has no index Terraform could follow: point at the set itself.
  return nesting === 'set' ? out.map((d) => ({ ...d, path })) : out;
}

function runValidators(a: AnyAttribute, value: TfValue, path: AttributePath): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const validator of a.options.validators ?? []) out.push(...asDiagnostics(validator(value, { path }), path));
  return out;
}

function asDiagnostics(result: ValidatorResult, path: AttributePath): readonly Diagnostic[] {
  if (result === undefined) return [];
  if (typeof result === 'string') return [error('Invalid attribute value', `${label(path)}: ${result}`, path)];
  const list: readonly Diagnostic[] = Array.isArray(result) ? result : [result as Diagnostic];
  return list.map((d) => (d.path ? d : { ...d, path }));
}

/** `rule[0].port` for a path. */
export function label(path: AttributePath): string {
  return path
    .map((s, i) =>
      typeof s === 'string' ? (i === 0 ? s : `.${s}`) : typeof s === 'number' ? `[${s}]` : `[${JSON.stringify(s.key)}]`,
    )
    .join('');
}

function forEachNested(
  nesting: BlockNesting,
  value: TfValue,
  path: AttributePath,
  visit: (v: ObjectValue, p: AttributePath) => void,
): void {
  const visitOne = (v: TfValue, p: AttributePath) => {
    if (v !== null && !isUnknown(v) && typeof v === 'object' && !Array.isArray(v)) visit(v as ObjectValue, p);
  };
  if (nesting === 'single' || nesting === 'group') {
    visitOne(value, path);
  } else if (nesting === 'list') {
    (value as readonly TfValue[]).forEach((v, i) => {
      visitOne(v, [...path, i]);
    });
  } else if (nesting === 'set') {
    for (const v of value as readonly TfValue[]) visitOne(v, path);
  } else {
    for (const [k, v] of Object.entries(value as ObjectValue)) visitOne(v, [...path, { key: k }]);
  }
}
