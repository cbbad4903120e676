/**
 * @module
 * @grantform/config: declare Marketing Cloud installed packages as code, validate them, and
 * synthesize a deterministic manifest. Terraform output lives in `@grantform/config/cdktf`.
 */
export * from './constant-contact/index.js';
export { ApiIntegration, type ApiIntegrationProps } from './constructs/api-integration.js';
export { GrantformApp, type GrantformAppProps } from './constructs/grantform-app.js';
export {
  type ConstructKind,
  GRANTFORM_KIND,
  type GrantformConstruct,
  isGrantformConstruct,
  kindOf,
} from './constructs/guards.js';
export { InstalledPackage, type InstalledPackageProps } from './constructs/installed-package.js';
export { MarketingCloudApp, type MarketingCloudAppProps } from './constructs/marketing-cloud-app.js';
export { type BusinessUnitProps, Tenant, type TenantProps } from './constructs/tenant.js';
export { DEFAULTS, defaultPkce } from './defaults.js';
export { ConfigValidationError, type ManifestIssue, ManifestParseError } from './errors.js';
export {
  configObjectJsonSchema,
  configObjectSchema,
  fromObject,
  type GrantformConfigObject,
} from './from-object.js';
export * from './hosts.js';
export * from './manifest.js';
export { manifestJsonSchema } from './manifest-json-schema.js';
export {
  formatJsonPath,
  manifestSchema,
  manifestShapeSchema,
  missingFieldError,
  parseManifest,
  withoutExtensions,
} from './manifest-schema.js';
export {
  DEFAULT_STACK_KEY,
  defaultSecretEnv,
  deriveSubdomain,
  ENV_NAME_PATTERN,
  isValidName,
  NAME_PATTERN,
  type SecretKind,
  STACK_KEY_PATTERN,
  SUBDOMAIN_PATTERN,
} from './naming.js';
export { MARKETING_CLOUD_SECRET_LIFETIME_DAYS, MAX_ROTATION_AGE_DAYS } from './rotation.js';
export * from './scope-requirements.js';
export {
  ALL_SCOPES,
  editDistance,
  isScope,
  SCOPE_GROUP_NAMES,
  SCOPE_GROUPS,
  type Scope,
  type ScopeGroup,
  scopes,
  suggestScope,
} from './scopes.js';
export { canonicalJson, resourceSpecHash, serializeManifest } from './serialize.js';
export { synth } from './synth.js';
export * from './usage.js';
export { validate } from './validate.js';
export { formatIssue } from './validation/format.js';
export { INTEGRATION_TYPES, PKCE_MODES } from './validation/integration-rules.js';
export { MAX_REDIRECT_URIS } from './validation/redirect-uri-rules.js';
export { type Finding, type IssueCode, type Rule, runRules, type ValidationIssue } from './validation/rule.js';
