/**
 * @module
 * Test fixtures: the toy provider served in-process by {@link serve} (handshake, mTLS and all) and a
 * real gRPC client that connects the way Terraform does: trusting only the certificate from the
 * handshake line, checking the name `localhost`, presenting its own client certificate.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import grpc from '@grpc/grpc-js';
import { createServerCertificate, pemEncode } from './certificate.js';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from './handshake.js';
import { loadServices } from './proto/load.js';
import type { Provider } from './provider.js';
import { type RunningProvider, serve } from './serve.js';
import { toyProvider } from './toy/toy-provider.js';
import type { ToyStore } from './toy/toy-store.js';

/** Calls one RPC by name with a request message; resolves to the response message. */
export type Call = (method: string, request?: object) => Promise<Record<string, unknown>>;

export interface ServedProvider {
  readonly call: Call;
  /** Calls any method path (`/package.Service/Method`) with an empty request; resolves to its status code. */
  readonly callPath: (path: string) => Promise<grpc.status>;
  readonly callController: Call;
  readonly running: RunningProvider;
  readonly stdout: string[];
  readonly stderr: string[];
  readonly exitCodes: number[];
  readonly storePath: string;
  close(): Promise<void>;
}

/** The DER certificate in a handshake line as PEM. */
export function certificateFromHandshake(line: string): string {
  return pemEncode('CERTIFICATE', Buffer.from(line.split('|')[5] ?? '', 'base64'));
}

/** Serves `provider` (the toy provider by default) in-process and connects a client to it. */
export async function serveForTest<C = ToyStore>(
  provider: Provider<C> = toyProvider() as unknown as Provider<C>,
): Promise<ServedProvider> {
  const clientCert = createServerCertificate();
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exitCodes: number[] = [];
  const running = await serve(provider, {
    env: {
      [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
      PLUGIN_PROTOCOL_VERSIONS: '5,6',
      PLUGIN_CLIENT_CERT: clientCert.certPem,
      PLUGIN_MIN_PORT: '0',
      PLUGIN_MAX_PORT: '0',
    },
    stdout: { write: (s: string) => stdout.push(s) },
    stderr: { write: (s: string) => stderr.push(s) },
    exit: (code) => exitCodes.push(code),
    ignoreSigint: false,
    exitWithParent: false,
  });
  if (!running) throw new Error(`serve failed: ${stderr.join('')}`);
  const services = loadServices();
  const credentials = grpc.credentials.createSsl(
    Buffer.from(certificateFromHandshake(running.handshake)),
    Buffer.from(clientCert.keyPem),
    Buffer.from(clientCert.certPem),
  );
  const address = `127.0.0.1:${running.port}`;
  const options = { 'grpc.ssl_target_name_override': 'localhost' };
  const Provider = grpc.makeGenericClientConstructor(services.provider, 'Provider');
  const Controller = grpc.makeGenericClientConstructor(services.controller, 'GRPCController');
  const client = new Provider(address, credentials, options);
  const controller = new Controller(address, credentials, options);
  const caller =
    (c: grpc.Client): Call =>
    (method, request = {}) =>
      new Promise((resolve, reject) => {
        const fn = (
          c as unknown as Record<
            string,
            (r: object, cb: (e: Error | null, res: Record<string, unknown>) => void) => void
          >
        )[method];
        if (!fn) return reject(new Error(`no method ${method}`));
        fn.call(c, request, (err, res) => (err ? reject(err) : resolve(res)));
      });
  const storePath = join(mkdtempSync(join(tmpdir(), 'toy-store-')), 'store.json');
  const callPath = (path: string) =>
    new Promise<grpc.status>((resolve) => {
      const raw = new grpc.Client(address, credentials, options);
      raw.makeUnaryRequest(
        path,
        () => Buffer.alloc(0),
        (b: Buffer) => b,
        {},
        (err) => {
          raw.close();
          resolve(err ? err.code : grpc.status.OK);
        },
      );
    });
  return {
    call: caller(client),
    callPath,
    callController: caller(controller),
    running,
    stdout,
    stderr,
    exitCodes,
    storePath,
    close: async () => {
      client.close();
      controller.close();
      await running.close();
    },
  };
}
