/**
 * @module
 * GetMetadata and GetProviderSchema.
 */
import { protoSchema } from '../schema.js';
import type { Runtime } from './runtime.js';

const capabilities = { plan_destroy: false, get_provider_schema_optional: false, move_resource_state: false };

export function getMetadata<C>(rt: Runtime<C>) {
  const names = (m: ReadonlyMap<string, unknown>) => [...m.keys()].map((type_name) => ({ type_name }));
  return {
    server_capabilities: capabilities,
    diagnostics: [],
    resources: names(rt.provider.resources),
    data_sources: names(rt.provider.dataSources),
    ephemeral_resources: names(rt.provider.ephemeralResources),
  };
}

export function getProviderSchema<C>(rt: Runtime<C>) {
  const schemas = (m: ReadonlyMap<string, { definition: { schema: Parameters<typeof protoSchema>[0] } }>) =>
    Object.fromEntries([...m].map(([name, r]) => [name, protoSchema(r.definition.schema)]));
  return {
    provider: protoSchema(rt.provider.schema),
    resource_schemas: schemas(rt.provider.resources),
    data_source_schemas: schemas(rt.provider.dataSources),
    ephemeral_resource_schemas: schemas(rt.provider.ephemeralResources),
    diagnostics: [],
    provider_meta: null,
    server_capabilities: capabilities,
  };
}
