/**
 * @module
 * Probes: requests whose usage is not recorded. A request carrying the {@link PROBE_HEADER} header
 * (any value, e.g. `x-grantform-probe: verify`) is served as usual, but neither the tokens it gets nor
 * the calls it makes count as its client's usage (`GET /_emulator/usage`). `grantform verify` and
 * `grantform rotate`'s token proofs send it, so `grantform advise` sees only what the job used; any
 * tool may send it for the same reason.
 *
 * A route picks the sink of a request once, with {@link usageSink}, and hands it on to what records
 * (the token issuance, the scope check). The header is read there rather than by a pipeline stage that
 * the recorders would consult through an `AsyncLocalStorage`: on Node 20 that runs on async hooks,
 * which, once used, put a hook on every promise of every request. Here a plain request costs one
 * header look-up and no allocation.
 */
import type { UsageRecorder } from './recorder.js';

/** The request header that marks a probe (lower case, as Hono and the Fetch API read it). */
export const PROBE_HEADER = 'x-grantform-probe';

/** Where a request's usage goes: the vendor's recorder, or nowhere (a probe). */
export type UsageSink = Pick<UsageRecorder, 'token' | 'call'>;

/** The sink of a probe: records nothing. */
export const DISCARDED_USAGE: UsageSink = Object.freeze({
  token: () => {},
  call: () => {},
});

/** Whether `request` is a probe (carries {@link PROBE_HEADER}). */
export const isProbe = (request: Request): boolean => request.headers.get(PROBE_HEADER) !== null;

/** The sink of `request`'s usage: `recorder`, or {@link DISCARDED_USAGE} for a probe. */
export const usageSink = (request: Request, recorder: UsageRecorder): UsageSink =>
  isProbe(request) ? DISCARDED_USAGE : recorder;
