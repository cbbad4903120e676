/**
 * @module
 * The only file that binds a port. Loads `--state`, creates the emulator, listens (port 0 picks a
 * free one), seeds a manifest if given, and closes cleanly (state flushed). The state file holds the
 * whole emulator (an emulator snapshot, `control/snapshot.ts`); settings given as options
 * (`propagationDelaySeconds`, `secretLifetimeDays`) override the ones it holds.
 *
 * With `tls` it also opens the TLS directory (the local CA, made once), binds the forward proxy
 * (`proxyPort`) and, when `tls.port` is given, the HTTPS listener; both on `host`. The proxy hands its
 * tunnels to the same HTTPS server in process. See `tls/`.
 */
import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { CtctCredentials } from './constant-contact/seed.js';
import { activeSigningKey, exportSnapshot, importSnapshot } from './control/snapshot.js';
import { DEFAULT_SETTINGS } from './control/state.js';
import { createEmulator, type Emulator } from './index.js';
import { createSigningKey, exportSigningKey } from './keys.js';
import type { EmulatorOptions } from './options.js';
import { type CredentialsEntry, seedManifest } from './seed.js';
import { servedHostPatterns } from './served-hosts.js';
import {
  createStatePersistence,
  loadStateFile,
  removeStaleTempFiles,
  type StatePersistence,
} from './store/state-file.js';
import { EmulatorStore } from './store/store.js';
import { permittedSubtrees } from './tls/hosts.js';
import type { TlsServers } from './tls/servers.js';
import type { TlsStatus } from './tls/status.js';

/** `--tls`: where the CA is kept and which ports to bind. */
export interface TlsServerOptions {
  /** The TLS directory (created 0700): the CA, its bundle and the Java trust store. */
  readonly dir: string;
  /** The forward proxy's port (0: any free port). @default 4011 */
  readonly proxyPort?: number;
  /** Bind the HTTPS listener on this port (443 for the /etc/hosts way). @default none: reached through the proxy */
  readonly port?: number;
}

export interface EmulatorServerOptions extends Omit<EmulatorOptions, 'store' | 'persistence' | 'baseUrl' | 'tls'> {
  /** @default 4010 */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Persist everything to this file (reloaded on start). @default in memory */
  readonly statePath?: string;
  /** A manifest to seed once listening. */
  readonly seed?: Record<string, unknown>;
  /** Serve the vendors' host names over TLS too, with a forward proxy. @default off */
  readonly tls?: TlsServerOptions;
}

export interface RunningEmulator {
  /** e.g. `http://127.0.0.1:4010` */
  readonly url: string;
  readonly app: Emulator;
  /** Credentials from `seed` (empty without one). Contains secrets: never print. */
  readonly credentials: CredentialsEntry[];
  /** Credentials of the seeded Constant Contact resources, when the seed has any. */
  readonly constantContact?: CtctCredentials;
  /** The TLS side, when started with `tls`. */
  readonly tls?: TlsStatus;
  /** Stops listening and flushes the state file. */
  close(): Promise<void>;
}

function listen(server: HttpServer | HttpsServer, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function origin(scheme: 'http' | 'https', address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `${scheme}://${host}:${address.port}`;
}

function closeServer(server: HttpServer | HttpsServer): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}

