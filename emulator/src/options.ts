/**
 * @module
 * The core's options and their defaults, resolved (and checked) once in {@link resolveOptions}: every
 * default is written once, in {@link OPTION_DEFAULTS} or beside the option it belongs to, and
 * {@link ResolvedOptions} is total. Each vendor resolves its own options the same way, in its folder
 * (`EmulatorOptions`, in `index.ts`, is these and every registered vendor's).
 */
import { randomBytes as nodeRandomBytes, randomUUID } from 'node:crypto';
import { createSigningKey, type SigningAlgorithm, type SigningKey } from './keys.js';
import type { RequestLogEntry } from './request-log.js';
import type { TlsStatus } from './tls/status.js';

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

/** The defaults of the core's numeric and runtime options (one place; `server.ts` reads them too). */
export const OPTION_DEFAULTS = {
  requestLogSize: 1000,
  expiredTokenRetention: 3600,
  maxAccessTokens: 100_000,
  maxPendingAuthorizations: 1000,
  propagationDelaySeconds: 0,
  secretLifetimeDays: 180,
} as const;

/** The options of the emulator's core (each vendor adds its own: see `EmulatorOptions` in `index.ts`). */
export interface CoreOptions {
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
  /**
   * Base URL used for path-style addresses in admin responses and seed credentials.
   * @default the origin of the request being answered
   */
  readonly baseUrl?: string;
  /**
   * Let authorize skip its pages: `login_hint` + `grantform_auto_approve=1` (each vendor's authorize
   * says how). @default false
   */
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
  /** Entries kept by the request log. @default 1000 ({@link OPTION_DEFAULTS}) */
  readonly requestLogSize?: number;
  /** How long expired tokens stay listed before they are pruned, in seconds. @default 3600 */
  readonly expiredTokenRetention?: number;
  /**
   * Most access-token records each vendor keeps (bounded memory under load). Past it, expired records go first;
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
  readonly baseUrl: string | undefined;
  readonly headlessAuthorize: boolean;
  readonly adminToken: string | undefined;
  /** Normalised (lower case) extra `Host` values; see {@link CoreOptions.allowedHosts}. */
  readonly allowedHosts: readonly string[];
  readonly logger: EmulatorLogger;
  readonly persistence: Persistence;
  readonly requestLogSize: number;
  readonly expiredTokenRetention: number;
  readonly maxAccessTokens: number;
  readonly maxPendingAuthorizations: number;
  readonly propagationDelaySeconds: number;
  readonly secretLifetimeDays: number;
  /** See {@link CoreOptions.tls}; absent without TLS. */
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

/** `value` (else `fallback`), checked to be a positive integer; `name` is the option's path in messages. */
export function positiveInt(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v <= 0) throw new TypeError(`emulator option "${name}" must be a positive integer`);
  return v;
}

/** `value` (else `fallback`), checked to be a non-negative integer. */
export function nonNegativeInt(name: string, value: number | undefined, fallback: number): number {
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
export function resolveOptions(o: CoreOptions = {}): ResolvedOptions {
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
    baseUrl: o.baseUrl?.replace(/\/$/, ''),
    headlessAuthorize: o.headlessAuthorize ?? false,
    adminToken: o.adminToken,
    allowedHosts: allowedHosts(o.allowedHosts),
    logger: o.logger ?? {},
    persistence: o.persistence ?? memoryPersistence,
    requestLogSize: positiveInt('requestLogSize', o.requestLogSize, OPTION_DEFAULTS.requestLogSize),
    expiredTokenRetention: positiveInt(
      'expiredTokenRetention',
      o.expiredTokenRetention,
      OPTION_DEFAULTS.expiredTokenRetention,
    ),
    maxAccessTokens: positiveInt('maxAccessTokens', o.maxAccessTokens, OPTION_DEFAULTS.maxAccessTokens),
    maxPendingAuthorizations: positiveInt(
      'maxPendingAuthorizations',
      o.maxPendingAuthorizations,
      OPTION_DEFAULTS.maxPendingAuthorizations,
    ),
    propagationDelaySeconds: nonNegativeInt(
      'propagationDelaySeconds',
      o.propagationDelaySeconds,
      OPTION_DEFAULTS.propagationDelaySeconds,
    ),
    secretLifetimeDays: positiveInt('secretLifetimeDays', o.secretLifetimeDays, OPTION_DEFAULTS.secretLifetimeDays),
    ...(o.tls === undefined ? {} : { tls: o.tls }),
  };
}
