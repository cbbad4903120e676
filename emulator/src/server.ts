/**
 * @module
 * The only file that binds a port. Loads `--state`, creates the emulator, listens (port 0 picks a
 * free one), seeds a manifest if given, and closes cleanly (state flushed). The state file holds the
 * whole emulator (an emulator snapshot, `control/snapshot.ts`); settings given as options
 * (`propagationDelaySeconds`, `secretLifetimeDays`) override the ones it holds.
 */
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { activeSigningKey, exportSnapshot, importSnapshot } from './control/snapshot.js';
import { DEFAULT_SETTINGS } from './control/state.js';
import { createEmulator, type Emulator } from './index.js';
import { createSigningKey, exportSigningKey } from './keys.js';
import type { EmulatorOptions } from './options.js';
import {
  createStatePersistence,
  loadStateFile,
  removeStaleTempFiles,
  type StatePersistence,
} from './persistence/state-file.js';
import { type CredentialsEntry, seedManifest } from './seed.js';
import type { CtctCredentials } from './vendors/constant-contact/seed.js';
import { EmulatorStore } from './vendors/marketing-cloud/store/store.js';

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
  /** Credentials of the seeded Constant Contact resources, when the seed has any. */
  readonly constantContact?: CtctCredentials;
  /** Stops listening and flushes the state file. */
  close(): Promise<void>;
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
  const created = createEmulator({ ...o, store, signingKey, baseUrl: url, ...(persistence ? { persistence } : {}) });
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
