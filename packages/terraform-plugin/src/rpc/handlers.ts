/**
 * @module
 * The tfplugin6 Provider service: one handler per RPC, each taking the decoded request message and
 * resolving to the response message. No gRPC here, so that handlers can be called directly.
 */
import type { Provider } from '../provider.js';
import { applyResourceChange } from './apply-resource-change.js';
import { configureProvider } from './configure.js';
import { closeEphemeralResource, openEphemeralResource, renewEphemeralResource } from './ephemeral.js';
import { importResourceState } from './import-resource-state.js';
import { planResourceChange } from './plan-resource-change.js';
import { readDataSource } from './read-data-source.js';
import { readResource } from './read-resource.js';
import { createRuntime } from './runtime.js';
import { getMetadata, getProviderSchema } from './schema-rpcs.js';
import { upgradeResourceState } from './upgrade-resource-state.js';
import {
  validateDataResourceConfig,
  validateEphemeralResourceConfig,
  validateProviderConfig,
  validateResourceConfig,
} from './validate-rpcs.js';

/** A handler: request message in, response message out. */
export type Handler = (request: never) => Promise<object>;

/** The Provider service's handlers, keyed by RPC name. */
export function providerHandlers<C>(provider: Provider<C>): Record<string, Handler> {
  const rt = createRuntime(provider);
  return {
    GetMetadata: async () => getMetadata(rt),
    GetProviderSchema: async () => getProviderSchema(rt),
    ValidateProviderConfig: (r: Parameters<typeof validateProviderConfig>[1]) => validateProviderConfig(rt, r),
    ValidateResourceConfig: (r: Parameters<typeof validateResourceConfig>[1]) => validateResourceConfig(rt, r),
    ValidateDataResourceConfig: (r: Parameters<typeof validateDataResourceConfig>[1]) =>
      validateDataResourceConfig(rt, r),
    ValidateEphemeralResourceConfig: (r: Parameters<typeof validateEphemeralResourceConfig>[1]) =>
      validateEphemeralResourceConfig(rt, r),
    ConfigureProvider: (r: Parameters<typeof configureProvider>[1]) => configureProvider(rt, r),
    UpgradeResourceState: (r: Parameters<typeof upgradeResourceState>[1]) => upgradeResourceState(rt, r),
    ReadResource: (r: Parameters<typeof readResource>[1]) => readResource(rt, r),
    PlanResourceChange: (r: Parameters<typeof planResourceChange>[1]) => planResourceChange(rt, r),
    ApplyResourceChange: (r: Parameters<typeof applyResourceChange>[1]) => applyResourceChange(rt, r),
    ImportResourceState: (r: Parameters<typeof importResourceState>[1]) => importResourceState(rt, r),
    ReadDataSource: (r: Parameters<typeof readDataSource>[1]) => readDataSource(rt, r),
    OpenEphemeralResource: (r: Parameters<typeof openEphemeralResource>[1]) => openEphemeralResource(rt, r),
    RenewEphemeralResource: (r: Parameters<typeof renewEphemeralResource>[1]) => renewEphemeralResource(rt, r),
    CloseEphemeralResource: (r: Parameters<typeof closeEphemeralResource>[1]) => closeEphemeralResource(rt, r),
    StopProvider: async () => {
      rt.stop.abort();
      return { Error: '' };
    },
  };
}
