import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEnvFileSecretsSink, createJsonSecretsSink } from './secrets-sink.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gf-sink-'));
});

describe('secrets sink', () => {
  it('writes a 0600 JSON file keyed by env name', async () => {
    const sink = createJsonSecretsSink(join(dir, 'state.json.secrets.json'));
    await Promise.all([sink.put('B_SECRET', 'b'), sink.put('A_SECRET', 'a')]);
    await sink.rename('B_SECRET', 'C_SECRET');
    const path = join(dir, 'state.json.secrets.json');
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ A_SECRET: 'a', C_SECRET: 'b' });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('updates NAME=value lines in an env file and keeps the others', async () => {
    // GIVEN an env file the user already has
    const path = join(dir, '.env');
    await writeFile(path, '# mine\nOTHER=1\nA_SECRET=old\n');
    const sink = createEnvFileSecretsSink(path);
    // WHEN secrets are written
    await sink.put('A_SECRET', 'new value');
    await sink.put('B_SECRET', 'x');
    // THEN
    expect(await readFile(path, 'utf8')).toBe("# mine\nOTHER=1\nA_SECRET='new value'\nB_SECRET=x\n");
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await sink.get('A_SECRET')).toBe('new value');
  });
});
