/**
 * @module
 * The library entry points that glue the pure core to a driver and a state store:
 * `planManifest` (observe → desired → plan) and re-exports for `apply`.
 */
import type { Manifest } from '@grantform/config';
import type { PlanMode } from './actions.js';
import type { DesiredState, ManifestLike } from './desired.js';
import { createDesired } from './desired.js';
import type { ResourceDriver } from './driver.js';
import { EngineError } from './errors.js';
import type { Plan } from './plan.js';
import { createPlan } from './plan.js';
import type { Registry } from './registry/registry.js';
import type { StateFile } from './state/state-file.js';
import type { StateStore } from './state/state-store.js';

export interface PlanManifestOptions {
  readonly manifest: Manifest | ManifestLike;
  readonly driver: ResourceDriver;
  readonly store: StateStore;
  /** @default 'normal' */
  readonly mode?: PlanMode;
  readonly targetAddresses?: readonly string[];
  /** Ask the target what exists (drift). @default true */
  readonly refresh?: boolean;
  /**
   * Env names the secrets sink or the environment hold (names only): a secret the state's resources
   * should have and these lack is planned for re-issue (`PlanOptions.secretNames`). Leave it out for
   * read-only targets.
   */
  readonly secretNames?: ReadonlySet<string>;
  /** The kinds there are. @default the built-in vendors' */
  readonly registry?: Registry;
  /** Secrets expiring within this are warned about. @default 30 days */
  readonly expiryWarningMs?: number;
}

export interface PlanManifestResult {
  readonly plan: Plan;
  readonly desired: DesiredState;
  readonly state: StateFile;
}

/** Turns the config's diagnostics into `ERR_CONFIG_INVALID` (all of them). */
export function desiredOrThrow(manifest: Manifest | ManifestLike, registry?: Registry): DesiredState {
  const { desired, diagnostics } = createDesired(manifest, registry);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    throw new EngineError(
      'ERR_CONFIG_INVALID',
      `the config has ${errors.length} problem${errors.length === 1 ? '' : 's'}`,
      {
        issues: errors.map((d) => ({ path: d.address ?? '(config)', message: d.message })),
      },
    );
  }
  return desired;
}

/**
 * Observes the target and plans.
 * @example
 * const { plan } = await planManifest({ manifest, driver, store });
 */
export async function planManifest(options: PlanManifestOptions): Promise<PlanManifestResult> {
  const desired = desiredOrThrow(options.manifest, options.registry);
  const state = await options.store.read();
  const observed = options.refresh === false ? null : await options.driver.observe(state, desired);
  // Secrets' age and expiry are judged on the target's clock (the emulator's can be moved).
  const now = options.refresh === false || options.driver.now === undefined ? new Date() : await options.driver.now();
  const planOptions = {
    now,
    ...(options.expiryWarningMs === undefined ? {} : { expiryWarningMs: options.expiryWarningMs }),
    mode: options.mode ?? 'normal',
    ...(options.targetAddresses === undefined ? {} : { targetAddresses: options.targetAddresses }),
    ...(options.secretNames === undefined || options.driver.readOnly ? {} : { secretNames: options.secretNames }),
    ...(options.registry === undefined ? {} : { registry: options.registry }),
  };
  const plan = createPlan(desired, state, observed, planOptions);
  const unknown = plan.diagnostics.filter((d) => d.code === 'ERR_UNKNOWN_ADDRESS');
  if (unknown.length > 0) {
    throw new EngineError(
      'ERR_UNKNOWN_ADDRESS',
      `unknown address${unknown.length === 1 ? '' : 'es'}: ${unknown.map((d) => d.address).join(', ')}`,
    );
  }
  const conflicts = plan.diagnostics.filter((d) => d.code === 'ERR_TARGET_CONFLICT');
  if (conflicts.length > 0) {
    throw new EngineError(
      'ERR_TARGET_CONFLICT',
      `${conflicts.length} declared resource${conflicts.length === 1 ? ' is' : 's are'} on the target and not this state's to manage (state lineage ${state.lineage})`,
      { issues: conflicts.map((d) => ({ path: d.address ?? '(plan)', message: d.message })) },
    );
  }
  return { plan, desired, state };
}
