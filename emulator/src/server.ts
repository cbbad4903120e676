/**
 * @module
 * The only file that binds a port. Loads `--state`, creates the emulator, listens (port 0 picks a
 * free one), seeds a manifest if given, and closes cleanly (state flushed).
 */
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createEmulator, type Emulator } from './index.js';
import { createSigningKey, importSigningKey } from './keys.js';
import type { EmulatorOptions } from './options.js';
import { type CredentialsEntry, seedManifest } from './seed.js';
import { createStatePersistence, loadStateFile, type StatePersistence } from './store/state-file.js';
import { EmulatorStore } from './store/store.js';

export interface EmulatorServerOptions extends Omit<EmulatorOptions, 'store' | 'persistence' | 'baseUrl'> {
  /** @default 4010 */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Persist everything to this file (reloaded on start). @default in memory */
  readonly statePath?: string;
  /** A manifest to seed once listening. */
  readonly seed?: Record<string, unknown>;
}

export interface RunningEmulator {
  /** e.g. `http://127.0.0.1:4010` */
  readonly url: string;
  readonly app: Emulator;
  /** Credentials from `seed` (empty without one). Contains secrets: never print. */
  readonly credentials: CredentialsEntry[];
  /** Stops listening and flushes the state file. */
  close(): Promise<void>;
}

export async function startEmulatorServer(o: EmulatorServerOptions = {}): Promise<RunningEmulator> {
  const state = o.statePath ? await loadStateFile(o.statePath) : null;
  const store = new EmulatorStore(state?.store);
  const signingKey =
    o.signingKey ?? (state ? importSigningKey(state.signingKey) : createSigningKey(o.algorithm ?? 'ES256'));
  let persistence: StatePersistence | undefined;
  if (o.statePath) {
    persistence = createStatePersistence({
      path: o.statePath,
      store,
      signingKey,
      onError: (err) => o.logger?.error?.('state file write failed', err),
    });
  }
  let app: Emulator | undefined;
  const server = createAdaptorServer({
    fetch: (req, env) => (app ? app.fetch(req, env) : new Response('starting', { status: 503 })),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 4010, o.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  app = createEmulator({ ...o, store, signingKey, baseUrl: url, ...(persistence ? { persistence } : {}) });
  const credentials = o.seed ? seedManifest(app.context, o.seed, url).credentials : [];
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
    async close() {
      clearInterval(pruner);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await persistence?.close();
    },
  };
}
