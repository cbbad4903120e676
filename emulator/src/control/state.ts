/**
 * @module
 * The test-control state of one emulator (everything `/_emulator/*` can steer beyond the store):
 * signing key ring, fault rules, propagation delay, settings, and the REST instance data. Reset and
 * snapshot are written once here.
 */
import type { SigningKey } from '../keys.js';
import { Propagation } from '../vendors/marketing-cloud/propagation.js';
import { InstanceData } from '../vendors/marketing-cloud/store/instance-data.js';
import { FaultRules } from './faults.js';
import { KeyRing } from './key-ring.js';

/** Runtime settings (`GET|PUT /_emulator/settings`). */
export interface ControlSettings {
  /** Seconds before integration changes take effect. @default 0 (vendor: up to 300) */
  propagationDelaySeconds: number;
  /** Client secrets expire this many days after they are generated. @default 180 */
  secretLifetimeDays: number;
}

export const DEFAULT_SETTINGS: Readonly<ControlSettings> = { propagationDelaySeconds: 0, secretLifetimeDays: 180 };

export class ControlState {
  readonly keys: KeyRing;
  readonly faults = new FaultRules();
  readonly propagation = new Propagation();
  readonly data = new InstanceData();
  settings: ControlSettings;
  private readonly initialSettings: ControlSettings;
  /**
   * The fetch used by `POST /_emulator/packages/{id}/app/launch` with `deliver: "post"`. With the
   * default global fetch only loopback URLs are allowed; a test may inject its own (then any URL).
   */
  fetch: typeof fetch | undefined = undefined;

  constructor(signingKey: SigningKey, nowMs: () => number, settings: Partial<ControlSettings> = {}) {
    this.keys = new KeyRing(signingKey, nowMs);
    this.initialSettings = { ...DEFAULT_SETTINGS, ...settings };
    this.settings = { ...this.initialSettings };
  }

  /** Everything back to its initial state (the initial signing key, the settings from the options). */
  reset(): void {
    this.keys.reset();
    this.faults.clear();
    this.propagation.clear();
    this.data.reset();
    this.settings = { ...this.initialSettings };
  }
}
