/**
 * @module
 * Terraform attributes derived from the engine's kind descriptors (`registry/descriptor.ts`), so a
 * resource's plan semantics are the engine's: an attribute whose change the target cannot make in
 * place (`onChange: 'replace'`) gets `requiresReplace`, one compared as a set (`compare` other than
 * `value`) must be a Terraform set (reordering is no change), and what the target assigns (the
 * kind's `computed`, its id) keeps its value from state (`useStateForUnknown`) instead of showing
 * "(known after apply)" on every update.
 */
import { BUILT_IN_REGISTRY, type KindDescriptor } from '@grantform/engine';
import {
  type Attribute,
  type AttributeOptions,
  attr,
  type PlanModifier,
  requiresReplace,
  useStateForUnknown,
} from '@grantform/terraform-plugin';

/** The descriptor of `kind` (throws for a kind the engine does not register). */
export function descriptorOf(kind: string): KindDescriptor {
  return BUILT_IN_REGISTRY.kind(kind);
}

function isSetType(cty: unknown): boolean {
  return Array.isArray(cty) && cty[0] === 'set';
}

function withModifiers<T, O extends AttributeOptions<T>>(
  attribute: Attribute<T, O>,
  before: readonly PlanModifier<T>[],
  after: readonly PlanModifier<T>[],
): Attribute<T, O> {
  const planModifiers = [...before, ...(attribute.options.planModifiers ?? []), ...after];
  return { ...attribute, options: { ...attribute.options, planModifiers } };
}

/**
 * `attribute`, the Terraform form of the spec field `field` of `kind`, with the plan modifiers its
 * descriptor implies: `useStateForUnknown` first when it is optional + computed without a default
 * (a value the provider fills in, stable once set), `requiresReplace` last when the target cannot
 * change it in place. Throws when the field is not in the descriptor, or when a field compared as a
 * set is not a Terraform set.
 * @example
 * type: fromDescriptor('api-integration', 'type', attr.string({ required: true })) // + requiresReplace()
 */
export function fromDescriptor<T, O extends AttributeOptions<T>>(
  kind: string,
  field: string,
  attribute: Attribute<T, O>,
): Attribute<T, O> {
  const d = descriptorOf(kind).attributes[field];
  if (d === undefined) throw new Error(`${kind} has no attribute ${field} in its descriptor`);
  if (d.compare !== 'value' && !isSetType(attribute.type.cty)) {
    throw new Error(`${kind}.${field} compares as ${d.compare}: its Terraform attribute must be a set`);
  }
  const o = attribute.options;
  const stable = o.optional === true && o.computed === true && o.default === undefined;
  return withModifiers(
    attribute,
    stable ? [useStateForUnknown<T>()] : [],
    d.onChange === 'replace' ? [requiresReplace<T>()] : [],
  );
}

/**
 * A value the target assigns: `field` must be one of the kind's `computed` values (or `id`, the
 * target id); it keeps its value from state on updates (`useStateForUnknown`).
 */
export function assigned<T, O extends AttributeOptions<T>>(
  kind: string,
  field: string,
  attribute: Attribute<T, O>,
): Attribute<T, O> {
  if (field !== 'id' && !descriptorOf(kind).computed.includes(field)) {
    throw new Error(
      `${kind} does not assign ${field} (its computed values: ${descriptorOf(kind).computed.join(', ')})`,
    );
  }
  if (attribute.options.computed !== true) throw new Error(`${kind}.${field}: an assigned value must be computed`);
  return withModifiers(attribute, [useStateForUnknown<T>()], []);
}

/**
 * A value the target reports and may change (a secret's dates, refreshed by every read): `field`
 * must be one of the kind's `computed` values. Unlike {@link assigned} it has no
 * `useStateForUnknown`: an update (which may rotate the secret) plans it as unknown.
 */
export function reported<T, O extends AttributeOptions<T>>(
  kind: string,
  field: string,
  attribute: Attribute<T, O>,
): Attribute<T, O> {
  if (!descriptorOf(kind).computed.includes(field)) {
    throw new Error(
      `${kind} does not report ${field} (its computed values: ${descriptorOf(kind).computed.join(', ')})`,
    );
  }
  if (attribute.options.computed !== true) throw new Error(`${kind}.${field}: a reported value must be computed`);
  REPORTED.add(attribute);
  return attribute;
}

const REPORTED = new WeakSet<object>();

/** Whether `attribute` was made by {@link reported}. */
export function isReported(attribute: object): boolean {
  return REPORTED.has(attribute);
}

/**
 * `<prefix>_generated_at` / `<prefix>_expires_at`: when the secret was generated and when it expires
 * (RFC 3339, null when the target reports none), from the kind's computed `secretStatus`.
 * @example
 * ...secretDateAttributes('api-integration', 'client_secret', 'client secret')
 */
export function secretDateAttributes<P extends string>(kind: string, prefix: P, secret: string) {
  const date = (description: string) => reported(kind, 'secretStatus', attr.string({ computed: true, description }));
  const attributes = {
    [`${prefix}_generated_at`]: date(
      `When the ${secret} was generated (RFC 3339), as the target reports it; null when it does not know.`,
    ),
    [`${prefix}_expires_at`]: date(
      `When the ${secret} expires (RFC 3339), as the target reports it; null when it never expires. Refreshed on every read: compare it with timestamp() in a check block to warn before it expires.`,
    ),
  };
  return attributes as { [K in `${P}_generated_at` | `${P}_expires_at`]: ReturnType<typeof date> };
}
