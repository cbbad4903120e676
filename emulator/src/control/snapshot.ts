/**
 * @module
 * The one serialised form of a whole emulator (all tenants): `GET|PUT /_emulator/snapshot` and the
 * `--state` file both use it. Export, parse (with upgrades from older versions) and import are
 * written once here.
 *
 * Versions:
 * - **2** (current): `{version: 2, exportedAt, store, instanceData, control: {settings, faults, pendingChanges, keys},
 *   constantContact}`. `constantContact` (`../constant-contact/snapshot.ts`, its own `version: 1`) was
 *   added later as an optional section: a version 2 snapshot without it still reads (as no Constant
 *   Contact resources), so the version did not change.
 * - **1**, snapshot API: the same shape with `version: 1` (read as 2).
 * - **1**, `--state` file before 2: `{version: 1, savedAt, signingKey, store}` (upgraded: the signing
 *   key becomes a one-key ring; no instance data, faults or pending changes; default settings).
 *
 * Any other version is refused with `ERR_SNAPSHOT_VERSION`.
 *
 * `GET /_emulator/snapshot` leaves the signing material out unless asked (`?include=keys`; see
 * {@link withoutKeys}): such a snapshot says `"keys": "omitted"` and cannot be imported
 * (`ERR_SNAPSHOT_KEYS_OMITTED`). The `--state` file always holds everything.
 *
 * Contents: tenants, packages, users (password digests), tokens and codes (ids and digests only; no
 * token value or client secret is ever stored), JWT signing secrets, the private signing keys, the
 * clock offset, REST instance data, fault rules, settings and pending propagation, and the Constant
 * Contact store with its RS256 key (secrets and token values as digests there too). Treat it as a secret.
 */
import { z } from 'zod';
import type { EmulatorContext } from '../env.js';
import { importSigningKey, type SigningKey, type StoredSigningKey } from '../keys.js';
import {
  type CtctSnapshot,
  ctctSnapshotSchema,
  exportCtctSnapshot,
  restoreCtctSnapshot,
} from '../vendors/constant-contact/snapshot.js';
import { ctctState } from '../vendors/constant-contact/state.js';
import type { PendingChange } from '../vendors/marketing-cloud/propagation.js';
import type { InstanceDataSnapshot } from '../vendors/marketing-cloud/store/instance-data.js';
import type { StoreSnapshot } from '../vendors/marketing-cloud/store/records.js';
import { type FaultRule, faultBody } from './faults.js';
import type { StoredKeyRing } from './key-ring.js';
import type { ControlSettings } from './state.js';

/** The version {@link exportSnapshot} writes. */
export const SNAPSHOT_VERSION = 2;
/** Versions {@link parseSnapshot} reads. */
export const READABLE_SNAPSHOT_VERSIONS: readonly number[] = [1, 2];

/** Everything an emulator holds, all tenants (contains private keys and JWT signing secrets). */
export interface EmulatorSnapshot {
  version: typeof SNAPSHOT_VERSION;
  exportedAt: string;
  store: StoreSnapshot;
  instanceData: InstanceDataSnapshot;
  control: {
    settings: ControlSettings;
    faults: FaultRule[];
    pendingChanges: PendingChange[];
    keys: StoredKeyRing;
  };
  /** The Constant Contact emulation; absent in snapshots written before it was persisted (read as empty). */
  constantContact?: CtctSnapshot;
}

export type SnapshotErrorCode = 'ERR_SNAPSHOT_VERSION' | 'ERR_SNAPSHOT_INVALID' | 'ERR_SNAPSHOT_KEYS_OMITTED';

