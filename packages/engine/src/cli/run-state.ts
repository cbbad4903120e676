/**
 * @module
 * What `grantform state list | show ADDRESS | unlock` do (registered in `./commands/state.ts`).
 */
import { resolve } from 'node:path';
import { EngineError } from '../errors.js';
import { describeLock, forceUnlock } from '../state/lock.js';
import { readState } from '../state/state-file.js';
import type { CliIo } from './io.js';
import { writeJson } from './shared.js';

export interface StateFlags {
  readonly state: string;
  readonly json?: boolean;
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

/** `grantform state unlock`: remove the state lock. */
export async function runStateUnlock(flags: StateFlags, io: CliIo): Promise<void> {
  const path = resolve(io.cwd, flags.state);
  const holder = await forceUnlock(path);
  if (flags.json === true) writeJson(io, { unlocked: holder !== null, holder });
  else io.stdout(holder === null ? `${path} was not locked.\n` : `Removed the lock held by ${describeLock(holder)}.\n`);
}
