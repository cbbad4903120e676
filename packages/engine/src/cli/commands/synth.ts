/**
 * @module
 * `grantform synth [--config FILE] [--out DIR]`: validate the configuration and write
 * `<out>/manifest.json` and `<out>/terraform/main.tf.json` atomically (`../run-synth.ts`). Exits 1
 * listing every validation issue. The Terraform JSON needs the optional `cdktf` and
 * `@cdktf/provider-null` packages; without them the manifest is written and one line says how to
 * get it.
 */
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from '../io.js';

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

/** Builds the registration of `grantform synth`. */
export function createSynthCommand(deps: SynthCommandDeps = {}): (program: Command, io: CliIo) => void {
  return (program, io) => {
    program
      .command('synth')
      .description('validate the configuration and write the manifest and the Terraform JSON')
      .option('-c, --config <file>', 'configuration file (.ts, .mts, .js, .mjs or .json)', 'grantform.config.ts')
      .option('-o, --out <dir>', 'output directory', DEFAULT_SYNTH_OUT)
      .option('--target <name>', 'passed as --target to the commands the Terraform provisioners run')
      .option('--endpoint <url>', 'passed as --endpoint to the commands the Terraform provisioners run')
      .option('--state <file>', 'passed as --state to the commands the Terraform provisioners run', DEFAULT_SYNTH_STATE)
      .option('--grantform-command <command>', 'how the Terraform provisioners start the CLI', 'grantform')
      .addHelpText(
        'after',
        `
Writes <out>/${MANIFEST_FILE} and <out>/${TERRAFORM_FILE}. Then:
  terraform -chdir=<out>/terraform init && terraform -chdir=<out>/terraform apply
The Terraform JSON needs the optional packages cdktf and @cdktf/provider-null; without them only the
manifest is written.`,
      )
      .action(async (options: SynthCommandOptions) => {
        const { runSynth } = await import('../run-synth.js');
        const result = await runSynth(options, io, deps);
        const show = (p: string) => relative(io.cwd, p) || '.';
        io.stdout(
          `synthesized ${result.resourceCount} resource${result.resourceCount === 1 ? '' : 's'}\n` +
            `  manifest   ${show(result.manifestPath)}\n` +
            `  terraform  ${result.terraformPath === null ? result.terraformSkipped : show(result.terraformPath)}\n`,
        );
      });
  };
}

/** Registers `grantform synth`. */
export const registerSynthCommand = createSynthCommand();
