import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { HolderProbe } from './lock.js';
import { acquireLock, forceUnlock, holderStatus, lockPathFor, readLock, unlockState, withLock } from './lock.js';

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

  it('--lock-timeout: waits for the holder to release the lock, and fails only when the time is up', async () => {
    // GIVEN an apply holding the lock, released after the second wait
    const first = await acquireLock(statePath, 'apply', { now });
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      if (waits.length === 2) await first.release();
    };
    // WHEN a second apply waits up to 5s, checking every 250ms
    const second = await acquireLock(statePath, 'apply', { now, timeoutMs: 5000, retryMs: 250, sleep });
    // THEN it got the lock on the third try
    expect(waits).toEqual([250, 250]);
    expect((await readLock(statePath))?.command).toBe('apply');
    // AND a third that waits 1s for a holder that never lets go fails, saying how long it waited
    const third = acquireLock(statePath, 'destroy', { now, timeoutMs: 1000, retryMs: 400 });
    await expect(third).rejects.toMatchObject({
      code: 'ERR_STATE_LOCKED',
      message: `state ${statePath} is locked by pid ${process.pid} on ${hostname()} (apply) since 2026-01-02T03:04:05.000Z (waited 1s, --lock-timeout); if that process is gone, run \`grantform state unlock\` or pass --force-unlock`,
    });
    await second.release();
  });

  it('forces a stale lock off on request, but never the lock of a live holder', async () => {
    // GIVEN a lock whose holder is gone (a killed apply) and one held by this live process
    await writeFile(lockPathFor(statePath), JSON.stringify({ pid: 4242, host: 'ci-7', command: 'apply', time: 't' }));
    const gone: HolderProbe = { hostname: () => 'ci-7', alive: () => false, startOf: () => null };
    // WHEN --force-unlock takes it
    const forced = await acquireLock(statePath, 'apply', { now, force: true, probe: gone });
    // THEN the new lock is ours, mode 0600, with our pid, host and process start
    expect(forced.info).toMatchObject({ pid: process.pid, host: hostname(), command: 'apply' });
    expect(Date.parse(forced.info.processStart ?? '')).toBeLessThanOrEqual(Date.now());
    expect((await stat(lockPathFor(statePath))).mode & 0o777).toBe(0o600);
    // AND forcing it again while this process (its holder) runs is refused
    await expect(acquireLock(statePath, 'destroy', { now, force: true })).rejects.toMatchObject({
      code: 'ERR_STATE_LOCKED',
      message: `state ${statePath} is locked by pid ${process.pid} on ${hostname()} (apply) since ${now().toISOString()}, and process ${process.pid} is still running on ${hostname()}: wait for it to finish (\`grantform state unlock --force\` removes the lock anyway, which can corrupt what it is doing)`,
    });
    expect(await forceUnlock(statePath)).toMatchObject({ pid: process.pid, command: 'apply' });
    expect(await readLock(statePath)).toBeNull();
  });

  it('tells a live holder from a gone one by pid, host and start time', () => {
    const info = { pid: 77, host: 'box', command: 'apply', time: 't', processStart: '2026-01-01T00:00:00.000Z' };
    const started = Date.parse('2026-01-01T00:00:00.000Z');
    const probe = (alive: boolean, start: number | null): HolderProbe => ({
      hostname: () => 'box',
      alive: () => alive,
      startOf: () => start,
    });
    expect(holderStatus(info, probe(true, started + 500))).toEqual({
      status: 'alive',
      reason: 'process 77 is still running on box',
    });
    expect(holderStatus(info, probe(false, null))).toEqual({ status: 'gone', reason: 'no process 77 runs on box' });
    expect(holderStatus(info, probe(true, started + 60_000))).toEqual({
      status: 'gone',
      reason: 'pid 77 now belongs to a process started at 2026-01-01T00:01:00.000Z, not the holder',
    });
    expect(holderStatus({ ...info, host: 'other' }, probe(true, started))).toEqual({
      status: 'unknown',
      reason: 'it was taken on another host (other), where it cannot be checked',
    });
  });

  it("state unlock: removes a gone holder's lock, refuses a live or unknown one unless forced", async () => {
    const write = (host: string) =>
      writeFile(lockPathFor(statePath), JSON.stringify({ pid: 4242, host, command: 'apply', time: 't' }));
    const here: HolderProbe = { hostname: () => 'ci-7', alive: () => true, startOf: () => null };
    // a live holder
    await write('ci-7');
    await expect(unlockState(statePath, { probe: here })).rejects.toMatchObject({ code: 'ERR_STATE_LOCKED' });
    expect(await readLock(statePath)).not.toBeNull();
    // a holder on another host
    await write('ci-8');
    await expect(unlockState(statePath, { probe: here })).rejects.toMatchObject({
      code: 'ERR_STATE_LOCKED',
      message: `state ${statePath} is locked by pid 4242 on ci-8 (apply) since t, and it was taken on another host (ci-8), where it cannot be checked: if you are sure that process is gone, run \`grantform state unlock --force\``,
    });
    expect((await unlockState(statePath, { probe: here, force: true }))?.check.status).toBe('unknown');
    // a gone holder
    await write('ci-7');
    expect(await unlockState(statePath, { probe: { ...here, alive: () => false } })).toEqual({
      holder: { pid: 4242, host: 'ci-7', command: 'apply', time: 't' },
      check: { status: 'gone', reason: 'no process 4242 runs on ci-7' },
    });
    expect(await unlockState(statePath)).toBeNull();
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
