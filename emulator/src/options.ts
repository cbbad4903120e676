/**
 * @module
 * Emulator options and their defaults, resolved (and checked) once in {@link resolveOptions}.
 */
import { randomBytes as nodeRandomBytes, randomUUID } from 'node:crypto';
import {
  type ConstantContactOptions,
  type ResolvedConstantContactOptions,
  resolveCtctOptions,
} from './constant-contact/options.js';
import { createSigningKey, type SigningAlgorithm, type SigningKey } from './keys.js';
import type { RequestLogEntry } from './request-log.js';
import { EmulatorStore } from './store/store.js';
import type { TlsStatus } from './tls/status.js';

/** What to do when a token request names a scope the integration does not have (UNCONFIRMED upstream). */
export type OutOfScopePolicy = 'error' | 'intersect';

/** Receives one line per request, warnings and any unexpected error. Never receives bodies or secrets. */
export interface EmulatorLogger {
  request?(entry: RequestLogEntry): void;
  /** Something the operator should know (a cap reached: live tokens or logins dropped). Rate-limited. */
  warn?(message: string): void;
  error?(message: string, err: unknown): void;
}

/** Where durable changes go (see `createStatePersistence`). In memory by default. */
export interface Persistence {
  /** Admin changes: written (atomically) before the response is sent. */
  commit(): Promise<void>;
  /** Token and code changes: flushed in a batch a little later. */
  touch(): void;
  /** Writes anything pending now. */
  flush(): Promise<void>;
}

export const memoryPersistence: Persistence = {
  commit: async () => {},
  touch: () => {},
  flush: async () => {},
};

export interface EmulatorOptions {
  /** The emulator clock's base; admin `POST /_emulator/clock` adds an offset. @default () => new Date() */
  readonly now?: () => Date;
  /** Randomness for secrets, codes and token ids. @default node:crypto randomBytes */
  readonly randomBytes?: (size: number) => Uint8Array;
  /** UUIDs for package ids. @default node:crypto randomUUID */
  readonly randomId?: () => string;
  /** Token signing key. @default a fresh key for `algorithm`, generated once */
  readonly signingKey?: SigningKey;
  /** Algorithm of the generated signing key. @default 'ES256' */
  readonly algorithm?: SigningAlgorithm;
  /** @default new EmulatorStore() */
  readonly store?: EmulatorStore;
  /**
   * Base URL used for path-style addresses in admin responses and seed credentials.
   * @default the origin of the request being answered
   */
  readonly baseUrl?: string;
  /** Real access-token lifetime in seconds (`exp - iat`). @default 1200 (20 minutes) */
  readonly accessTokenLifetime?: number;
  /** `expires_in` returned to clients. @default 1079 (what real responses say) */
  readonly expiresIn?: number;
  /** Refresh-token lifetime in seconds (absolute, not sliding). @default 2592000 (30 days) */
  readonly refreshTokenLifetime?: number;
  /** Authorization-code lifetime in seconds. @default 300 */
  readonly codeLifetime?: number;
  /** Scope outside the integration at /v2/token or /v2/authorize. @default 'error' (400 invalid_scope) */
  readonly outOfScopePolicy?: OutOfScopePolicy;
  /** Allow `login_hint` + `grantform_auto_approve=1` on /v2/authorize to skip the login page. @default false */
  readonly headlessAuthorize?: boolean;
  /** When set, every `/_emulator/*` call needs `Authorization: Bearer <adminToken>`. @default undefined */
  readonly adminToken?: string;
  /**
   * More `Host` values the admin API and the console answer to, besides the emulator's own loopback
   * names (`localhost`, `127.0.0.1`, `[::1]`). `name` allows any port, `name:port` that port only.
   * Any other `Host` is refused (403 `ERR_HOST_NOT_ALLOWED`): this is what stops DNS rebinding.
   * Vendor endpoints are not affected. @default [] (`--allowed-host`)
   */
  readonly allowedHosts?: readonly string[];
  /** @default no logging */
  readonly logger?: EmulatorLogger;
  /** @default in memory (nothing written) */
  readonly persistence?: Persistence;
  /** Entries kept by the request log. @default 1000 */
  readonly requestLogSize?: number;
  /** How long expired tokens stay listed before they are pruned, in seconds. @default 3600 */
  readonly expiredTokenRetention?: number;
  /**
   * Most access-token records kept (bounded memory under load). Past it, expired records go first;
   * only when none is left is the oldest live token dropped (then refused like a revoked one) and a
   * warning logged. @default 100000 (`--max-access-tokens`)
   */
  readonly maxAccessTokens?: number;
  /**
   * Most authorize logins in progress (login page shown, not yet approved) kept per vendor. Past it the
   * oldest is dropped (its login page then says the session expired) and a warning logged.
   * @default 1000
   */
  readonly maxPendingAuthorizations?: number;
  /**
   * Seconds before integration changes take effect (vendor: up to 300); also `PUT /_emulator/settings`.
   * @default 0
   */
  readonly propagationDelaySeconds?: number;
  /** Client secrets expire this many days after they are generated; also `PUT /_emulator/settings`. @default 180 */
  readonly secretLifetimeDays?: number;
  /** Constant Contact emulation (lifetimes, rate limits, RS256 key). @default see `ConstantContactOptions` */
  readonly constantContact?: ConstantContactOptions;
  /**
   * The TLS side, when the server runs with it (`--tls`; `server.ts` sets it): shown by
   * `GET /_emulator/tls` and the console. @default undefined (no TLS)
   */
  readonly tls?: TlsStatus;
}

