/**
 * @module
 * What `grantform state list | show ADDRESS | unlock [--force]` do (registered in `./commands/state.ts`).
 * `unlock` removes the lock only when its holder is gone (`state/lock.ts`, `holderStatus`), unless `--force`.
 */
import { resolve } from 'node:path';
import { EngineError } from '../errors.js';
import { describeLock, unlockState } from '../state/lock.js';
import { readState } from '../state/state-file.js';
import type { CliIo } from './io.js';
import { writeJson } from './shared.js';

export interface StateFlags {
  readonly state: string;
  readonly json?: boolean;
  /** `unlock --force`: remove it even while its holder runs, or when the holder cannot be checked. */
  readonly force?: boolean;
}

/** `grantform state list`: addresses in state, with kind and target id. */
export async function runStateList(flags: StateFlags, io: CliIo): Promise<void> {
  const path = resolve(io.cwd, flags.state);
  const { state: s } = await readState(path);
  const rows = Object.entries(s.resources)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([address, r]) => ({ address, kind: r.kind, id: r.id }));
  if (flags.json === true) {
    writeJson(io, { serial: s.serial, lineage: s.lineage, resources: rows });
    return;
  }
  for (const row of rows) io.stdout(`${row.address}\t${row.kind}\t${row.id}\n`);
}

/** `grantform state show ADDRESS`: one resource as recorded in state. */
export async function runStateShow(address: string, flags: StateFlags, io: CliIo): Promise<void> {
  const path = resolve(io.cwd, flags.state);
  const { state: s } = await readState(path);
  const r = s.resources[address];
  if (r === undefined) throw new EngineError('ERR_UNKNOWN_ADDRESS', `no resource at address ${address} in ${path}`);
  writeJson(io, { address, ...r });
}

/** `grantform state unlock [--force]`: remove the state lock when its holder is gone. */
export async function runStateUnlock(flags: StateFlags, io: CliIo): Promise<void> {
  const path = resolve(io.cwd, flags.state);
  const removed = await unlockState(path, { force: flags.force === true });
  if (flags.json === true) {
    writeJson(io, {
      unlocked: removed !== null,
      holder: removed?.holder ?? null,
      holderStatus: removed?.check.status ?? null,
    });
  } else if (removed === null) io.stdout(`${path} was not locked.\n`);
  else io.stdout(`Removed the lock held by ${describeLock(removed.holder)}: ${removed.check.reason}.\n`);
}
