/**
 * @module
 * ValidateProviderConfig, ValidateResourceConfig, ValidateDataResourceConfig and
 * ValidateEphemeralResourceConfig: attribute validators, then the definition's `validate`.
 */
import type { ValidateRequest } from '../provider.js';
import type { Schema } from '../schema.js';
import { validateConfig } from '../validate.js';
import type { CtyType } from '../wire/cty-type.js';
import { call, Diagnostics, lookup, type Runtime } from './runtime.js';
import { decodeFailure, decodeObject, type WireDynamicValue, wireDiagnostics } from './wire.js';

interface TypedRequest {
  readonly type_name: string;
  readonly config: WireDynamicValue | null;
}

async function validate(
  what: string,
  schema: Schema,
  type: CtyType,
  dv: WireDynamicValue | null,
  hook: ((r: ValidateRequest<Schema>) => unknown) | undefined,
) {
  const diagnostics = new Diagnostics();
  try {
    const config = decodeObject(dv, type) ?? {};
    diagnostics.add(...validateConfig(schema, config));
    if (hook) await call(diagnostics, `${what}: validation failed`, () => hook({ config, diagnostics }));
  } catch (err) {
    diagnostics.add(decodeFailure(`${what} configuration`, err));
  }
  return { diagnostics: wireDiagnostics(diagnostics.items) };
}

export function validateProviderConfig<C>(rt: Runtime<C>, req: { readonly config: WireDynamicValue | null }) {
  const p = rt.provider;
  return validate(`provider ${p.name}`, p.schema, p.type, req.config, p.options.validate as never);
}

function validateTyped<D extends { schema: Schema; validate?: unknown }>(
  registry: ReadonlyMap<string, { definition: D; type: CtyType; typeName: string; writeOnly: readonly string[] }>,
  kind: string,
  req: TypedRequest,
) {
  const diagnostics = new Diagnostics();
  const found = lookup(registry, kind, req.type_name, diagnostics);
  if (!found) return Promise.resolve({ diagnostics: wireDiagnostics(diagnostics.items) });
  return validate(req.type_name, found.definition.schema, found.type, req.config, found.definition.validate as never);
}

export function validateResourceConfig<C>(rt: Runtime<C>, req: TypedRequest) {
  return validateTyped(rt.provider.resources, 'resource type', req);
}

export function validateDataResourceConfig<C>(rt: Runtime<C>, req: TypedRequest) {
  return validateTyped(rt.provider.dataSources, 'data source', req);
}

export function validateEphemeralResourceConfig<C>(rt: Runtime<C>, req: TypedRequest) {
  return validateTyped(rt.provider.ephemeralResources, 'ephemeral resource type', req);
}
