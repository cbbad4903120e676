/**
 * @module
 * `@grantform/config/cdktf`: Terraform output for a grantform configuration. This subpath is the
 * only module that imports `cdktf` and `@cdktf/provider-null` (both sunset upstream, pinned to
 * 0.21.0 and 11.0.1, and optional peer dependencies), so the core never loads them.
 *
 * Importing it without them installed throws `CdktfPeersMissingError` (`ERR_CDKTF_MISSING`), which
 * names the missing packages and the install command. The check runs before the stack's modules
 * load, which is why they are imported dynamically here.
 */
import { assertCdktfPeers } from './peers.js';

await assertCdktfPeers();
const stack = await import('./grantform-stack.js');
const terraform = await import('./synth-terraform.js');

export type { GrantformResourceType, GrantformStackProps } from './grantform-stack.js';
export { CDKTF_PEERS, type CdktfPeer, CdktfPeersMissingError } from './peers.js';
export type { SynthTerraformOptions } from './synth-terraform.js';

/** A cdktf `TerraformStack` with one Terraform resource per manifest resource: `null_resource`, `terraform_data` or the grantform provider's (see `./grantform-stack.ts`). */
export const GrantformStack = stack.GrantformStack;
export type GrantformStack = InstanceType<typeof stack.GrantformStack>;
/** How long the shell-out commands wait for grantform's state lock unless `lockTimeout` says (`5m`). */
export const DEFAULT_LOCK_TIMEOUT = stack.DEFAULT_LOCK_TIMEOUT;
/** The Terraform name of a resource: its address with `/` turned into `_` (`acme_crm-sync_api`). */
export const terraformName = stack.terraformName;
/** A configuration's Terraform JSON, in memory (see `./synth-terraform.ts`). */
export const synthTerraform = terraform.synthTerraform;
