/**
 * Concurrent applies, as real child processes against one emulator: two applies of one state (the
 * lock holds: the second is refused at once, naming the first), and two applies of two states of one
 * config (one manages the tenant; the other is refused by the emulator's ownership check, then by
 * its plan; nothing is created twice, and destroying the refused state deletes nothing of the other's).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdminCall, DrillEmulator } from '../../bench/reliability/drill-harness.js';
import { spawnCli, startDrillEmulator } from '../../bench/reliability/drill-harness.js';
import { manyIntegrations, TENANT_SUBDOMAIN } from '../../packages/engine/src/testing-fixtures.js';

let emu: DrillEmulator;
let dir: string;
beforeEach(async () => {
  emu = await startDrillEmulator();
  dir = await mkdtemp(join(tmpdir(), 'gf-drill-concurrent-'));
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manyIntegrations(5)));
});
afterEach(async () => {
  await emu.close();
});

const flags = (state: string) => [
  'apply',
  '--auto-approve',
  '--config',
  'manifest.json',
  '--endpoint',
  emu.url,
  '--state',
  state,
];

/** Holds every admin call until released; `arrived` resolves once `count` calls are held. */
function holdCalls(count: number) {
  let release: () => void = () => undefined;
  const released = new Promise<void>((r) => {
    release = r;
  });
  const held: AdminCall[] = [];
  let enough: (calls: AdminCall[]) => void = () => undefined;
  const arrived = new Promise<AdminCall[]>((r) => {
    enough = r;
  });
  emu.setHook({
    before: async (c) => {
      held.push(c);
      if (held.length === count) enough(held);
      await released;
      return 'process' as const;
    },
  });
  return { arrived, release };
}

async function packageNames(): Promise<string[]> {
  const r = await emu.get<{ items?: { name: string }[] }>(`/tenants/${TENANT_SUBDOMAIN}/packages`);
  return (r.items ?? []).map((p) => p.name).sort();
}

describe('concurrent applies', () => {
  it('of one state: the second is refused by the lock while the first runs, which then completes', async () => {
    // GIVEN an apply that is in the middle of its work (its first admin call held)
    const hold = holdCalls(1);
    const a = spawnCli(flags('state.json'), dir);
    await hold.arrived;
    // WHEN a second apply of the same state starts
    const b = await spawnCli(flags('state.json'), dir).done;
    hold.release();
    const first = await a.done;
    // THEN the second was refused, naming the first; the first completed; everything exists once
    expect(b.code).toBe(1);
    expect(b.stderr).toContain(
      `error[ERR_STATE_LOCKED]: state ${join(dir, 'state.json')} is locked by pid ${first.pid} on `,
    );
    expect(first.code).toBe(0);
    expect(await packageNames()).toEqual(['pkg-00000', 'pkg-00001', 'pkg-00002', 'pkg-00003', 'pkg-00004']);
  }, 60_000);

  it('of two states: one manages the tenant, the other is refused and creates nothing, and its destroy deletes nothing', async () => {
    // GIVEN two applies of two state files that both planned against an empty emulator
    const hold = holdCalls(2);
    const a = spawnCli(flags('a/state.json'), dir);
    const b = spawnCli(flags('b/state.json'), dir);
    // (each has planned once it makes its first call: the tenant's create, held until both are there)
    const [first, second] = await hold.arrived;
    expect([first?.method, second?.method]).toEqual(['PUT', 'PUT']);
    hold.release();
    emu.setHook(null);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    // THEN exactly one succeeded; the emulator refused the other's tenant (it belongs to the winner)
    expect([ra.code, rb.code].sort()).toEqual([0, 1]);
    const loser = ra.code === 0 ? { run: rb, state: 'b/state.json' } : { run: ra, state: 'a/state.json' };
    expect(loser.run.stderr).toContain('error[ERR_APPLY_FAILED]: apply stopped: 0 of 11 operations done, 1 failed');
    expect(loser.run.stderr).toMatch(
      /- acme: emulator refused PUT \/_emulator\/tenants\/mc563885gzs27c5t9-63k636ttgm: ERR_CONFLICT: tenant mc563885gzs27c5t9-63k636ttgm is owned by grantform:[0-9a-f-]+:acme; release it first/,
    );
    expect(await packageNames()).toEqual(['pkg-00000', 'pkg-00001', 'pkg-00002', 'pkg-00003', 'pkg-00004']);
    // WHEN the refused state plans again, and then destroys
    const again = await spawnCli(flags(loser.state), dir).done;
    const destroy = await spawnCli(
      ['destroy', '--auto-approve', '--config', 'manifest.json', '--endpoint', emu.url, '--state', loser.state],
      dir,
    ).done;
    // THEN its plan refuses the other state's resources, and its destroy deletes nothing of them
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('error[ERR_TARGET_CONFLICT]:');
    expect(destroy.code).toBe(0);
    expect(await packageNames()).toEqual(['pkg-00000', 'pkg-00001', 'pkg-00002', 'pkg-00003', 'pkg-00004']);
  }, 60_000);
});
