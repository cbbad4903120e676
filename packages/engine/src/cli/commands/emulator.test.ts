import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMULATOR_CLI_OPTIONS, EMULATOR_ENV_CLI_OPTIONS } from '@grantform/emulator/cli';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../io.js';
import { createEmulatorCommand } from './emulator.js';

const TSSD = 'mc563885gzs27c5t9-63k636ttgm';
const manifest = {
  apiVersion: 'grantform.dev/v1',
  resources: [
    {
      address: 'acme',
      kind: 'tenant',
      dependsOn: [],
      spec: {
        name: 'acme',
        subdomain: TSSD,
        stackKey: 'S7',
        enterpriseMid: 1,
        businessUnits: [{ mid: 1, name: 'Acme', parentMid: null }],
      },
    },
    {
      address: 'acme/p',
      kind: 'installed-package',
      dependsOn: ['acme'],
      spec: { tenant: 'acme', name: 'p', description: '', legacy: false, sourceMid: 1 },
    },
    {
      address: 'acme/p/api',
      kind: 'api-integration',
      dependsOn: ['acme/p'],
      spec: {
        package: 'acme/p',
        type: 'server-to-server',
        scopes: ['email_read'],
        redirectUris: [],
        businessUnits: 'all',
        clientSecret: { env: 'P_SECRET' },
        pkce: 'optional',
      },
    },
  ],
};

describe('grantform emulator', () => {
  it('starts, prints where things live but no secret, writes credentials 0600, and stops cleanly', async () => {
    // GIVEN a manifest file
    const dir = await mkdtemp(join(tmpdir(), 'gf-cli-'));
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const io = memoryIo({ cwd: dir });
    let stop: () => void = () => {};
    const stopped = new Promise<void>((r) => {
      stop = r;
    });
    const program = new Command('grantform').exitOverride();
    createEmulatorCommand({ until: () => stopped })(program, io);
    // WHEN it runs
    const run = program.parseAsync([
      'node',
      'grantform',
      'emulator',
      '--port',
      '0',
      '--seed',
      'manifest.json',
      '--credentials-out',
      'creds.json',
    ]);
    for (let i = 0; i < 100 && !io.out().includes('credentials'); i++) await new Promise((r) => setTimeout(r, 20));
    const url = /listening on (\S+)/.exec(io.out())![1]!;
    const health = await fetch(`${url}/_emulator/health`);
    stop();
    await run;
    // THEN
    expect(health.status).toBe(200);
    const creds = JSON.parse(await readFile(join(dir, 'creds.json'), 'utf8')) as {
      credentials: { clientSecret: string }[];
    };
    expect((await stat(join(dir, 'creds.json'))).mode & 0o777).toBe(0o600);
    expect(io.out()).toContain(`acme         ${url}/${TSSD}.auth.marketingcloudapis.com/`);
    expect(io.out()).not.toContain(creds.credentials[0]!.clientSecret);
    expect(io.out()).toMatch(/grantform emulator stopped\n$/);
  });
});

describe('grantform emulator flags', () => {
  it('match the emulator CLI, so the bin fast path (prebuilt bundle) accepts exactly the same flags', () => {
    // GIVEN the registered command
    const program = new Command('grantform');
    createEmulatorCommand()(program, memoryIo({ cwd: '/' }));
    const command = program.commands.find((c) => c.name() === 'emulator');
    // WHEN its long flags are listed
    const flags = command?.options.map((o) => o.long?.replace(/^--/, '')).sort();
    // THEN they are the flags `runEmulatorCli` parses
    expect(flags).toEqual(Object.keys(EMULATOR_CLI_OPTIONS).sort());
  });

  it('of `emulator env` match the emulator CLI env command', () => {
    const program = new Command('grantform');
    createEmulatorCommand()(program, memoryIo({ cwd: '/' }));
    const env = program.commands.find((c) => c.name() === 'emulator')?.commands.find((c) => c.name() === 'env');
    const flags = env?.options.map((o) => o.long?.replace(/^--/, '')).sort();
    expect(flags).toEqual(Object.keys(EMULATOR_ENV_CLI_OPTIONS).sort());
  });
});

describe('grantform emulator env', () => {
  it('takes its own --admin-token and --url, and says when the emulator cannot be reached', async () => {
    // GIVEN the command and an address where nothing listens
    const io = memoryIo({ cwd: '/' });
    const program = new Command('grantform').exitOverride();
    createEmulatorCommand({ until: async () => {} })(program, io);
    // WHEN env runs with the admin token after the subcommand
    const run = program.parseAsync(
      ['emulator', 'env', '--admin-token', 'secret-token', '--url', 'http://127.0.0.1:9'],
      {
        from: 'user',
      },
    );
    // THEN it is env that ran (the emulator did not start), and it names the address
    await expect(run).rejects.toThrow(
      /^cannot reach the emulator at http:\/\/127\.0\.0\.1:9 \(.+\): start it with --tls, or pass --url$/,
    );
    expect(io.out()).toBe('');
  });
});

describe('grantform emulator --propagation-delay / --secret-lifetime-days', () => {
  it('start the emulator with those settings', async () => {
    // GIVEN the command
    const io = memoryIo({ cwd: await mkdtemp(join(tmpdir(), 'gf-cli-')) });
    let stop: () => void = () => {};
    const stopped = new Promise<void>((r) => {
      stop = r;
    });
    const program = new Command('grantform').exitOverride();
    createEmulatorCommand({ until: () => stopped })(program, io);
    // WHEN it runs with both flags
    const run = program.parseAsync(
      ['emulator', '--port', '0', '--propagation-delay', '300', '--secret-lifetime-days', '90'],
      { from: 'user' },
    );
    for (let i = 0; i < 100 && !io.out().includes('settings'); i++) await new Promise((r) => setTimeout(r, 20));
    const url = /listening on (\S+)/.exec(io.out())![1]!;
    const settings = await (await fetch(`${url}/_emulator/settings`)).json();
    stop();
    await run;
    // THEN
    expect(settings).toEqual({ propagationDelaySeconds: 300, secretLifetimeDays: 90 });
  });

  it('refuses a bad value with the emulator CLI error', async () => {
    const program = new Command('grantform').exitOverride();
    createEmulatorCommand({ until: async () => {} })(program, memoryIo({ cwd: '/' }));
    await expect(
      program.parseAsync(['emulator', '--port', '0', '--propagation-delay', 'soon'], { from: 'user' }),
    ).rejects.toThrow('--propagation-delay must be a whole number from 0 to 86400 (got soon)');
  });
});
