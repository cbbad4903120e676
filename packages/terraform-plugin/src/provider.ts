/**
 * @module
 * The provider API: a provider is its configuration schema, a `configure` function that returns the
 * client its resources use, and resources, data sources and ephemeral resources added to it.
 *
 * @example
 * const toy = createProvider({
 *   name: 'toy',
 *   schema: { attributes: { path: attr.string({ required: true }) } },
 *   configure: ({ config }) => new Store(config.path),
 * });
 * toy.resource('toy_thing', { schema, create, read, update, delete: remove, import: importPassthrough('id') });
 * await serve(toy);
 */
import type { Diagnostics } from './diagnostics.js';
import {
  type AnyAttribute,
  checkSchema,
  impliedType,
  type PlannedValues,
  type Schema,
  SchemaError,
  type StateValues,
  type Values,
} from './schema.js';
import type { CtyType } from './wire/cty-type.js';

type MaybePromise<T> = T | Promise<T>;

/** A JSON value, for ephemeral resources' private data and raw state. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** What Terraform says it supports (ConfigureProvider's client capabilities). */
export interface ClientCapabilities {
  readonly writeOnlyAttributesAllowed: boolean;
  readonly deferralAllowed: boolean;
}

/** Every lifecycle function gets the configured client and a diagnostics collector. */
export interface RequestBase<C> {
  readonly client: C;
  /** Add errors and warnings here; anything thrown becomes an error diagnostic too. */
  readonly diagnostics: Diagnostics;
  /** Aborted when Terraform asks the provider to stop (Ctrl-C during apply). */
  readonly signal: AbortSignal;
}

export interface ValidateRequest<S extends Schema> {
  /** The configuration; parts may be unknown (they depend on other resources). */
  readonly config: PlannedValues<S>;
  readonly diagnostics: Diagnostics;
}

export interface CreateRequest<C, S extends Schema> extends RequestBase<C> {
  /** The configuration, fully known at apply time; write-only attributes are only here. */
  readonly config: Values<S>;
  /** The plan; computed attributes may be unknown. */
  readonly planned: PlannedValues<S>;
}

export interface UpdateRequest<C, S extends Schema> extends CreateRequest<C, S> {
  readonly prior: StateValues<S>;
}

export interface ReadRequest<C, S extends Schema> extends RequestBase<C> {
  readonly state: StateValues<S>;
}

export interface DeleteRequest<C, S extends Schema> extends RequestBase<C> {
  readonly prior: StateValues<S>;
}

export interface ImportRequest<C> extends RequestBase<C> {
  /** The id given to `terraform import ADDR ID` or an `import {}` block. */
  readonly id: string;
}

export interface ModifyPlanRequest<C, S extends Schema> extends RequestBase<C | undefined> {
  readonly config: PlannedValues<S>;
  readonly planned: PlannedValues<S>;
  /** Null on create. */
  readonly prior: StateValues<S> | null;
}

export interface ModifyPlanResult<S extends Schema> {
  readonly planned?: PlannedValues<S>;
  /** Attribute names whose change replaces the resource. */
  readonly requiresReplace?: readonly (keyof Values<S> & string)[];
}

export interface UpgradeStateRequest {
  /** The schema version found in state. */
  readonly version: number;
  /** The stored state, parsed from JSON (integers beyond 2^53 are rounded). */
  readonly state: { readonly [name: string]: JsonValue };
  readonly diagnostics: Diagnostics;
}

/** A managed resource. */
export interface ResourceDefinition<C, S extends Schema> {
  readonly schema: S;
  /** Checks across attributes; attribute validators run first. */
  readonly validate?: (request: ValidateRequest<S>) => MaybePromise<void>;
  /** Last word on the plan, after defaults, computed unknowns and attribute plan modifiers. */
  readonly modifyPlan?: (request: ModifyPlanRequest<C, S>) => MaybePromise<ModifyPlanResult<S> | undefined>;
  /** Creates the remote object; returns the full state (computed attributes known). */
  readonly create: (request: CreateRequest<C, S>) => MaybePromise<StateValues<S>>;
  /** Reads the remote object: its current state, or null when it is gone (Terraform plans to create it). */
  readonly read: (request: ReadRequest<C, S>) => MaybePromise<StateValues<S> | null>;
  /** Updates in place. Without it, every change must be planned as a replacement. */
  readonly update?: (request: UpdateRequest<C, S>) => MaybePromise<StateValues<S>>;
  readonly delete: (request: DeleteRequest<C, S>) => MaybePromise<void>;
  /** Turns an import id into (partial) state; Terraform then calls `read`. Null: no such object. */
  readonly import?: (request: ImportRequest<C>) => MaybePromise<Partial<StateValues<S>> | null>;
  /** Turns state stored under an older `schema.version` into the current shape. */
  readonly upgradeState?: (request: UpgradeStateRequest) => MaybePromise<StateValues<S>>;
}

/** A data source: read-only, re-read on every plan. */
export interface DataSourceDefinition<C, S extends Schema> {
  readonly schema: S;
  readonly validate?: (request: ValidateRequest<S>) => MaybePromise<void>;
  /** Returns the configuration with the computed attributes filled in. */
  readonly read: (request: RequestBase<C> & { readonly config: Values<S> }) => MaybePromise<Values<S>>;
}

export interface OpenResult<S extends Schema> {
  readonly result: Values<S>;
  /** When Terraform should call `renew` if it still needs the value. */
  readonly renewAt?: Date;
  /** Kept by Terraform in memory only and handed to `renew` and `close`. */
  readonly private?: JsonValue;
}

export interface RenewResult {
  readonly renewAt?: Date;
  readonly private?: JsonValue;
}

