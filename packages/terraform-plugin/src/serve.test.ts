import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { createServerCertificate } from './certificate.js';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from './handshake.js';
import { loadServices } from './proto/load.js';
import { serve } from './serve.js';
import { certificateFromHandshake, type ServedProvider, serveForTest } from './testing-fixtures.js';
import { toyProvider } from './toy/toy-provider.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '../../..');

function captured() {
  const out = { stdout: [] as string[], stderr: [] as string[], exits: [] as number[] };
  return {
    out,
    options: {
      stdout: { write: (s: string) => out.stdout.push(s) },
      stderr: { write: (s: string) => out.stderr.push(s) },
      exit: (code: number) => out.exits.push(code),
      ignoreSigint: false,
      exitWithParent: false,
    },
  };
}

const launched = (extra: Record<string, string> = {}) => ({
  [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
  PLUGIN_PROTOCOL_VERSIONS: '5,6',
  PLUGIN_CLIENT_CERT: createServerCertificate().certPem,
  ...extra,
});

let served: ServedProvider | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

describe('serve: start-up checks', () => {
  it('run by hand (no magic cookie): one line on stderr, nothing on stdout, exit 1', async () => {
    // GIVEN the toy provider's entry point started like a person would
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'toy/main.ts')], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    });
    // THEN it explains itself and exits 1
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'This is a Terraform provider plugin (terraform-provider-toy); Terraform starts it, it is not meant to be run directly. ' +
        'Install it with installProvider() into a plugin directory (by default ~/.terraform.d/plugins) and run `terraform init`.\n',
    );
    expect(run.status).toBe(1);
  });

  it('exits by itself when Terraform is gone without calling Shutdown', async () => {
    // GIVEN the provider started by a parent that exits right after the handshake
    // (stdout to /dev/null, so that nothing but the parent's exit can end it; the parent waits for its
    // "listening" log line, so the provider knows its parent before the parent goes)
    const log = join(mkdtempSync(join(tmpdir(), 'tf-parent-')), 'stderr.log');
    const script = `node --import tsx ${join(here, 'toy/main.ts')} > /dev/null 2> ${log} & echo $!; until grep -q listening ${log}; do sleep 0.1; done`;
    const parent = spawnSync('sh', ['-c', script], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', TF_LOG: 'DEBUG', ...launched() },
      encoding: 'utf8',
      timeout: 20_000,
    });
    const pid = Number(parent.stdout.split('\n')[0]);
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(alive()).toBe(true);
    // THEN within a few seconds it has exited
    const deadline = Date.now() + 5000;
    while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(alive()).toBe(false);
  });

  it('an offer without protocol 6: the reason on stderr, exit 1', async () => {
    const { out, options } = captured();
    const running = await serve(toyProvider(), { ...options, env: launched({ PLUGIN_PROTOCOL_VERSIONS: '5' }) });
    expect(running).toBe(undefined);
    expect(out).toEqual({
      stdout: [],
      stderr: [
        'Terraform offered plugin protocol version(s) 5, but this provider speaks only version 6 (Terraform 1.0 or newer).\n',
      ],
      exits: [1],
    });
  });

  it('no PLUGIN_CLIENT_CERT: refuses to serve without mutual TLS', async () => {
    const { out, options } = captured();
    const env = launched();
    delete (env as Record<string, string | undefined>).PLUGIN_CLIENT_CERT;
    await serve(toyProvider(), { ...options, env });
    expect(out.stderr).toEqual([
      'PLUGIN_CLIENT_CERT is not set: this provider serves only with go-plugin AutoMTLS (Terraform 0.15 or newer)\n',
    ]);
    expect(out.exits).toEqual([1]);
  });

  it('listens within PLUGIN_MIN_PORT..PLUGIN_MAX_PORT, and says so when no port there is free', async () => {
    // GIVEN a port that is free, and one that is taken
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as { port: number }).port;
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const free = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    // WHEN the range is exactly the free port
    const ok = captured();
    const running = await serve(toyProvider(), {
      ...ok.options,
      env: launched({ PLUGIN_MIN_PORT: `${free}`, PLUGIN_MAX_PORT: `${free}` }),
    });
    // THEN it listens there
    expect(running?.port).toBe(free);
    await running?.close();
    // WHEN the range is exactly the taken port
    const busy = captured();
    await serve(toyProvider(), {
      ...busy.options,
      env: launched({ PLUGIN_MIN_PORT: `${taken}`, PLUGIN_MAX_PORT: `${taken}` }),
    });
    blocker.close();
    // THEN it fails with the range in the message
    expect(busy.out.exits).toEqual([1]);
    expect(busy.out.stderr.join('')).toMatch(
      new RegExp(`^failed to start: could not listen on 127\\.0\\.0\\.1 between ${taken} and ${taken}: `),
    );
  });
});

describe('serve: running', () => {
  it('prints the handshake line as the first and only stdout line', async () => {
    served = await serveForTest();
    expect(served.stdout).toEqual([`${served.running.handshake}\n`]);
    expect(served.running.handshake).toMatch(
      new RegExp(`^1\\|6\\|tcp\\|127\\.0\\.0\\.1:${served.running.port}\\|grpc\\|[A-Za-z0-9+/]+$`),
    );
  });

  it('answers a client presenting the certificate Terraform announced, and nobody else', async () => {
    served = await serveForTest();
    // GIVEN a client with a certificate other than PLUGIN_CLIENT_CERT
    const stranger = createServerCertificate();
    const Provider = grpc.makeGenericClientConstructor(loadServices().provider, 'Provider');
    const client = new Provider(
      `127.0.0.1:${served.running.port}`,
      grpc.credentials.createSsl(
        Buffer.from(certificateFromHandshake(served.running.handshake)),
        Buffer.from(stranger.keyPem),
        Buffer.from(stranger.certPem),
      ),
      { 'grpc.ssl_target_name_override': 'localhost' },
    );
    // WHEN it calls GetProviderSchema
    const err = await new Promise<grpc.ServiceError | null>((resolve) =>
      (
        client as unknown as { GetProviderSchema: (r: object, cb: (e: grpc.ServiceError | null) => void) => void }
      ).GetProviderSchema({}, (e) => resolve(e)),
    );
    client.close();
    // THEN the TLS handshake fails; the legitimate client gets its answer
    expect(err?.code).toBe(grpc.status.UNAVAILABLE);
    expect(Object.keys((await served.call('GetProviderSchema')).resource_schemas as object)).toEqual(['toy_thing']);
  });

  it('GRPCController.Shutdown exits 0', async () => {
    served = await serveForTest();
    await served.callController('Shutdown');
    await new Promise((r) => setTimeout(r, 50));
    expect(served.exitCodes).toEqual([0]);
  });

  it('answers UNIMPLEMENTED for what it does not serve: GRPCStdio, GRPCBroker, functions, moves', async () => {
    served = await serveForTest();
    const codes = await Promise.all(
      [
        '/plugin.GRPCStdio/StreamStdio',
        '/plugin.GRPCBroker/StartStream',
        '/tfplugin6.Provider/GetFunctions',
        '/tfplugin6.Provider/CallFunction',
        '/tfplugin6.Provider/MoveResourceState',
      ].map(served.callPath),
    );
    expect(codes).toEqual(Array(5).fill(grpc.status.UNIMPLEMENTED));
    expect(await served.callPath('/tfplugin6.Provider/StopProvider')).toBe(grpc.status.OK);
  });
});
