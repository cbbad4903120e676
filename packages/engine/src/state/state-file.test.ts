import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { journalPathFor, openFileJournal } from './journal.js';
import type { ResourceState } from './state-file.js';
import { emptyState, readState, writeState } from './state-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gf-state-'));
});

const tenant: ResourceState = { kind: 'tenant', id: 'mc1', attributes: { name: 'acme' }, specHash: 'h', dependsOn: [] };
const pkg: ResourceState = { kind: 'installed-package', id: 'p1', attributes: {}, specHash: 'h2', dependsOn: ['acme'] };

describe('state file', () => {
  it('reads a missing file as an empty state at serial 0', async () => {
    const { state, exists } = await readState(join(dir, 'state.json'));
    expect(exists).toBe(false);
    expect(state.serial).toBe(0);
    expect(state.resources).toEqual({});
    expect(state.pending).toEqual({});
  });

  it('writes atomically, bumps the serial and leaves no temp file', async () => {
    // GIVEN an empty state with a lineage
    const path = join(dir, 'nested', 'state.json');
    const s0 = emptyState('lin');
    // WHEN written twice
    const s1 = await writeState(path, s0);
    const s2 = await writeState(path, { ...s1, resources: { acme: tenant } });
    // THEN
    expect(s2.serial).toBe(2);
    expect((await readState(path)).state).toEqual(s2);
    expect(await readdir(join(dir, 'nested'))).toEqual(['state.json']);
  });

  it('rejects corrupt JSON with ERR_STATE_CORRUPT', async () => {
    const path = join(dir, 'state.json');
    await writeFile(path, '{"version":1,"serial":');
    await expect(readState(path)).rejects.toMatchObject({
      code: 'ERR_STATE_CORRUPT',
      message: `state file ${path} is corrupt: not valid JSON`,
    });
  });

  it('rejects a resource without an id, and a malformed pending operation', async () => {
    const path = join(dir, 'state.json');
    await writeFile(
      path,
      JSON.stringify({ version: 1, serial: 1, lineage: 'x', resources: { a: { kind: 'tenant', attributes: {} } } }),
    );
    await expect(readState(path)).rejects.toMatchObject({ code: 'ERR_STATE_CORRUPT' });
    await writeFile(
      path,
      JSON.stringify({ version: 2, serial: 1, lineage: 'x', resources: {}, pending: { a: { kind: 'tenant' } } }),
    );
    await expect(readState(path)).rejects.toMatchObject({
      code: 'ERR_STATE_CORRUPT',
      message: `state file ${path} is corrupt: bad pending operation a`,
    });
  });

  it('rejects a future version with ERR_STATE_VERSION', async () => {
    const path = join(dir, 'state.json');
    await writeFile(path, JSON.stringify({ version: 3, serial: 1, lineage: 'x', resources: {}, pending: {} }));
    await expect(readState(path)).rejects.toMatchObject({
      code: 'ERR_STATE_VERSION',
      message: `state file ${path} has version 3; this grantform reads versions 1 and 2 (written by a newer grantform: upgrade)`,
    });
  });

  it('upgrades a version 1 state (no pending operations) and writes it back as version 2', async () => {
    // GIVEN a version 1 state file as grantform wrote it before the journal
    const path = join(dir, 'state.json');
    await writeFile(path, JSON.stringify({ version: 1, serial: 4, lineage: 'old', resources: { acme: tenant } }));
    // WHEN read and written back
    const { state } = await readState(path);
    await writeState(path, state);
    // THEN nothing is pending, the resources are kept, and the file is version 2
    expect(state).toEqual({ version: 2, serial: 4, lineage: 'old', resources: { acme: tenant }, pending: {} });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      version: 2,
      serial: 5,
      lineage: 'old',
      resources: { acme: tenant },
      pending: {},
    });
  });

  it('writes the state file with mode 0600', async () => {
    const path = join(dir, 'state.json');
    await writeFile(path, '{}', { mode: 0o644 });
    await writeState(path, emptyState('lin'));
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      version: 2,
      serial: 1,
      lineage: 'lin',
      resources: {},
      pending: {},
    });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });
});

