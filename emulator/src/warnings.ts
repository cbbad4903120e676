/**
 * @module
 * Operator warnings (a cap reached), rate-limited so a flood cannot flood the log: the first warning of
 * a kind is written at once, later ones of that kind at most once per interval, with how many were
 * held back meanwhile.
 */

/** Writes `message` for `kind`, rate-limited (see the module comment). */
export type Warn = (kind: string, message: string) => void;

/**
 * @param write where warnings go (`logger.warn`); without one nothing is written
 * @param intervalMs at most one line per kind per interval. @default 60000
 * @param now a monotonic clock in ms. @default performance.now
 */
export function createWarn(
  write: ((message: string) => void) | undefined,
  intervalMs = 60_000,
  now: () => number = () => performance.now(),
): Warn {
  const last = new Map<string, { at: number; held: number }>();
  return (kind, message) => {
    if (!write) return;
    const t = now();
    const seen = last.get(kind);
    if (seen && t - seen.at < intervalMs) {
      seen.held++;
      return;
    }
    const held = seen && seen.held > 0 ? ` (${seen.held} more like this since the last warning)` : '';
    last.set(kind, { at: t, held: 0 });
    write(`${message}${held}`);
  };
}
