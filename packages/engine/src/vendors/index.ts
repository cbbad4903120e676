/**
 * @module
 * The registry file: the one module that lists the vendors (STYLE P13). Adding a vendor is one line
 * here (and its own folder). Everything else reaches vendors through `BUILT_IN_REGISTRY`, and the
 * vendors' public helpers through the re-exports below.
 */
import { createRegistry } from '../registry/registry.js';
import type { VendorProfile } from '../registry/vendor.js';
import type { ConstantContactMemoryWorld } from './constant-contact/index.js';
import { constantContact } from './constant-contact/index.js';
import type { MarketingCloudMemoryWorld } from './marketing-cloud/index.js';
import { marketingCloud } from './marketing-cloud/index.js';

/** The built-in vendors, in the order their kinds are listed and their checks run. */
export const VENDORS: readonly VendorProfile[] = [marketingCloud, constantContact];

export const BUILT_IN_REGISTRY = createRegistry(VENDORS);

/** The memory driver's world: every built-in vendor's share. */
export type BuiltInMemoryWorld = MarketingCloudMemoryWorld & ConstantContactMemoryWorld;

export {
  CTCT_VENDOR_HOSTS,
  CTCT_VERIFY_LOGIN_PREFIX,
  type CtctHosts,
  type CtctImportOptions,
  type CtctImportResult,
  ctctEmulatorHosts,
  importCtct,
} from './constant-contact/index.js';
export {
  clientCredentialsToken,
  createSfmcDriver,
  type ImportOptions,
  type ImportResult,
  importCode,
  importIntegration,
  type PackageRecord,
  probeIntegration,
  renderChecklist,
  SFMC_BROWSER_SKIP,
  type SfmcDriver,
  type SfmcDriverOptions,
  type TokenContext,
  type TokenRequest,
  type TokenResult,
  tokenContext,
} from './marketing-cloud/index.js';
