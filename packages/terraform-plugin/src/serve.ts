/**
 * @module
 * `serve(provider)`: what a provider executable calls. It checks that Terraform started it (the magic
 * cookie), negotiates protocol 6, creates a server certificate, serves the tfplugin6 Provider and
 * go-plugin's GRPCController over gRPC with mutual TLS on 127.0.0.1 (trusting exactly Terraform's
 * `PLUGIN_CLIENT_CERT`), and prints the handshake line as the only line ever written to stdout.
 * It ignores SIGINT (Terraform forwards Ctrl-C to its providers and then sends StopProvider) and exits
 * when Terraform calls GRPCController.Shutdown.
 *
 * @example
 * // provider.ts, the executable's entry point
 * await serve(createProvider({ name: 'toy' }).resource('toy_thing', thing));
 */
import grpc from '@grpc/grpc-js';
import { createServerCertificate } from './certificate.js';
import {
  checkMagicCookie,
  type Env,
  HandshakeError,
  handshakeLine,
  negotiateProtocolVersion,
  portRange,
} from './handshake.js';
import { createLogger, type Logger } from './log.js';
import { loadServices } from './proto/load.js';
import type { Provider } from './provider.js';
import { type Handler, providerHandlers } from './rpc/handlers.js';

export interface ServeOptions {
  /** @default process.env */
  readonly env?: Env;
  /** Receives the handshake line. @default process.stdout */
  readonly stdout?: { write(text: string): unknown };
  /** Receives log lines and the error a person sees when running the provider by hand. @default process.stderr */
  readonly stderr?: { write(text: string): unknown };
  /** Called with 0 after Shutdown, 1 when the process was not started properly. @default process.exit */
  readonly exit?: (code: number) => void;
  /** Install the SIGINT handler that ignores Ctrl-C. @default true */
  readonly ignoreSigint?: boolean;
  /**
   * Exit when the parent process (Terraform) is gone, checked every second, so that a provider is
   * not left running when Terraform crashes without calling Shutdown. @default true
   */
  readonly exitWithParent?: boolean;
}

/** A running provider server (returned mostly for tests). */
export interface RunningProvider {
  readonly port: number;
  readonly handshake: string;
  /** Stops the server (in-process use; Terraform stops it with Shutdown). */
  close(): Promise<void>;
}

/**
 * Serves `provider` to Terraform. Resolves once the handshake line is printed; on a start-up problem
 * prints one line to stderr, calls `exit(1)` and resolves to undefined.
 */
export async function serve<C>(
  provider: Provider<C>,
  options: ServeOptions = {},
): Promise<RunningProvider | undefined> {
  const env = options.env ?? process.env;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const log = createLogger(env, (line) => stderr.write(line));
  try {
    checkMagicCookie(env, `terraform-provider-${provider.name}`);
    negotiateProtocolVersion(env);
    const clientCert = env.PLUGIN_CLIENT_CERT;
    if (!clientCert) {
      throw new HandshakeError(
        'ERR_CLIENT_CERT',
        'PLUGIN_CLIENT_CERT is not set: this provider serves only with go-plugin AutoMTLS (Terraform 0.15 or newer)',
      );
    }
    const range = portRange(env);
    const certificate = createServerCertificate();
    const credentials = grpc.ServerCredentials.createSsl(
      Buffer.from(clientCert),
      [{ private_key: Buffer.from(certificate.keyPem), cert_chain: Buffer.from(certificate.certPem) }],
      true,
    );
    const watchdog = (options.exitWithParent ?? true) ? watchParent(log, exit) : undefined;
    const services = loadServices();
    const handlers = providerHandlers(provider);
    const server = new grpc.Server();
    server.addService(services.provider, unaryImplementation(handlers, log));
    server.addService(services.controller, {
      Shutdown: (_call: unknown, callback: grpc.sendUnaryData<object>) => {
        log.log('DEBUG', 'GRPCController.Shutdown: exiting');
        callback(null, {});
        clearInterval(watchdog);
        // Let the answer reach Terraform, then exit (forced after a second at most).
        const force = setTimeout(() => {
          server.forceShutdown();
          exit(0);
        }, 1000);
        server.tryShutdown(() => {
          clearTimeout(force);
          exit(0);
        });
      },
    });
    const port = await bind(server, credentials, range);
    if (options.ignoreSigint ?? true) process.on('SIGINT', ignoreSigint);
    const line = handshakeLine(port, certificate.der);
    stdout.write(`${line}\n`);
    log.log('DEBUG', `terraform-provider-${provider.name} listening on 127.0.0.1:${port}`);
    return {
      port,
      handshake: line,
      close: () =>
        new Promise<void>((resolve) => {
          process.off('SIGINT', ignoreSigint);
          clearInterval(watchdog);
          server.tryShutdown(() => resolve());
        }),
    };
  } catch (err) {
    const message = err instanceof HandshakeError ? err.message : `failed to start: ${(err as Error).message}`;
    stderr.write(`${message}\n`);
    exit(1);
    return undefined;
  }
}

/** Exits when the parent process (Terraform) is gone, checked every second. */
function watchParent(log: Logger, exit: (code: number) => void): NodeJS.Timeout {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      log.log('WARN', 'Terraform exited without Shutdown: exiting');
      exit(0);
    }
  }, 1000);
  timer.unref();
  return timer;
}

function ignoreSigint(): void {
  // Terraform handles Ctrl-C: it sends StopProvider, which aborts `signal` in every request.
}

function unaryImplementation(handlers: Record<string, Handler>, log: Logger): grpc.UntypedServiceImplementation {
  const impl: grpc.UntypedServiceImplementation = {};
  for (const [name, handler] of Object.entries(handlers)) {
    const unary: grpc.handleUnaryCall<unknown, object> = (call, callback) => {
      log.log('TRACE', `${name}: request`);
      handler(call.request as never).then(
        (response) => callback(null, response),
        (err: unknown) => {
          log.log('ERROR', `${name}: ${(err as Error).stack ?? String(err)}`);
          callback({ code: grpc.status.INTERNAL, details: `${name}: ${(err as Error).message}` });
        },
      );
    };
    impl[name] = unary;
  }
  return impl;
}

async function bind(
  server: grpc.Server,
  credentials: grpc.ServerCredentials,
  range: { readonly min: number; readonly max: number } | undefined,
): Promise<number> {
  const attempt = (port: number) =>
    new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${port}`, credentials, (err, bound) => (err ? reject(err) : resolve(bound))),
    );
  if (!range) return attempt(0);
  let last: unknown;
  for (let port = range.min; port <= range.max; port++) {
    try {
      return await attempt(port);
    } catch (err) {
      last = err;
    }
  }
  throw new Error(
    `could not listen on 127.0.0.1 between ${range.min} and ${range.max}: ${(last as Error)?.message ?? 'no port tried'}`,
  );
}
