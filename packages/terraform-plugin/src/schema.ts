/**
 * @module
 * Schemas: attributes, nested attributes and nested blocks, typed so that a resource's values are
 * inferred from its schema, checked when defined (a bad combination of flags throws at once, with
 * its path), and converted to the protocol's `Schema` and to the cty object type the codec uses.
 *
 * @example
 * const schema = {
 *   attributes: {
 *     id: attr.string({ computed: true, planModifiers: [useStateForUnknown()] }),
 *     name: attr.string({ required: true, planModifiers: [requiresReplace()] }),
 *     tags: attr.set(types.string, { optional: true }),
 *     password: attr.string({ optional: true, sensitive: true, writeOnly: true }),
 *   },
 * } satisfies Schema;
 * type Thing = Values<typeof schema>; // { id: string | null; name: string; tags: readonly string[] | null; … }
 */
import type { AttributePath, Diagnostic } from './diagnostics.js';
import { type AnyTfType, type Bivariant, type Planned, type TfType, types, type ValueOf } from './types.js';
import type { CtyType } from './wire/cty-type.js';

/** What a validator may return: nothing, a message (an error at the attribute), or diagnostics. */
export type ValidatorResult = string | Diagnostic | readonly Diagnostic[] | undefined;

/** Checks a known, non-null configuration value. */
export type Validator<T> = Bivariant<(value: T, context: { readonly path: AttributePath }) => ValidatorResult>;

/** What a plan modifier sees for one attribute. */
export interface PlanModifierRequest<T> {
  readonly path: AttributePath;
  /** The configuration's value (may be unknown). */
  readonly config: Planned<T> | null;
  /** The value planned so far (the proposed value, a default, or unknown for a computed attribute). */
  readonly planned: Planned<T> | null;
  /** The value in state; null when the resource is being created. */
  readonly prior: T | null;
  /** False when the resource is being created. */
  readonly resourceExists: boolean;
  /** Whether `planned` differs from `prior` (sets compared as sets; unknown differs from anything). */
  readonly changed: boolean;
}

/** What a plan modifier may change. */
export interface PlanModifierResult<T> {
  readonly planned?: Planned<T> | null;
  /** Changing this attribute replaces the resource (destroy, then create). */
  readonly requiresReplace?: boolean;
  readonly diagnostics?: readonly Diagnostic[];
}

/** Adjusts one attribute's planned value, like terraform-plugin-framework's plan modifiers. */
export type PlanModifier<T> = Bivariant<(request: PlanModifierRequest<T>) => PlanModifierResult<T> | undefined>;

/** Flags and documentation of an attribute. Exactly one of `required`, `optional`, `computed` (or `optional` + `computed`). */
export interface AttributeOptions<T> {
  readonly required?: boolean;
  readonly optional?: boolean;
  /** Set by the provider (alone) or by either (with `optional`). */
  readonly computed?: boolean;
  /** Redacted in plan output. Still stored in state: use `writeOnly` for secrets. */
  readonly sensitive?: boolean;
  /**
   * Terraform ≥ 1.11: the value reaches the provider in the configuration only and is never stored
   * in plan or state (the framework returns null for it everywhere). Not with `computed`.
   */
  readonly writeOnly?: boolean;
  readonly description?: string;
  /** Marks the attribute deprecated; a string is also shown as a warning when the attribute is set. */
  readonly deprecated?: boolean | string;
  /** Planned when the configuration leaves the attribute null; requires `optional` + `computed`. */
  readonly default?: T;
  readonly validators?: readonly Validator<T>[];
  readonly planModifiers?: readonly PlanModifier<T>[];
}

/** Nesting of nested attributes and blocks. `group` exists for blocks only. */
export type Nesting = 'single' | 'list' | 'set' | 'map';
export type BlockNesting = Nesting | 'group';

/** An attribute of a schema. */
export interface Attribute<T, O extends AttributeOptions<T> = AttributeOptions<T>> {
  readonly kind: 'attribute';
  readonly type: TfType<T>;
  /** Set for nested attributes (`attr.nested`). */
  readonly nested?: { readonly nesting: Nesting; readonly schema: Schema };
  readonly options: O;
}

/** Any attribute. */
export type AnyAttribute = Attribute<unknown, AttributeOptions<unknown>>;

/** A nested block type. */
export interface Block<S extends Schema = Schema, N extends BlockNesting = BlockNesting> {
  readonly kind: 'block';
  readonly nesting: N;
  readonly schema: S;
  readonly minItems?: number;
  readonly maxItems?: number;
}

/** A schema: of a provider's configuration, a resource, a data source or an ephemeral resource. */
export interface Schema {
  /** Bump when stored state changes shape; see `upgradeState`. @default 0 */
  readonly version?: number;
  readonly description?: string;
  readonly deprecated?: boolean;
  readonly attributes: { readonly [name: string]: AnyAttribute };
  readonly blocks?: { readonly [name: string]: Block };
}

/** The value type of one attribute: required ones are never null. */
export type AttributeValue<A> = A extends { readonly type: TfType<infer T>; readonly options: infer O }
  ? O extends { readonly required: true }
    ? T
    : T | null
  : never;

