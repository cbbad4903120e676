/**
 * @module
 * The versioned state file: `{version: 2, serial, lineage, resources, pending}`, mode 0600.
 *
 * - `serial` counts recorded changes; `lineage` is a random id given when the state is first
 *   written (a plan only applies to its own lineage, and everything this state creates on a target
 *   carries an ownership label naming it, see `ownership.ts`).
 * - `pending` lists operations an apply started (their intent recorded before the remote call) whose
 *   end it never recorded: the process was killed, or the call failed without saying whether it took
 *   effect. The next plan resolves each one against what the target reports (`plan.ts`).
 *
 * An apply does not rewrite this file after each operation: it appends to the journal beside it
 * (`journal.ts`) and folds the journal in once at the end. Reading always replays a journal left by a
 * killed apply, so every reader (plan, apply, import, verify, output, state) sees every recorded
 * change. Full writes are atomic (temp file, fsync, rename). Reading rejects a corrupt file
 * (`ERR_STATE_CORRUPT`) and an unknown version (`ERR_STATE_VERSION`); version 1 (before `pending`)
 * is upgraded on read. Never holds a secret value: secrets go to the secrets sink.
 */

import { readFile } from 'node:fs/promises';
import { EngineError } from '../errors.js';
import { isJsonObject } from '../json.js';
import { stateVocabulary } from '../registry/registry.js';
import { BUILT_IN_REGISTRY } from '../vendors/index.js';
import { journalPathFor } from './files.js';
import { replayJournal } from './journal.js';
import type { StateFile, StateVocabulary } from './records.js';
import {
  asPendingOperation,
  asResourceState,
  emptyState,
  READABLE_STATE_VERSIONS,
  STATE_VERSION,
  upgradeStateV1toV2,
} from './records.js';

export { compactState, journalPathFor, serializeState, writeFileAtomic, writeState } from './files.js';
export {
  asPendingOperation,
  asResourceState,
  emptyState,
  type PendingOperation,
  READABLE_STATE_VERSIONS,
  type ResourceState,
  type SecretName,
  STATE_VERSION,
  type StateFile,
  type StateVocabulary,
  upgradeStateV1toV2,
} from './records.js';

/** The kinds and secret names of the built-in vendors. */
const BUILT_IN_VOCABULARY = stateVocabulary(BUILT_IN_REGISTRY);

function corrupt(path: string, reason: string): EngineError {
  return new EngineError('ERR_STATE_CORRUPT', `state file ${path} is corrupt: ${reason}`);
}

/** Checks the parsed JSON of a state file (upgrading older versions). */
export function parseState(text: string, path: string, vocabulary: StateVocabulary = BUILT_IN_VOCABULARY): StateFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw corrupt(path, 'not valid JSON');
  }
  if (!isJsonObject(raw)) throw corrupt(path, 'not a JSON object');
  const version = raw.version;
  if (typeof version !== 'number') throw corrupt(path, 'missing "version"');
  if (!READABLE_STATE_VERSIONS.includes(version)) {
    throw new EngineError(
      'ERR_STATE_VERSION',
      `state file ${path} has version ${version}; this grantform reads versions ${READABLE_STATE_VERSIONS.join(' and ')}${version > STATE_VERSION ? ' (written by a newer grantform: upgrade)' : ''}`,
    );
  }
  const current = version === 1 ? upgradeStateV1toV2(raw) : raw;
  const { serial, lineage, resources, pending } = current;
  if (typeof serial !== 'number' || !Number.isInteger(serial) || serial < 0) throw corrupt(path, 'bad "serial"');
  if (typeof lineage !== 'string' || lineage === '') throw corrupt(path, 'bad "lineage"');
  if (!isJsonObject(resources)) throw corrupt(path, 'bad "resources"');
  for (const [address, r] of Object.entries(resources)) {
    if (asResourceState(r, vocabulary) === null) throw corrupt(path, `bad resource ${address}`);
  }
  if (!isJsonObject(pending)) throw corrupt(path, 'bad "pending"');
  for (const [address, p] of Object.entries(pending)) {
    if (asPendingOperation(p, vocabulary) === null) throw corrupt(path, `bad pending operation ${address}`);
  }
  return { version: STATE_VERSION, serial, lineage, resources, pending } as unknown as StateFile;
}

/** Reads the state file alone (no journal); a missing file is an empty state (serial 0). */
async function readStateFile(
  path: string,
  vocabulary: StateVocabulary,
): Promise<{ state: StateFile; exists: boolean }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: emptyState(), exists: false };
    throw err;
  }
  return { state: parseState(text, path, vocabulary), exists: true };
}

/**
 * Reads the state: the file, plus what a journal beside it recorded after it (an apply that was
 * killed before folding its journal in). A missing file is an empty state (serial 0).
 */
export async function readState(
  path: string,
  vocabulary: StateVocabulary = BUILT_IN_VOCABULARY,
): Promise<{ state: StateFile; exists: boolean }> {
  const file = await readStateFile(path, vocabulary);
  if (!file.exists) return file;
  let text: string;
  try {
    text = await readFile(journalPathFor(path), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return file;
    throw err;
  }
  return { state: replayJournal(file.state, text, journalPathFor(path), vocabulary), exists: true };
}
