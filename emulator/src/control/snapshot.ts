/**
 * @module
 * The one serialised form of a whole emulator (all tenants, every vendor): `GET|PUT
 * /_emulator/snapshot` and the `--state` file both use it. Export, parse (with upgrades from older
 * versions) and import are written once here; each vendor adds its sections through its profile's
 * `snapshot` (`SnapshotContribution`), and the core writes the rest.
 *
 * Layout (version 2): `{version: 2, exportedAt, …vendor sections, control: {settings, faults, keys,
 * …vendor fields}}`. Vendor sections come in registration order: Marketing Cloud's `store` (which also
 * carries the clock offset, where version 1 put it) and `instanceData`, then Constant Contact's
 * `constantContact`; `control` follows the sections of the first vendor that adds fields to it
 * (Marketing Cloud's `pendingChanges`), where version 2 has always had it.
 *
 * Versions:
 * - **2** (current). `constantContact` (`vendors/constant-contact/snapshot.ts`, its own `version: 1`)
 *   was added later as an optional section: a version 2 snapshot without it still reads (as no
 *   Constant Contact resources), so the version did not change. A section a vendor adds later must
 *   be optional the same way.
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
 * Contents: every vendor's records (tokens and codes as ids and digests only; no token value or
 * client secret is ever stored), JWT signing secrets, the private signing keys, the clock offset,
 * fault rules, settings and pending propagation. Treat it as a secret.
 */
import { z } from 'zod';
import type { EmulatorContext, VendorProfile } from '../env.js';
import { importSigningKey, type SigningKey, type StoredSigningKey } from '../keys.js';
import { type FaultRule, faultBodySchema } from './faults.js';
import type { StoredKeyRing } from './key-ring.js';
import type { ControlSettings } from './state.js';

/** The version {@link exportSnapshot} writes. */
export const SNAPSHOT_VERSION = 2;
/** Versions {@link parseSnapshot} reads. */
export const READABLE_SNAPSHOT_VERSIONS: readonly number[] = [1, 2];

/** The core's part of every snapshot (`vendors/index.ts` adds each vendor's to the type). */
export interface CoreSnapshot {
  version: typeof SNAPSHOT_VERSION;
  exportedAt: string;
  control: {
    settings: ControlSettings;
    faults: FaultRule[];
    keys: StoredKeyRing;
  };
}

