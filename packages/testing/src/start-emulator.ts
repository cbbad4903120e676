/**
 * @module
 * {@link startEmulator}: a fresh, seeded emulator in process (no port), with the helpers a test
 * needs: credentials by address, a test-user login, the clock, the request log, fault rules, and
 * routing of the vendor's real host names into it.
 */
import { type GrantformApp, type Manifest, parseManifest, synth } from '@grantform/config';
import { type UsageExport, type UsageReport, usageReport } from '@grantform/config/usage';
import {
  type CredentialsEntry,
  createEmulator,
  type Emulator,
  type EmulatorOptions,
  type RequestLogEntry,
} from '@grantform/emulator';
import { ADMIN_HOST, type AdminClient, createAdminClient } from './admin-client.js';
import { type ClockSource, createTestClock, nowFunction, type TestClock } from './clock.js';
import { CredentialsSet, type IntegrationCredentials, type TestUser, toCredentials } from './credentials.js';
import { createFaults, type Faults } from './faults.js';
import {
  type AuthorizationCode,
  type AuthorizationCodeOptions,
  type AuthorizeResult,
  authorizationCode,
  type CompleteAuthorizeOptions,
  clientCredentials,
  completeAuthorize,
  exchangeCode,
  refreshToken,
  type TokenOptions,
  type TokenResponse,
} from './oauth.js';
import {
  assertNotRequested,
  assertRequested,
  isAdminRequest,
  matchesRequest,
  type RequestMatcher,
} from './request-log.js';
import { type HostRouting, type RouteHostsOptions, routeHosts } from './route-hosts.js';

export interface StartEmulatorOptions {
  /** What to seed: a manifest (object or JSON text; checked with `parseManifest`). Exclusive with `app`. */
  readonly manifest?: Manifest | string;
  /** What to seed: a config app, synthesized with `synth(app)`. Exclusive with `manifest`. */
  readonly app?: GrantformApp;
  /**
   * The emulator clock's base: a fixed instant (frozen; only `clock.advance`/`clock.set` move it) or a
   * function. @default real time
   */
  readonly clock?: ClockSource;
  /**
   * Emulator options (`createEmulator`). `headlessAuthorize` defaults to `true` here; the clock is set
   * with `clock`, not `options.now`. @default {}
   */
  readonly options?: Omit<EmulatorOptions, 'now'>;
}

/** Result of {@link TestEmulator.login}. */
export interface LoginResult {
  readonly tokens: TokenResponse;
  readonly code: AuthorizationCode;
}

/** Filter for {@link TestEmulator.requests}. */
export interface RequestQuery extends RequestMatcher {
  /** Include the admin API's own requests (`/_emulator/*`). @default false */
  readonly includeAdmin?: boolean;
}

/** A running in-process emulator and its helpers. Create one per test; call `dispose()` after. */
export interface TestEmulator {
  /** The emulator's Hono app: `app.request(url)` reaches it in process. */
  readonly app: Emulator;
  /** The manifest it was seeded with, if any. */
  readonly manifest: Manifest | undefined;
  /** Credentials of every seeded API integration, by address. */
  readonly credentials: CredentialsSet;
  readonly clock: TestClock;
  /** Fault rules on the vendor hosts (`/_emulator/faults`). */
  readonly faults: Faults;
  /** The admin API (`/_emulator/*`), for anything the helpers do not cover. */
  readonly admin: AdminClient;
  /** Client-credentials token for a server-to-server integration. */
  token(address: string, o?: TokenOptions): Promise<TokenResponse>;
  /** Runs authorize for a web or public app as its test user (PKCE for public apps) and returns the code. */
  authorizationCode(address: string, o?: AuthorizationCodeOptions): Promise<AuthorizationCode>;
  /** {@link authorizationCode}, then exchanges the code: a logged-in user's tokens. */
  login(address: string, o?: AuthorizationCodeOptions & TokenOptions): Promise<LoginResult>;
  /** Plays the browser for an authorize URL your app built; returns the redirect back to it. */
  authorize(url: string | URL, o?: CompleteAuthorizeOptions): Promise<AuthorizeResult>;
  /** Refreshes a token for an integration. */
  refresh(address: string, refreshToken: string, o?: TokenOptions): Promise<TokenResponse>;
  /** The request log, oldest first, without admin calls, since the last `clearRequests()`. */
  requests(q?: RequestQuery): Promise<RequestLogEntry[]>;
  /** Forgets the requests seen so far (for `requests()` and the assertions only). */
  clearRequests(): Promise<void>;
  /** Throws unless there are matching requests (exactly `times`, when given). */
  assertRequested(m: RequestMatcher, times?: number): Promise<RequestLogEntry[]>;
  /** Throws if any request matches. */
  assertNotRequested(m: RequestMatcher): Promise<void>;
  /**
   * The least-privilege report for the seeded manifest (what `grantform advise` prints): per
   * integration, declared vs used scopes, unused ones, calls refused for a missing scope, business
   * units declared vs used. Throws when the emulator was not seeded with a manifest.
   * @example
   * await runMyJob(…);
   * const [job] = (await emulator.usage()).integrations;
   * expect(job?.usedScopes).toEqual(['data_extensions_read']); // exactly what it needs
   */
  usage(): Promise<UsageReport>;
  /** The recorded usage as the admin API exports it (`GET /_emulator/usage`; `grantform advise --usage` reads it). */
  usageExport(): Promise<UsageExport>;
  /** Forgets the usage recorded so far (`DELETE /_emulator/usage`), e.g. after a setup step. */
  clearUsage(): Promise<void>;
  /** Routes the vendor's real host names into this emulator (nock); undone by `dispose()`. */
  route(o?: RouteHostsOptions): HostRouting;
  /** Undoes `route()`. Safe to call twice. */
  dispose(): Promise<void>;
}

