/**
 * @module
 * What `grantform import` does (registered in `./commands/import.ts`): the vendor whose importer
 * claims the address (`ImportBinding`) adopts the existing integration, application or partner;
 * this records it in state (under the lock, refusing what another state's label names) with its
 * secret in the sink, and prints the config code.
 */
import { EMPTY_DESIRED } from '../desired.js';
import type { ErrorIssue } from '../errors.js';
import { EngineError } from '../errors.js';
import { describeOwner, ownerLabel } from '../ownership.js';
import { carriesOwnerLabel } from '../registry/descriptor.js';
import type { ImportFlags as VendorImportFlags } from '../registry/vendor.js';
import { type LockOptions, withLock } from '../state/lock.js';
import type { ResourceState, StateFile } from '../state/state-file.js';
import { readState, writeState } from '../state/state-file.js';
import { BUILT_IN_REGISTRY } from '../vendors/index.js';
import type { CliIo } from './io.js';
import type { CommonFlags } from './options.js';
import type { Resolved } from './shared.js';
import { lockOptionsFor, resolveCommon, secretsSinkFor, writeJson } from './shared.js';

export interface ImportFlags extends CommonFlags, VendorImportFlags {
  readonly mid?: string[];
}

/** Runs `grantform import ADDRESS`. */
export async function runImport(address: string, flags: ImportFlags, io: CliIo): Promise<void> {
  const r = resolveCommon(flags, io);
  const lockOptions = lockOptionsFor(flags);
  const importer = BUILT_IN_REGISTRY.importerFor(address);
  if (importer === undefined) throw new EngineError('ERR_USAGE', `no vendor imports ${address}`);
  const adminToken = io.env.GRANTFORM_ADMIN_TOKEN;
  const result = await importer.run({
    address,
    flags,
    env: io.env,
    target: r.driver.name,
    endpoint: r.endpoint,
    fetch: r.fetch,
    ...(adminToken === undefined ? {} : { adminToken }),
    readState: async () => (await readState(r.statePath)).state,
  });
  const added = await record(flags, lockOptions, r, io, result.resources, result.secrets);
  if (r.json) {
    writeJson(io, { address, ...result.details, addedToState: added, notes: result.notes, code: result.code });
    return;
  }
  io.stdout(`Imported ${address}: ${result.summary}.\n`);
  io.stdout(added.length > 0 ? `Added to state: ${added.join(', ')}\n` : 'State already held these addresses.\n');
  for (const n of result.notes) io.stdout(`Note: ${n}\n`);
  io.stdout(`\nPaste into grantform.config.ts:\n\n${result.code}`);
}

/**
 * Adds the imported entries the state does not hold yet (under the lock) and puts the secrets in
 * the sink first; returns the addresses added, sorted.
 */
async function record(
  flags: ImportFlags,
  lockOptions: LockOptions,
  r: Resolved,
  io: CliIo,
  entries: Readonly<Record<string, ResourceState>>,
  secrets: readonly { readonly env: string; readonly value: string }[],
): Promise<string[]> {
  return withLock(r.statePath, 'import', lockOptions, async () => {
    const { state } = await readState(r.statePath);
    await refuseForeign(r, state, entries);
    const resources = { ...state.resources };
    const added: string[] = [];
    for (const [a, res] of Object.entries(entries)) {
      if (resources[a] !== undefined) continue;
      resources[a] = res;
      added.push(a);
    }
    const sink = secretsSinkFor(flags, r.statePath, io);
    for (const s of secrets) await sink.put(s.env, s.value);
    if (added.length > 0) await writeState(r.statePath, { ...state, resources });
    return added.sort();
  });
}

/**
 * Refuses entries whose target object another state's ownership label names: one tenant (package,
 * application …) is managed by one state. What has no label yet is labelled by the next apply.
 */
async function refuseForeign(r: Resolved, state: StateFile, entries: Readonly<Record<string, ResourceState>>) {
  const fresh = Object.fromEntries(Object.entries(entries).filter(([a]) => state.resources[a] === undefined));
  if (r.driver.readOnly || Object.keys(fresh).length === 0) return;
  const observed = await r.driver.observe({ ...state, resources: fresh }, EMPTY_DESIRED);
  const issues: ErrorIssue[] = [];
  for (const [address, o] of Object.entries(observed)) {
    const entry = fresh[address];
    if (entry === undefined || !carriesOwnerLabel(BUILT_IN_REGISTRY.kind(entry.kind)) || typeof o?.owner !== 'string')
      continue;
    if (o.owner !== ownerLabel(state.lineage, address))
      issues.push({ path: address, message: `on the target it belongs to ${describeOwner(o.owner)}` });
  }
  if (issues.length > 0) {
    throw new EngineError(
      'ERR_TARGET_CONFLICT',
      'refusing to import what another grantform state manages (two states must not manage one resource): import it into that state, or remove it there first',
      { issues },
    );
  }
}