/** Everything an emulator holds, all vendors (contains private keys and JWT signing secrets). */
export type EmulatorSnapshot = CoreSnapshot & { readonly [section: string]: unknown };

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
const settings = z.strictObject({
  propagationDelaySeconds: z.number().int().min(0).max(86_400),
  secretLifetimeDays: z.number().int().min(1).max(3650),
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

type Vendors = readonly VendorProfile[];
type Parts = Record<string, unknown> & { control?: Record<string, unknown> };

/**
 * The snapshot's top-level keys in order: `version`, `exportedAt`, each vendor's sections, and
 * `control` after the sections of the first vendor that adds to it (else last). `entry(vendor)` gives
 * a vendor's sections and its `control` fields; the core's `control` fields come first.
 */
function layout<T>(
  vendors: Vendors,
  head: Record<string, T>,
  control: Record<string, T>,
  entry: (v: VendorProfile) => { sections: Record<string, T>; control?: Record<string, T> | undefined } | undefined,
): { top: Record<string, T | Record<string, T>>; control: Record<string, T> } {
  const top: Record<string, T | Record<string, T>> = { ...head };
  const allControl: Record<string, T> = { ...control };
  let placed = false;
  for (const v of vendors) {
    const e = entry(v);
    if (e === undefined) continue;
    Object.assign(top, e.sections);
    if (e.control !== undefined && Object.keys(e.control).length > 0) {
      Object.assign(allControl, e.control);
      if (!placed) top.control = allControl;
      placed = true;
    }
  }
  if (!placed) top.control = allControl;
  return { top, control: allControl };
}

/** The fields of `parts` that belong to `v`: its sections, and its fields of `control`. */
function partsOf(v: VendorProfile, s: Parts): Parts {
  const own = v.snapshot;
  if (own === undefined) return {};
  const out: Parts = {};
  for (const key of Object.keys(own.sections)) if (key in s) out[key] = s[key];
  if (own.control !== undefined && s.control !== undefined) {
    const control: Record<string, unknown> = {};
    for (const key of Object.keys(own.control)) if (key in s.control) control[key] = s.control[key];
    out.control = control;
  }
  return out;
}

/** Version 2 (and the snapshot API's version 1) for these vendors. Parts other than a vendor's required sections may be absent. */
function currentSchema(vendors: Vendors) {
  const faultBody = faultBodySchema(vendors.flatMap((v) => v.faults?.hostKinds ?? []));
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
  const { top, control } = layout<z.ZodType>(
    vendors,
    { version: z.union([z.literal(1), z.literal(2)]), exportedAt: z.string().optional() },
    { settings: settings.partial().optional(), faults: z.array(faultRule).optional(), keys: keyRing.optional() },
    (v) =>
      v.snapshot && { sections: { ...v.snapshot.sections }, control: v.snapshot.control && { ...v.snapshot.control } },
  );
  return z.strictObject({ ...(top as Record<string, z.ZodType>), control: z.strictObject(control).optional() });
}

/** The `--state` file before version 2: a signing key and the vendors' sections (Marketing Cloud's `store`). */
function stateFileV1Schema(vendors: Vendors) {
  const sections: Record<string, z.ZodType> = {};
  for (const v of vendors) Object.assign(sections, v.snapshot?.sections);
  return z.strictObject({
    version: z.literal(1),
    savedAt: z.string().optional(),
    signingKey: storedKey,
    ...sections,
  });
}

/**
 * Checks untrusted input and upgrades it to the current version, for an emulator serving `vendors`.
 * Parts an older version lacks come from `defaults` (the importing emulator's settings and key ring),
 * called only when one is missing; a vendor's absent sections stay absent (its import empties them).
 * @throws SnapshotError `ERR_SNAPSHOT_VERSION` for an unknown version, `ERR_SNAPSHOT_INVALID` for a broken shape
 */
export function parseSnapshot(raw: unknown, defaults: () => SnapshotDefaults, vendors: Vendors): EmulatorSnapshot {
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
    const old = stateFileV1Schema(vendors).safeParse(raw);
    if (!old.success)
      throw new SnapshotError('ERR_SNAPSHOT_INVALID', `not a version 1 state file: ${problems(old.error)}`);
    const {
      version: _v,
      savedAt,
      signingKey,
      ...sections
    } = old.data as Record<string, unknown> & {
      savedAt?: string;
      signingKey: StoredSigningKey;
    };
    return assemble(vendors, savedAt ?? new Date(0).toISOString(), sections, {
      settings: { ...defaults().settings },
      faults: [],
      keys: { activeKid: signingKey.kid, keys: [{ key: signingKey, publishedUntil: null, createdAt: 0 }] },
    });
  }
  const parsed = currentSchema(vendors).safeParse(raw);
  if (!parsed.success) throw new SnapshotError('ERR_SNAPSHOT_INVALID', `not a snapshot: ${problems(parsed.error)}`);
  const {
    version: _v,
    exportedAt,
    control,
    ...sections
  } = parsed.data as Parts & {
    exportedAt?: string;
    control?: {
      settings?: Partial<ControlSettings>;
      faults?: FaultRule[];
      keys?: StoredKeyRing;
    } & Record<string, unknown>;
  };
  const { settings: given, faults, keys, ...vendorControl } = control ?? {};
  return assemble(
    vendors,
    exportedAt ?? new Date(0).toISOString(),
    { ...sections, control: vendorControl },
    {
      settings:
        given?.propagationDelaySeconds !== undefined && given.secretLifetimeDays !== undefined
          ? { propagationDelaySeconds: given.propagationDelaySeconds, secretLifetimeDays: given.secretLifetimeDays }
          : { ...defaults().settings, ...given },
      faults: faults ?? [],
      keys: keys ?? defaults().keys,
    },
  );
}

/** A snapshot in the current layout from its parts. */
function assemble(vendors: Vendors, exportedAt: string, parts: Parts, core: CoreSnapshot['control']): EmulatorSnapshot {
  const { top } = layout<unknown>(vendors, { version: SNAPSHOT_VERSION, exportedAt }, core, (v) => {
    const own = partsOf(v, parts);
    const { control, ...sections } = own;
    return { sections, control: control as Record<string, unknown> | undefined };
  });
  return top as EmulatorSnapshot;
}

/** The defaults {@link parseSnapshot} needs, taken from a running emulator. */
export function snapshotDefaults(ctx: EmulatorContext): SnapshotDefaults {
  return { settings: { ...ctx.control.settings }, keys: ctx.control.keys.export() };
}

/** Everything the emulator holds, as plain data (a deep copy). */
export function exportSnapshot(ctx: EmulatorContext): EmulatorSnapshot {
  const { control } = ctx;
  const core: CoreSnapshot['control'] = {
    settings: { ...control.settings },
    faults: control.faults.list(),
    keys: control.keys.export(),
  };
  const { top } = layout<unknown>(
    ctx.vendors,
    { version: SNAPSHOT_VERSION, exportedAt: new Date(ctx.nowMs()).toISOString() },
    core,
    (v) => {
      if (v.snapshot === undefined) return undefined;
      const { control: vendorControl, ...sections } = v.snapshot.export(ctx.partition(v.partition)) as Parts;
      return { sections, control: vendorControl };
    },
  );
  return top as EmulatorSnapshot;
}

/** The marker of a snapshot exported without its signing material. */
export const KEYS_OMITTED = 'omitted';

/** A key as a snapshot without keys lists it: which key, never its material. */
export interface KeyOutline {
  kid: string;
  alg: string;
}

/** How a snapshot lists a signing key without its material. */
export const keyOutline = (k: StoredSigningKey): KeyOutline => ({ kid: k.kid, alg: k.alg });

/**
 * A snapshot without its signing material, for reading: the private keys of the key ring become
 * `{kid, alg}` outlines, and each vendor leaves out its own (Marketing Cloud's JWT signing secrets,
 * Constant Contact's RS256 key). Everything else (digests only, never a secret) is kept.
 */
export function withoutKeys(s: EmulatorSnapshot, vendors: Vendors): Record<string, unknown> {
  const out: Record<string, unknown> = { ...s };
  for (const v of vendors) {
    const own = v.snapshot;
    if (own?.withoutKeys === undefined) continue;
    Object.assign(out, own.withoutKeys(partsOf(v, s as Parts)));
  }
  out.keys = KEYS_OMITTED;
  out.control = {
    ...s.control,
    keys: {
      activeKid: s.control.keys.activeKid,
      keys: s.control.keys.keys.map((k) => ({
        ...keyOutline(k.key),
        publishedUntil: k.publishedUntil,
        createdAt: k.createdAt,
      })),
    },
  };
  return out;
}

/**
 * Replaces everything with a (parsed) snapshot, all or nothing: if any part fails (a key that does
 * not import, say), the previous state is put back and the error rethrown. Vendors drop what only
 * lives in memory (authorize interactions in progress, rate-limit counters).
 */
export function importSnapshot(ctx: EmulatorContext, s: EmulatorSnapshot): void {
  const before = exportSnapshot(ctx);
  try {
    apply(ctx, s);
  } catch (err) {
    apply(ctx, before);
    throw err;
  }
}

function apply(ctx: EmulatorContext, s: EmulatorSnapshot): void {
  const { control } = ctx;
  control.keys.import(s.control.keys); // first: the part most likely to fail
  for (const v of ctx.vendors) v.snapshot?.import(ctx.partition(v.partition), partsOf(v, s as Parts));
  control.settings = { ...s.control.settings };
  control.faults.replace(s.control.faults);
}

/** What an import brought in, as the vendors count it (`PUT /_emulator/snapshot` answers with it). */
export function importSummary(ctx: EmulatorContext): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of ctx.vendors) Object.assign(out, v.snapshot?.summary?.(ctx.partition(v.partition)));
  return out;
}

/** The key that signs new tokens in a snapshot (its ring's active key). */
export function activeSigningKey(s: EmulatorSnapshot): SigningKey {
  const entry = s.control.keys.keys.find((k) => k.key.kid === s.control.keys.activeKid);
  if (!entry) throw new SnapshotError('ERR_SNAPSHOT_INVALID', 'control.keys.activeKid names no key');
  return importSigningKey(entry.key);
}
