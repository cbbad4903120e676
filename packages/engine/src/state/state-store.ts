/**
 * @module
 * Where the apply persists state: a file (atomic writes) or memory (tests).
 */
import type { StateFile } from './state-file.js';
import { emptyState, readState, writeState } from './state-file.js';

export interface StateStore {
  /** A human-readable location (`.grantform/state.json`). */
  readonly location: string;
  read(): Promise<StateFile>;
  /** Persists `state` with `serial + 1` and returns what was written. */
  write(state: StateFile): Promise<StateFile>;
}

export function createFileStateStore(path: string): StateStore {
  return {
    location: path,
    read: async () => (await readState(path)).state,
    write: (state) => writeState(path, state),
  };
}

export function createMemoryStateStore(
  initial: StateFile = emptyState(),
): StateStore & { current(): StateFile; writes: number } {
  let current = initial;
  const store = {
    location: 'memory',
    writes: 0,
    current: () => current,
    read: async () => current,
    write: async (state: StateFile) => {
      current = { ...state, serial: state.serial + 1 };
      store.writes += 1;
      return current;
    },
  };
  return store;
}
