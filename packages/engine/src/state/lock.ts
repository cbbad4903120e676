/**
 * @module
 * The state lock: `<state>.lock`, created exclusively (`O_EXCL`, mode 0600) and holding
 * `{pid, host, command, time, processStart}`. A second holder gets `ERR_STATE_LOCKED` naming the first.
 *
 * A lock left by a process that is gone (killed) is removed with `--force-unlock` or
 * `grantform state unlock`; both first check the holder ({@link holderStatus}): on this host, a
 * holder whose pid is alive and started when the lock says (so not a reused pid) is **alive**, and its
 * lock is never removed (`state unlock --force` overrides that). A holder on another host cannot be
 * checked: `--force-unlock` removes its lock (the flag says the user knows), `state unlock` asks for
 * `--force`.
 */
import { readFileSync } from 'node:fs';
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
  /** ISO time the holding process started (tells a live holder from a reused pid); absent in older locks. */
  readonly processStart?: string;
}

/** How the holder of a lock is checked; injected in tests. */
export interface HolderProbe {
  hostname(): string;
  /** Whether a process with this pid exists (on this host). */
  alive(pid: number): boolean;
  /** When the process with this pid started, as epoch ms, or `null` when that cannot be read. */
  startOf(pid: number): number | null;
}

/** Linux: a process's start from `/proc/<pid>/stat` (clock ticks after boot) and `btime`. */
function procStart(pid: number | 'self'): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const btime = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1];
    if (!Number.isFinite(ticks) || btime === undefined) return null;
    // USER_HZ is 100 on every Linux architecture Node supports.
    return Number(btime) * 1000 + ticks * 10;
  } catch {
    return null;
  }
}