describe('state journal', () => {
  it('writes the state before anything is recorded, appends each entry durably, and folds in on close', async () => {
    // GIVEN a state never written
    const path = join(dir, 'state.json');
    // WHEN a journal is opened on it and two operations are recorded
    const journal = await openFileJournal(path, emptyState('lin'));
    const afterOpen = (await readState(path)).state;
    await journal.append([
      {
        op: 'begin',
        address: 'acme',
        pending: { kind: 'tenant', step: 'create', id: null, secrets: [], startedAt: 't' },
      },
    ]);
    const midway = (await readState(path)).state;
    await journal.append([{ op: 'put', address: 'acme', resource: tenant }]);
    const journalMode = (await stat(journalPathFor(path))).mode & 0o777;
    const closed = await journal.close();
    // THEN the lineage was on disk first; a reader sees every recorded entry; close leaves one file
    expect(afterOpen).toMatchObject({ serial: 1, lineage: 'lin', resources: {} });
    expect(midway).toMatchObject({
      serial: 2,
      pending: { acme: { kind: 'tenant', step: 'create', id: null, secrets: [], startedAt: 't' } },
    });
    expect(journalMode).toBe(0o600);
    expect(closed).toEqual({ version: 2, serial: 3, lineage: 'lin', resources: { acme: tenant }, pending: {} });
    expect((await readState(path)).state).toEqual(closed);
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('replays the journal a killed apply left, ignoring a torn last line', async () => {
    // GIVEN a journal whose writer died in the middle of its last line
    const path = join(dir, 'state.json');
    const journal = await openFileJournal(path, emptyState('lin'));
    await journal.append([
      { op: 'put', address: 'acme', resource: tenant },
      {
        op: 'begin',
        address: 'acme/p',
        pending: { kind: 'installed-package', step: 'create', id: null, secrets: [], startedAt: 't' },
      },
    ]);
    await writeFile(journalPathFor(path), '{"op":"put","address":"acme/p","reso', { flag: 'a' });
    // WHEN read (no close: the process was killed)
    const { state } = await readState(path);
    // THEN the complete entries are there and the torn one is not
    expect(state.resources).toEqual({ acme: tenant });
    expect(Object.keys(state.pending)).toEqual(['acme/p']);
    expect(state.serial).toBe(3);
    // AND the next journal folds the old one in before starting
    const next = await openFileJournal(path, state);
    await next.append([{ op: 'put', address: 'acme/p', resource: pkg }]);
    expect(await next.close()).toEqual({
      version: 2,
      serial: 4,
      lineage: 'lin',
      resources: { acme: tenant, 'acme/p': pkg },
      pending: {},
    });
  });

  it('ignores a journal already folded in or of another state, and refuses a corrupt entry', async () => {
    const path = join(dir, 'state.json');
    await writeState(path, { ...emptyState('lin'), serial: 4 });
    // a journal from serial 2 (its entries are already in the file)
    await writeFile(
      journalPathFor(path),
      `${JSON.stringify({ journal: 1, lineage: 'lin', serial: 2 })}\n${JSON.stringify({ op: 'put', address: 'x', resource: tenant })}\n`,
    );
    expect((await readState(path)).state.resources).toEqual({});
    // a journal of another lineage
    await writeFile(journalPathFor(path), `${JSON.stringify({ journal: 1, lineage: 'other', serial: 5 })}\n`);
    expect((await readState(path)).state.serial).toBe(5);
    // a corrupt entry that is not the last line
    await writeFile(
      journalPathFor(path),
      `${JSON.stringify({ journal: 1, lineage: 'lin', serial: 5 })}\n{"op":"nope"}\n${JSON.stringify({ op: 'end', address: 'x' })}\n`,
    );
    await expect(readState(path)).rejects.toMatchObject({
      code: 'ERR_STATE_CORRUPT',
      message: `state journal ${journalPathFor(path)} is corrupt: line 2 is not an entry`,
    });
  });
});
