/**
 * @module
 * The Constant Contact v3 scope catalog (reference §3.3) as the typed union {@link CtctScope}, with a
 * "did you mean" suggestion for unknown names. The partner scope `v3api/general.partner` is not an
 * application scope: partner credentials get it implicitly.
 */
import { editDistance } from '../edit-distance.js';

/** Every application scope, in the order of the vendor's scope page. */
export const CTCT_SCOPES = [
  'account_read',
  'account_update',
  'contact_data',
  'campaign_data',
  'offline_access',
  'billing_data',
] as const;

/** A Constant Contact application scope. */
export type CtctScope = (typeof CTCT_SCOPES)[number];

/** The scope a partner token carries (not assignable to an application). */
export const CTCT_PARTNER_SCOPE = 'v3api/general.partner' as const;

const SCOPE_SET: ReadonlySet<string> = new Set(CTCT_SCOPES);

/**
 * Whether `name` is a Constant Contact application scope.
 * @example isCtctScope('contact_data') // true
 */
export function isCtctScope(name: string): name is CtctScope {
  return SCOPE_SET.has(name);
}

/**
 * The catalog scope closest to an unknown `name`, or `undefined` when nothing is close (the same
 * normalisation and distance limit as the Marketing Cloud `suggestScope`).
 * @example suggestCtctScope('contacts_data') // 'contact_data'
 * @example suggestCtctScope('offline') // 'offline_access'
 */
export function suggestCtctScope(name: string): CtctScope | undefined {
  const normalised = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_');
  if (isCtctScope(normalised)) return normalised;
  const prefixed = CTCT_SCOPES.find((s) => s.startsWith(`${normalised}_`));
  if (prefixed !== undefined && normalised.length >= 4) return prefixed;
  const limit = Math.max(2, Math.floor(normalised.length / 3));
  let best: { scope: CtctScope; distance: number } | undefined;
  for (const scope of CTCT_SCOPES) {
    const distance = editDistance(normalised, scope);
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { scope, distance };
  }
  return best?.scope;
}
