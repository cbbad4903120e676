/**
 * @module
 * `@grantform/terraform-plugin`: write Terraform providers in TypeScript. A provider is a schema and
 * functions; {@link serve} speaks Terraform's plugin protocol 6 (go-plugin gRPC with AutoMTLS, cty
 * msgpack values) and {@link installProvider} puts it where `terraform init` finds it offline.
 */
export {
  type AttributePath,
  type Diagnostic,
  Diagnostics,
  error,
  type PathStep,
  type Severity,
  warning,
} from './diagnostics.js';
export { HandshakeError, MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE, PROTOCOL_VERSION } from './handshake.js';
export { InstallError, type InstalledProvider, type InstallOptions, installProvider } from './install.js';
export { requiresReplace, requiresReplaceIf, useStateForUnknown } from './plan-modifiers.js';
export {
  type ClientCapabilities,
  type ConfigureRequest,
  type CreateRequest,
  createProvider,
  type DataSourceDefinition,
  type DeleteRequest,
  type EphemeralResourceDefinition,
  type ImportRequest,
  importPassthrough,
  type JsonValue,
  type ModifyPlanRequest,
  type ModifyPlanResult,
  type OpenResult,
  type Provider,
  type ProviderOptions,
  type ReadRequest,
  type RenewResult,
  type RequestBase,
  type ResourceDefinition,
  type UpdateRequest,
  type UpgradeStateRequest,
  type ValidateRequest,
} from './provider.js';
export {
  type Attribute,
  type AttributeOptions,
  type AttributeValue,
  attr,
  type Block,
  type BlockNesting,
  block,
  type Nesting,
  type PlanModifier,
  type PlanModifierRequest,
  type PlanModifierResult,
  type PlannedValues,
  type Schema,
  SchemaError,
  type StateValues,
  type Validator,
  type ValidatorResult,
  type Values,
} from './schema.js';
export { type RunningProvider, type ServeOptions, serve } from './serve.js';
export { type Planned, type TfType, types, type ValueOf } from './types.js';
export { between, lengthBetween, matches, oneOf } from './validators.js';
export type { CtyType } from './wire/cty-type.js';
export { isWhollyKnown } from './wire/equal.js';
export { isUnknown, Unknown, unknown } from './wire/unknown.js';
export { DynamicValue, type TfValue } from './wire/value.js';
