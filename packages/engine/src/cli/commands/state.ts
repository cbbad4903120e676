/**
 * @module
 * `grantform state list | show ADDRESS | unlock [--force]`. `unlock` removes the lock only when its
 * holder is gone (`state/lock.ts`, `holderStatus`), unless `--force`.
 */

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { EngineError } from '../../errors.js';
import { describeLock, unlockState } from '../../state/lock.js';
import { readState } from '../../state/state-file.js';
import type { CliIo } from '../io.js';
import type { CommonFlags } from '../shared.js';
import { DEFAULT_STATE, writeJson } from '../shared.js';

interface StateFlags {
  readonly state: string;
  readonly json?: boolean;
}

function stateOptions(cmd: Command): Command {
  return cmd.option('--state <file>', 'state file', DEFAULT_STATE).option('--json', 'machine-readable output');
}

export function registerState(program: Command, io: CliIo): void {
  const state = program.command('state').description('inspect the state file, or remove a stale lock');
  stateOptions(state.command('list').description('addresses in state, with kind and target id')).action(
    async (flags: StateFlags) => {
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
    },
  );
  stateOptions(state.command('show').description('one resource as recorded in state').argument('<address>')).action(
    async (address: string, flags: StateFlags) => {
      const path = resolve(io.cwd, flags.state);
      const { state: s } = await readState(path);
      const r = s.resources[address];
      if (r === undefined) throw new EngineError('ERR_UNKNOWN_ADDRESS', `no resource at address ${address} in ${path}`);
      writeJson(io, { address, ...r });
    },
  );
  stateOptions(
    state
      .command('unlock')
      .description('remove the state lock when its holder is gone (pid, host and start time are checked)')
      .option('--force', 'remove it even while its holder runs, or when the holder cannot be checked (another host)'),
  ).action(async (flags: Pick<CommonFlags, 'state' | 'json'> & { readonly force?: boolean }) => {
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
  });
}
