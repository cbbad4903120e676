/**
 * @module
 * `@grantform/terraform-provider`: the Terraform provider `grantform/grantform`, built on
 * `@grantform/terraform-plugin` and driving the grantform engine's drivers. Most users install it with
 * `grantform terraform install`; this module is that installer and the provider itself.
 */
export type { GrantformClient } from './client.js';
export {
  type InstalledGrantformProvider,
  type InstallGrantformOptions,
  installGrantformProvider,
  PROVIDER_SOURCE,
  PROVIDER_VERSION,
} from './install.js';
export { grantformProvider } from './provider.js';
export { type ConfigureOptions, DEFAULT_ADMIN_TOKEN_ENV, DEFAULT_SECRETS_FILE } from './provider-config.js';
