/**
 * @module
 * The emulated vendors: the only file that lists them. Each is one profile object from its own folder
 * (`VendorProfile`, `../env.ts`); `createEmulator` serves these unless given its own list
 * (`options.vendors`). Adding a vendor is a folder beside these and one line in {@link vendors}. The
 * types below combine what the vendors add to the emulator's options, seed result and snapshot, and
 * the vendors' public API is re-exported for `../index.ts`, the one module of the core that imports
 * this file.
 */
import type { VendorProfile } from '../env.js';
import { constantContact } from './constant-contact/index.js';
import { marketingCloud } from './marketing-cloud/index.js';

/** Every vendor an emulator serves by default, in the order their hosts are tried. */
export const vendors = [marketingCloud, constantContact] as const;

type Profiles = (typeof vendors)[number];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** What the vendors add to `EmulatorOptions`. */
export type VendorOptions = UnionToIntersection<
  Profiles extends VendorProfile<infer _S, infer O, infer _R, infer _P> ? O : never
>;
/** What seeding returns: each vendor's part (`credentials`, `constantContact`). */
export type SeedResult = UnionToIntersection<
  Profiles extends VendorProfile<infer _S, infer _O, infer R, infer _P> ? R : never
>;
/** The vendors' sections of an emulator snapshot. */
export type VendorSnapshot = UnionToIntersection<
  Profiles extends VendorProfile<infer _S, infer _O, infer _R, infer P> ? P : never
>;

export { type ConstantContactEmulatorOptions, type CtctCredentials, ctctState } from './constant-contact/index.js';
export { CONSTANT_CONTACT, type CtctState } from './constant-contact/state.js';
export { type Interaction, MARKETING_CLOUD, type McContext, mcContext } from './marketing-cloud/context.js';
export * from './marketing-cloud/errors.js';
export { type HostKind, tenantEndpoints, type VirtualHost } from './marketing-cloud/hosts.js';
export type { MarketingCloudSeedResult } from './marketing-cloud/index.js';
export type { MarketingCloudOptions, OutOfScopePolicy } from './marketing-cloud/options.js';
export {
  type CredentialsEntry,
  type InstallationCredentials,
  TEST_USER_PASSWORD,
  testUsername,
} from './marketing-cloud/seed.js';
export type * from './marketing-cloud/store/records.js';
export { EmulatorStore } from './marketing-cloud/store/store.js';
export { constantContact, marketingCloud };