/**
 * An ephemeral resource (Terraform ≥ 1.10): a value opened for the duration of one run and never
 * stored in plan or state, e.g. a short-lived token or a secret fetched for a write-only attribute.
 */
export interface EphemeralResourceDefinition<C, S extends Schema> {
  readonly schema: S;
  readonly validate?: (request: ValidateRequest<S>) => MaybePromise<void>;
  readonly open: (request: RequestBase<C> & { readonly config: Values<S> }) => MaybePromise<OpenResult<S>>;
  readonly renew?: (request: RequestBase<C> & { readonly private: JsonValue }) => MaybePromise<RenewResult>;
  readonly close?: (request: RequestBase<C> & { readonly private: JsonValue }) => MaybePromise<void>;
}

export interface ConfigureRequest<S extends Schema> {
  readonly config: Values<S>;
  /** Terraform's version, e.g. `1.11.4`. */
  readonly terraformVersion: string;
  readonly capabilities: ClientCapabilities;
  readonly diagnostics: Diagnostics;
}

export interface ProviderOptions<C, S extends Schema> {
  /** The provider's type name (`toy` for `toy_thing`); resource type names start with it and `_`. */
  readonly name: string;
  /** The provider configuration schema (`provider "toy" { … }`). @default no attributes */
  readonly schema?: S;
  readonly validate?: (request: ValidateRequest<S>) => MaybePromise<void>;
  /** Returns the client handed to every lifecycle function. */
  readonly configure?: (request: ConfigureRequest<S>) => MaybePromise<C>;
}

/** A registered type (internal shape: values untyped). */
export interface Registered<D> {
  readonly typeName: string;
  readonly definition: D;
  readonly type: CtyType;
  readonly writeOnly: readonly string[];
}

/** A provider under construction; pass it to `serve`. */
export interface Provider<C> {
  readonly name: string;
  readonly schema: Schema;
  readonly type: CtyType;
  readonly options: ProviderOptions<C, Schema>;
  readonly resources: ReadonlyMap<string, Registered<ResourceDefinition<C, Schema>>>;
  readonly dataSources: ReadonlyMap<string, Registered<DataSourceDefinition<C, Schema>>>;
  readonly ephemeralResources: ReadonlyMap<string, Registered<EphemeralResourceDefinition<C, Schema>>>;
  /** Adds a managed resource. Throws a {@link SchemaError} for a bad schema or name. */
  resource<S extends Schema>(typeName: string, definition: ResourceDefinition<C, S>): Provider<C>;
  dataSource<S extends Schema>(typeName: string, definition: DataSourceDefinition<C, S>): Provider<C>;
  ephemeralResource<S extends Schema>(typeName: string, definition: EphemeralResourceDefinition<C, S>): Provider<C>;
}

const EMPTY: Schema = { attributes: {} };

/** Creates a provider; add resources with its methods. */
export function createProvider<C = undefined, S extends Schema = typeof EMPTY>(
  options: ProviderOptions<C, S>,
): Provider<C> {
  if (!/^[a-z][a-z0-9]*$/.test(options.name)) {
    throw new SchemaError(
      `provider name ${JSON.stringify(options.name)}: lowercase letters and digits, starting with a letter`,
    );
  }
  const schema: Schema = options.schema ?? EMPTY;
  checkSchema(schema, `provider ${options.name}`, false);
  const resources = new Map<string, Registered<ResourceDefinition<C, Schema>>>();
  const dataSources = new Map<string, Registered<DataSourceDefinition<C, Schema>>>();
  const ephemeralResources = new Map<string, Registered<EphemeralResourceDefinition<C, Schema>>>();

  function register<D extends { readonly schema: Schema }>(
    into: Map<string, Registered<D>>,
    kind: string,
    typeName: string,
    definition: D,
  ): void {
    if (!typeName.startsWith(`${options.name}_`) || !/^[a-z][a-z0-9_]*$/.test(typeName)) {
      throw new SchemaError(
        `${kind} ${JSON.stringify(typeName)}: type names are lowercase and start with "${options.name}_"`,
      );
    }
    if (into.has(typeName)) throw new SchemaError(`${kind} ${typeName} is defined twice`);
    checkSchema(definition.schema, typeName, kind === 'resource');
    const writeOnly = Object.entries(definition.schema.attributes)
      .filter(([, a]: [string, AnyAttribute]) => a.options.writeOnly)
      .map(([n]) => n);
    into.set(typeName, { typeName, definition, type: impliedType(definition.schema), writeOnly });
  }

  const provider: Provider<C> = {
    name: options.name,
    schema,
    type: impliedType(schema),
    options: options as unknown as ProviderOptions<C, Schema>,
    resources,
    dataSources,
    ephemeralResources,
    resource(typeName, definition) {
      register(resources, 'resource', typeName, definition as unknown as ResourceDefinition<C, Schema>);
      return provider;
    },
    dataSource(typeName, definition) {
      register(dataSources, 'data source', typeName, definition as unknown as DataSourceDefinition<C, Schema>);
      return provider;
    },
    ephemeralResource(typeName, definition) {
      register(
        ephemeralResources,
        'ephemeral resource',
        typeName,
        definition as unknown as EphemeralResourceDefinition<C, Schema>,
      );
      return provider;
    },
  };
  return provider;
}

/**
 * An `import` that takes the id as the value of one attribute and leaves the rest to `read`
 * (terraform-plugin-framework's ImportStatePassthroughID).
 */
export function importPassthrough<A extends string>(
  attribute: A,
): <C>(request: ImportRequest<C>) => { readonly [K in A]: string } {
  return ({ id }) => ({ [attribute]: id }) as { readonly [K in A]: string };
}
