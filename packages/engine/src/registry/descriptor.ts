/**
 * @module
 * What the engine knows about one resource kind, as data (one descriptor per kind, in its vendor's
 * folder `vendors/<vendor>/`; the generic core reads them through the registry, `registry.ts`):
 *
 * - its attributes, and for each how two values compare, whether a change updates in place or forces
 *   a replacement, and whether it is a local reference the target never reports (an address, a
 *   secret's env name);
 * - the values the target assigns (computed: kept in state for `output`, never diffed);
 * - the attribute naming its parent, and the parent's kind;
 * - the secrets it makes the target hand out, and where each one's env name is declared;
 * - whether the vendor can remove it on its own (a component cannot: it goes with its parent);
 * - what `grantform output` shows for it.
 *
 * The shape maps onto a Terraform resource schema: attributes (required, with a plan modifier
 * "requires replace" where `onChange` is `replace`; sets where `compare` is not `value`), computed
 * attributes, a parent reference, and sensitive values kept elsewhere (secret refs).
 */
import { secretEnv } from '../credential-env.js';
import type { JsonObject } from '../json.js';

/**
 * How two values of an attribute compare.
 * - `value`: deep equality.
 * - `set`: arrays compared as sets (scopes, redirect URIs).
 * - `business-units`: `'all'` or a set of MIDs.
 * - `bu-tree`: a set of `{mid,name,parentMid}` objects.
 */
export type CompareMode = 'value' | 'set' | 'business-units' | 'bu-tree';

/** An attribute holding a secret ref (`{env}`): the env name a secret's value is kept under. */
export interface SecretRefAttribute {
  /**
   * What a change of the env name does: `rotate` (the target hands out a new value, kept under the
   * new name; the old entry is removed) or `rename` (the value moves to the new name in the sink).
   */
  readonly onEnvChange: 'rotate' | 'rename';
  /** What the secret is called in messages, e.g. `JWT signing secret`. */
  readonly noun: string;
}

export interface AttributeDescriptor {
  readonly compare: CompareMode;
  /** `replace`: the target cannot change it in place. */
  readonly onChange: 'update' | 'replace';
  /** A reference only grantform knows (an address or a secret's env name); the target never reports it. */
  readonly local?: boolean;
  /** Set when the attribute is a secret ref. */
  readonly secretRef?: SecretRefAttribute;
  /**
   * A policy the engine itself acts on (a secret's `rotation`): never sent to the target, so a
   * change of it alone is recorded in state without a call.
   */
  readonly policy?: true;
}

/** Compared by `compare` (@default `value`), changed in place. */
export function updatable(compare: CompareMode = 'value'): AttributeDescriptor {
  return { compare, onChange: 'update' };
}

/** Compared by value; the target cannot change it in place, so a change replaces the resource. */
export function replacing(): AttributeDescriptor {
  return { compare: 'value', onChange: 'replace' };
}

/**
 * Known only to grantform, never reported by the target: an address (a parent reference), a
 * declared id or name. A change replaces the resource unless `onChange` says `update`.
 */
export function local(onChange: AttributeDescriptor['onChange'] = 'replace'): AttributeDescriptor {
  return { compare: 'value', onChange, local: true };
}

/**
 * A policy only the engine acts on (`rotation: {maxAgeDays}`): compared by value, never reported by
 * the target nor sent to it; changing it alone updates state without a call.
 */
export function policy(): AttributeDescriptor {
  return { compare: 'value', onChange: 'update', local: true, policy: true };
}

/** A secret ref (`{env}`): where a secret's value is kept; `noun` names the secret in messages. */
export function secretRef(onEnvChange: SecretRefAttribute['onEnvChange'], noun: string): AttributeDescriptor {
  return { compare: 'value', onChange: 'update', local: true, secretRef: { onEnvChange, noun } };
}

/** `{[output]: env}` of the secret ref `attributes[attribute]`, or `{}` (for `outputs`). */
export function secretEnvOutput(attributes: JsonObject, attribute: string, output: string): JsonObject {
  const env = secretEnv(attributes, attribute);
  return env === null ? {} : { [output]: env };
}

/** `{[name]: value}` when `value` is not `undefined`, else `{}` (for `outputs`). */
export function present(name: string, value: JsonObject[string] | undefined): JsonObject {
  return value === undefined ? {} : { [name]: value };
}

