/**
 * @module
 * The state lock: `<state>.lock`, created exclusively (`O_EXCL`) and holding
 * `{pid, host, command, time}`. A second holder gets `ERR_STATE_LOCKED` naming the first.
 * A stale lock (crashed process) is removed with `--force-unlock` or `grantform state unlock`.
 */
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { EngineError } from '../errors.js';
import { isJsonObject } from '../json.js';

export interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  /** ISO time the lock was taken. */
  readonly time: string;
}

export interface StateLock {
  readonly path: string;
  readonly info: LockInfo;
  release(): Promise<void>;
}

export function lockPathFor(statePath: string): string {
  return `${statePath}.lock`;
}

/** Who holds the lock, or `null` when it is free. An unreadable lock file is reported as held by "unknown". */
export async function readLock(statePath: string): Promise<LockInfo | null> {
  let text: string;
  try {
    text = await readFile(lockPathFor(statePath), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const raw: unknown = JSON.parse(text);
    if (isJsonObject(raw) && typeof raw.pid === 'number' && typeof raw.host === 'string') {
      return {
        pid: raw.pid,
        host: raw.host,
        command: typeof raw.command === 'string' ? raw.command : 'unknown',
        time: typeof raw.time === 'string' ? raw.time : 'unknown',
      };
    }
  } catch {
    // fall through
  }
  return { pid: -1, host: 'unknown', command: 'unknown', time: 'unknown' };
}

export function describeLock(info: LockInfo): string {
  return `pid ${info.pid} on ${info.host} (${info.command}) since ${info.time}`;
}

/**
 * Takes the lock or throws `ERR_STATE_LOCKED`.
 * @example
 * const lock = await acquireLock('.grantform/state.json', 'apply');
 * try { … } finally { await lock.release(); }
 */
export async function acquireLock(
  statePath: string,
  command: string,
  options: { now?: () => Date; force?: boolean } = {},
): Promise<StateLock> {
  const path = lockPathFor(statePath);
  await mkdir(dirname(path), { recursive: true });
  if (options.force === true) await forceUnlock(statePath);
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    command,
    time: (options.now?.() ?? new Date()).toISOString(),
  };
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const holder = await readLock(statePath);
    const who = holder === null ? 'another process' : describeLock(holder);
    throw new EngineError(
      'ERR_STATE_LOCKED',
      `state ${statePath} is locked by ${who}; if that process is gone, run \`grantform state unlock\` or pass --force-unlock`,
    );
  }
  try {
    await handle.writeFile(`${JSON.stringify(info)}\n`);
  } finally {
    await handle.close();
  }
  let released = false;
  return {
    path,
    info,
    release: async () => {
      if (released) return;
      released = true;
      await unlink(path).catch(() => undefined);
    },
  };
}

/**
 * Runs `fn` while holding the lock, and releases it however `fn` ends.
 * @example
 * const plan = await withLock('.grantform/state.json', 'plan', {}, () => planManifest(…));
 */
export async function withLock<T>(
  statePath: string,
  command: string,
  options: { now?: () => Date; force?: boolean },
  fn: () => Promise<T>,
): Promise<T> {
  const lock = await acquireLock(statePath, command, options);
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}

/** Removes the lock whoever holds it; returns who held it. */
export async function forceUnlock(statePath: string): Promise<LockInfo | null> {
  const holder = await readLock(statePath);
  await unlink(lockPathFor(statePath)).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
  return holder;
}
