/**
 * @module
 * Attribute-level comparison of one resource of a registered kind: desired attributes against what
 * is known about it (state refreshed by what the target reports). Pure; the comparison itself is
 * `attribute-diff.ts`, by the kind's descriptor.
 */
import type { ResourceDiff } from './attribute-diff.js';
import { compareAttributes } from './attribute-diff.js';
import type { JsonValue } from './json.js';
import type { Registry } from './registry/registry.js';
import { BUILT_IN_REGISTRY } from './vendors/index.js';

export { type AttributeChange, compareAttributes, type ResourceDiff } from './attribute-diff.js';

/**
 * Compares `before` (what is known to exist) with `after` (what is desired), attribute by attribute.
 * @example
 * diffAttributes('api-integration', { scopes: ['a', 'b'] }, { scopes: ['b', 'a'] }); // no changes
 */
export function diffAttributes(
  kind: string,
  before: Readonly<Record<string, JsonValue>>,
  after: Readonly<Record<string, JsonValue>>,
  registry: Registry = BUILT_IN_REGISTRY,
): ResourceDiff {
  return compareAttributes(registry.kind(kind).attributes, before, after);
}
