/**
 * @module
 * `@grantform/engine`: plan, apply, destroy, import and verify the resources of the registered
 * vendors (Marketing Cloud installed packages, Constant Contact applications and partners).
 * Named re-exports only.
 */
export { ACTIONS, type Action, actionSymbol, type PlanMode } from './actions.js';
export { SecretsBook } from './apply/secrets.js';
export { type ApplyOptions, type ApplyProgress, type ApplyResult, apply, assertPlanFresh } from './apply.js';
export {
  ConfigLoadError,
  type ConfigLoadErrorCode,
  type ConfigLoadIssue,
  DEFAULT_CONFIG_FILE,
  type LoadConfigOptions,
  loadConfig,
  loadManifest,
} from './config/load-config.js';
export { clientIdEnvFor } from './credential-env.js';
export { createDesired, type DesiredResource, type DesiredState, EMPTY_DESIRED } from './desired.js';
export type { Diagnostic } from './diagnostics.js';
export { type AttributeChange, diffAttributes, type ResourceDiff } from './diff.js';
export type {
  ChecklistOptions,
  DriverContext,
  DriverResult,
  IssuedSecret,
  KindDriver,
  KindDrivers,
  ObservedResource,
  ObservedState,
  ReadOnlyTarget,
  ResourceDriver,
} from './driver.js';
export {
  type AdminClient,
  createAdminClient,
  createEmulatorDriver,
  DEFAULT_EMULATOR_ENDPOINT,
  type EmulatorDriverOptions,
} from './drivers/emulator-driver.js';
export type { FetchLike } from './drivers/http.js';
export {
  createMemoryDriver,
  type MemoryDriver,
  type MemoryDriverOptions,
  type MemoryWorld,
} from './drivers/memory-driver.js';
export { createTargetDriver, type TargetDriverOptions, targetNames } from './drivers/target-driver.js';
export { desiredOrThrow, type PlanManifestOptions, planManifest } from './engine.js';
export { EngineError, type EngineErrorCode, isEngineError } from './errors.js';
export {
  type ChildSecretEnvs,
  childSecretEnvs,
  rotatedSecrets,
  type SecretSlot,
  secretEnvFor,
  secretSlots,
} from './issued-secrets.js';
export { isJsonObject, type JsonObject, type JsonValue } from './json.js';
export { describeOwner, ownerLabel, parseOwnerLabel } from './ownership.js';
export type { SecretExpiry, SecretRotation } from './plan/types.js';
export { createPlan, type Plan, type PlanOptions, planHasChanges, type ResourceChange } from './plan.js';
export { type PlanFile, parsePlanFile, readPlanFile, serializePlanFile, writePlanFile } from './plan-file.js';
export {
  type AttributeDescriptor,
  type CompareMode,
  describeKind,
  type KindDescriptor,
  type KindLookup,
  type ParentReference,
  parentAddress,
  type SecretDescriptor,
  type SecretRefAttribute,
  secretRefAttributes,
  targetAttributeNames,
} from './registry/descriptor.js';
export { createRegistry, type Registry } from './registry/registry.js';
export type {
  DriverPart,
  ImportBinding,
  ImportOutcome,
  ImportRequest,
  MemoryBinding,
  TargetBinding,
  VendorProfile,
} from './registry/vendor.js';
export {
  type RotateOptions,
  type RotationEvent,
  type RotationResult,
  rotateSecrets,
  stagedKey,
} from './rotation.js';
export {
  DEFAULT_EXPIRY_WARNING_MS,
  SECRET_STATUS_ATTRIBUTE,
  type SecretCondition,
  type SecretDates,
  type SecretReport,
  type SecretSubject,
  secretDatesIn,
  secretReports,
} from './secret-status.js';
export { createExecSink, type ExecSink, withExecSinks } from './state/exec-sink.js';
export { type JournalEntry, journalPathFor, type StateJournal } from './state/journal.js';
export {
  acquireLock,
  forceUnlock,
  type HolderProbe,
  type HolderStatus,
  holderStatus,
  type LockInfo,
  type LockOptions,
  readLock,
  unlockState,
  withLock,
} from './state/lock.js';
export {
  createEnvFileSecretsSink,
  createJsonSecretsSink,
  createMemorySecretsSink,
  defaultSecretsPath,
  type SecretsSink,
} from './state/secrets-sink.js';
export {
  emptyState,
  type PendingOperation,
  type ResourceState,
  readState,
  type SecretName,
  type StateFile,
  upgradeStateV1toV2,
  writeState,
} from './state/state-file.js';
export { createFileStateStore, createMemoryStateStore, type StateStore } from './state/state-store.js';
export {
  BUILT_IN_REGISTRY,
  clientCredentialsToken,
  createSfmcDriver,
  type ImportOptions,
  type ImportResult,
  importIntegration,
  probeIntegration,
  renderChecklist,
  type SfmcDriver,
  type SfmcDriverOptions,
  type TokenContext,
  type TokenRequest,
  type TokenResult,
  tokenContext,
  VENDORS,
} from './vendors/index.js';
export {
  parseDuration,
  renderJunit,
  renderVerifyTable,
  type VerifyCheck,
  type VerifyOptions,
  type VerifyReport,
  type VerifyWarning,
  verify,
} from './verify.js';
export { VERSION } from './version.js';
