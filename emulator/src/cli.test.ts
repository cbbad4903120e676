import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EmulatorCliIo, runEmulatorCli, startFromCli } from './cli.js';
import { rawRequest } from './testing/raw-http.js';

function memoryIo(cwd: string): EmulatorCliIo & { out(): string; err(): string } {
  let out = '';
  let err = '';
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    cwd,
    env: {},
    out: () => out,
    err: () => err,
  };
}

describe('emulator CLI settings flags', () => {
  it('--propagation-delay and --secret-lifetime-days set the control settings at start, and print them', async () => {
    // GIVEN the flags as the engine command and the bundle pass them (strings)
    const io = memoryIo(await mkdtemp(join(tmpdir(), 'gf-cli-')));
    // WHEN the emulator starts
    const running = await startFromCli({ port: 0, propagationDelay: '300', secretLifetimeDays: '90' }, io);
    try {
      // THEN the settings are those, and the summary says so
      const res = await running.app.request('http://localhost/_emulator/settings');
      expect(await res.json()).toEqual({ propagationDelaySeconds: 300, secretLifetimeDays: 90 });
      expect(io.out()).toContain(
        '  settings     propagation delay 300 s, secret lifetime 90 days (PUT /_emulator/settings)\n',
      );
    } finally {
      await running.close();
    }
  });

  it('keeps a state file’s settings unless a flag is given', async () => {
    // GIVEN a state file saved with a 300 s delay and 90-day secrets
    const dir = await mkdtemp(join(tmpdir(), 'gf-cli-'));
    const first = await startFromCli(
      { port: 0, state: 'state.json', propagationDelay: '300', secretLifetimeDays: '90' },
      memoryIo(dir),
    );
    await first.close();
    // WHEN it restarts without flags, then with --propagation-delay 0
    const plain = await startFromCli({ port: 0, state: 'state.json' }, memoryIo(dir));
    const kept = await (await plain.app.request('http://localhost/_emulator/settings')).json();
    await plain.close();
    const flagged = await startFromCli({ port: 0, state: 'state.json', propagationDelay: '0' }, memoryIo(dir));
    const overridden = await (await flagged.app.request('http://localhost/_emulator/settings')).json();
    await flagged.close();
    // THEN
    expect(kept).toEqual({ propagationDelaySeconds: 300, secretLifetimeDays: 90 });
    expect(overridden).toEqual({ propagationDelaySeconds: 0, secretLifetimeDays: 90 });
  });

  it.each([
    [['--propagation-delay=-1'], '--propagation-delay must be a whole number from 0 to 86400 (got -1)'],
    [['--propagation-delay', '1.5'], '--propagation-delay must be a whole number from 0 to 86400 (got 1.5)'],
    [['--propagation-delay', '90000'], '--propagation-delay must be a whole number from 0 to 86400 (got 90000)'],
    [['--secret-lifetime-days', '0'], '--secret-lifetime-days must be a whole number from 1 to 3650 (got 0)'],
    [['--secret-lifetime-days', 'soon'], '--secret-lifetime-days must be a whole number from 1 to 3650 (got soon)'],
    [['--port', '1.5'], '--port must be a whole number from 0 to 65535 (got 1.5)'],
    [['--port', '0x10'], '--port must be a whole number from 0 to 65535 (got 0x10)'],
    [['--port', '99999'], '--port must be a whole number from 0 to 65535 (got 99999)'],
    [['--max-access-tokens', '0'], '--max-access-tokens must be a whole number from 1 to 100000000 (got 0)'],
    [
      ['--allowed-host', 'http://emulator.internal/'],
      '--allowed-host must be a host name or address with an optional port, such as emulator.internal or emulator.internal:4010 (got http://emulator.internal/)',
    ],
  ])('refuses %j before starting', async (argv, message) => {
    // GIVEN a bad value WHEN the CLI runs
    const io = memoryIo(await mkdtemp(join(tmpdir(), 'gf-cli-')));
    const code = await runEmulatorCli(['--port', '0', ...argv], io);
    // THEN it exits 1 with a clear error and never starts
    expect(code).toBe(1);
    expect(io.err()).toBe(`error[ERR_EMULATOR_CLI]: ${message}\n`);
    expect(io.out()).toBe('');
  });
});

