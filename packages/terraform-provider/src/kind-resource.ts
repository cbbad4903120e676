/**
 * @module
 * One Terraform resource type per engine kind, with one lifecycle for all of them: every call goes
 * to the engine's kind driver for the configured target (`driver.resources[kind]`: the emulator's
 * admin API, or the read-only `sfmc` target), secrets go where the engine's `SecretsBook` puts them
 * (the sink, by the kind's descriptor), and the values a kind's binding supplies are only its
 * Terraform shape: spec ⇄ attributes, its parent's id, its plan-time defaults and grantform's rules.
 *
 * - create: the kind driver's `create`; what the target hands out (a client secret) goes to the sink
 *   under the resource's env name; a secret of its parent it names (a Marketing Cloud App names where
 *   its package's JWT signing secret goes) is re-issued into the sink.
 * - read (refresh, drift): the kind driver's `read`; `null` (gone) makes Terraform plan to create it
 *   again, and what the target reports replaces state (a changed scope shows as an update).
 * - update: the kind driver's `update` with the engine's attribute diff (`diffAttributes`), so a
 *   renamed secret env rotates or moves the secret exactly as `grantform apply` does; after a
 *   rotation (or an update the target was not asked for) the resource is read back, so the secret
 *   dates in state are the new secret's.
 * - delete: the kind driver's `delete`, and the resource's sink entries removed. A component (an API
 *   integration, a Marketing Cloud App) cannot be removed on its own: it is only forgotten, and goes
 *   with its package.
 */
import type { Finding } from '@grantform/config/rules';
import {
  diffAttributes,
  type IssuedSecret,
  type JsonObject,
  type JsonValue,
  type KindDriver,
  type ResourceChange,
  SecretsBook,
} from '@grantform/engine';
import {
  type Diagnostics,
  isUnknown,
  isWhollyKnown,
  type ModifyPlanRequest,
  type ModifyPlanResult,
  type PlannedValues,
  type ResourceDefinition,
  type Schema,
  type StateValues,
  type TfValue,
  unknown,
  type Values,
} from '@grantform/terraform-plugin';
import type { GrantformClient } from './client.js';
import { descriptorOf, isReported } from './descriptors.js';
import { ruleDiagnostics } from './rules.js';
import { refEnv } from './values.js';

/** Spec attributes as a binding builds them: `undefined` leaves a value to the target. */
export type SpecAttributes = { readonly [name: string]: JsonValue | undefined };

/** How one engine kind looks in Terraform. */
export interface KindBinding<S extends Schema> {
  /** e.g. `grantform_api_integration`. */
  readonly typeName: string;
  /** The engine kind, e.g. `api-integration`. */
  readonly kind: string;
  readonly schema: S;
  /**
   * Each spec field's Terraform attribute (grantform's rule findings are reported there), or `null`
   * for a field Terraform does not offer. A test checks every descriptor attribute is listed.
   */
  readonly fields: Readonly<Record<string, string | null>>;
  /** The target id of the resource's parent (`DriverContext.parentId`); `null` for a root kind. */
  parentId(values: StateValues<S>): string | null;
  /** The engine spec of known values; secret refs as `{env}`. */
  spec(values: StateValues<S>): SpecAttributes;
  /** Terraform state from engine attributes (spec shape and computed values); `base` gives what only Terraform knows. */
  state(id: string, attributes: JsonObject, base: StateValues<S>): StateValues<S>;
  /** grantform's rule tables on the configuration; `null` while what they need is unknown. */
  rules?(config: PlannedValues<S>): readonly Finding[] | null;
  /** Defaults that depend on other attributes, filled in at plan time. */
  plan?(request: ModifyPlanRequest<GrantformClient, S>): ModifyPlanResult<S> | undefined;
  /**
   * Before create or update: fills in what needs the target (a default env name from the grantform
   * address). `values` are the configuration with the plan's known values where it left them null.
   */
  complete?(client: GrantformClient, values: Values<S>): Promise<Values<S>>;
  /** An import id as partial state, or a message saying what the id should look like. @default `{ id }` */
  importState?(id: string): Partial<StateValues<S>> | string;
}

/**
 * The configuration with the plan's values where the configuration left an attribute null (its
 * defaults, and values derived at plan time): what create and update must produce.
 */
function withPlanned<S extends Schema>(config: Values<S>, planned: PlannedValues<S>): Values<S> {
  const out: Record<string, unknown> = { ...config };
  for (const [name, value] of Object.entries(planned as Record<string, TfValue>)) {
    if ((out[name] ?? null) === null && value !== null && isWhollyKnown(value)) out[name] = value;
  }
  return out as Values<S>;
}

