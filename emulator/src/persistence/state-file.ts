/**
 * @module
 * `--state FILE` persistence. The file is an emulator snapshot (`../control/snapshot.ts`: one format
 * for the file and `GET|PUT /_emulator/snapshot`, versioned; older versions are upgraded on load,
 * unknown ones refused), written atomically (temp file, fsync, rename; mode 0600) and reloaded on start.
 * Temp files left by a killed emulator are removed on start ({@link removeStaleTempFiles}).
 * - Admin and test-control changes (`commit`) are written before the admin response is sent.
 * - Token, code and REST instance-data changes (`touch`) are flushed in batches: at most
 *   `debounceMs` (250 ms) later.
 * - `flush` (used on shutdown) writes anything pending.
 * Writes are serialised, so two never interleave.
 */
import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type EmulatorSnapshot, parseSnapshot, type SnapshotDefaults, SnapshotError } from '../control/snapshot.js';
import type { VendorProfile } from '../env.js';
import type { Persistence } from '../options.js';

/** The state file's content: an emulator snapshot. */
export type StateFile = EmulatorSnapshot;

export class StateFileError extends Error {
  readonly code = 'ERR_STATE_FILE';
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * Reads a state file and upgrades it to the current version; `null` when it does not exist yet.
 * Bad JSON, a broken shape and unknown versions are refused with a {@link StateFileError}.
 */
export async function loadStateFile(
  path: string,
  defaults: () => SnapshotDefaults,
  vendors: readonly VendorProfile[],
): Promise<StateFile | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StateFileError(`cannot read state file ${path}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new StateFileError(`state file ${path} is not valid JSON`);
  }
  try {
    return parseSnapshot(data, defaults, vendors);
  } catch (err) {
    if (err instanceof SnapshotError) throw new StateFileError(`state file ${path}: ${err.message}`);
    throw err;
  }
}

/**
 * Writes `text` to `path` atomically: a private temp file, synced to disk, then renamed over `path`.
 * If any step fails the temp file is removed, so a failed write leaves nothing behind.
 */
export async function writeFileAtomic(path: string, text: string, tmp: string): Promise<void> {
  try {
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
}

/** The temp file of the state file's `seq`-th write by process `pid` (see {@link createStatePersistence}). */
export function stateTempFile(path: string, pid: number, seq: number): string {
  return `${path}.${pid}.${seq}.tmp`;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/**
 * Removes the temp files an earlier emulator left beside the state file when it was killed in the
 * middle of a write (`{file}.{pid}.{n}.tmp`, mode 0600, a whole snapshot with private keys). A file
 * whose process is still running (another emulator on the same file) is left alone, unless that
 * process is this one (a reused pid: this process has written nothing yet). Returns the names removed.
 */
export async function removeStaleTempFiles(path: string): Promise<string[]> {
  const dir = dirname(path);
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d+)\.\d+\.tmp$/.exec(name.slice(prefix.length));
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid !== process.pid && isRunning(pid)) continue;
    try {
      await unlink(join(dir, name));
      removed.push(name);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return removed;
}

export interface StatePersistence extends Persistence {
  /** Stops the batch timer and writes anything pending. */
  close(): Promise<void>;
}

export function createStatePersistence(o: {
  path: string;
  /** The whole state to write (called once per write). */
  snapshot: () => StateFile;
  debounceMs?: number;
  onError?: (err: unknown) => void;
}): StatePersistence {
  const debounceMs = o.debounceMs ?? 250;
  let chain: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  let seq = 0;

  const writeNow = async (): Promise<void> => {
    dirty = false;
    const text = `${JSON.stringify(o.snapshot())}\n`;
    await writeFileAtomic(o.path, text, stateTempFile(o.path, process.pid, seq++));
  };
  const write = (): Promise<void> => {
    chain = chain.then(writeNow, writeNow);
    return chain;
  };
  const cancel = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  return {
    commit() {
      cancel();
      return write();
    },
    touch() {
      dirty = true;
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        write().catch((err) => o.onError?.(err));
      }, debounceMs);
      timer.unref();
    },
    async flush() {
      cancel();
      if (dirty) await write();
      else await chain;
    },
    async close() {
      await this.flush();
    },
  };
}