/** A secret the target hands out for a resource (once, on create or when it is re-issued). */
export interface SecretDescriptor {
  /** Its name (`IssuedSecret.name`, `PendingOperation.secrets`). */
  readonly name: string;
  /**
   * Where its env name is declared: a secret-ref attribute of the resource itself, or of its child
   * of kind `childKind` (a package's JWT signing secret is kept only when its Marketing Cloud App
   * says where).
   */
  readonly env: { readonly attribute: string } | { readonly childKind: string; readonly attribute: string };
}

/** The attribute naming a resource's parent (an address), and the kind that parent must be. */
export interface ParentReference {
  readonly attribute: string;
  readonly kind: string;
}

export interface KindDescriptor {
  /** The manifest's `kind`, e.g. `installed-package`. */
  readonly kind: string;
  /** What one is called in messages, e.g. `package`. */
  readonly noun: string;
  /** Every configurable attribute (every field of the kind's spec). */
  readonly attributes: Readonly<Record<string, AttributeDescriptor>>;
  /** Values the target assigns (client ids, endpoints): kept in state, never part of a diff. */
  readonly computed: readonly string[];
  readonly parent: ParentReference | null;
  /**
   * A component of its parent: the vendor cannot remove it on its own. Removing or replacing one
   * replaces its parent; it is deleted with its parent and carries no ownership label of its own.
   */
  readonly component: boolean;
  /** The secrets the target hands out for it. */
  readonly secrets: readonly SecretDescriptor[];
  /**
   * When the config declares one that a labelled target already holds without any label: `true`
   * when its create takes it over (idempotent, e.g. a tenant); otherwise the plan refuses it with
   * `unmanagedHint` (how to go on). @default false, 'remove it from the target or declare another one'
   */
  readonly claimsUnmanaged?: boolean;
  readonly unmanagedHint?: string;
  /** What `grantform output` shows (never a secret value; secret refs by env name). */
  outputs(resource: { readonly id: string; readonly attributes: JsonObject }): JsonObject;
}

/** A secret of a parent kind whose env name a child kind declares. */
export interface DeclaredSecret {
  readonly parentKind: string;
  readonly name: string;
  /** The child's secret-ref attribute. */
  readonly attribute: string;
}

/** Looks kinds up by name (what the registry is to the pure core). */
export interface KindLookup {
  /** The descriptor of `kind`; throws for a kind no vendor registered. */
  kind(kind: string): KindDescriptor;
  /** Secrets of its parent whose env name `kind` declares. */
  secretsDeclaredBy(kind: string): readonly DeclaredSecret[];
}

/** A descriptor for every field of `Spec`, and no other. */
export type AttributesOf<Spec> = { readonly [A in keyof Spec & string]-?: AttributeDescriptor };

/**
 * Declares a kind; the type parameter checks that every field of its spec has an attribute
 * descriptor (and nothing else does).
 * @example
 * export const tenant = describeKind<TenantSpec>({ kind: 'tenant', noun: 'tenant', attributes: { … }, … });
 */
export function describeKind<Spec>(
  descriptor: KindDescriptor & { readonly attributes: AttributesOf<Spec> },
): KindDescriptor {
  return descriptor;
}

/** The address of a resource's parent, from its attributes; `null` for a root (or no value). */
export function parentAddress(descriptor: KindDescriptor, attributes: JsonObject): string | null {
  if (descriptor.parent === null) return null;
  const value = attributes[descriptor.parent.attribute];
  return typeof value === 'string' ? value : null;
}

/** Whether its target object carries an ownership label (components go with their parent). */
export function carriesOwnerLabel(descriptor: KindDescriptor): boolean {
  return !descriptor.component;
}

/** Attributes the target itself reports (no local references). */
export function targetAttributeNames(descriptor: KindDescriptor): string[] {
  return Object.entries(descriptor.attributes)
    .filter(([, a]) => a.local !== true)
    .map(([n]) => n);
}

/** The attribute names holding secret refs. */
export function secretRefAttributes(descriptor: KindDescriptor): string[] {
  return Object.entries(descriptor.attributes)
    .filter(([, a]) => a.secretRef !== undefined)
    .map(([n]) => n);
}