/** The value type of one block type. */
export type BlockValue<B> =
  B extends Block<infer S, infer N>
    ? N extends 'single'
      ? Values<S> | null
      : N extends 'group'
        ? Values<S>
        : N extends 'map'
          ? { readonly [key: string]: Values<S> }
          : readonly Values<S>[]
    : never;

/** The values of a schema, as the provider's functions see them (fully known). */
export type Values<S extends Schema> = {
  readonly [K in keyof S['attributes']]: AttributeValue<S['attributes'][K]>;
} & (S['blocks'] extends { readonly [name: string]: Block }
  ? { readonly [K in keyof S['blocks']]: BlockValue<S['blocks'][K]> }
  : unknown);

/** The names of a schema's write-only attributes. */
export type WriteOnlyNames<S extends Schema> = {
  [K in keyof S['attributes']]: S['attributes'][K] extends { readonly options: { readonly writeOnly: true } }
    ? K
    : never;
}[keyof S['attributes']];

/** What is stored in state: the values without the write-only attributes (always null there). */
export type StateValues<S extends Schema> = Omit<Values<S>, WriteOnlyNames<S>>;

/** Values at plan time: any part may be unknown. */
export type PlannedValues<S extends Schema> = { readonly [K in keyof Values<S>]: Planned<Values<S>[K]> };

function attribute<T, O extends AttributeOptions<T>>(type: TfType<T>, options: O): Attribute<T, O> {
  return { kind: 'attribute', type, options };
}

/** Attribute builders. */
export const attr = {
  string: <O extends AttributeOptions<string>>(options: O) => attribute(types.string, options),
  number: <O extends AttributeOptions<number | bigint>>(options: O) => attribute(types.number, options),
  bool: <O extends AttributeOptions<boolean>>(options: O) => attribute(types.bool, options),
  list: <T, O extends AttributeOptions<readonly T[]>>(element: TfType<T>, options: O) =>
    attribute(types.list(element), options),
  /** A set: reordering its elements in configuration is no change. */
  set: <T, O extends AttributeOptions<readonly T[]>>(element: TfType<T>, options: O) =>
    attribute(types.set(element), options),
  map: <T, O extends AttributeOptions<{ readonly [key: string]: T }>>(element: TfType<T>, options: O) =>
    attribute(types.map(element), options),
  object: <
    A extends { readonly [name: string]: AnyTfType },
    O extends AttributeOptions<{ readonly [K in keyof A]: ValueOf<A[K]> | null }>,
  >(
    attributes: A,
    options: O,
  ) => attribute(types.object(attributes), options),
  /** Any other type, e.g. `attr.of(types.list(types.map(types.string)), { optional: true })`. */
  of: <T, O extends AttributeOptions<T>>(type: TfType<T>, options: O) => attribute(type, options),
  /** Nested attributes (protocol 6): an object, or a list/set/map of objects, with their own flags. */
  nested: <S extends Schema, N extends Nesting, O extends AttributeOptions<NestedValue<S, N>>>(
    nesting: N,
    schema: S,
    options: O,
  ): Attribute<NestedValue<S, N>, O> => ({
    kind: 'attribute',
    type: { cty: wrapNesting(nesting, impliedType(schema)) },
    nested: { nesting, schema },
    options,
  }),
};

/** The value of nested attributes of a nesting mode. */
export type NestedValue<S extends Schema, N extends Nesting> = N extends 'single'
  ? Values<S>
  : N extends 'map'
    ? { readonly [key: string]: Values<S> }
    : readonly Values<S>[];

/** Nested block builders. */
export const block = {
  /** At most one block; null when absent. */
  single: <S extends Schema>(schema: S): Block<S, 'single'> => ({ kind: 'block', nesting: 'single', schema }),
  /** Exactly one value; attributes null when the block is absent. */
  group: <S extends Schema>(schema: S): Block<S, 'group'> => ({ kind: 'block', nesting: 'group', schema }),
  list: <S extends Schema>(schema: S, items: { minItems?: number; maxItems?: number } = {}): Block<S, 'list'> => ({
    kind: 'block',
    nesting: 'list',
    schema,
    ...items,
  }),
  set: <S extends Schema>(schema: S, items: { minItems?: number; maxItems?: number } = {}): Block<S, 'set'> => ({
    kind: 'block',
    nesting: 'set',
    schema,
    ...items,
  }),
  /** Blocks with one label each, e.g. `rule "ssh" { … }`. */
  map: <S extends Schema>(schema: S): Block<S, 'map'> => ({ kind: 'block', nesting: 'map', schema }),
};

function wrapNesting(nesting: BlockNesting, object: CtyType): CtyType {
  if (nesting === 'list' || nesting === 'set' || nesting === 'map') return [nesting, object];
  return object;
}

/** The cty object type of a schema's values (what the codec decodes and encodes). */
export function impliedType(schema: Schema): CtyType {
  const attrs: Record<string, CtyType> = {};
  for (const [name, a] of Object.entries(schema.attributes)) attrs[name] = a.type.cty;
  for (const [name, b] of Object.entries(schema.blocks ?? {}))
    attrs[name] = wrapNesting(b.nesting, impliedType(b.schema));
  return ['object', attrs];
}

