/**
 * @module
 * Salesforce Marketing Cloud: tenants, installed packages, and their API Integration and Marketing
 * Cloud App components. Its profile: the four kinds, the emulator and memory drivers' parts, the
 * read-only `sfmc` target (a real tenant: a console checklist instead of an apply), `verify` and
 * `import`. The core never imports this folder; `vendors/index.ts` lists it.
 */
import type { VendorProfile } from '../../registry/vendor.js';
import { apiIntegration } from './api-integration.js';
import { marketingCloudOnEmulator } from './emulator.js';
import { marketingCloudImporter } from './import/index.js';
import { installedPackage } from './installed-package.js';
import { marketingCloudApp } from './marketing-cloud-app.js';
import { marketingCloudMemory } from './memory.js';
import { createSfmcDriver } from './sfmc/driver.js';
import { tenant } from './tenant.js';
import { verifyMarketingCloud } from './verify.js';

export { importCode } from './import/code.js';
export { type ImportOptions, type ImportResult, importIntegration } from './import/import-integration.js';
export type { MarketingCloudMemoryWorld, PackageRecord } from './memory.js';
export {
  clientCredentialsToken,
  type TokenContext,
  type TokenRequest,
  type TokenResult,
  tokenContext,
} from './oauth-client.js';
export { renderChecklist } from './sfmc/checklist.js';
export { createSfmcDriver, probeIntegration, type SfmcDriver, type SfmcDriverOptions } from './sfmc/driver.js';
export { SFMC_BROWSER_SKIP } from './verify.js';

export const marketingCloud: VendorProfile = {
  name: 'marketing-cloud',
  kinds: [tenant, installedPackage, apiIntegration, marketingCloudApp],
  emulator: marketingCloudOnEmulator,
  memory: marketingCloudMemory,
  targets: [{ name: 'sfmc', create: ({ env, fetch, kinds }) => createSfmcDriver({ env, fetch, kinds }) }],
  verify: verifyMarketingCloud,
  importer: marketingCloudImporter,
};
