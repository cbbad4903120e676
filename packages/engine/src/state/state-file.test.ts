import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { emptyState, readState, writeState } from './state-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gf-state-'));
});

describe('state file', () => {
  it('reads a missing file as an empty state at serial 0', async () => {
    const { state, exists } = await readState(join(dir, 'state.json'));
    expect(exists).toBe(false);
    expect(state.serial).toBe(0);
    expect(state.resources).toEqual({});
  });

  it('writes atomically, bumps the serial and leaves no temp file', async () => {
    // GIVEN an empty state with a lineage
    const path = join(dir, 'nested', 'state.json');
    const s0 = emptyState('lin');
    // WHEN written twice
    const s1 = await writeState(path, s0);
    const s2 = await writeState(path, {
      ...s1,
      resources: { acme: { kind: 'tenant', id: 'mc1', attributes: { name: 'acme' }, specHash: 'h', dependsOn: [] } },
    });
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

  it('rejects a resource without an id', async () => {
    const path = join(dir, 'state.json');
    await writeFile(
      path,
      JSON.stringify({ version: 1, serial: 1, lineage: 'x', resources: { a: { kind: 'tenant', attributes: {} } } }),
    );
    await expect(readState(path)).rejects.toMatchObject({ code: 'ERR_STATE_CORRUPT' });
  });

  it('rejects a future version with ERR_STATE_VERSION', async () => {
    const path = join(dir, 'state.json');
    await writeFile(path, JSON.stringify({ version: 2, serial: 1, lineage: 'x', resources: {} }));
    await expect(readState(path)).rejects.toMatchObject({
      code: 'ERR_STATE_VERSION',
      message: `state file ${path} has version 2; this grantform reads version 1 (written by a newer grantform: upgrade)`,
    });
  });

  it('writes the state readable but the directory stays free of secrets files', async () => {
    const path = join(dir, 'state.json');
    await writeState(path, emptyState('lin'));
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 1, serial: 1, lineage: 'lin', resources: {} });
    expect((await stat(path)).mode & 0o777).toBe(0o644);
  });
});
