/**
 * @module
 * The test-control state of one emulator (everything `/_emulator/*` steers that is not a vendor's
 * records): the signing key ring, the fault rules and the runtime settings. Reset is written once
 * here; snapshots go through `snapshot.ts`.
 */
import type { SigningKey } from '../keys.js';
import { FaultRules } from './faults.js';
import { KeyRing } from './key-ring.js';

/** Runtime settings (`GET|PUT /_emulator/settings`); their defaults are the options' (`options.ts`). */
export interface ControlSettings {
  /** Seconds before integration changes take effect (vendor: up to 300). */
  propagationDelaySeconds: number;
  /** Client secrets expire this many days after they are generated. */
  secretLifetimeDays: number;
}

export class ControlState {
  readonly keys: KeyRing;
  readonly faults: FaultRules;
  settings: ControlSettings;
  private readonly initialSettings: ControlSettings;

  /**
   * @param settings the settings the emulator starts with (and returns to on reset)
   * @param faultHostKinds the host kinds the vendors let fault rules match
   */
  constructor(
    signingKey: SigningKey,
    nowMs: () => number,
    settings: ControlSettings,
    faultHostKinds: readonly string[],
  ) {
    this.keys = new KeyRing(signingKey, nowMs);
    this.faults = new FaultRules(faultHostKinds);
    this.initialSettings = { ...settings };
    this.settings = { ...settings };
  }

  /** Everything back to its initial state (the initial signing key, the settings from the options). */
  reset(): void {
    this.keys.reset();
    this.faults.clear();
    this.settings = { ...this.initialSettings };
  }
}
