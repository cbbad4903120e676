/**
 * @module
 * The authorize logins in progress (login page shown, not yet approved), of both vendors: memory only,
 * 10 minutes each, and at most `maxPendingAuthorizations` per vendor. When the map is full a new login
 * first clears the expired ones, then drops the oldest (its login page then says the session expired
 * or is unknown, and the user starts again) and warns. Dropping the oldest rather than refusing the
 * newest keeps the emulator usable for the next real login while a page floods it with authorize
 * requests; the `state` each holds is bounded too (2048 characters), so the map stays a few MB.
 */
import type { EmulatorContext } from './env.js';

/** What every pending login records. */
export interface PendingLogin {
  readonly id: string;
  readonly expiresAt: number;
}

/** Adds `login` to `pending`, keeping at most the emulator's `maxPendingAuthorizations`. */
export function rememberPendingLogin<T extends PendingLogin>(
  ctx: EmulatorContext,
  pending: Map<string, T>,
  login: T,
): void {
  const max = ctx.options.maxPendingAuthorizations;
  if (pending.size >= max) {
    const now = ctx.nowMs();
    for (const [id, x] of pending) if (x.expiresAt <= now) pending.delete(id);
    let dropped = 0;
    for (const id of pending.keys()) {
      if (pending.size < max) break;
      pending.delete(id);
      dropped++;
    }
    if (dropped > 0) {
      ctx.warn(
        'pending-logins',
        `${max} authorize logins are in progress (maxPendingAuthorizations): the oldest unfinished one was dropped; its user must start again`,
      );
    }
  }
  pending.set(login.id, login);
}