const defined = (o: SpecAttributes): JsonObject =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as JsonObject;

function kindDriverOf(client: GrantformClient, kind: string): KindDriver {
  const kd = client.driver.resources[kind];
  if (kd === undefined) throw new Error(`the ${client.driver.name} target has no driver for ${kind}`);
  return kd;
}

/** Refuses to change a read-only target (a real Marketing Cloud tenant), with the engine's reason. */
function assertWritable(client: GrantformClient): void {
  if (!client.driver.readOnly) return;
  const manual = client.driver.manual;
  throw Object.assign(
    new Error(
      manual === undefined
        ? `the ${client.driver.name} target is read-only`
        : `the ${client.driver.name} target is read-only: ${manual.reason}; ${manual.instead}`,
    ),
    { code: 'ERR_TARGET_READ_ONLY' },
  );
}

/** The resource's Terraform definition: the lifecycle above over `binding`. */
export function kindResource<S extends Schema>(binding: KindBinding<S>): ResourceDefinition<GrantformClient, S> {
  const { kind, typeName } = binding;
  const descriptor = descriptorOf(kind);
  /** The Terraform attributes naming a secret's env, and those reporting secret dates. */
  const secretFields = Object.entries(descriptor.attributes)
    .filter(([, a]) => a.secretRef !== undefined)
    .map(([name]) => binding.fields[name])
    .filter((f): f is string => typeof f === 'string');
  const reportedNames = Object.entries(binding.schema.attributes ?? {})
    .filter(([, a]) => isReported(a))
    .map(([name]) => name);
  const ctxOf = (values: StateValues<S>, id: string | null) => ({
    address: `${typeName}${id === null ? '' : `.${id}`}`,
    parentId: binding.parentId(values),
  });
  const changeOf = (
    address: string,
    before: JsonObject | null,
    after: JsonObject | null,
    attributes: ResourceChange['attributes'],
  ): ResourceChange => ({
    address,
    kind,
    action: after === null ? 'delete' : before === null ? 'create' : 'update',
    priorId: null,
    before,
    after,
    afterHash: null,
    dependsOn: [],
    priorDependsOn: [],
    attributes,
    reasons: [],
  });

  /** Secrets of its parent the resource names the env of (an app: its package's JWT signing secret), issued anew. */
  async function issueDeclared(client: GrantformClient, spec: JsonObject, parentId: string | null, skip: Set<string>) {
    for (const d of client.registry.secretsDeclaredBy(kind)) {
      const env = refEnv(spec[d.attribute]);
      if (env === null || skip.has(d.attribute) || parentId === null) continue;
      const reissue = kindDriverOf(client, d.parentKind).reissue;
      if (reissue === undefined) throw new Error(`the ${client.driver.name} target cannot issue a ${d.name}`);
      const issued = await reissue(parentId, d.name, { address: `${d.parentKind}.${parentId}`, parentId: null });
      await client.sink.put(env, issued.value);
    }
  }

  /**
   * A secret ref that was null (an imported resource) and now names an env: when that env holds the
   * secret (the environment or the sink), it is kept as is (and put in the sink); otherwise the target
   * issues a new one. Returns the attributes adopted that way.
   */
  async function adoptSecrets(client: GrantformClient, before: JsonObject, after: JsonObject): Promise<Set<string>> {
    const adopted = new Set<string>();
    for (const [name, a] of Object.entries(descriptor.attributes)) {
      if (a.secretRef === undefined || refEnv(before[name]) !== null) continue;
      const env = refEnv(after[name]);
      if (env === null) continue;
      const value = client.env[env] || (await client.sink.get(env));
      if (value === undefined || value === '') continue;
      await client.sink.put(env, value);
      adopted.add(name);
    }
    return adopted;
  }

  async function keep(
    client: GrantformClient,
    change: ResourceChange,
    kd: KindDriver,
    id: string,
    issued: readonly IssuedSecret[],
    ctx: { address: string; parentId: string | null },
    diagnostics: Diagnostics,
  ) {
    const book = new SecretsBook(client.sink, client.registry, [change]);
    await book.keep(change, issued);
    if (change.action === 'create') {
      // Never leave a resource without a secret it should have: one the create did not return is re-issued.
      for (const slot of book.expected(change).filter((s) => !issued.some((i) => i.name === s.name))) {
        if (kd.reissue === undefined)
          throw new Error(`the target did not return the ${slot.name} and cannot re-issue it`);
        await book.put(slot.env, (await kd.reissue(id, slot.name, ctx)).value);
      }
    } else {
      await book.followRenames(change, issued);
    }
    for (const w of book.warnings) diagnostics.warning('Secret not moved', w);
  }

  return {
    schema: binding.schema,
    validate: ({ config, diagnostics }) => {
      const findings = binding.rules?.(config);
      if (findings) diagnostics.add(...ruleDiagnostics(findings, binding.fields));
    },
    modifyPlan: (request) => {
      const result = binding.plan?.(request);
      const prior = request.prior as Record<string, unknown> | null;
      const planned = (result?.planned ?? request.planned) as Record<string, unknown>;
      // A secret env the plan names anew (after an import) may have the target issue a new secret:
      // its dates are known after apply.
      if (prior === null || !secretFields.some((f) => planned[f] !== prior[f])) return result;
      const dates = reportedNames.filter((n) => !isUnknown(planned[n]));
      if (dates.length === 0) return result;
      const next = { ...planned, ...Object.fromEntries(dates.map((n) => [n, unknown])) };
      return { ...result, planned: next as PlannedValues<S> };
    },
    create: async ({ client, config, planned, diagnostics }) => {
      assertWritable(client);
      const values = withPlanned(config, planned);
      const complete = binding.complete ? await binding.complete(client, values) : values;
      const spec = defined(binding.spec(complete));
      const ctx = ctxOf(complete, null);
      const kd = kindDriverOf(client, kind);
      const result = await kd.create(spec, ctx);
      const at = { ...ctx, address: `${typeName}.${result.id}` };
      await keep(client, changeOf(at.address, null, spec, []), kd, result.id, result.secrets, at, diagnostics);
      await issueDeclared(client, spec, ctx.parentId, new Set());
      return binding.state(result.id, { ...result.attributes, ...spec }, complete);
    },
    read: async ({ client, state }) => {
      // A read-only target cannot read one resource at a time: state stays as it is.
      if (client.driver.readOnly) return state;
      const id = (state as { readonly id?: string | null }).id ?? null;
      if (id === null) return null;
      const observed = await kindDriverOf(client, kind).read(id, ctxOf(state, id));
      if (observed === null) return null;
      return binding.state(observed.id, { ...defined(binding.spec(state)), ...observed.attributes }, state);
    },
    update: async ({ client, config, planned, prior, diagnostics }) => {
      assertWritable(client);
      const values = withPlanned(config, planned);
      const complete = binding.complete ? await binding.complete(client, values) : values;
      const id = (prior as { readonly id?: string | null }).id;
      if (typeof id !== 'string') throw new Error(`${typeName}: the state has no id`);
      const before = defined(binding.spec(prior));
      const after = defined(binding.spec(complete));
      const adopted = await adoptSecrets(client, before, after);
      const changes = diffAttributes(kind, before, after, client.registry).changes.filter((c) => !adopted.has(c.name));
      const ctx = ctxOf(complete, id);
      const kd = kindDriverOf(client, kind);
      const result =
        changes.length > 0 ? await kd.update(id, after, changes, ctx) : { id, attributes: {}, secrets: [] };
      await keep(client, changeOf(ctx.address, before, after, changes), kd, id, result.secrets, ctx, diagnostics);
      // A secret of its parent it names for the first time (after an import), and not found in the env, is issued now.
      const alreadyHeld = new Set(
        client.registry
          .secretsDeclaredBy(kind)
          .filter((d) => adopted.has(d.attribute) || refEnv(before[d.attribute]) !== null)
          .map((d) => d.attribute),
      );
      await issueDeclared(client, after, ctx.parentId, alreadyHeld);
      // What the target reports now (a rotated secret's new dates) when the update itself did not say.
      const observed =
        changes.length === 0 || result.secrets.length > 0 ? await kd.read(id, ctx) : { attributes: result.attributes };
      return binding.state(
        result.id,
        { ...before, ...(observed?.attributes ?? result.attributes), ...after },
        complete,
      );
    },
    delete: async ({ client, prior }) => {
      assertWritable(client);
      const id = (prior as { readonly id?: string | null }).id ?? null;
      // The vendor cannot remove a component on its own: it goes (with its tokens) when its package is deleted.
      if (!descriptor.component && id !== null) await kindDriverOf(client, kind).delete(id, ctxOf(prior, id));
      await new SecretsBook(client.sink, client.registry, []).forget(kind, defined(binding.spec(prior)));
    },
    import: ({ id, diagnostics }) => {
      const parsed = binding.importState ? binding.importState(id) : ({ id } as unknown as Partial<StateValues<S>>);
      if (typeof parsed === 'string') {
        diagnostics.error('Invalid import id', parsed);
        return null;
      }
      return parsed;
    },
  };
}
