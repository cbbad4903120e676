/**
 * @module
 * The network guard. nock's "net connect" switch is process-wide by nature; this module is the one
 * place that flips it, so {@link routeHosts} knows whether to leave the network closed when it is
 * undone (the vitest setup module closes it for a whole test file).
 */
import nock from 'nock';

/** Loopback only: a local server under test may still be reached. */
export const LOOPBACK: RegExp = /^(127\.0\.0\.1|\[::1\])(:\d+)?$/;

let guarded = false;

/** Refuses every outgoing request except to `allow` (loopback by default), until {@link releaseNetwork}. */
export function guardNetwork(allow: RegExp = LOOPBACK): void {
  guarded = true;
  nock.disableNetConnect();
  nock.enableNetConnect(allow);
}

/** Re-opens the network. */
export function releaseNetwork(): void {
  guarded = false;
  nock.enableNetConnect();
}

/** Whether {@link guardNetwork} is in force. */
export function isNetworkGuarded(): boolean {
  return guarded;
}
