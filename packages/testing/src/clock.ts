/**
 * @module
 * The test clock: reads the emulator's clock and moves it through the admin clock API
 * (`POST /_emulator/clock`), so tokens, codes and refresh tokens expire exactly as they would.
 */
import type { AdminClient } from './admin-client.js';

/** Where the emulator's clock starts: a fixed instant (frozen until moved) or a function. */
export type ClockSource = Date | string | (() => Date);

/** The emulator's clock, as a test sees it. */
export interface TestClock {
  /** The emulator's current time (base clock plus the admin offset). */
  now(): Date;
  /** Moves the emulator's clock forward (or back, with a negative number) and resolves with the new time. */
  advance(seconds: number): Promise<Date>;
  /** Sets the emulator's clock to `date` and resolves with the new time. */
  set(date: Date | string): Promise<Date>;
}

/** Resolves a {@link ClockSource} into the emulator's `now` option. `undefined`: real time. */
export function nowFunction(source: ClockSource | undefined): (() => Date) | undefined {
  if (source === undefined || typeof source === 'function') return source;
  const ms = typeof source === 'string' ? Date.parse(source) : source.getTime();
  if (Number.isNaN(ms)) throw new TypeError(`startEmulator: "clock" is not a valid date: ${String(source)}`);
  return () => new Date(ms);
}

export function createTestClock(admin: AdminClient, nowMs: () => number): TestClock {
  const post = async (body: { advanceSeconds: number } | { now: string }): Promise<Date> => {
    const res = await admin.call<{ now: string }>('POST', '/clock', body);
    return new Date(res.now);
  };
  return {
    now: () => new Date(nowMs()),
    advance(seconds) {
      if (!Number.isFinite(seconds)) throw new TypeError('clock.advance(seconds) needs a finite number');
      return post({ advanceSeconds: seconds });
    },
    set(date) {
      const ms = typeof date === 'string' ? Date.parse(date) : date.getTime();
      if (Number.isNaN(ms)) throw new TypeError(`clock.set: not a valid date: ${String(date)}`);
      return post({ now: new Date(ms).toISOString() });
    },
  };
}
