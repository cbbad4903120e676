import { mkdtemp } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, forceUnlock, readLock, withLock } from './lock.js';

let statePath: string;
const now = () => new Date('2026-01-02T03:04:05.000Z');
beforeEach(async () => {
  statePath = join(await mkdtemp(join(tmpdir(), 'gf-lock-')), 'state.json');
});

describe('state lock', () => {
  it('refuses a second holder and says who holds it', async () => {
    // GIVEN an apply holding the lock
    const lock = await acquireLock(statePath, 'apply', { now });
    // WHEN a destroy tries to take it
    const second = acquireLock(statePath, 'destroy', { now });
    // THEN
    await expect(second).rejects.toMatchObject({
      code: 'ERR_STATE_LOCKED',
      message: `state ${statePath} is locked by pid ${process.pid} on ${hostname()} (apply) since 2026-01-02T03:04:05.000Z; if that process is gone, run \`grantform state unlock\` or pass --force-unlock`,
    });
    await lock.release();
    const third = await acquireLock(statePath, 'destroy', { now });
    await third.release();
    expect(await readLock(statePath)).toBeNull();
  });

  it('forces a stale lock off on request', async () => {
    await acquireLock(statePath, 'apply', { now });
    const forced = await acquireLock(statePath, 'apply', { now, force: true });
    expect(forced.info.command).toBe('apply');
    expect(await forceUnlock(statePath)).toEqual({
      pid: process.pid,
      host: hostname(),
      command: 'apply',
      time: now().toISOString(),
    });
    expect(await readLock(statePath)).toBeNull();
  });

  it('holds the lock only while the work runs, whether it returns or throws', async () => {
    // GIVEN work that looks at the lock while it runs
    const during = await withLock(statePath, 'plan', { now }, async () => (await readLock(statePath))?.command);
    // WHEN work under the lock throws
    const failing = withLock(statePath, 'apply', { now }, async () => {
      throw new Error('boom');
    });
    // THEN the value comes back, the error goes through, and the lock is gone both times
    expect(during).toBe('plan');
    await expect(failing).rejects.toThrow('boom');
    expect(await readLock(statePath)).toBeNull();
  });
});
