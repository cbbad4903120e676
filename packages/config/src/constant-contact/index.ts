/**
 * @module
 * Constant Contact v3 as code: applications, technology partners and their client accounts.
 */
export {
  ConstantContactApplication,
  type ConstantContactApplicationProps,
  ctctApplications,
} from './application.js';
export type * from './manifest.js';
export {
  ConstantContactClientAccount,
  type ConstantContactClientAccountProps,
  ConstantContactPartner,
  type ConstantContactPartnerProps,
  ctctPartners,
  defaultPartnerSecretEnv,
} from './partner.js';
export {
  CTCT_ADDRESS_ROOT,
  CTCT_APPLICATION_TYPES,
  CTCT_KEY_PATTERN,
  CTCT_LOGIN_NAME,
  CTCT_REFRESH_TOKEN_MODES,
  ctctRedirectUriRules,
} from './rules.js';
export { CTCT_PARTNER_SCOPE, CTCT_SCOPES, type CtctScope, isCtctScope, suggestCtctScope } from './scopes.js';
