/**
 * @module
 * `grantform synth [--config FILE] [--out DIR]`: validate the configuration and write
 * `<out>/manifest.json` and `<out>/terraform/main.tf.json` atomically (`../run-synth.ts`). Exits 1
 * listing every validation issue. The Terraform JSON needs the optional `cdktf` and
 * `@cdktf/provider-null` packages; without them the manifest is written and one line says how to
 * get it.
 */
import { relative } from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import type { SynthCommandDeps, SynthCommandOptions } from '../synth-options.js';
import { DEFAULT_SYNTH_OUT, DEFAULT_SYNTH_STATE, MANIFEST_FILE, TERRAFORM_FILE } from '../synth-options.js';

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
