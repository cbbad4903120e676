/**
 * @module
 * ConfigureProvider: decodes the provider block, records Terraform's capabilities and keeps the
 * client `configure` returns for every later call.
 */
import { call, Diagnostics, type Runtime } from './runtime.js';
import {
  decodeFailure,
  decodeObject,
  type WireClientCapabilities,
  type WireDynamicValue,
  wireDiagnostics,
} from './wire.js';

export async function configureProvider<C>(
  rt: Runtime<C>,
  req: {
    readonly terraform_version: string;
    readonly config: WireDynamicValue | null;
    readonly client_capabilities: WireClientCapabilities | null;
  },
) {
  const diagnostics = new Diagnostics();
  rt.capabilities = {
    writeOnlyAttributesAllowed: req.client_capabilities?.write_only_attributes_allowed ?? false,
    deferralAllowed: req.client_capabilities?.deferral_allowed ?? false,
  };
  const configure = rt.provider.options.configure;
  try {
    const config = decodeObject(req.config, rt.provider.type) ?? {};
    if (configure) {
      const client = await call(diagnostics, `provider ${rt.provider.name}: configure failed`, () =>
        configure({ config, terraformVersion: req.terraform_version, capabilities: rt.capabilities, diagnostics }),
      );
      if (!diagnostics.hasErrors()) rt.client = client;
    }
    rt.configured = !diagnostics.hasErrors();
  } catch (err) {
    diagnostics.add(decodeFailure('provider configuration', err));
  }
  return { diagnostics: wireDiagnostics(diagnostics.items) };
}