export interface ResolvedOptions {
  readonly now: () => Date;
  readonly randomBytes: (size: number) => Uint8Array;
  readonly randomId: () => string;
  readonly signingKey: SigningKey;
  readonly store: EmulatorStore;
  readonly baseUrl: string | undefined;
  readonly accessTokenLifetime: number;
  readonly expiresIn: number;
  readonly refreshTokenLifetime: number;
  readonly codeLifetime: number;
  readonly outOfScopePolicy: OutOfScopePolicy;
  readonly headlessAuthorize: boolean;
  readonly adminToken: string | undefined;
  /** Normalised (lower case) extra `Host` values; see {@link EmulatorOptions.allowedHosts}. */
  readonly allowedHosts: readonly string[];
  readonly logger: EmulatorLogger;
  readonly persistence: Persistence;
  readonly requestLogSize: number;
  readonly expiredTokenRetention: number;
  readonly maxAccessTokens: number;
  readonly maxPendingAuthorizations: number;
  /** Absent only in hand-built options (then 0). */
  readonly propagationDelaySeconds?: number;
  /** Absent only in hand-built options (then 180). */
  readonly secretLifetimeDays?: number;
  /** Absent only in hand-built options; `ctctState` then applies the defaults. */
  readonly constantContact?: ResolvedConstantContactOptions;
  /** See {@link EmulatorOptions.tls}. */
  readonly tls?: TlsStatus;
}

const RANDOM_POOL_BYTES = 4096;
let randomPool: Buffer = Buffer.alloc(0);
let randomPoolOffset = 0;

/**
 * The default randomness: node:crypto bytes drawn from a 4 KiB pool refilled in one call (as
 * `crypto.randomUUID` does), so a token costs a slice instead of a CSPRNG call. A refill allocates a
 * new pool, so bytes already handed out are never overwritten or handed out twice.
 */
function pooledRandomBytes(size: number): Uint8Array {
  if (size > 256) return nodeRandomBytes(size);
  if (randomPoolOffset + size > randomPool.length) {
    randomPool = nodeRandomBytes(RANDOM_POOL_BYTES);
    randomPoolOffset = 0;
  }
  const bytes = randomPool.subarray(randomPoolOffset, randomPoolOffset + size);
  randomPoolOffset += size;
  return bytes;
}

function positiveInt(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v <= 0) throw new TypeError(`emulator option "${name}" must be a positive integer`);
  return v;
}

