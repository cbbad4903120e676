/**
 * @module
 * Attribute-level comparison by a kind's attribute descriptors (pure): desired attributes against
 * what is known about a resource. Sets compare as sets; computed values such as client ids and
 * endpoints are not attributes and are never compared. `diff.ts` looks the descriptors up by kind.
 */
import type { JsonValue } from './json.js';
import { canonicalJson } from './json.js';
import type { AttributeDescriptor, CompareMode } from './registry/descriptor.js';

export interface AttributeChange {
  readonly name: string;
  /** `undefined` when the attribute was absent before (or is absent after). */
  readonly before: JsonValue | undefined;
  readonly after: JsonValue | undefined;
  /** The target cannot change this in place. */
  readonly forcesReplacement: boolean;
  /** For set-valued attributes: elements added and removed. */
  readonly added?: readonly JsonValue[];
  readonly removed?: readonly JsonValue[];
}

export interface ResourceDiff {
  readonly changes: readonly AttributeChange[];
  readonly requiresReplace: boolean;
}

function elements(mode: CompareMode, value: JsonValue | undefined): Map<string, JsonValue> | null {
  if (!Array.isArray(value)) return null;
  const out = new Map<string, JsonValue>();
  for (const v of value as readonly JsonValue[]) out.set(canonicalJson(v), v);
  return mode === 'value' ? null : out;
}

function compareAttribute(
  name: string,
  mode: CompareMode,
  before: JsonValue | undefined,
  after: JsonValue | undefined,
  forcesReplacement: boolean,
): AttributeChange | null {
  if (mode !== 'value') {
    const b = elements(mode, before);
    const a = elements(mode, after);
    if (b !== null && a !== null) {
      const added = [...a.entries()].filter(([k]) => !b.has(k)).map(([, v]) => v);
      const removed = [...b.entries()].filter(([k]) => !a.has(k)).map(([, v]) => v);
      if (added.length === 0 && removed.length === 0) return null;
      return { name, before, after, forcesReplacement, added, removed };
    }
  }
  if (canonicalJson(before) === canonicalJson(after)) return null;
  return { name, before, after, forcesReplacement };
}

/**
 * Compares `before` (what is known to exist) with `after` (what is desired), attribute by attribute.
 * @example
 * compareAttributes(apiIntegration.attributes, { scopes: ['a', 'b'] }, { scopes: ['b', 'a'] }); // no changes
 */
export function compareAttributes(
  attributes: Readonly<Record<string, AttributeDescriptor>>,
  before: Readonly<Record<string, JsonValue>>,
  after: Readonly<Record<string, JsonValue>>,
): ResourceDiff {
  const changes: AttributeChange[] = [];
  for (const [name, rule] of Object.entries(attributes)) {
    const change = compareAttribute(name, rule.compare, before[name], after[name], rule.onChange === 'replace');
    if (change !== null) changes.push(change);
  }
  return { changes, requiresReplace: changes.some((c) => c.forcesReplacement) };
}
