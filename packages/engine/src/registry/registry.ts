/**
 * @module
 * The registry: the vendors the engine knows, and their kinds by name. The generic core (desired,
 * diff, plan, apply, state, verify, the drivers' shells, the CLI) works on `string` kinds and asks
 * the registry what each one is; it names no vendor. `vendors/index.ts` is the one file that lists
 * the built-in vendors (`BUILT_IN_REGISTRY`); a test registers another the same way:
 * `createRegistry([...VENDORS, toyVendor])`.
 */
import type { DeclaredSecret, KindDescriptor, KindLookup } from './descriptor.js';
import type { ImportBinding, TargetBinding, VendorProfile } from './vendor.js';

export interface Registry extends KindLookup {
  readonly vendors: readonly VendorProfile[];
  /** Every kind, in registration order (vendor by vendor). */
  readonly kinds: readonly string[];
  has(kind: unknown): boolean;
  /** The vendor that registered `kind`. */
  vendorOf(kind: string): VendorProfile;
  /** Every secret name any kind hands out. */
  readonly secretNames: ReadonlySet<string>;
  /** The targets vendors bring besides the emulator (e.g. `sfmc`), by name. */
  target(name: string): TargetBinding | undefined;
  /** The importer for `address`: the first vendor's that claims it, else the fallback one. */
  importerFor(address: string): ImportBinding | undefined;
}

/**
 * Builds a registry, checking that kind names are unique and that every parent and child kind a
 * descriptor names is registered.
 * @example
 * const registry = createRegistry([marketingCloud, constantContact]);
 * registry.kind('tenant').attributes.subdomain; // { compare: 'value', onChange: 'replace' }
 */
export function createRegistry(vendors: readonly VendorProfile[]): Registry {
  const byKind = new Map<string, KindDescriptor>();
  const vendorByKind = new Map<string, VendorProfile>();
  for (const v of vendors) {
    for (const k of v.kinds) {
      const other = vendorByKind.get(k.kind);
      if (other !== undefined) {
        throw new Error(`resource kind ${k.kind} is registered twice (vendors ${other.name} and ${v.name})`);
      }
      byKind.set(k.kind, k);
      vendorByKind.set(k.kind, v);
    }
  }
  const declared = new Map<string, DeclaredSecret[]>();
  const secretNames = new Set<string>();
  for (const k of byKind.values()) {
    if (k.parent !== null && !byKind.has(k.parent.kind)) {
      throw new Error(`resource kind ${k.kind} names parent kind ${k.parent.kind}, which no vendor registered`);
    }
    for (const s of k.secrets) {
      secretNames.add(s.name);
      if (!('childKind' in s.env)) continue;
      if (!byKind.has(s.env.childKind)) {
        throw new Error(
          `resource kind ${k.kind} takes a secret's env from ${s.env.childKind}, which no vendor registered`,
        );
      }
      const list = declared.get(s.env.childKind) ?? [];
      declared.set(s.env.childKind, list);
      list.push({ parentKind: k.kind, name: s.name, attribute: s.env.attribute });
    }
  }
  const targets = new Map<string, TargetBinding>();
  for (const v of vendors) for (const t of v.targets ?? []) targets.set(t.name, t);
  const importers = vendors.flatMap((v) => (v.importer === undefined ? [] : [v.importer]));
  return {
    vendors,
    kinds: [...byKind.keys()],
    has: (kind) => typeof kind === 'string' && byKind.has(kind),
    kind: (kind) => {
      const d = byKind.get(kind);
      if (d === undefined)
        throw new Error(`unknown resource kind ${kind} (registered: ${[...byKind.keys()].join(', ')})`);
      return d;
    },
    vendorOf: (kind) => {
      const v = vendorByKind.get(kind);
      if (v === undefined) throw new Error(`unknown resource kind ${kind}`);
      return v;
    },
    secretsDeclaredBy: (kind) => declared.get(kind) ?? [],
    secretNames,
    target: (name) => targets.get(name),
    importerFor: (address) =>
      importers.find((i) => i.fallback !== true && i.claims(address)) ?? importers.find((i) => i.fallback === true),
  };
}

/** What a state reader accepts: the registry's kinds and secret names. */
export function stateVocabulary(registry: Registry): {
  isKind(kind: unknown): boolean;
  isSecretName(name: unknown): boolean;
} {
  return {
    isKind: (kind) => registry.has(kind),
    isSecretName: (name) => typeof name === 'string' && registry.secretNames.has(name),
  };
}
