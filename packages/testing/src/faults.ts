/**
 * @module
 * Fault rules through the emulator's admin API (`/_emulator/faults`): make the next N matching
 * requests to the vendor hosts fail with a vendor-shaped error, slow down, drop the connection or
 * return malformed JSON. Admin calls are never faulted.
 */
import type { AdminClient } from './admin-client.js';

/** What a rule matches. Every field is optional; all given fields must match. */
export interface FaultMatch {
  /** Which vendor host. */
  readonly host?: 'auth' | 'rest' | 'soap' | 'legacy';
  /** Path prefix on that host, case-insensitive (`/v2/token`). */
  readonly path?: string;
  readonly method?: string;
  /** From the token request body, or the `client_id` claim of the presented token. */
  readonly clientId?: string;
  /** Tenant subdomain. */
  readonly tenant?: string;
}

/** What a matching request gets instead of the real answer. */
export type FaultAction =
  | {
      readonly type: 'error';
      /** HTTP status, 400–599. */
      readonly status: number;
      /** OAuth `error` on auth hosts (e.g. `temporarily_unavailable`). @default by status */
      readonly error?: string;
      readonly description?: string;
      /** `Retry-After` seconds. @default 5 for 429 */
      readonly retryAfter?: number;
      /** Replaces the vendor-shaped body with this JSON. */
      readonly body?: unknown;
    }
  | { readonly type: 'latency'; readonly ms: number }
  | { readonly type: 'drop' }
  | { readonly type: 'malformed-json' };

export interface FaultRuleInput {
  /** @default {} (every vendor request) */
  readonly match?: FaultMatch;
  readonly action: FaultAction;
  /** Apply to the next N matches, then remove the rule. @default for ever */
  readonly times?: number;
  /** Chance of applying to a match. @default 1 */
  readonly probability?: number;
}

/** A rule as the emulator holds it. */
export interface FaultRule {
  readonly id: string;
  readonly match: FaultMatch;
  readonly action: FaultAction;
  readonly times: number | null;
  readonly probability: number;
  /** Applications left (`null`: unlimited). */
  readonly remaining: number | null;
  readonly hits: number;
  readonly createdAt: string;
}

/** Adds, lists and removes fault rules. */
export interface Faults {
  /**
   * Adds a rule; resolves with it (keep `id` to remove it).
   * @example await emulator.faults.add({ match: { host: 'auth', path: '/v2/token' }, action: { type: 'error', status: 503 }, times: 1 });
   */
  add(rule: FaultRuleInput): Promise<FaultRule>;
  list(): Promise<FaultRule[]>;
  remove(id: string): Promise<void>;
  /** Removes every rule. */
  clear(): Promise<void>;
}

export function createFaults(admin: AdminClient): Faults {
  return {
    add: (rule) => admin.call<FaultRule>('POST', '/faults', rule),
    list: async () => (await admin.call<{ items: FaultRule[] }>('GET', '/faults')).items,
    remove: (id) => admin.call<void>('DELETE', `/faults/${encodeURIComponent(id)}`),
    clear: () => admin.call<void>('DELETE', '/faults'),
  };
}
