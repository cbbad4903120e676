/**
 * @module
 * Plan modifiers with Terraform's (and terraform-plugin-framework's) semantics.
 */
import type { PlanModifier } from './schema.js';
import { isUnknown } from './wire/unknown.js';

/**
 * Changing the attribute on an existing resource replaces it: the plan shows
 * `# … must be replaced` and `# forces replacement` beside the attribute. Sets compare as sets.
 */
export function requiresReplace<T>(): PlanModifier<T> {
  return ({ resourceExists, changed }) => (resourceExists && changed ? { requiresReplace: true } : undefined);
}

/**
 * Replaces only when `condition(prior, planned)` holds for a change, e.g. shrinking a size.
 * @example requiresReplaceIf((prior, planned) => planned < prior, 'size can only grow')
 */
export function requiresReplaceIf<T>(condition: (prior: T, planned: T) => boolean): PlanModifier<T> {
  return ({ resourceExists, changed, prior, planned }) => {
    if (!resourceExists || !changed) return undefined;
    // Not decidable yet (unknown or null on either side): replace, as `requiresReplace` would.
    if (prior === null || planned === null || isUnknown(planned)) return { requiresReplace: true };
    return condition(prior, planned as T) ? { requiresReplace: true } : undefined;
  };
}

/**
 * For a computed attribute that does not change once set (an id, a creation time): keep the value
 * from state instead of planning "(known after apply)" whenever some other attribute changes.
 */
export function useStateForUnknown<T>(): PlanModifier<T> {
  return ({ resourceExists, planned, prior, config }) => {
    if (!resourceExists || prior === null || !isUnknown(planned) || isUnknown(config)) return undefined;
    return { planned: prior as never };
  };
}
