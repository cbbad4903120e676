import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../io.js';
import { main } from '../main.js';
import { createUpCommand } from './up.js';

const EXAMPLE = resolve(import.meta.dirname, '../../../../../examples/basic/grantform.config.ts');

describe('grantform up', () => {
  it('starts the emulator, applies the example, verifies it, and with --once stops with exit 0', async () => {
    // GIVEN an empty working directory
    const dir = await mkdtemp(join(tmpdir(), 'grantform-up-'));
    const io = memoryIo({ cwd: dir });
    // WHEN up runs once against the basic example
    const code = await main(['node', 'grantform', 'up', '--config', EXAMPLE, '--port', '0', '--once'], io);
    // THEN everything was created and verified
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(io.out()).toContain('Apply complete! Resources: 9 added, 0 changed, 0 replaced, 0 destroyed.');
    expect(io.out()).toContain('Verified: 13 passed, 0 failed, 0 skipped (1 attempt).');
    expect(io.out()).toContain('grantform up: applied and verified.');
    expect(io.out()).toMatch(/console {6}http:\/\/127\.0\.0\.1:\d+\/_emulator\/console/);
    // AND the secrets went to the 0600 sink, never to the output
    const secretsFile = join(dir, '.grantform/up/state.json.secrets.json');
    expect((await stat(secretsFile)).mode & 0o777).toBe(0o600);
    const secrets = JSON.parse(await readFile(secretsFile, 'utf8')) as Record<string, unknown>;
    const values = Object.values((secrets.secrets ?? secrets) as Record<string, string>);
    expect(values.length).toBeGreaterThanOrEqual(3);
    for (const value of values) expect(io.out()).not.toContain(value);

    // WHEN it runs again on the same directory (the emulator reloads its state file)
    const again = memoryIo({ cwd: dir });
    const code2 = await main(['node', 'grantform', 'up', '--config', EXAMPLE, '--port', '0', '--once'], again);
    // THEN nothing changes and it verifies again
    expect(again.err()).toBe('');
    expect(code2).toBe(0);
    expect(again.out()).toContain('No changes. The target matches the configuration.');
    expect(again.out()).toContain('Verified: 13 passed, 0 failed, 0 skipped (1 attempt).');
  });

  it('--state puts the engine state (and its secrets) where it says; --dir keeps the emulator state', async () => {
    // GIVEN an empty working directory
    const dir = await mkdtemp(join(tmpdir(), 'grantform-up-'));
    const io = memoryIo({ cwd: dir });
    // WHEN up runs once with --state
    const args = ['up', '--config', EXAMPLE, '--port', '0', '--state', 'states/dev.json', '--once'];
    const code = await main(['node', 'grantform', ...args], io);
    // THEN apply and verify used that state file, and the summary names it
    expect({ code, err: io.err() }).toEqual({ code: 0, err: '' });
    expect(io.out()).toContain('--state states/dev.json');
    expect(io.out()).toContain('  engine state states/dev.json\n');
    expect(io.out()).toContain('  secrets      states/dev.json.secrets.json (mode 0600; client secrets by env name)\n');
    const state = JSON.parse(await readFile(join(dir, 'states/dev.json'), 'utf8')) as { resources: object };
    expect(Object.keys(state.resources)).toHaveLength(9);
    expect((await stat(join(dir, 'states/dev.json.secrets.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, '.grantform/up/emulator-state.json'))).isFile()).toBe(true);
    await expect(stat(join(dir, '.grantform/up/state.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('--help says how --dir and --state relate', async () => {
    const io = memoryIo();
    expect(await main(['node', 'grantform', 'up', '--help'], io)).toBe(0);
    expect(io.out()).toContain('--state <file>');
    expect(io.out()).toContain(
      "--dir and --state: the emulator's own state is always <dir>/emulator-state.json. The engine state\n" +
        '(what plan, apply and verify call --state) is <dir>/state.json, or the file --state names; its\n' +
        'secrets are beside it in <state>.secrets.json. Later commands take the same --state.',
    );
  });

  it('without --once keeps the emulator running until told to stop', async () => {
    // GIVEN an up command whose stop signal fires at once
    const dir = await mkdtemp(join(tmpdir(), 'grantform-up-'));
    const io = memoryIo({ cwd: dir });
    const program = new Command('grantform').exitOverride();
    createUpCommand({ until: async () => undefined })(program, io);
    // WHEN it runs
    await program.parseAsync(['node', 'grantform', 'up', '--config', EXAMPLE, '--port', '0']);
    // THEN it said it would keep running, then stopped cleanly
    expect(io.out()).toContain('The emulator keeps running; press Ctrl-C to stop it.');
    expect(io.out()).toContain('grantform emulator stopped');
    expect(io.exitCode).toBe(0);
  });
});
