/**
 * @module
 * `@grantform/emulator`: a faithful, strict local emulator of the Marketing Cloud (and ExactTarget
 * legacy) and Constant Contact auth and API endpoints. {@link createEmulator} returns a Hono app and
 * never listens (see `./server.ts` for that).
 *
 * The core loops over vendor profiles (`VendorProfile`, `./env.ts`); this is the one module of the
 * core that imports the list of them (`./vendors/index.ts`), and it re-exports their public API.
 *
 * @example
 * const app = createEmulator({ headlessAuthorize: true });
 * await app.request('/_emulator/seed', { method: 'POST', body: JSON.stringify(manifest) });
 */
import { Hono } from 'hono';
import { createVirtualPath, originOf } from './addressing.js';
import { adminRoutes } from './admin/routes.js';
import { CONSOLE_PATH, consoleRoutes } from './console/routes.js';
import { Clock } from './control/clock.js';
import type { EmulatorSnapshot as CoreSnapshot } from './control/snapshot.js';
import { ControlState } from './control/state.js';
import type { EmulatorContext, PartitionKey, SeedManifest, VendorProfile } from './env.js';
import { AdminError } from './errors.js';
import { type CoreOptions, resolveOptions } from './options.js';
import { withPipeline } from './pipeline.js';
import { RequestLog } from './request-log.js';
import { seedManifest as seedWith, validateSeed as validateWith } from './seed.js';
import {
  vendors as defaultVendors,
  type SeedResult,
  type VendorOptions,
  type VendorSnapshot,
} from './vendors/index.js';
import { createWarn } from './warnings.js';

export { originOf } from './addressing.js';
export type {
  AdminContribution,
  ConsoleContribution,
  ConsolePageSpec,
  EmulatorContext,
  FaultContribution,
  FaultTarget,
  HostRule,
  OverviewCard,
  PartitionKey,
  SeedContribution,
  SeedManifest,
  SnapshotContribution,
  VendorProfile,
} from './env.js';
export { partitionKey } from './env.js';
export * from './errors.js';
export {
  createSigningKey,
  exportSigningKey,
  importSigningKey,
  jwks,
  type SigningAlgorithm,
  type SigningKey,
  type StoredSigningKey,
} from './keys.js';
export {
  type CoreOptions,
  type EmulatorLogger,
  memoryPersistence,
  type Persistence,
  type ResolvedOptions,
  resolveOptions,
} from './options.js';
export type { RequestLogEntry } from './request-log.js';
export * from './vendors/index.js';
export { VERSION } from './version.js';

/** Every option of `createEmulator`: the core's and those of the vendors it serves. */
export type EmulatorOptions = CoreOptions &
  VendorOptions & {
    /**
     * The vendors to serve, in the order their hosts are tried. A vendor is registered by adding its
     * profile here (a test) or to `vendors/index.ts` (everyone). @default vendors (`vendors/index.ts`)
     */
    readonly vendors?: readonly VendorProfile[];
  };

/** Everything an emulator holds (contains private keys and JWT signing secrets): the core's parts and the vendors'. */
export type EmulatorSnapshot = CoreSnapshot & VendorSnapshot;

/** The app returned by {@link createEmulator}, with its context (clock, log, vendor state) for hosts and tests. */
export type Emulator = Hono & { readonly context: EmulatorContext };

/** The virtual path of a request on an emulator serving the default vendors (the app's `getPath`). */
export const virtualPath: (req: Request) => string = createVirtualPath(defaultVendors.flatMap((v) => v.hosts));

/** Checks a manifest for seeding by the default vendors; throws `ERR_VALIDATION` listing every problem. */
export function validateSeed(input: unknown): SeedManifest {
  return validateWith(input, defaultVendors);
}

/** Seeds a manifest into an emulator; returns each vendor's credentials. */
export function seedManifest(ctx: EmulatorContext, input: unknown, origin: string): SeedResult {
  return seedWith(ctx, input, origin) as unknown as SeedResult;
}

/** Creates the emulator app. Options are checked here, once; see `EmulatorOptions` for every default. */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const resolved = resolveOptions(options);
  const vendors = options.vendors ?? defaultVendors;
  const names = vendors.map((v) => v.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new TypeError(`emulator option "vendors" lists ${twice} twice`);
  const hosts = vendors.flatMap((v) => v.hosts);
  // The default clock reads `Date.now()` (no Date object per read); an injected one is used as given.
  const clock = new Clock(options.now === undefined ? Date.now : () => resolved.now().getTime());
  const nowMs = clock.nowMs;
  const partitions = new Map<PartitionKey<unknown>, unknown>();
  const ctx: EmulatorContext = {
    options: resolved,
    log: new RequestLog(resolved.requestLogSize, hosts),
    clock,
    vendors,
    partition<S>(key: PartitionKey<S>): S {
      if (!partitions.has(key)) throw new Error(`this emulator does not serve ${key.vendor}`);
      return partitions.get(key) as S;
    },
    nowMs,
    randomToken: (bytes) => {
      const b = resolved.randomBytes(bytes);
      return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64url');
    },
    baseUrl: (url) => resolved.baseUrl ?? originOf(url),
    warn: createWarn(resolved.logger.warn),
    control: new ControlState(
      resolved.signingKey,
      nowMs,
      { propagationDelaySeconds: resolved.propagationDelaySeconds, secretLifetimeDays: resolved.secretLifetimeDays },
      vendors.flatMap((v) => v.faults?.hostKinds ?? []),
    ),
  };
  for (const v of vendors) partitions.set(v.partition, v.createState(ctx, options));

  const virtualPathOf = options.vendors === undefined ? virtualPath : createVirtualPath(hosts);
  const app = new Hono({ getPath: virtualPathOf });
  app.route(CONSOLE_PATH, consoleRoutes(ctx)); // before the admin routes: it has its own auth (cookie)
  app.route('/_emulator', adminRoutes(ctx));
  for (const v of vendors) v.mount(app, ctx, ctx.partition(v.partition));

  app.notFound((c) => {
    const body = { error: 'not_found', error_description: `No route for ${c.req.method} on this host.` };
    return c.json(body, 404);
  });
  app.onError((err, c) => {
    if (err instanceof AdminError) err.path = c.req.path;
    if (typeof err === 'object' && err !== null && 'getResponse' in err && typeof err.getResponse === 'function') {
      return (err as { getResponse(): Response }).getResponse();
    }
    resolved.logger.error?.('unexpected error', err);
    return c.json({ error: 'server_error', error_description: 'The emulator hit an unexpected error.' }, 500);
  });
  // Test control and the request log wrap Hono's dispatch (see pipeline.ts); `app.request` goes through it too.
  app.fetch = withPipeline(ctx, app.fetch, virtualPathOf) as typeof app.fetch;
  return Object.assign(app, { context: ctx });
}