export const SYSTEM_PROBE: HolderProbe = {
  hostname: () => hostname(),
  alive: (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (err) {
      // EPERM: it exists but belongs to another user.
      return (err as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
  startOf: (pid) => procStart(pid),
};

/** When this process started (the same clock {@link HolderProbe.startOf} reads). */
function ownStart(): number {
  return procStart('self') ?? Date.now() - Math.round(process.uptime() * 1000);
}

export type HolderStatus =
  | { readonly status: 'alive'; readonly reason: string }
  | { readonly status: 'gone'; readonly reason: string }
  | { readonly status: 'unknown'; readonly reason: string };

/**
 * Whether the process holding a lock still runs: `alive` (this host, the pid exists and, when both
 * are known, started when the lock says), `gone` (this host, no such process, or the pid now belongs
 * to a process that started later), or `unknown` (another host, or an unreadable lock).
 */
export function holderStatus(info: LockInfo, probe: HolderProbe = SYSTEM_PROBE): HolderStatus {
  if (info.pid <= 0) return { status: 'unknown', reason: 'the lock file does not say who holds it' };
  if (info.host !== probe.hostname()) {
    return { status: 'unknown', reason: `it was taken on another host (${info.host}), where it cannot be checked` };
  }
  if (!probe.alive(info.pid)) return { status: 'gone', reason: `no process ${info.pid} runs on ${info.host}` };
  const recorded = info.processStart === undefined ? Number.NaN : Date.parse(info.processStart);
  const actual = probe.startOf(info.pid);
  if (Number.isFinite(recorded) && actual !== null && Math.abs(actual - recorded) > 2000) {
    return {
      status: 'gone',
      reason: `pid ${info.pid} now belongs to a process started at ${new Date(actual).toISOString()}, not the holder`,
    };
  }
  return { status: 'alive', reason: `process ${info.pid} is still running on ${info.host}` };
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
        ...(typeof raw.processStart === 'string' ? { processStart: raw.processStart } : {}),
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

/** How a lock is taken. */
export interface LockOptions {
  readonly now?: () => Date;
  /** `--force-unlock`: first remove a lock whose holder is gone (never a live holder's). */
  readonly force?: boolean;
  readonly probe?: HolderProbe;
  /**
   * `--lock-timeout`: while another process holds the lock, keep trying for this long (ms) instead
   * of failing at once, as Terraform's `-lock-timeout` does. @default 0
   */
  readonly timeoutMs?: number;
  /** Between attempts while waiting. @default 100 */
  readonly retryMs?: number;
  /** @default setTimeout-based */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Creates the lock file exclusively; `false` when another process holds it. */
async function tryCreate(path: string): Promise<Awaited<ReturnType<typeof open>> | false> {
  try {
    return await open(path, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return false;
  }
}

function formatWait(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/**
 * Takes the lock or throws `ERR_STATE_LOCKED`; with `timeoutMs`, waits for the holder to release
 * it (checking every `retryMs`) and throws only when the time is up.
 * @example
 * const lock = await acquireLock('.grantform/state.json', 'apply', { timeoutMs: 300_000 });
 * try { … } finally { await lock.release(); }
 */
export async function acquireLock(statePath: string, command: string, options: LockOptions = {}): Promise<StateLock> {
  const path = lockPathFor(statePath);
  await mkdir(dirname(path), { recursive: true });
  // --force-unlock: remove a lock whose holder is gone or cannot be checked, never a live one's.
  if (options.force === true) await unlockState(statePath, { force: false, allowUnknown: true, probe: options.probe });
  const timeoutMs = options.timeoutMs ?? 0;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = Date.now() + timeoutMs;
  let handle = await tryCreate(path);
  while (handle === false && Date.now() < deadline) {
    await sleep(Math.min(options.retryMs ?? 100, Math.max(deadline - Date.now(), 1)));
    handle = await tryCreate(path);
  }
  if (handle === false) {
    const holder = await readLock(statePath);
    const who = holder === null ? 'another process' : describeLock(holder);
    const waited = timeoutMs > 0 ? ` (waited ${formatWait(timeoutMs)}, --lock-timeout)` : '';
    throw new EngineError(
      'ERR_STATE_LOCKED',
      `state ${statePath} is locked by ${who}${waited}; if that process is gone, run \`grantform state unlock\` or pass --force-unlock`,
    );
  }
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    command,
    time: (options.now?.() ?? new Date()).toISOString(),
    processStart: new Date(ownStart()).toISOString(),
  };
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
  options: LockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const lock = await acquireLock(statePath, command, options);
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}

/** Removes the lock whoever holds it, alive or not; returns who held it. */
export async function forceUnlock(statePath: string): Promise<LockInfo | null> {
  const holder = await readLock(statePath);
  await unlink(lockPathFor(statePath)).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
  return holder;
}

export interface UnlockOptions {
  /** Remove the lock even while its holder runs (`state unlock --force`). @default false */
  readonly force?: boolean;
  /** Remove the lock of a holder that cannot be checked (another host). @default false */
  readonly allowUnknown?: boolean;
  readonly probe?: HolderProbe | undefined;
}

/**
 * Removes the lock when its holder is gone (or always with `force`); refuses with
 * `ERR_STATE_LOCKED` while it runs. Returns who held it and what was found, or `null` when unlocked.
 * @example
 * const removed = await unlockState('.grantform/state.json'); // ERR_STATE_LOCKED while the apply runs
 */
export async function unlockState(
  statePath: string,
  options: UnlockOptions = {},
): Promise<{ readonly holder: LockInfo; readonly check: HolderStatus } | null> {
  const holder = await readLock(statePath);
  if (holder === null) return null;
  const check = holderStatus(holder, options.probe ?? SYSTEM_PROBE);
  const refuse = check.status === 'alive' || (check.status === 'unknown' && options.allowUnknown !== true);
  if (refuse && options.force !== true) {
    throw new EngineError(
      'ERR_STATE_LOCKED',
      check.status === 'alive'
        ? `state ${statePath} is locked by ${describeLock(holder)}, and ${check.reason}: wait for it to finish (\`grantform state unlock --force\` removes the lock anyway, which can corrupt what it is doing)`
        : `state ${statePath} is locked by ${describeLock(holder)}, and ${check.reason}: if you are sure that process is gone, run \`grantform state unlock --force\``,
    );
  }
  await forceUnlock(statePath);
  return { holder, check };
}