function manifestFrom(o: StartEmulatorOptions): Manifest | undefined {
  if (o.manifest !== undefined && o.app !== undefined) {
    throw new TypeError('startEmulator: pass either "manifest" or "app", not both');
  }
  if (o.app !== undefined) return synth(o.app);
  if (o.manifest === undefined) return undefined;
  return parseManifest(typeof o.manifest === 'string' ? JSON.parse(o.manifest) : o.manifest);
}

/**
 * Starts a fresh emulator in process (it never listens), seeds it, and returns it with its helpers.
 *
 * @example
 * const emulator = await startEmulator({ app, clock: '2030-01-01T00:00:00Z' });
 * emulator.route(); // https://{tssd}.*.marketingcloudapis.com now reach it
 * const crm = emulator.credentials.get('acme/crm-sync/api', 'server-to-server');
 * await myNightlyJob({ clientId: crm.clientId, clientSecret: crm.clientSecret, authUrl: crm.authUrl });
 * await emulator.assertRequested({ kind: 'rest', path: '/platform/v1/tokencontext' }, 2);
 * await emulator.dispose();
 */
export async function startEmulator(o: StartEmulatorOptions = {}): Promise<TestEmulator> {
  if (o.options && 'now' in o.options)
    throw new TypeError('startEmulator: set the clock with "clock", not options.now');
  const manifest = manifestFrom(o);
  const now = nowFunction(o.clock);
  const app = createEmulator({
    headlessAuthorize: true,
    ...o.options,
    // The admin client calls in process as `emulator.test`; the emulator's admin API answers only to its own names.
    allowedHosts: [ADMIN_HOST, ...(o.options?.allowedHosts ?? [])],
    ...(now ? { now } : {}),
  });
  const admin = createAdminClient(app, o.options?.adminToken);
  let entries: CredentialsEntry[] = [];
  if (manifest !== undefined) {
    entries = (await admin.call<{ credentials: CredentialsEntry[] }>('POST', '/seed', manifest)).credentials;
  }
  const credentials = new CredentialsSet(entries.map(toCredentials));
  const creds = (address: string): IntegrationCredentials => credentials.get(address);
  let routing: HostRouting | undefined;
  let watermark = 0;

  const readLog = async (includeAdmin: boolean): Promise<RequestLogEntry[]> => {
    const { items } = await admin.call<{ items: RequestLogEntry[] }>('GET', '/requests?limit=1000');
    return items.reverse().filter((e) => e.id > watermark && (includeAdmin || !isAdminRequest(e)));
  };

  return {
    app,
    manifest,
    credentials,
    clock: createTestClock(admin, () => app.context.nowMs()),
    faults: createFaults(admin),
    admin,
    token: (address, t) => clientCredentials(app, creds(address), t),
    authorizationCode: (address, a) => authorizationCode(app, creds(address), a),
    async login(address, a = {}) {
      const c = creds(address);
      const code = await authorizationCode(app, c, a);
      const tokens = await exchangeCode(app, c, code, a);
      return { tokens, code };
    },
    authorize(url, a = {}) {
      const clientId = new URL(String(url)).searchParams.get('client_id');
      const user: TestUser | undefined = a.user ?? credentials.all.find((c) => c.clientId === clientId)?.user;
      if (!user) throw new Error('authorize: pass { user } (no seeded integration matches this URL)');
      return completeAuthorize(app, url, user, a.decision);
    },
    refresh: (address, token, t) => refreshToken(app, creds(address), token, t),
    async requests(q = {}) {
      const log = await readLog(q.includeAdmin ?? false);
      return log.filter((e) => matchesRequest(e, q));
    },
    async clearRequests() {
      const { items } = await admin.call<{ items: RequestLogEntry[] }>('GET', '/requests?limit=1');
      watermark = items[0]?.id ?? watermark;
    },
    async assertRequested(m, times) {
      return assertRequested(await readLog(false), m, times);
    },
    async assertNotRequested(m) {
      assertNotRequested(await readLog(false), m);
    },
    usageExport: () => admin.call<UsageExport>('GET', '/usage'),
    async usage() {
      if (manifest === undefined) throw new Error('usage(): this emulator was not seeded with a manifest or app');
      return usageReport(manifest, await admin.call<UsageExport>('GET', '/usage'));
    },
    async clearUsage() {
      await admin.call('DELETE', '/usage');
    },
    route(r) {
      if (routing) throw new Error('route(): this emulator is already routed');
      routing = routeHosts(app, r);
      return routing;
    },
    async dispose() {
      routing?.restore();
      routing = undefined;
    },
  };
}
