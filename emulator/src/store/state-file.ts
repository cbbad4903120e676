/**
 * @module
 * `--state FILE` persistence. The file is versioned JSON `{version, savedAt, signingKey, store}`,
 * written atomically (temp file + rename, mode 0600) and reloaded on start.
 * - Admin changes (`commit`) are written before the admin response is sent.
 * - Token and code changes (`touch`) are flushed in batches: at most `debounceMs` (250 ms) later.
 * - `flush` (used on shutdown) writes anything pending.
 * Writes are serialised, so two never interleave.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { SigningKey, StoredSigningKey } from '../keys.js';
import { exportSigningKey } from '../keys.js';
import type { Persistence } from '../options.js';
import type { StoreSnapshot } from './records.js';
import type { EmulatorStore } from './store.js';

export interface StateFile {
  version: 1;
  savedAt: string;
  signingKey: StoredSigningKey;
  store: StoreSnapshot;
}

export class StateFileError extends Error {
  readonly code = 'ERR_STATE_FILE';
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Reads a state file; `null` when it does not exist yet. Unknown versions and bad JSON are refused. */
export async function loadStateFile(path: string): Promise<StateFile | null> {
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
  const d = data as Partial<StateFile>;
  if (typeof d !== 'object' || d === null || d.version !== 1 || !d.store || !d.signingKey) {
    throw new StateFileError(`state file ${path} has an unknown format (expected version 1)`);
  }
  return d as StateFile;
}

export interface StatePersistence extends Persistence {
  /** Stops the batch timer and writes anything pending. */
  close(): Promise<void>;
}

export function createStatePersistence(o: {
  path: string;
  store: EmulatorStore;
  signingKey: SigningKey;
  debounceMs?: number;
  onError?: (err: unknown) => void;
}): StatePersistence {
  const debounceMs = o.debounceMs ?? 250;
  const key = exportSigningKey(o.signingKey);
  let chain: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  let seq = 0;

  const writeNow = async (): Promise<void> => {
    dirty = false;
    const state: StateFile = {
      version: 1,
      savedAt: new Date().toISOString(),
      signingKey: key,
      store: o.store.snapshot(),
    };
    const tmp = `${o.path}.${process.pid}.${seq++}.tmp`;
    await writeFile(tmp, `${JSON.stringify(state)}\n`, { mode: 0o600 });
    await rename(tmp, o.path);
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
