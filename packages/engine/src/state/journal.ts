/**
 * @module
 * The apply journal (STYLE P14: write before you act, record right after): `<state>.journal`, JSON
 * lines, mode 0600, appended and fsynced by an apply instead of rewriting the whole state file after
 * every operation.
 *
 * ```
 * {"journal":1,"lineage":"…","serial":12}                       header: applies on top of that state
 * {"op":"begin","address":"acme/p","pending":{kind,step,id,secrets,startedAt}}   before the remote call
 * {"op":"put","address":"acme/p","resource":{kind,id,attributes,specHash,dependsOn}}  right after it
 * {"op":"remove","address":"acme/p"}                            a delete done
 * {"op":"end","address":"acme/p"}                               an intent resolved with nothing to record
 * ```
 *
 * Every entry bumps the serial by one. Appends are group-committed: entries that arrive while a write
 * is on its way share the next write + fdatasync, and each `append` resolves only once its entries
 * are on disk. The apply folds the journal into the state file at its end (`compactState`) and
 * removes it; a killed apply leaves it, and `readState` replays it. A journal whose header does not
 * match the state file (already folded in, or another lineage) is ignored; a torn last line (a write
 * the kill cut short, whose caller never went on) is ignored; any other unreadable line is
 * `ERR_STATE_CORRUPT`.
 */
import { access, type FileHandle, open } from 'node:fs/promises';
import { EngineError } from '../errors.js';
import { isJsonObject } from '../json.js';
import { coalescing } from './coalesce.js';
import { compactState, journalPathFor, writeState } from './files.js';
import type { PendingOperation, ResourceState, StateFile, StateVocabulary } from './records.js';
import { asPendingOperation, asResourceState } from './records.js';

export { journalPathFor } from './files.js';

export const JOURNAL_VERSION = 1;

export type JournalEntry =
  | { readonly op: 'begin'; readonly address: string; readonly pending: PendingOperation }
  | { readonly op: 'put'; readonly address: string; readonly resource: ResourceState }
  | { readonly op: 'remove'; readonly address: string }
  | { readonly op: 'end'; readonly address: string };

/** The state an apply is recording, one entry at a time. */
export interface StateJournal {
  /** The lineage everything created under this journal is labelled with. */
  readonly lineage: string;
  /** The resource recorded at `address` after every append so far. */
  resource(address: string): ResourceState | undefined;
  /** The state after every append so far. */
  snapshot(): StateFile;
  /** Records `entries` (in memory at once); resolves once they are durable. */
  append(entries: readonly JournalEntry[]): Promise<void>;
  /** Folds everything into the state file, ends the journal, and returns the state. */
  close(): Promise<StateFile>;
}

/** A fold of entries over a base state, kept in maps (O(1) per entry). */
export class StateFold {
  private readonly resources: Map<string, ResourceState>;
  private readonly pending: Map<string, PendingOperation>;
  private serial: number;

  constructor(private readonly base: StateFile) {
    this.resources = new Map(Object.entries(base.resources));
    this.pending = new Map(Object.entries(base.pending));
    this.serial = base.serial;
  }

  apply(entry: JournalEntry): void {
    this.serial += 1;
    switch (entry.op) {
      case 'begin':
        this.pending.set(entry.address, entry.pending);
        return;
      case 'put':
        this.resources.set(entry.address, entry.resource);
        this.pending.delete(entry.address);
        return;
      case 'remove':
        this.resources.delete(entry.address);
        this.pending.delete(entry.address);
        return;
      case 'end':
        this.pending.delete(entry.address);
        return;
    }
  }

  resource(address: string): ResourceState | undefined {
    return this.resources.get(address);
  }

  snapshot(): StateFile {
    return {
      ...this.base,
      serial: this.serial,
      resources: Object.fromEntries(this.resources),
      pending: Object.fromEntries(this.pending),
    };
  }
}

