/**
 * @module
 * The command registry: one line per command file. Each entry adds its subcommand to the program.
 */
import type { RegisterCommand } from '../program.js';
import { registerAdvise } from './advise.js';
import { registerApply } from './apply.js';
import { registerDestroy } from './destroy.js';
import { registerEmulatorCommand } from './emulator.js';
import { registerImport } from './import.js';
import { registerOutput } from './output.js';
import { registerPlan } from './plan.js';
import { registerRotate } from './rotate.js';
import { registerState } from './state.js';
import { registerSynthCommand } from './synth.js';
import { registerTerraform } from './terraform.js';
import { registerUp } from './up.js';
import { registerVerify } from './verify.js';

export type { RegisterCommand } from '../program.js';

export const commands: readonly RegisterCommand[] = [
  registerSynthCommand,
  registerEmulatorCommand,
  registerPlan,
  registerApply,
  registerDestroy,
  registerImport,
  registerVerify,
  registerOutput,
  registerState,
  registerUp,
  registerAdvise,
  registerRotate,
  registerTerraform,
];
