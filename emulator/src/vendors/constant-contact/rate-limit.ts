/**
 * @module
 * The v3 API rate limits (reference §3.4): 4 requests per second and 10,000 per day per API key, the
 * day counter resetting at 00:00 UTC, both on the emulator clock. Refused requests do not count.
 * No rate-limit headers (none are reported for the real API). Switched off with the option
 * `constantContact.rateLimits: false` or `PUT /_emulator/ctct/settings {"rateLimits": false}`.
 */
import type { EmulatorContext } from '../../env.js';
import { V3_QUOTA, V3_THROTTLED } from './errors.js';
import type { CtctState } from './state.js';

/** Counts one request for `apiKey`, or throws the 429 (`quota_exceeded` before `throttled`). */
export function takeRateLimit(ctx: EmulatorContext, state: CtctState, apiKey: string): void {
  if (!state.store.rateLimits) return;
  const now = ctx.nowMs();
  const second = Math.floor(now / 1000);
  const day = new Date(now).toISOString().slice(0, 10);
  let counter = state.store.rates.get(apiKey);
  if (counter === undefined) {
    counter = { day, dayCount: 0, second, secondCount: 0 };
    state.store.rates.set(apiKey, counter);
  }
  if (counter.day !== day) {
    counter.day = day;
    counter.dayCount = 0;
  }
  if (counter.second !== second) {
    counter.second = second;
    counter.secondCount = 0;
  }
  if (counter.dayCount >= state.options.requestsPerDay) throw V3_QUOTA();
  if (counter.secondCount >= state.options.requestsPerSecond) throw V3_THROTTLED();
  counter.dayCount++;
  counter.secondCount++;
}
