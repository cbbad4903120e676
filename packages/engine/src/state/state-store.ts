/**
 * @module
 * Where state lives: a file (atomic full writes, plus the apply journal beside it) or memory (tests).
 * The apply records through {@link StateStore.openJournal}: each intent before its remote call and
 * each result right after, one small durable append each (`journal.ts`).
 */

import type { Registry } from '../registry/registry.js';
import { stateVocabulary } from '../registry/registry.js';
import type { StateJournal } from './journal.js';
import { memoryJournal, openFileJournal } from './journal.js';
import type { StateFile } from './state-file.js';
import { emptyState, readState, writeState } from './state-file.js';

export interface StateStore {
  /** A human-readable location (`.grantform/state.json`). */
  readonly location: string;
  /** The state with every recorded change (a killed apply's journal replayed). */
  read(): Promise<StateFile>;
  /** Persists `state` with `serial + 1` and returns what was written. */
  write(state: StateFile): Promise<StateFile>;
  /**
   * Starts recording changes on top of `state` (what {@link read} returned). A state never written
   * is written first, so its lineage is durable before anything is created under it.
   */
  openJournal(state: StateFile): Promise<StateJournal>;
}

/**
 * The state file at `path` (and its journal). `registry` says which kinds a readable state may hold.
 * @default the built-in vendors' kinds
 */
export function createFileStateStore(path: string, options: { readonly registry?: Registry } = {}): StateStore {
  const vocabulary = options.registry === undefined ? undefined : stateVocabulary(options.registry);
  return {
    location: path,
    read: async () => (await readState(path, vocabulary)).state,
    write: (state) => writeState(path, state),
    openJournal: (state) => openFileJournal(path, state),
  };
}

export function createMemoryStateStore(
  initial: StateFile = emptyState(),
): StateStore & { current(): StateFile; writes: number } {
  let current = initial;
  const store = {
    location: 'memory',
    /** Full writes plus journal appends. */
    writes: 0,
    current: () => current,
    read: async () => current,
    write: async (state: StateFile) => {
      current = { ...state, serial: state.serial + 1 };
      store.writes += 1;
      return current;
    },
    openJournal: async (state: StateFile) =>
      memoryJournal(
        state,
        (s) => {
          current = s;
        },
        () => {
          store.writes += 1;
        },
      ),
  };
  return store;
}
