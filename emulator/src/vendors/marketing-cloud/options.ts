/**
 * @module
 * Marketing Cloud's options: top-level fields of `createEmulator({...})` (their names predate the
 * other vendors), resolved and checked once, with every default written here.
 */
import { positiveInt } from '../../options.js';
import { EmulatorStore } from './store/store.js';

/** What to do when a token request names a scope the integration does not have (UNCONFIRMED upstream). */
export type OutOfScopePolicy = 'error' | 'intersect';

export interface MarketingCloudOptions {
  /** @default new EmulatorStore() */
  readonly store?: EmulatorStore;
  /** Real access-token lifetime in seconds (`exp - iat`). @default 1200 (20 minutes) */
  readonly accessTokenLifetime?: number;
  /** `expires_in` returned to clients. @default 1079 (what real responses say) */
  readonly expiresIn?: number;
  /** Refresh-token lifetime in seconds (absolute, not sliding). @default 2592000 (30 days) */
  readonly refreshTokenLifetime?: number;
  /** Authorization-code lifetime in seconds. @default 300 */
  readonly codeLifetime?: number;
  /** Scope outside the integration at /v2/token or /v2/authorize. @default 'error' (400 invalid_scope) */
  readonly outOfScopePolicy?: OutOfScopePolicy;
}

export interface ResolvedMarketingCloudOptions {
  readonly store: EmulatorStore;
  readonly accessTokenLifetime: number;
  readonly expiresIn: number;
  readonly refreshTokenLifetime: number;
  readonly codeLifetime: number;
  readonly outOfScopePolicy: OutOfScopePolicy;
}

/** Applies every default and checks the options. */
export function resolveMarketingCloudOptions(o: MarketingCloudOptions = {}): ResolvedMarketingCloudOptions {
  if (o.outOfScopePolicy !== undefined && o.outOfScopePolicy !== 'error' && o.outOfScopePolicy !== 'intersect') {
    throw new TypeError('emulator option "outOfScopePolicy" must be "error" or "intersect"');
  }
  return {
    store: o.store ?? new EmulatorStore(),
    accessTokenLifetime: positiveInt('accessTokenLifetime', o.accessTokenLifetime, 1200),
    expiresIn: positiveInt('expiresIn', o.expiresIn, 1079),
    refreshTokenLifetime: positiveInt('refreshTokenLifetime', o.refreshTokenLifetime, 30 * 24 * 3600),
    codeLifetime: positiveInt('codeLifetime', o.codeLifetime, 300),
    outOfScopePolicy: o.outOfScopePolicy ?? 'error',
  };
}
