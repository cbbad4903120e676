/**
 * @module
 * Numeric CLI flags, checked in one place: a value outside the accepted range is refused with
 * `ERR_USAGE` naming the flag, the range and what was given (`--parallelism must be a whole number
 * from 1 to 256 (got 0)`), never taken silently or clamped. The emulator's own flags follow the same
 * wording (`emulator/src/cli.ts`).
 */
import { EngineError } from '../errors.js';
import { parseDuration } from '../verify-report.js';

/** `--parallelism`: operations in flight at once. */
export const PARALLELISM_RANGE = { min: 1, max: 256 } as const;

/** A whole number in `[min, max]` written in decimal digits (no sign, fraction, exponent or hex). */
export function wholeNumberFlag(flag: string, raw: string, min: number, max: number): number {
  const n = /^\d{1,15}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new EngineError('ERR_USAGE', `${flag} must be a whole number from ${min} to ${max} (got ${raw})`);
  }
  return n;
}

function formatMs(ms: number): string {
  if (ms === 0) return '0s';
  if (ms > 86_400_000 && ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** A duration (`500ms`, `30s`, `5m`, `1h`; a bare number is seconds) in `[minMs, maxMs]`. */
export function durationFlag(flag: string, raw: string, minMs: number, maxMs: number): number {
  let ms: number;
  try {
    ms = parseDuration(raw);
  } catch {
    ms = Number.NaN;
  }
  if (!Number.isFinite(ms) || ms < minMs || ms > maxMs) {
    throw new EngineError(
      'ERR_USAGE',
      `${flag} must be a duration from ${formatMs(minMs)} to ${formatMs(maxMs)}, e.g. 30s or 5m (got ${raw})`,
    );
  }
  return ms;
}

/** `--expiry-warning`, `--fail-on-expiring`: a window up to Marketing Cloud's 180-day secret lifetime. */
export const EXPIRY_WINDOW_MAX_MS = 180 * 86_400_000;
