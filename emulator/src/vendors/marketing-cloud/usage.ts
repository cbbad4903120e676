/**
 * @module
 * What Marketing Cloud tells about a client id when usage is exported (`GET /_emulator/usage`): the
 * tenant subdomain, the package name, and the scopes and business units its integration holds now.
 */
import type { UsageDescription } from '../../usage/recorder.js';
import type { McContext } from './context.js';

export function describeUsage(mc: McContext, clientId: string): UsageDescription {
  const pkg = mc.store.packageByClientId(clientId);
  const integration = pkg?.integration;
  return {
    tenant: pkg?.tenant ?? null,
    package: pkg?.name ?? null,
    integration:
      integration === null || integration === undefined
        ? null
        : {
            scopes: [...integration.scopes],
            businessUnits: integration.businessUnits === 'all' ? 'all' : integration.businessUnits.map(String),
          },
  };
}
