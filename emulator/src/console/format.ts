/**
 * @module
 * Formatting helpers for the console: instants on the emulator clock, relative durations, offsets.
 * Pure functions of their inputs (the clock is passed in, never read here).
 */

/**
 * `2026-01-01 10:20:00 UTC` (seconds precision, always UTC so tests and screenshots are stable);
 * `short` leaves the zone out (`2026-01-01 10:20:00`) for table cells.
 */
export function formatInstant(ms: number, style: 'long' | 'short' = 'long'): string {
  const text = new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
  return style === 'short' ? text : `${text} UTC`;
}

/** `1 h 20 min`, `45 s`, `3 d 2 h`: the two largest non-zero units of an absolute duration. */
export function formatDuration(ms: number): string {
  let s = Math.round(Math.abs(ms) / 1000);
  if (s === 0) return '0 s';
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['min', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(s / size);
    s -= n * size;
    if (n > 0) parts.push(`${n} ${unit}`);
  }
  return parts.slice(0, 2).join(' ');
}

/** `in 19 min 59 s` or `3 min ago`, relative to `now`. */
export function formatRelative(ms: number, now: number): string {
  if (ms === now) return 'now';
  return ms > now ? `in ${formatDuration(ms - now)}` : `${formatDuration(now - ms)} ago`;
}

/** The clock offset as shown in the header: `+20 min`, `-1 h`. */
export function formatOffset(offsetMs: number): string {
  return `${offsetMs < 0 ? '-' : '+'}${formatDuration(offsetMs)} offset`;
}
