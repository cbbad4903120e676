/**
 * @module
 * Constant Contact: applications, technology partners and their client accounts. Its profile: the
 * three kinds, the emulator and memory drivers' parts (emulator target only: on `sfmc` they are
 * planned, never applied or verified), `verify` and `import`. The core never imports this folder;
 * `vendors/index.ts` lists it.
 */
import type { VendorProfile } from '../../registry/vendor.js';
import { ctctApplication } from './application.js';
import { ctctClientAccount } from './client-account.js';
import { constantContactOnEmulator } from './emulator.js';
import { constantContactImporter } from './import/index.js';
import { constantContactMemory } from './memory.js';
import { ctctPartner } from './partner.js';
import { verifyConstantContact } from './verify.js';

export { CTCT_VENDOR_HOSTS, type CtctHosts, ctctEmulatorHosts } from './hosts.js';
export { type CtctImportOptions, type CtctImportResult, importCtct } from './import/index.js';
export type { ConstantContactMemoryWorld } from './memory.js';
export { CTCT_VERIFY_LOGIN_PREFIX } from './verify.js';

export const constantContact: VendorProfile = {
  name: 'constant-contact',
  kinds: [ctctApplication, ctctPartner, ctctClientAccount],
  emulator: constantContactOnEmulator,
  memory: constantContactMemory,
  verify: verifyConstantContact,
  importer: constantContactImporter,
};