export async function startEmulatorServer(o: EmulatorServerOptions = {}): Promise<RunningEmulator> {
  const settings = {
    propagationDelaySeconds: o.propagationDelaySeconds ?? DEFAULT_SETTINGS.propagationDelaySeconds,
    secretLifetimeDays: o.secretLifetimeDays ?? DEFAULT_SETTINGS.secretLifetimeDays,
  };
  if (o.statePath) {
    const removed = await removeStaleTempFiles(o.statePath);
    if (removed.length > 0) {
      o.logger?.warn?.(
        `removed ${removed.length} temp file(s) an earlier run left beside the state file when it was stopped mid-write: ${removed.join(', ')}`,
      );
    }
  }
  const state = o.statePath
    ? await loadStateFile(o.statePath, () => {
        const key = o.signingKey ?? createSigningKey(o.algorithm ?? 'ES256');
        return {
          settings,
          keys: { activeKid: key.kid, keys: [{ key: exportSigningKey(key), publishedUntil: null, createdAt: 0 }] },
        };
      })
    : null;
  const store = new EmulatorStore();
  // The state file's key ring wins over `signingKey`/`algorithm`: its keys signed the stored tokens.
  const signingKey = state ? activeSigningKey(state) : (o.signingKey ?? createSigningKey(o.algorithm ?? 'ES256'));
  let app: Emulator | undefined;
  let persistence: StatePersistence | undefined;
  if (o.statePath) {
    persistence = createStatePersistence({
      path: o.statePath,
      snapshot: () => {
        if (!app) throw new Error('the emulator is not started yet');
        return exportSnapshot(app.context);
      },
      onError: (err) => o.logger?.error?.('state file write failed', err),
    });
  }
  const fetch = (req: Request, env: unknown) => (app ? app.fetch(req, env) : new Response('starting', { status: 503 }));
  const patterns = servedHostPatterns();
  // Loaded only with --tls: an emulator without it never loads the X.509 and PKCS#12 libraries.
  const servers: TlsServers | undefined = o.tls
    ? await (await import('./tls/servers.js')).createTlsServers({
        dir: o.tls.dir,
        patterns,
        fetch,
        warn: (m) => o.logger?.warn?.(m),
      })
    : undefined;
  const server = createAdaptorServer({ fetch }) as HttpServer;
  const bindHost = o.host ?? '127.0.0.1';
  const url = origin('http', await listen(server, o.port ?? 4010, bindHost));
  let tls: TlsStatus | undefined;
  if (o.tls && servers) {
    const { dir, issuer, https, proxy } = servers;
    try {
      const proxyUrl = origin('http', await listen(proxy, o.tls.proxyPort ?? 4011, bindHost));
      const httpsUrl = o.tls.port === undefined ? null : origin('https', await listen(https, o.tls.port, bindHost));
      tls = {
        fingerprintSha256: dir.fingerprint,
        caCertificatePem: dir.ca.certificatePem,
        caSubject: dir.ca.certificate.subject.replace(/\n/g, ', '),
        caNotAfter: new Date(dir.ca.certificate.validTo).toISOString(),
        permittedSubtrees: permittedSubtrees(patterns),
        caState: dir.state,
        files: dir.files,
        proxyUrl,
        httpsUrl,
        hostnames: patterns.map((p) => p.display),
        issued: () => issuer.issued(),
      };
    } catch (err) {
      proxy.closeAll();
      await Promise.all([closeServer(proxy), closeServer(https), closeServer(server)]);
      throw err;
    }
  }
  const { tls: _tlsOptions, ...emulatorOptions } = o;
  const created = createEmulator({
    ...emulatorOptions,
    store,
    signingKey,
    baseUrl: url,
    ...(persistence ? { persistence } : {}),
    ...(tls ? { tls } : {}),
  });
  if (state) {
    importSnapshot(created.context, state);
    // Settings given at start win over the file's; the others keep the file's values.
    if (o.propagationDelaySeconds !== undefined)
      created.context.control.settings.propagationDelaySeconds = o.propagationDelaySeconds;
    if (o.secretLifetimeDays !== undefined) created.context.control.settings.secretLifetimeDays = o.secretLifetimeDays;
  }
  app = created; // only now does the server answer (until then: 503 starting)
  const seeded = o.seed ? seedManifest(app.context, o.seed, url) : undefined;
  const credentials = seeded?.credentials ?? [];
  const constantContact = seeded?.constantContact;
  await persistence?.commit();
  const ctx = app.context;
  const pruner = setInterval(() => {
    if (ctx.store.prune(ctx.nowMs() - ctx.options.expiredTokenRetention * 1000) > 0) ctx.options.persistence.touch();
  }, 60_000);
  pruner.unref();
  return {
    url,
    app,
    credentials,
    ...(constantContact === undefined ? {} : { constantContact }),
    ...(tls === undefined ? {} : { tls }),
    async close() {
      clearInterval(pruner);
      servers?.proxy.closeAll();
      servers?.https.closeAllConnections();
      await Promise.all([server, servers?.proxy, servers?.https].map((s) => (s ? closeServer(s) : undefined)));
      await persistence?.close();
    },
  };
}
