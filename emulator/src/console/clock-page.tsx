/**
 * @module
 * Console page: the emulator clock (what token expiry is measured against) and a small form that
 * advances it (`POST /_emulator/console/clock`, then a redirect back).
 */
import type { FC } from 'hono/jsx';
import { formatDuration, formatInstant } from './format.js';
import { type ClockView, CONSOLE_PATH, ConsoleLayout } from './layout.js';

/** Preset buttons: seconds and label. */
export const CLOCK_PRESETS = [
  [300, '+5 min'],
  [1200, '+20 min (access token lifetime)'],
  [3600, '+1 h'],
  [86_400, '+1 day'],
] as const;

export const ClockForm: FC<{ returnTo: string }> = ({ returnTo }) => (
  <form class="inline" method="post" action={`${CONSOLE_PATH}/clock`} aria-label="Advance the clock">
    <input type="hidden" name="return" value={returnTo} />
    <label>
      Advance by (seconds)
      <input name="advanceSeconds" type="number" min="1" max="31536000" step="1" value="300" required />
    </label>
    <button type="submit">Advance</button>
    {CLOCK_PRESETS.map(([seconds, label]) => (
      <button type="submit" class="secondary" name="preset" value={String(seconds)} formnovalidate>
        {label}
      </button>
    ))}
  </form>
);

export const ClockPage: FC<{ clock: ClockView; error?: string | undefined }> = ({ clock, error }) => (
  <ConsoleLayout title="Clock" current="clock" clock={clock}>
    {error ? (
      <p class="notice error" role="alert">
        {error}
      </p>
    ) : null}
    <section class="panel" aria-labelledby="clock-now-heading">
      <h2 id="clock-now-heading">Emulator time</h2>
      <dl class="facts">
        <dt>Now</dt>
        <dd>
          <time id="emulator-now" datetime={new Date(clock.nowMs).toISOString()}>
            {formatInstant(clock.nowMs)}
          </time>
        </dd>
        <dt>Offset from real time</dt>
        <dd id="emulator-offset">
          {clock.offsetMs === 0 ? 'none' : `${clock.offsetMs < 0 ? '-' : '+'}${formatDuration(clock.offsetMs)}`}
        </dd>
      </dl>
      <p class="muted">
        Token expiry, code lifetime and the request log all follow this clock. The admin API equivalent is{' '}
        <code>POST /_emulator/clock {'{"advanceSeconds": 300}'}</code>.
      </p>
    </section>
    <section class="panel" aria-labelledby="clock-advance-heading">
      <h2 id="clock-advance-heading">Advance</h2>
      <ClockForm returnTo={`${CONSOLE_PATH}/clock`} />
    </section>
  </ConsoleLayout>
);
