/**
 * @module
 * Writing state files: every full write is atomic (a sibling temp file, fsync, rename), and the
 * journal beside the state (`journal.ts`) is named here, so writing and journaling share one place
 * for paths.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { StateFile } from './records.js';
import { STATE_VERSION } from './records.js';

/** The journal of the state file at `statePath` (`journal.ts`). */
export function journalPathFor(statePath: string): string {
  return `${statePath}.journal`;
}

/**
 * Writes `contents` to `path` atomically: a sibling temp file (created with `mode`), fsync, rename.
 * A reader sees the old file or the new one, never half of one. Every file grantform writes is 0600
 * by default (state, journal, lock, plans, secrets); only build artifacts and reports meant to be
 * shared (synth output, JUnit) pass 0644.
 */
export async function writeFileAtomic(path: string, contents: string, mode = 0o600): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  const handle = await open(tmp, 'wx', mode);
  try {
    await handle.writeFile(contents, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/** Serialises a state (stable key order, trailing newline). */
export function serializeState(state: StateFile): string {
  const sorted = <T>(record: Readonly<Record<string, T>>): Record<string, T> => {
    const out: Record<string, T> = {};
    for (const key of Object.keys(record).sort()) {
      const v = record[key];
      if (v !== undefined) out[key] = v;
    }
    return out;
  };
  return `${JSON.stringify(
    {
      version: STATE_VERSION,
      serial: state.serial,
      lineage: state.lineage,
      resources: sorted(state.resources),
      pending: sorted(state.pending),
    },
    null,
    1,
  )}\n`;
}

/**
 * Writes the whole state as is (same serial) and removes the journal it folds in. Used to end an
 * apply's journal: the content equals state + journal, so the serial does not move.
 */
export async function compactState(path: string, state: StateFile): Promise<void> {
  await writeFileAtomic(path, serializeState(state));
  await unlink(journalPathFor(path)).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}

/** Writes `state` with `serial + 1` (folding in any journal) and returns what was written. */
export async function writeState(path: string, state: StateFile): Promise<StateFile> {
  const next: StateFile = { ...state, serial: state.serial + 1 };
  await compactState(path, next);
  return next;
}
