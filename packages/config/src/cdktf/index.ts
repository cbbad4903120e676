/**
 * @module
 * `@grantform/config/cdktf`: Terraform output for a grantform configuration. This subpath is the
 * only module that imports `cdktf` and `@cdktf/provider-null` (both sunset upstream, pinned to
 * 0.21.0 and 11.0.1, and optional peer dependencies), so the core never loads them.
 */
export { GrantformStack, type GrantformStackProps, terraformName } from './grantform-stack.js';
export { type SynthTerraformOptions, synthTerraform } from './synth-terraform.js';
