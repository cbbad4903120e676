/**
 * @module
 * The emulator clock: the base clock of the options (`now`) plus an offset that test control moves
 * (`POST /_emulator/clock`, the console's clock form). Every expiry is measured on it. A reset keeps
 * the offset; snapshots carry it.
 */

export class Clock {
  /** Added to the base clock, in ms. */
  offsetMs = 0;

  /** @param base epoch ms of the base clock (`Date.now` by default: no `Date` object per read) */
  constructor(private readonly base: () => number) {}

  /** The emulator's now, in epoch ms. Bound, so it can be handed around as a function. */
  readonly nowMs = (): number => this.base() + this.offsetMs;
}
