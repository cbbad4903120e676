/**
 * @module
 * The emulator's Hono `Env`, declared once, and the per-emulator context every route factory receives.
 */
import type { ControlState } from './control/state.js';
import type { ResolvedOptions } from './options.js';
import type { RequestLog } from './request-log.js';
import type { EmulatorStore } from './vendors/marketing-cloud/store/store.js';
import type { Warn } from './warnings.js';

export type EmulatorEnv = {
  Variables: Record<string, never>;
};

/** An authorize interaction between the login page and the consent page (memory only, 10 minutes; `pending-logins.ts`). */
export interface Interaction {
  id: string;
  tssd: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
  codeChallenge: string | null;
  userId: string | null;
  expiresAt: number;
}

export interface EmulatorContext {
  readonly options: ResolvedOptions;
  readonly store: EmulatorStore;
  readonly log: RequestLog;
  readonly interactions: Map<string, Interaction>;
  /** Test-control state: signing key ring, faults, settings, propagation, REST instance data. */
  readonly control: ControlState;
  /** The emulator clock in epoch ms: `options.now()` plus the admin offset. */
  nowMs(): number;
  /** A URL-safe random string of `bytes` random bytes. */
  randomToken(bytes: number): string;
  /** Base URL for path-style addresses: `options.baseUrl` or the request's origin. */
  baseUrl(requestUrl: string): string;
  /** An operator warning through `logger.warn`, rate-limited per kind (`warnings.ts`). */
  warn: Warn;
}