function nonNegativeInt(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 0) throw new TypeError(`emulator option "${name}" must be a non-negative integer`);
  return v;
}

/** `name` or `name:port`; `name` a DNS name, an IPv4 address or a bracketed IPv6 address. */
const HOST_ENTRY =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

/** How an allowed host is written, for error messages. */
export const ALLOWED_HOST_FORM =
  'a host name or address with an optional port, such as emulator.internal or emulator.internal:4010';

/** An `allowedHosts` entry in lower case, or `undefined` when it is not {@link ALLOWED_HOST_FORM}. */
export function normaliseAllowedHost(entry: unknown): string | undefined {
  const host = typeof entry === 'string' ? entry.trim().toLowerCase() : '';
  return HOST_ENTRY.test(host) ? host : undefined;
}

function allowedHosts(value: readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TypeError('emulator option "allowedHosts" must be an array of host names');
  return value.map((entry, i) => {
    const host = normaliseAllowedHost(entry);
    if (host === undefined) {
      throw new TypeError(
        `emulator option "allowedHosts[${i}]" must be ${ALLOWED_HOST_FORM} (got ${JSON.stringify(entry)})`,
      );
    }
    return host;
  });
}

/** Applies every default and checks the options once, when the emulator is created. */
export function resolveOptions(o: EmulatorOptions = {}): ResolvedOptions {
  if (o.outOfScopePolicy !== undefined && o.outOfScopePolicy !== 'error' && o.outOfScopePolicy !== 'intersect') {
    throw new TypeError('emulator option "outOfScopePolicy" must be "error" or "intersect"');
  }
  if (o.adminToken !== undefined && o.adminToken.length < 8) {
    throw new TypeError('emulator option "adminToken" must be at least 8 characters');
  }
  if (o.baseUrl !== undefined && !/^https?:\/\/[^/]+$/.test(o.baseUrl.replace(/\/$/, ''))) {
    throw new TypeError('emulator option "baseUrl" must be an origin such as http://127.0.0.1:4010');
  }
  return {
    now: o.now ?? (() => new Date()),
    randomBytes: o.randomBytes ?? pooledRandomBytes,
    randomId: o.randomId ?? randomUUID,
    signingKey: o.signingKey ?? createSigningKey(o.algorithm ?? 'ES256'),
    store: o.store ?? new EmulatorStore(),
    baseUrl: o.baseUrl?.replace(/\/$/, ''),
    accessTokenLifetime: positiveInt('accessTokenLifetime', o.accessTokenLifetime, 1200),
    expiresIn: positiveInt('expiresIn', o.expiresIn, 1079),
    refreshTokenLifetime: positiveInt('refreshTokenLifetime', o.refreshTokenLifetime, 30 * 24 * 3600),
    codeLifetime: positiveInt('codeLifetime', o.codeLifetime, 300),
    outOfScopePolicy: o.outOfScopePolicy ?? 'error',
    headlessAuthorize: o.headlessAuthorize ?? false,
    adminToken: o.adminToken,
    allowedHosts: allowedHosts(o.allowedHosts),
    logger: o.logger ?? {},
    persistence: o.persistence ?? memoryPersistence,
    requestLogSize: positiveInt('requestLogSize', o.requestLogSize, 1000),
    expiredTokenRetention: positiveInt('expiredTokenRetention', o.expiredTokenRetention, 3600),
    maxAccessTokens: positiveInt('maxAccessTokens', o.maxAccessTokens, 100_000),
    maxPendingAuthorizations: positiveInt('maxPendingAuthorizations', o.maxPendingAuthorizations, 1000),
    propagationDelaySeconds: nonNegativeInt('propagationDelaySeconds', o.propagationDelaySeconds, 0),
    secretLifetimeDays: positiveInt('secretLifetimeDays', o.secretLifetimeDays, 180),
    constantContact: resolveCtctOptions(o.constantContact),
    ...(o.tls === undefined ? {} : { tls: o.tls }),
  };
}
