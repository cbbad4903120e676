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
import {
  createEmulator,
  type Emulator,
  type EmulatorOptions,
  type SeedResult,
  seedManifest,
  vendors,
} from './index.js';
import { createSigningKey, exportSigningKey } from './keys.js';
import { OPTION_DEFAULTS } from './options.js';
import {
  createStatePersistence,
  loadStateFile,
  removeStaleTempFiles,
  type StatePersistence,
} from './persistence/state-file.js';
import { emptySeedResult } from './seed.js';

export type EmulatorServerOptions = Omit<EmulatorOptions, 'store' | 'persistence' | 'baseUrl'> & {
  /** @default 4010 */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Persist everything to this file (reloaded on start). @default in memory */
  readonly statePath?: string;
  /** A manifest to seed once listening. */
  readonly seed?: Record<string, unknown>;
};

/**
 * A started emulator: where it listens, the app, and what `seed` returned, each vendor's part
 * (`credentials`: Marketing Cloud's, empty without a seed; `constantContact`, when the seed has
 * Constant Contact resources). Credentials contain secrets: never print them.
 */
export type RunningEmulator = Readonly<SeedResult> & {
  /** e.g. `http://127.0.0.1:4010` */
  readonly url: string;
  readonly app: Emulator;
  /** Stops listening and flushes the state file. */
  close(): Promise<void>;
};

export async function startEmulatorServer(o: EmulatorServerOptions = {}): Promise<RunningEmulator> {
  const settings = {
    propagationDelaySeconds: o.propagationDelaySeconds ?? OPTION_DEFAULTS.propagationDelaySeconds,
    secretLifetimeDays: o.secretLifetimeDays ?? OPTION_DEFAULTS.secretLifetimeDays,
  };
  const served = o.vendors ?? vendors;
  if (o.statePath) {
    const removed = await removeStaleTempFiles(o.statePath);
    if (removed.length > 0) {
      o.logger?.warn?.(
        `removed ${removed.length} temp file(s) an earlier run left beside the state file when it was stopped mid-write: ${removed.join(', ')}`,
      );
    }
  }
  const state = o.statePath
    ? await loadStateFile(
        o.statePath,
        () => {
          const key = o.signingKey ?? createSigningKey(o.algorithm ?? 'ES256');
          return {
            settings,
            keys: { activeKid: key.kid, keys: [{ key: exportSigningKey(key), publishedUntil: null, createdAt: 0 }] },
          };
        },
        served,
      )
    : null;
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
  const created = createEmulator({ ...o, signingKey, baseUrl: url, ...(persistence ? { persistence } : {}) });
  if (state) {
    importSnapshot(created.context, state);
    // Settings given at start win over the file's; the others keep the file's values.
    if (o.propagationDelaySeconds !== undefined)
      created.context.control.settings.propagationDelaySeconds = o.propagationDelaySeconds;
    if (o.secretLifetimeDays !== undefined) created.context.control.settings.secretLifetimeDays = o.secretLifetimeDays;
  }
  app = created; // only now does the server answer (until then: 503 starting)
  // Each vendor's part of the result (typed by the default vendors' parts, as `seedManifest` is).
  const seeded = o.seed ? seedManifest(app.context, o.seed, url) : (emptySeedResult(served) as unknown as SeedResult);
  await persistence?.commit();
  const ctx = app.context;
  const pruner = setInterval(() => {
    const before = ctx.nowMs() - ctx.options.expiredTokenRetention * 1000;
    let pruned = 0;
    for (const v of ctx.vendors) pruned += v.prune?.(ctx.partition(v.partition), before) ?? 0;
    if (pruned > 0) ctx.options.persistence.touch();
  }, 60_000);
  pruner.unref();
  return {
    ...seeded,
    url,
    app,
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
