/**
 * @module
 * Constant Contact options (`createEmulator({ constantContact: {...} })`), resolved and checked once.
 * Every lifetime follows the emulator clock (`POST /_emulator/clock`).
 */
import type { SigningKey } from '../../keys.js';
import { positiveInt as corePositiveInt } from '../../options.js';

export interface ConstantContactOptions {
  /** Enforce 4 requests/second and 10,000/day per API key on `api.cc.email`. @default true */
  readonly rateLimits?: boolean;
  /** @default 4 */
  readonly requestsPerSecond?: number;
  /** @default 10000 */
  readonly requestsPerDay?: number;
  /** Access-token lifetime (`expires_in`), seconds. @default 86400 (24 h) */
  readonly accessTokenLifetime?: number;
  /** Implicit-flow token lifetime, seconds. @default 28800 (8 h, the documented maximum) */
  readonly implicitTokenLifetime?: number;
  /** A refresh token dies after this many seconds unused (both modes). @default 15552000 (180 days) */
  readonly refreshTokenIdleLifetime?: number;
  /** Authorization-code lifetime, seconds. @default 300 */
  readonly codeLifetime?: number;
  /** Device-code lifetime, seconds (UNCONFIRMED; Okta's default). @default 600 */
  readonly deviceCodeLifetime?: number;
  /** Device-flow polling interval, seconds (UNCONFIRMED; Okta's default). @default 5 */
  readonly deviceInterval?: number;
  /** Partner-token lifetime, seconds. @default 3600 */
  readonly partnerTokenLifetime?: number;
  /**
   * RS256 key for Constant Contact tokens. @default the emulator's key when it is RS256, else an
   * RS256 key generated on first use
   */
  readonly signingKey?: SigningKey;
}

export interface ResolvedConstantContactOptions {
  readonly rateLimits: boolean;
  readonly requestsPerSecond: number;
  readonly requestsPerDay: number;
  readonly accessTokenLifetime: number;
  readonly implicitTokenLifetime: number;
  readonly refreshTokenIdleLifetime: number;
  readonly codeLifetime: number;
  readonly deviceCodeLifetime: number;
  readonly deviceInterval: number;
  readonly partnerTokenLifetime: number;
  readonly signingKey: SigningKey | undefined;
}

/** A positive integer option of the `constantContact` section (its path in messages). */
const positiveInt = (name: string, value: number | undefined, fallback: number): number =>
  corePositiveInt(`constantContact.${name}`, value, fallback);

/** Applies every default and checks the options. */
export function resolveCtctOptions(o: ConstantContactOptions = {}): ResolvedConstantContactOptions {
  if (o.signingKey !== undefined && o.signingKey.alg !== 'RS256') {
    throw new TypeError('emulator option "constantContact.signingKey" must be an RS256 key (tokens are RS256 JWTs)');
  }
  return {
    rateLimits: o.rateLimits ?? true,
    requestsPerSecond: positiveInt('requestsPerSecond', o.requestsPerSecond, 4),
    requestsPerDay: positiveInt('requestsPerDay', o.requestsPerDay, 10_000),
    accessTokenLifetime: positiveInt('accessTokenLifetime', o.accessTokenLifetime, 86_400),
    implicitTokenLifetime: positiveInt('implicitTokenLifetime', o.implicitTokenLifetime, 28_800),
    refreshTokenIdleLifetime: positiveInt('refreshTokenIdleLifetime', o.refreshTokenIdleLifetime, 180 * 86_400),
    codeLifetime: positiveInt('codeLifetime', o.codeLifetime, 300),
    deviceCodeLifetime: positiveInt('deviceCodeLifetime', o.deviceCodeLifetime, 600),
    deviceInterval: positiveInt('deviceInterval', o.deviceInterval, 5),
    partnerTokenLifetime: positiveInt('partnerTokenLifetime', o.partnerTokenLifetime, 3600),
    signingKey: o.signingKey,
  };
}
