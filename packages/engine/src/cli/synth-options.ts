/**
 * @module
 * What `grantform synth` takes (its flags and defaults, and its test seam), shared by the command's
 * registration (`./commands/synth.ts`, loaded for `--help`) and what it runs (`./run-synth.ts`).
 */
import { join } from 'node:path';

/** Where `synth` writes when `--out` is not given (`.grantform/` is gitignored). */
export const DEFAULT_SYNTH_OUT = '.grantform/synth';
/** File names inside the output directory. */
export const MANIFEST_FILE = 'manifest.json';
export const TERRAFORM_FILE = join('terraform', 'main.tf.json');
/**
 * The state file the Terraform provisioners pass as `--state` when `--state` is not given: the
 * engine's default (`./.grantform/state.json`) resolved from where `synth` runs, so Terraform
 * (which runs the commands in the terraform/ folder) and `grantform apply` share one state.
 */
export const DEFAULT_SYNTH_STATE = '.grantform/state.json';

export interface SynthCommandOptions {
  /** @default 'grantform.config.ts' */
  readonly config?: string;
  /** @default '.grantform/synth' */
  readonly out?: string;
  /** `--target` for the Terraform provisioners' commands. @default - not passed */
  readonly target?: string;
  /** `--endpoint` for the Terraform provisioners' commands. @default - not passed */
  readonly endpoint?: string;
  /** `--state` for the Terraform provisioners' commands (relative to the working directory). @default '.grantform/state.json' */
  readonly state?: string;
  /** How the Terraform provisioners start the CLI. @default 'grantform' */
  readonly grantformCommand?: string;
}

export interface SynthCommandDeps {
  /** Imports `@grantform/config/cdktf` (tests stand in a missing cdktf). @default the real import */
  readonly loadCdktf?: () => Promise<typeof import('@grantform/config/cdktf')>;
}