function asEntry(raw: unknown, vocabulary: StateVocabulary): JournalEntry | null {
  if (!isJsonObject(raw) || typeof raw.address !== 'string') return null;
  const address = raw.address;
  switch (raw.op) {
    case 'begin': {
      const pending = asPendingOperation(raw.pending, vocabulary);
      return pending === null ? null : { op: 'begin', address, pending };
    }
    case 'put': {
      const resource = asResourceState(raw.resource, vocabulary);
      return resource === null ? null : { op: 'put', address, resource };
    }
    case 'remove':
    case 'end':
      return { op: raw.op, address };
    default:
      return null;
  }
}

/**
 * `base` plus the journal's entries, when the journal continues `base` (same lineage and serial);
 * otherwise `base` (a journal already folded in, or one of another state).
 */
export function replayJournal(base: StateFile, text: string, path: string, vocabulary: StateVocabulary): StateFile {
  const lines = text.split('\n');
  // The last element is '' when the file ends with a newline; anything else there is a torn write.
  lines.pop();
  let header: unknown;
  try {
    header = JSON.parse(lines[0] ?? '');
  } catch {
    return base; // no complete header: nothing was ever recorded in it
  }
  if (
    !isJsonObject(header) ||
    header.journal !== JOURNAL_VERSION ||
    header.lineage !== base.lineage ||
    header.serial !== base.serial
  ) {
    return base;
  }
  const fold = new StateFold(base);
  for (let i = 1; i < lines.length; i += 1) {
    let entry: JournalEntry | null = null;
    try {
      entry = asEntry(JSON.parse(lines[i] ?? ''), vocabulary);
    } catch {
      entry = null;
    }
    if (entry === null) {
      throw new EngineError('ERR_STATE_CORRUPT', `state journal ${path} is corrupt: line ${i + 1} is not an entry`);
    }
    fold.apply(entry);
  }
  return fold.snapshot();
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Durable appends with group commit: one write + fdatasync for whatever queued meanwhile. */
function groupCommitter(handle: FileHandle): { write(text: string): Promise<void> } {
  const queue: string[] = [];
  const commit = coalescing(async () => {
    const chunk = queue.splice(0).join('');
    if (chunk === '') return;
    await handle.write(chunk);
    await handle.datasync();
  });
  return {
    write: (text) => {
      queue.push(text);
      return commit();
    },
  };
}

/**
 * Opens the journal of the state file at `statePath` on top of `state` (what `readState` returned).
 * A state that was never written is written first (serial 1), so its lineage is on disk before any
 * remote call is labelled with it; a journal a killed apply left is folded in first.
 */
export async function openFileJournal(statePath: string, state: StateFile): Promise<StateJournal> {
  const path = journalPathFor(statePath);
  let base = state;
  if (base.serial === 0) base = await writeState(statePath, base);
  else if (await exists(path)) await compactState(statePath, base);
  const handle = await open(path, 'w', 0o600);
  await handle.write(`${JSON.stringify({ journal: JOURNAL_VERSION, lineage: base.lineage, serial: base.serial })}\n`);
  await handle.sync();
  const fold = new StateFold(base);
  const committer = groupCommitter(handle);
  let closed = false;
  return {
    lineage: base.lineage,
    resource: (address) => fold.resource(address),
    snapshot: () => fold.snapshot(),
    append: async (entries) => {
      if (closed) throw new Error('the state journal is closed');
      if (entries.length === 0) return;
      for (const e of entries) fold.apply(e);
      await committer.write(entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
    },
    close: async () => {
      closed = true;
      await handle.close();
      const final = fold.snapshot();
      await compactState(statePath, final);
      return final;
    },
  };
}

/** A journal kept in memory (tests, library callers without a file); `commit` receives the final state. */
export function memoryJournal(state: StateFile, commit: (s: StateFile) => void, onAppend?: () => void): StateJournal {
  const base = state.serial === 0 ? { ...state, serial: 1 } : state;
  if (state.serial === 0) commit(base);
  const fold = new StateFold(base);
  return {
    lineage: base.lineage,
    resource: (address) => fold.resource(address),
    snapshot: () => fold.snapshot(),
    append: async (entries) => {
      for (const e of entries) fold.apply(e);
      onAppend?.();
      commit(fold.snapshot());
    },
    close: async () => {
      const final = fold.snapshot();
      commit(final);
      return final;
    },
  };
}
