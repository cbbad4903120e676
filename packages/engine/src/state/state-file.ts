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

import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ResourceKind } from '@grantform/config';
import { EngineError } from '../errors.js';
import type { JsonObject } from '../json.js';
import { isJsonObject } from '../json.js';
import { isResourceKind } from '../resources.js';
import { journalPathFor, replayJournal } from './journal.js';

export const STATE_VERSION = 2;
/** Versions {@link parseState} reads (older ones are upgraded). */
export const READABLE_STATE_VERSIONS: readonly number[] = [1, 2];

/** A secret a target hands out (once, on create or when it is re-issued). */
export type SecretName = 'clientSecret' | 'jwtSigningSecret' | 'partnerSecret';

export interface ResourceState {
  readonly kind: ResourceKind;
  /** The target's id: tenant subdomain, package UUID, or the integration's client id. */
  readonly id: string;
  /** Configurable attributes as applied plus values the target assigned (no secrets). */
  readonly attributes: JsonObject;
  /** Hash of the spec last applied. */
  readonly specHash: string;
  /** Addresses this resource depended on when applied (deletes run in reverse order). */
  readonly dependsOn: readonly string[];
  /**
   * Secrets of this resource this state was never given (imported without them: someone else holds
   * the value). A plan never re-issues them on its own; it warns when their env is not set. Absent = none.
   */
  readonly secretsNotHeld?: readonly SecretName[];
}

/** An operation whose intent was recorded and whose end was not. */
export interface PendingOperation {
  readonly kind: ResourceKind;
  readonly step: 'create' | 'update' | 'delete';
  /** The target id it acted on (update, delete); `null` for a create. */
  readonly id: string | null;
  /** Secrets the call may have made the target hand out (and the sink may have missed). */
  readonly secrets: readonly SecretName[];
  /** ISO time the intent was recorded. */
  readonly startedAt: string;
}

export interface StateFile {
  readonly version: typeof STATE_VERSION;
  /** Bumped by every recorded change. */
  readonly serial: number;
  /** Random id given when the state is first written; a plan only applies to its own lineage. */
  readonly lineage: string;
  readonly resources: Readonly<Record<string, ResourceState>>;
  /** Operations started and never recorded as done, by address (empty after a clean apply). */
  readonly pending: Readonly<Record<string, PendingOperation>>;
}

/** The state before anything was ever written (serial 0, no lineage yet). */
export function emptyState(lineage: string = randomUUID()): StateFile {
  return { version: STATE_VERSION, serial: 0, lineage, resources: {}, pending: {} };
}

function corrupt(path: string, reason: string): EngineError {
  return new EngineError('ERR_STATE_CORRUPT', `state file ${path} is corrupt: ${reason}`);
}

const SECRET_NAMES: readonly string[] = ['clientSecret', 'jwtSigningSecret', 'partnerSecret'];

/** Checks one resource entry (state file or journal); returns it typed or `null`. */
export function asResourceState(r: unknown): ResourceState | null {
  return isJsonObject(r) &&
    isResourceKind(r.kind) &&
    typeof r.id === 'string' &&
    isJsonObject(r.attributes) &&
    typeof r.specHash === 'string' &&
    Array.isArray(r.dependsOn) &&
    (r.secretsNotHeld === undefined ||
      (Array.isArray(r.secretsNotHeld) &&
        r.secretsNotHeld.every((n) => typeof n === 'string' && SECRET_NAMES.includes(n))))
    ? (r as unknown as ResourceState)
    : null;
}

/** Checks one pending entry (state file or journal); returns it typed or `null`. */
export function asPendingOperation(p: unknown): PendingOperation | null {
  return isJsonObject(p) &&
    isResourceKind(p.kind) &&
    (p.step === 'create' || p.step === 'update' || p.step === 'delete') &&
    (p.id === null || typeof p.id === 'string') &&
    Array.isArray(p.secrets) &&
    p.secrets.every((s) => typeof s === 'string' && SECRET_NAMES.includes(s)) &&
    typeof p.startedAt === 'string'
    ? (p as unknown as PendingOperation)
    : null;
}

/**
 * Version 1 → 2: version 1 had no `pending` (an apply rewrote the whole file after every operation
 * and recorded no intent), so it upgrades to "nothing pending".
 */
export function upgradeStateV1toV2(v1: JsonObject): JsonObject {
  return { ...v1, version: 2, pending: {} };
}

/** Checks the parsed JSON of a state file (upgrading older versions). */
export function parseState(text: string, path: string): StateFile {
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
    if (asResourceState(r) === null) throw corrupt(path, `bad resource ${address}`);
  }
  if (!isJsonObject(pending)) throw corrupt(path, 'bad "pending"');
  for (const [address, p] of Object.entries(pending)) {
    if (asPendingOperation(p) === null) throw corrupt(path, `bad pending operation ${address}`);
  }
  return { version: STATE_VERSION, serial, lineage, resources, pending } as unknown as StateFile;
}

/** Reads the state file alone (no journal); a missing file is an empty state (serial 0). */
async function readStateFile(path: string): Promise<{ state: StateFile; exists: boolean }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: emptyState(), exists: false };
    throw err;
  }
  return { state: parseState(text, path), exists: true };
}

/**
 * Reads the state: the file, plus what a journal beside it recorded after it (an apply that was
 * killed before folding its journal in). A missing file is an empty state (serial 0).
 */
export async function readState(path: string): Promise<{ state: StateFile; exists: boolean }> {
  const file = await readStateFile(path);
  if (!file.exists) return file;
  let text: string;
  try {
    text = await readFile(journalPathFor(path), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return file;
    throw err;
  }
  return { state: replayJournal(file.state, text, journalPathFor(path)), exists: true };
}

/**
 * Writes `contents` to `path` atomically: a sibling temp file (created with `mode`), fsync, rename.
 * A reader sees the old file or the new one, never half of one. Every file grantform writes is 0600
 * by default (state, journal, lock, plans, secrets); only build artifacts and reports meant to be
 * shared (synth output, JUnit) pass 0644.
 */
export async function writeFileAtomic(path: string, contents: string, mode = 0o600): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  const handle = await open(tmp, 'wx', mode);
  try {
    await handle.writeFile(contents, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/** Serialises a state (stable key order, trailing newline). */
export function serializeState(state: StateFile): string {
  const sorted = <T>(record: Readonly<Record<string, T>>): Record<string, T> => {
    const out: Record<string, T> = {};
    for (const key of Object.keys(record).sort()) {
      const v = record[key];
      if (v !== undefined) out[key] = v;
    }
    return out;
  };
  return `${JSON.stringify(
    {
      version: STATE_VERSION,
      serial: state.serial,
      lineage: state.lineage,
      resources: sorted(state.resources),
      pending: sorted(state.pending),
    },
    null,
    1,
  )}\n`;
}

/**
 * Writes the whole state as is (same serial) and removes the journal it folds in. Used to end an
 * apply's journal: the content equals state + journal, so the serial does not move.
 */
export async function compactState(path: string, state: StateFile): Promise<void> {
  await writeFileAtomic(path, serializeState(state));
  await unlink(journalPathFor(path)).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}

/** Writes `state` with `serial + 1` (folding in any journal) and returns what was written. */
export async function writeState(path: string, state: StateFile): Promise<StateFile> {
  const next: StateFile = { ...state, serial: state.serial + 1 };
  await compactState(path, next);
  return next;
}