describe('emulator CLI --allowed-host', () => {
  it('adds Host names the admin API answers to (repeatable), and says which ones it answers to', async () => {
    // GIVEN two allowed hosts, one with a port
    const io = memoryIo(await mkdtemp(join(tmpdir(), 'gf-cli-')));
    const running = await startFromCli({ port: 0, allowedHosts: ['Emulator.Internal', 'ci-box:9000'] }, io);
    try {
      const port = new URL(running.url).port;
      const health = async (host: string) =>
        (await rawRequest(`${running.url}/_emulator/health`, { headers: { host } })).status;
      // WHEN the admin API is called under each name
      // THEN the allowed ones (and the loopback names on its port) are answered, others refused
      expect({
        internal: await health(`emulator.internal:${port}`),
        ciBox: await health('ci-box:9000'),
        ciBoxOtherPort: await health('ci-box:9001'),
        loopback: await health(`localhost:${port}`),
        other: await health(`attacker.example:${port}`),
      }).toEqual({ internal: 200, ciBox: 200, ciBoxOtherPort: 403, loopback: 200, other: 403 });
      expect(io.out()).toContain(
        '  admin Host   localhost, 127.0.0.1, [::1], emulator.internal, ci-box:9000 (others refused; --allowed-host adds one)\n',
      );
    } finally {
      await running.close();
    }
  });
});

describe('emulator CLI --tls', () => {
  it('keeps the CA beside --state, prints its fingerprint, the proxy and the hosts served', async () => {
    // GIVEN a working directory with a state file path
    const dir = await mkdtemp(join(tmpdir(), 'gf-cli-tls-'));
    const io = memoryIo(dir);
    // WHEN the emulator starts with --tls
    const running = await startFromCli({ port: 0, state: 'state/emulator.json', tls: true, proxyPort: '0' }, io);
    try {
      // THEN the CA lives in state/emulator-tls and the summary shows it
      const tls = running.tls;
      expect(tls?.files.dir).toBe(join(dir, 'state', 'emulator-tls'));
      expect(io.out()).toContain(`  TLS CA       SHA-256 ${tls?.fingerprintSha256}\n`);
      expect(io.out()).toContain(
        `               ${join(dir, 'state', 'emulator-tls', 'ca.pem')} (made now: trust it once; Java: ${join(dir, 'state', 'emulator-tls', 'truststore.p12')})\n`,
      );
      expect(io.out()).toContain(
        `  proxy        ${tls?.proxyUrl} (HTTPS_PROXY: CONNECT to the hosts served, port 443; anything else 403)\n`,
      );
      expect(io.out()).toContain(
        '  hosts served {tssd}.auth.marketingcloudapis.com\n               {tssd}.rest.marketingcloudapis.com\n',
      );
      expect(io.out()).toContain(
        `  client env   grantform emulator env --url ${running.url} [--format shell|dotenv|github]\n`,
      );
      expect(io.out()).not.toContain('  HTTPS        ');
    } finally {
      await running.close();
    }
  });

  it('refuses --tls without a place for the CA, and the TLS flags without --tls', async () => {
    const io = memoryIo(await mkdtemp(join(tmpdir(), 'gf-cli-tls-')));
    await expect(startFromCli({ port: 0, tls: true }, io)).rejects.toThrow(
      '--tls needs --tls-dir DIR or --state FILE: the CA is kept on disk (beside the state file by default), so it is made and trusted once',
    );
    await expect(startFromCli({ port: 0, tlsPort: '443', proxyPort: '0' }, io)).rejects.toThrow(
      '--tls-port, --proxy-port need --tls',
    );
    await expect(startFromCli({ port: 0, tls: true, tlsDir: 'tls', proxyPort: 'x' }, io)).rejects.toThrow(
      '--proxy-port must be a whole number from 0 to 65535 (got x)',
    );
  });

  it('env: a clear error for an emulator without TLS, and for an unknown format', async () => {
    // GIVEN an emulator without --tls
    const io = memoryIo(await mkdtemp(join(tmpdir(), 'gf-cli-tls-')));
    const running = await startFromCli({ port: 0 }, io);
    try {
      // WHEN env asks it
      const err = memoryIo(io.cwd);
      expect(await runEmulatorCli(['env', '--url', running.url], err)).toBe(1);
      const bad = memoryIo(io.cwd);
      expect(await runEmulatorCli(['env', '--url', running.url, '--format', 'yaml'], bad)).toBe(1);
      // THEN
      expect(err.err()).toBe(
        `error[ERR_EMULATOR_ENV]: the emulator at ${running.url} runs without TLS: start it with --tls (and --tls-dir or --state)\n`,
      );
      expect(bad.err()).toBe('error[ERR_EMULATOR_ENV]: --format must be shell, github, dotenv (got yaml)\n');
      const status = await (await running.app.request('http://localhost/_emulator/tls')).json();
      expect(status).toEqual({ enabled: false });
    } finally {
      await running.close();
    }
  });
});