/** A schema that breaks the rules; thrown when a provider is defined. */
export class SchemaError extends Error {
  readonly code = 'ERR_SCHEMA_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'SchemaError';
  }
}

const NAME = /^[a-z_][a-z0-9_]*$/;
/** Meta-arguments Terraform reserves in resource blocks. */
const RESERVED = new Set(['count', 'for_each', 'depends_on', 'lifecycle', 'provider', 'provisioner', 'connection']);

/**
 * Checks a schema's names and flags, throwing a {@link SchemaError} that lists every problem with its
 * path (`toy_thing.name: …`).
 */
export function checkSchema(schema: Schema, where: string, reserveMetaArguments: boolean): void {
  const problems: string[] = [];
  collect(schema, where, reserveMetaArguments, false, problems);
  if (problems.length > 0) throw new SchemaError(`invalid schema:\n${problems.map((p) => `- ${p}`).join('\n')}`);
}

function collect(schema: Schema, where: string, reserve: boolean, nested: boolean, problems: string[]): void {
  const names = [...Object.keys(schema.attributes), ...Object.keys(schema.blocks ?? {})];
  for (const name of names) {
    if (!NAME.test(name)) problems.push(`${where}.${name}: names are lowercase letters, digits and _`);
    if (reserve && RESERVED.has(name)) problems.push(`${where}.${name}: "${name}" is reserved by Terraform`);
  }
  for (const [name, a] of Object.entries(schema.attributes)) {
    const p = `${where}.${name}`;
    const { required, optional, computed, writeOnly } = a.options;
    if (required && (optional || computed)) problems.push(`${p}: required excludes optional and computed`);
    if (!required && !optional && !computed) problems.push(`${p}: set one of required, optional, computed`);
    if (writeOnly && computed) problems.push(`${p}: a write-only attribute cannot be computed`);
    if (writeOnly && nested) problems.push(`${p}: write-only attributes are supported at the top level only`);
    if (a.options.default !== undefined && !(optional && computed)) {
      problems.push(`${p}: a default needs optional: true and computed: true`);
    }
    if (nested && computed) problems.push(`${p}: computed nested attributes are not supported`);
    if (a.nested) collect(a.nested.schema, p, false, true, problems);
  }
  for (const [name, b] of Object.entries(schema.blocks ?? {}))
    collect(b.schema, `${where}.${name}`, false, true, problems);
}

/** The protocol's `Schema` message for a schema (field names as in the .proto). */
export function protoSchema(schema: Schema): ProtoSchema {
  return { version: schema.version ?? 0, block: protoBlock(schema) };
}

export interface ProtoSchema {
  readonly version: number;
  readonly block: ProtoBlock;
}

interface ProtoBlock {
  readonly version: number;
  readonly attributes: readonly ProtoAttribute[];
  readonly block_types: readonly {
    readonly type_name: string;
    readonly block: ProtoBlock;
    readonly nesting: string;
    readonly min_items: number;
    readonly max_items: number;
  }[];
  readonly description: string;
  readonly description_kind: 'PLAIN';
  readonly deprecated: boolean;
}

interface ProtoAttribute {
  readonly name: string;
  readonly type: Buffer;
  readonly nested_type: { readonly attributes: readonly ProtoAttribute[]; readonly nesting: string } | null;
  readonly description: string;
  readonly required: boolean;
  readonly optional: boolean;
  readonly computed: boolean;
  readonly sensitive: boolean;
  readonly description_kind: 'PLAIN';
  readonly deprecated: boolean;
  readonly write_only: boolean;
}

function protoBlock(schema: Schema): ProtoBlock {
  return {
    version: schema.version ?? 0,
    attributes: Object.entries(schema.attributes).map(([name, a]) => protoAttribute(name, a)),
    block_types: Object.entries(schema.blocks ?? {}).map(([name, b]) => ({
      type_name: name,
      block: protoBlock(b.schema),
      nesting: b.nesting.toUpperCase(),
      min_items: b.minItems ?? 0,
      max_items: b.maxItems ?? 0,
    })),
    description: schema.description ?? '',
    description_kind: 'PLAIN',
    deprecated: schema.deprecated ?? false,
  };
}

function protoAttribute(name: string, a: AnyAttribute): ProtoAttribute {
  const o = a.options;
  return {
    name,
    type: a.nested ? Buffer.alloc(0) : Buffer.from(JSON.stringify(a.type.cty)),
    nested_type: a.nested
      ? {
          attributes: Object.entries(a.nested.schema.attributes).map(([n, x]) => protoAttribute(n, x)),
          nesting: a.nested.nesting.toUpperCase(),
        }
      : null,
    description: o.description ?? '',
    required: o.required ?? false,
    optional: o.optional ?? false,
    computed: o.computed ?? false,
    sensitive: o.sensitive ?? false,
    description_kind: 'PLAIN',
    deprecated: o.deprecated !== undefined && o.deprecated !== false,
    write_only: o.writeOnly ?? false,
  };
}