/** A snapshot (or state file) that cannot be read: an unknown version or a broken shape. */
export class SnapshotError extends Error {
  constructor(
    readonly code: SnapshotErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

const epochMs = z.number().finite();
const storedKey = z.strictObject({
  alg: z.enum(['ES256', 'RS256', 'HS256']),
  kid: z.string().min(1),
  jwk: z.looseObject({ kty: z.string() }),
});
const keyRing = z
  .strictObject({
    activeKid: z.string().min(1),
    keys: z.array(z.strictObject({ key: storedKey, publishedUntil: epochMs.nullable(), createdAt: epochMs })).min(1),
  })
  .refine((r) => r.keys.some((k) => k.key.kid === r.activeKid), {
    message: 'activeKid must name one of the keys',
    path: ['activeKid'],
  });
const faultRule = z.strictObject({
  id: z.string().min(1),
  match: faultBody.shape.match,
  action: faultBody.shape.action,
  times: z.number().int().positive().nullable(),
  probability: z.number().min(0).max(1),
  remaining: z.number().int().min(0).nullable(),
  hits: z.number().int().min(0),
  createdAt: z.string(),
});
const pendingChange = z.strictObject({
  packageId: z.string().min(1),
  clientId: z.string().min(1),
  integration: z.looseObject({ clientId: z.string(), type: z.string(), scopes: z.array(z.string()) }),
  effectiveAt: epochMs,
});
const settings = z.strictObject({
  propagationDelaySeconds: z.number().int().min(0).max(86_400),
  secretLifetimeDays: z.number().int().min(1).max(3650),
});
const storeSnapshot = z.looseObject({
  version: z.literal(1),
  clockOffsetMs: epochMs,
  nextNumericId: z.number().int().positive(),
  tenants: z.array(
    z.looseObject({
      tenant: z.looseObject({ subdomain: z.string().min(1) }),
      packages: z.array(z.looseObject({ id: z.string().min(1), tenant: z.string().min(1) })),
      users: z.array(z.looseObject({ username: z.string().min(1), tenant: z.string().min(1) })),
      tokens: z.array(z.looseObject({ id: z.string().min(1), tenant: z.string().min(1), kind: z.string() })),
    }),
  ),
});
/** The store is checked for shape here; its records are then checked for consistency by `EmulatorStore.restore`. */
const toStore = (v: z.infer<typeof storeSnapshot>): StoreSnapshot => v as unknown as StoreSnapshot;
const instanceData = z.looseObject({
  version: z.literal(1),
  nextId: z.number().int(),
  partitions: z.array(z.unknown()),
});

/** Version 2 (and the snapshot API's version 1). Parts other than `store` may be absent in version 1. */
const current = z.strictObject({
  version: z.union([z.literal(1), z.literal(2)]),
  exportedAt: z.string().optional(),
  store: storeSnapshot,
  instanceData: instanceData.optional(),
  control: z
    .strictObject({
      settings: settings.partial().optional(),
      faults: z.array(faultRule).optional(),
      pendingChanges: z.array(pendingChange).optional(),
      keys: keyRing.optional(),
    })
    .optional(),
  constantContact: ctctSnapshotSchema.optional(),
});
/** The `--state` file before version 2. */
const stateFileV1 = z.strictObject({
  version: z.literal(1),
  savedAt: z.string().optional(),
  signingKey: storedKey,
  store: storeSnapshot,
});

/** What a parsed snapshot needs from the emulator it is imported into, for parts an old version lacks. */
export interface SnapshotDefaults {
  settings: ControlSettings;
  keys: StoredKeyRing;
}

function problems(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/**
 * Checks untrusted input and upgrades it to the current version. Parts an older version lacks come
 * from `defaults` (the importing emulator's settings and key ring), called only when one is missing.
 * @throws SnapshotError `ERR_SNAPSHOT_VERSION` for an unknown version, `ERR_SNAPSHOT_INVALID` for a broken shape
 */
export function parseSnapshot(raw: unknown, defaults: () => SnapshotDefaults): EmulatorSnapshot {
  if (typeof raw === 'object' && raw !== null && 'keys' in raw && raw.keys === KEYS_OMITTED) {
    throw new SnapshotError(
      'ERR_SNAPSHOT_KEYS_OMITTED',
      'it was exported without its signing keys, so the tokens and secrets in it could not be used; export it with GET /_emulator/snapshot?include=keys',
    );
  }
  const version = typeof raw === 'object' && raw !== null && 'version' in raw ? raw.version : undefined;
  if (typeof version !== 'number' || !READABLE_SNAPSHOT_VERSIONS.includes(version)) {
    const got = version === undefined ? 'no version' : `version ${JSON.stringify(version)}`;
    throw new SnapshotError(
      'ERR_SNAPSHOT_VERSION',
      `unknown format: ${got} (this emulator reads versions ${READABLE_SNAPSHOT_VERSIONS.join(' and ')})`,
    );
  }
  if (version === 1 && typeof raw === 'object' && raw !== null && 'signingKey' in raw) {
    const old = stateFileV1.safeParse(raw);
    if (!old.success)
      throw new SnapshotError('ERR_SNAPSHOT_INVALID', `not a version 1 state file: ${problems(old.error)}`);
    return {
      version: SNAPSHOT_VERSION,
      exportedAt: old.data.savedAt ?? new Date(0).toISOString(),
      store: toStore(old.data.store),
      instanceData: { version: 1, nextId: 1000, partitions: [] },
      control: {
        settings: { ...defaults().settings },
        faults: [],
        pendingChanges: [],
        keys: {
          activeKid: old.data.signingKey.kid,
          keys: [{ key: old.data.signingKey as StoredSigningKey, publishedUntil: null, createdAt: 0 }],
        },
      },
    };
  }
  const parsed = current.safeParse(raw);
  if (!parsed.success) throw new SnapshotError('ERR_SNAPSHOT_INVALID', `not a snapshot: ${problems(parsed.error)}`);
  const s = parsed.data;
  return {
    version: SNAPSHOT_VERSION,
    exportedAt: s.exportedAt ?? new Date(0).toISOString(),
    store: toStore(s.store),
    instanceData: (s.instanceData as InstanceDataSnapshot | undefined) ?? { version: 1, nextId: 1000, partitions: [] },
    control: {
      settings:
        s.control?.settings?.propagationDelaySeconds !== undefined &&
        s.control.settings.secretLifetimeDays !== undefined
          ? {
              propagationDelaySeconds: s.control.settings.propagationDelaySeconds,
              secretLifetimeDays: s.control.settings.secretLifetimeDays,
            }
          : { ...defaults().settings, ...s.control?.settings },
      faults: (s.control?.faults as FaultRule[] | undefined) ?? [],
      pendingChanges: (s.control?.pendingChanges as PendingChange[] | undefined) ?? [],
      keys: (s.control?.keys as StoredKeyRing | undefined) ?? defaults().keys,
    },
    ...(s.constantContact === undefined ? {} : { constantContact: s.constantContact }),
  };
}

/** The defaults {@link parseSnapshot} needs, taken from a running emulator. */
export function snapshotDefaults(ctx: EmulatorContext): SnapshotDefaults {
  return { settings: { ...ctx.control.settings }, keys: ctx.control.keys.export() };
}

/** Everything the emulator holds, as plain data (a deep copy). */
export function exportSnapshot(ctx: EmulatorContext): EmulatorSnapshot {
  const { control } = ctx;
  return {
    version: SNAPSHOT_VERSION,
    exportedAt: new Date(ctx.nowMs()).toISOString(),
    store: ctx.store.snapshot(),
    instanceData: control.data.snapshot(),
    control: {
      settings: { ...control.settings },
      faults: control.faults.list(),
      pendingChanges: structuredClone(control.propagation.list()),
      keys: control.keys.export(),
    },
    constantContact: exportCtctSnapshot(ctctState(ctx)),
  };
}

/** The marker of a snapshot exported without its signing material. */
export const KEYS_OMITTED = 'omitted';

/** A key as a snapshot without keys lists it: which key, never its material. */
export interface KeyOutline {
  kid: string;
  alg: string;
}

/** {@link EmulatorSnapshot} without signing material (what `GET /_emulator/snapshot` returns by default). */
export interface KeylessSnapshot extends Omit<EmulatorSnapshot, 'store' | 'control' | 'constantContact'> {
  /** Always `omitted`: this snapshot cannot be imported. */
  keys: typeof KEYS_OMITTED;
  store: Omit<StoreSnapshot, 'tenants'> & {
    tenants: (Omit<StoreSnapshot['tenants'][number], 'packages'> & {
      packages: Omit<StoreSnapshot['tenants'][number]['packages'][number], 'jwtSigningSecret'>[];
    })[];
  };
  control: Omit<EmulatorSnapshot['control'], 'keys'> & {
    keys: { activeKid: string; keys: (KeyOutline & { publishedUntil: number | null; createdAt: number })[] };
  };
  constantContact?: Omit<CtctSnapshot, 'signingKey'> & { signingKey: KeyOutline | null };
}

/**
 * A snapshot without its signing material, for reading: the private signing keys (SFMC key ring and
 * Constant Contact RS256 key) become `{kid, alg}` outlines and each package's JWT signing secret is
 * left out. Everything else (digests only, never a secret) is kept.
 */
export function withoutKeys(s: EmulatorSnapshot): KeylessSnapshot {
  const outline = (k: StoredSigningKey): KeyOutline => ({ kid: k.kid, alg: k.alg });
  const { constantContact, ...rest } = s;
  return {
    ...rest,
    keys: KEYS_OMITTED,
    store: {
      ...s.store,
      tenants: s.store.tenants.map((t) => ({
        ...t,
        packages: t.packages.map(({ jwtSigningSecret: _secret, ...pkg }) => pkg),
      })),
    },
    control: {
      ...s.control,
      keys: {
        activeKid: s.control.keys.activeKid,
        keys: s.control.keys.keys.map((k) => ({
          ...outline(k.key),
          publishedUntil: k.publishedUntil,
          createdAt: k.createdAt,
        })),
      },
    },
    ...(constantContact === undefined
      ? {}
      : {
          constantContact: {
            ...constantContact,
            signingKey: constantContact.signingKey === null ? null : outline(constantContact.signingKey),
          },
        }),
  };
}

/**
 * Replaces everything with a (parsed) snapshot, all or nothing: if any part fails (a key that does
 * not import, say), the previous state is put back and the error rethrown. Authorize interactions
 * in progress (both vendors) and the Constant Contact rate-limit counters are dropped.
 */
export function importSnapshot(ctx: EmulatorContext, s: EmulatorSnapshot): void {
  const before = exportSnapshot(ctx);
  try {
    apply(ctx, s);
  } catch (err) {
    apply(ctx, before);
    throw err;
  }
  ctx.interactions.clear();
}

function apply(ctx: EmulatorContext, s: EmulatorSnapshot): void {
  const { control } = ctx;
  control.keys.import(s.control.keys); // first: the part most likely to fail
  restoreCtctSnapshot(ctctState(ctx), s.constantContact); // imports its key before changing anything
  ctx.store.restore(s.store);
  control.data.restore(s.instanceData);
  control.settings = { ...s.control.settings };
  control.faults.replace(s.control.faults);
  control.propagation.replace(structuredClone(s.control.pendingChanges));
}

/** The key that signs new tokens in a snapshot (its ring's active key). */
export function activeSigningKey(s: EmulatorSnapshot): SigningKey {
  const entry = s.control.keys.keys.find((k) => k.key.kid === s.control.keys.activeKid);
  if (!entry) throw new SnapshotError('ERR_SNAPSHOT_INVALID', 'control.keys.activeKid names no key');
  return importSigningKey(entry.key);
}
