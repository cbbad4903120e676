/**
 * @module
 * The client id of each resource in state, by address: whatever its kind calls it in its outputs
 * (`clientId`, or `apiKey`). `grantform advise` and `verify --warn-unused-grants` match the
 * emulator's recorded usage to declared integrations by these ids.
 */
import type { StateFile } from '../state/records.js';
import { outputsOf } from './run-output.js';

/** `{ address: clientId }` for every resource in `state` whose outputs name a client id. */
export function clientIdsOf(state: StateFile): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const [address, res] of Object.entries(state.resources)) {
    const out = outputsOf(address, res).outputs;
    const id = out.clientId ?? out.apiKey;
    if (typeof id === 'string') ids[address] = id;
  }
  return ids;
}
