/**
 * @module
 * `@grantform/emulator`: a faithful, strict local Marketing Cloud auth server.
 * {@link createEmulator} returns a Hono app and never listens (see `./server.ts` for that).
 *
 * @example
 * const app = createEmulator({ headlessAuthorize: true });
 * await app.request('/_emulator/seed', { method: 'POST', body: JSON.stringify(manifest) });
 */
import { Hono } from 'hono';
import { originOf, virtualPath } from './addressing.js';
import { adminRoutes } from './admin/routes.js';
import { CONSOLE_PATH, consoleRoutes } from './console/routes.js';
import { ControlState } from './control/state.js';
import type { EmulatorContext, EmulatorEnv } from './env.js';
import { AdminError } from './errors.js';
import { type EmulatorOptions, resolveOptions } from './options.js';
import { withPipeline } from './pipeline.js';
import { RequestLog } from './request-log.js';
import { registerConstantContact } from './vendors/constant-contact/routes.js';
import { authorizeRoutes } from './vendors/marketing-cloud/routes/authorize.js';
import { discoveryRoutes } from './vendors/marketing-cloud/routes/discovery.js';
import { legacyHostRoutes, tenantLegacyRoutes } from './vendors/marketing-cloud/routes/legacy/index.js';
import { restResourceRoutes } from './vendors/marketing-cloud/routes/rest/index.js';
import { restRoutes } from './vendors/marketing-cloud/routes/rest-platform.js';
import { soapRoutes } from './vendors/marketing-cloud/routes/soap/index.js';
import { tokenRoutes } from './vendors/marketing-cloud/routes/token.js';
import { userinfoRoutes } from './vendors/marketing-cloud/routes/userinfo.js';
import { createWarn } from './warnings.js';

export { type HostKind, tenantEndpoints, type VirtualHost, virtualPath } from './addressing.js';
export type { EmulatorContext, EmulatorEnv } from './env.js';
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
  type EmulatorLogger,
  type EmulatorOptions,
  memoryPersistence,
  type OutOfScopePolicy,
  type Persistence,
  type ResolvedOptions,
  resolveOptions,
} from './options.js';
export type { RequestLogEntry } from './request-log.js';
export { type CredentialsEntry, seedManifest, TEST_USER_PASSWORD, testUsername, validateSeed } from './seed.js';
export type * from './vendors/marketing-cloud/store/records.js';
export { EmulatorStore } from './vendors/marketing-cloud/store/store.js';
export { VERSION } from './version.js';

/** The app returned by {@link createEmulator}, with its context (store, clock, log) for hosts and tests. */
export type Emulator = Hono<EmulatorEnv> & { readonly context: EmulatorContext };

const AUTH = '/~auth/:tssd/:style';
const REST = '/~rest/:tssd/:style';
const SOAP = '/~soap/:tssd/:style';
const LEGACY = '/~legacy/:stack/:style';

/** Creates the emulator app. Options are checked here, once; see `EmulatorOptions` for every default. */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const resolved = resolveOptions(options);
  resolved.store.maxAccessTokens = resolved.maxAccessTokens;
  resolved.store.onLiveEviction = () =>
    ctx.warn(
      'access-tokens',
      `${resolved.maxAccessTokens} access-token records are kept (maxAccessTokens) and none had expired: the oldest unexpired token was dropped and is now refused like a revoked one; raise --max-access-tokens if clients keep tokens that long`,
    );
  // The default clock reads `Date.now()` (no Date object per read); an injected one is used as given.
  const clock = options.now === undefined ? Date.now : () => resolved.now().getTime();
  const nowMs = () => clock() + resolved.store.clockOffsetMs;
  const ctx: EmulatorContext = {
    options: resolved,
    store: resolved.store,
    log: new RequestLog(resolved.requestLogSize),
    interactions: new Map(),
    nowMs,
    randomToken: (bytes) => {
      const b = resolved.randomBytes(bytes);
      return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64url');
    },
    baseUrl: (url) => resolved.baseUrl ?? originOf(url),
    warn: createWarn(resolved.logger.warn),
    control: new ControlState(resolved.signingKey, nowMs, {
      propagationDelaySeconds: resolved.propagationDelaySeconds ?? 0,
      secretLifetimeDays: resolved.secretLifetimeDays ?? 180,
    }),
  };
  const app = new Hono<EmulatorEnv>({ getPath: virtualPath });
  app.route(CONSOLE_PATH, consoleRoutes(ctx)); // before the admin routes: it has its own auth (cookie)
  app.route('/_emulator', adminRoutes(ctx));
  app.route(AUTH, tokenRoutes(ctx));
  app.route(AUTH, authorizeRoutes(ctx));
  app.route(AUTH, userinfoRoutes(ctx));
  app.route(AUTH, discoveryRoutes(ctx));
  app.route(AUTH, tenantLegacyRoutes(ctx));
  app.route(LEGACY, legacyHostRoutes(ctx));
  app.route(REST, restResourceRoutes(ctx));
  app.route(REST, restRoutes(ctx));
  app.route(SOAP, soapRoutes(ctx));
  registerConstantContact(app, ctx);

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
  app.fetch = withPipeline(ctx, app.fetch) as typeof app.fetch;
  return Object.assign(app, { context: ctx });
}
