/**
 * @module
 * Which secrets a target hands out for a resource, and the env name each is kept under in the
 * secrets sink (pure, from the kinds' descriptors). A target shows a secret once (on create, or when
 * it is re-issued), so the plan uses this to tell when one never reached the sink, and the apply to
 * check that a create returned every secret it should have.
 */
import type { AttributeChange } from './attribute-diff.js';
import { secretEnv } from './credential-env.js';
import type { JsonObject } from './json.js';
import type { KindDescriptor, KindLookup } from './registry/descriptor.js';
import { parentAddress } from './registry/descriptor.js';
import type { SecretName } from './state/records.js';

/** One secret a resource gets from its target, and where it goes. */
export interface SecretSlot {
  readonly name: SecretName;
  readonly env: string;
}

export { secretEnv } from './credential-env.js';

/** Parent address → secret name → the env a child of that parent declares for it. */
export type ChildSecretEnvs = ReadonlyMap<string, ReadonlyMap<SecretName, string>>;

/**
 * The env names children declare for their parent's secrets (a Marketing Cloud App says where its
 * package's JWT signing secret goes), by parent address.
 */
export function childSecretEnvs(
  resources: Iterable<{ readonly kind: string; readonly attributes: JsonObject | null }>,
  registry: KindLookup,
): ChildSecretEnvs {
  const out = new Map<string, Map<SecretName, string>>();
  for (const r of resources) {
    if (r.attributes === null) continue;
    const declared = registry.secretsDeclaredBy(r.kind);
    if (declared.length === 0) continue;
    const parent = parentAddress(registry.kind(r.kind), r.attributes);
    if (parent === null) continue;
    for (const { name, attribute } of declared) {
      const env = secretEnv(r.attributes, attribute);
      if (env === null) continue;
      const names = out.get(parent) ?? new Map<SecretName, string>();
      out.set(parent, names);
      names.set(name, env);
    }
  }
  return out;
}

/** The env `descriptor`'s secret `name` is kept under, for the resource at `address`; `null`: none. */
export function secretEnvFor(
  descriptor: KindDescriptor,
  address: string,
  attributes: JsonObject | null,
  name: SecretName,
  fromChildren: ChildSecretEnvs,
): string | null {
  const secret = descriptor.secrets.find((s) => s.name === name);
  if (secret === undefined) return null;
  return 'childKind' in secret.env
    ? (fromChildren.get(address)?.get(name) ?? null)
    : secretEnv(attributes, secret.env.attribute);
}

/** The secrets the target hands out for the resource at `address` (those with an env to go to). */
export function secretSlots(
  descriptor: KindDescriptor,
  address: string,
  attributes: JsonObject | null,
  fromChildren: ChildSecretEnvs,
): SecretSlot[] {
  const slots: SecretSlot[] = [];
  for (const { name } of descriptor.secrets) {
    const env = secretEnvFor(descriptor, address, attributes, name, fromChildren);
    if (env !== null) slots.push({ name, env });
  }
  return slots;
}

/** Secrets an update hands out anew because their env name changed (`onEnvChange: 'rotate'`). */
export function rotatedSecrets(descriptor: KindDescriptor, changes: readonly AttributeChange[]): SecretName[] {
  const changed = new Set(changes.map((c) => c.name));
  return descriptor.secrets
    .filter(
      (s) =>
        'attribute' in s.env &&
        !('childKind' in s.env) &&
        changed.has(s.env.attribute) &&
        descriptor.attributes[s.env.attribute]?.secretRef?.onEnvChange === 'rotate',
    )
    .map((s) => s.name);
}
