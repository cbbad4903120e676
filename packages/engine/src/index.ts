/**
 * @module
 * `@grantform/engine`: plan, apply, destroy, import and verify Marketing Cloud installed packages.
 * Named re-exports only.
 */
export { ACTIONS, type Action, actionSymbol, type PlanMode } from './actions.js';
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
export { createDesired, type DesiredResource, type DesiredState, EMPTY_DESIRED } from './desired.js';
export type { Diagnostic } from './diagnostics.js';
export { type AttributeChange, diffAttributes, type ResourceDiff } from './diff.js';
export type {
  DriverContext,
  DriverResult,
  IssuedSecret,
  KindDriver,
  KindDrivers,
  ObservedResource,
  ObservedState,
  ResourceDriver,
} from './driver.js';
export {
  createAdminClient,
  createEmulatorDriver,
  DEFAULT_EMULATOR_ENDPOINT,
  type EmulatorDriverOptions,
} from './drivers/emulator-driver.js';
export type { FetchLike } from './drivers/http.js';
export { createMemoryDriver, type MemoryDriver, type MemoryDriverOptions } from './drivers/memory-driver.js';
export { clientIdEnvFor } from './drivers/oauth-client.js';
export { createSfmcDriver, probeIntegration, type SfmcDriver, type SfmcDriverOptions } from './drivers/sfmc-driver.js';
export { desiredOrThrow, type PlanManifestOptions, planManifest } from './engine.js';
export { EngineError, type EngineErrorCode, isEngineError } from './errors.js';
export { type ImportOptions, type ImportResult, importIntegration } from './import.js';
export { describeOwner, ownerLabel, parseOwnerLabel } from './ownership.js';
export { createPlan, type Plan, type PlanOptions, planHasChanges, type ResourceChange } from './plan.js';
export { type PlanFile, parsePlanFile, readPlanFile, serializePlanFile, writePlanFile } from './plan-file.js';
export { renderChecklist } from './render-checklist.js';
export { type JournalEntry, journalPathFor, type StateJournal } from './state/journal.js';
export {
  acquireLock,
  forceUnlock,
  type HolderProbe,
  type HolderStatus,
  holderStatus,
  type LockInfo,
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
  parseDuration,
  renderJunit,
  renderVerifyTable,
  type VerifyCheck,
  type VerifyOptions,
  type VerifyReport,
  verify,
} from './verify.js';
export { VERSION } from './version.js';
