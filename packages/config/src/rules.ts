/**
 * @module
 * `@grantform/config/rules`: the validation rule tables of each resource kind, runnable on one
 * resource outside a construct tree, with the defaults and naming helpers the constructs use. For
 * front ends that declare the same resources another way (the Terraform provider runs these in
 * `terraform validate`): the rules and their messages are written once, here. Loads no constructs
 * and no zod.
 *
 * @example
 * validateApiIntegration({ type: 'server-to-server', scopes: ['email_sned'], … , tenantMids: null });
 * // [{ code: 'ERR_SCOPE_UNKNOWN', field: 'scopes[0]', message: "unknown scope 'email_sned': did you mean 'email_send'?" }]
 */
export {
  CTCT_ADDRESS_ROOT,
  CTCT_APPLICATION_TYPES,
  CTCT_PKCE_MODES,
  CTCT_REFRESH_TOKEN_MODES,
  type CtctApplicationSubject,
  type CtctClientAccountSubject,
  type CtctPartnerSubject,
  validateCtctApplication,
  validateCtctClientAccount,
  validateCtctPartner,
} from './constant-contact/rules.js';
export { DEFAULTS, defaultPkce } from './defaults.js';
export {
  DEFAULT_STACK_KEY,
  defaultPartnerSecretEnv,
  defaultSecretEnv,
  deriveSubdomain,
  ENV_NAME_PATTERN,
  SUBDOMAIN_PATTERN,
} from './naming.js';
export { type MarketingCloudAppSubject, validateMarketingCloudApp } from './validation/app-rules.js';
export {
  type ApiIntegrationSubject,
  INTEGRATION_TYPES,
  PKCE_MODES,
  validateApiIntegration,
} from './validation/integration-rules.js';
export { type InstalledPackageSubject, validateInstalledPackage } from './validation/package-rules.js';
export type { Finding, IssueCode } from './validation/rule.js';
export { type FlatBusinessUnit, type TenantSubject, validateTenant } from './validation/tenant-rules.js';
