/**
 * @module
 * The versioned state file: `{version: 1, serial, lineage, resources}`. Written atomically
 * (temp file + rename) after each resource operation; each write bumps `serial`. Reading rejects
 * a corrupt file (`ERR_STATE_CORRUPT`) and an unknown version (`ERR_STATE_VERSION`).
 * Never holds a secret value: secrets go to the secrets sink.
 */

import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ResourceKind } from '@grantform/config';
import { EngineError } from '../errors.js';
import type { JsonObject } from '../json.js';
import { isJsonObject } from '../json.js';
import { isResourceKind } from '../resources.js';

export const STATE_VERSION = 1;

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
}

export interface StateFile {
  readonly version: typeof STATE_VERSION;
  /** Bumped on every write. */
  readonly serial: number;
  /** Random id given when the state is first written; a plan only applies to its own lineage. */
  readonly lineage: string;
  readonly resources: Readonly<Record<string, ResourceState>>;
}

/** The state before anything was ever written (serial 0, no lineage yet). */
export function emptyState(lineage: string = randomUUID()): StateFile {
  return { version: STATE_VERSION, serial: 0, lineage, resources: {} };
}

function corrupt(path: string, reason: string): EngineError {
  return new EngineError('ERR_STATE_CORRUPT', `state file ${path} is corrupt: ${reason}`);
}

/** Checks the parsed JSON of a state file. */
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
  if (version !== STATE_VERSION) {
    throw new EngineError(
      'ERR_STATE_VERSION',
      `state file ${path} has version ${version}; this grantform reads version ${STATE_VERSION}${version > STATE_VERSION ? ' (written by a newer grantform: upgrade)' : ''}`,
    );
  }
  const { serial, lineage, resources } = raw;
  if (typeof serial !== 'number' || !Number.isInteger(serial) || serial < 0) throw corrupt(path, 'bad "serial"');
  if (typeof lineage !== 'string' || lineage === '') throw corrupt(path, 'bad "lineage"');
  if (!isJsonObject(resources)) throw corrupt(path, 'bad "resources"');
  for (const [address, r] of Object.entries(resources)) {
    if (
      !isJsonObject(r) ||
      !isResourceKind(r.kind) ||
      typeof r.id !== 'string' ||
      !isJsonObject(r.attributes) ||
      typeof r.specHash !== 'string' ||
      !Array.isArray(r.dependsOn)
    ) {
      throw corrupt(path, `bad resource ${address}`);
    }
  }
  return raw as unknown as StateFile;
}

/** Reads the state; a missing file is an empty state (serial 0). */
export async function readState(path: string): Promise<{ state: StateFile; exists: boolean }> {
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
 * Writes `contents` to `path` atomically: a sibling temp file (created with `mode`), fsync, rename.
 * A reader sees the old file or the new one, never half of one.
 */
export async function writeFileAtomic(path: string, contents: string, mode = 0o644): Promise<void> {
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
  const resources: Record<string, ResourceState> = {};
  for (const address of Object.keys(state.resources).sort()) {
    const r = state.resources[address];
    if (r !== undefined) resources[address] = r;
  }
  return `${JSON.stringify({ version: state.version, serial: state.serial, lineage: state.lineage, resources }, null, 1)}\n`;
}

/** Writes `state` with `serial + 1` and returns what was written. */
export async function writeState(path: string, state: StateFile): Promise<StateFile> {
  const next: StateFile = { ...state, serial: state.serial + 1 };
  await writeFileAtomic(path, serializeState(next));
  return next;
}
