/**
 * @module
 * `grantform synth [--config FILE] [--out DIR]`: validate the configuration and write
 * `<out>/manifest.json` and `<out>/terraform/main.tf.json`, atomically: every file is written to
 * a temporary name first and renamed only when all of them are written, so a failure leaves the
 * previous output untouched. Exits 1 listing every validation issue.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { serializeManifest, synth } from '@grantform/config';
import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../../config/load-config.js';
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

export interface SynthResult {
  readonly resourceCount: number;
  readonly manifestPath: string;
  readonly terraformPath: string;
}

/**
 * Writes every file to a temporary name beside its target, then renames them into place, so no
 * reader ever sees a half-written file and a failed write replaces nothing. (Each rename is
 * atomic; two renames together are not, but they only run once every file is fully written.)
 */
export async function writeFilesAtomically(files: readonly { path: string; content: string }[]): Promise<void> {
  const suffix = `.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const temps = files.map((f) => ({ ...f, temp: `${f.path}${suffix}` }));
  try {
    for (const f of temps) {
      await mkdir(dirname(f.path), { recursive: true });
      await writeFile(f.temp, f.content);
    }
    for (const f of temps) await rename(f.temp, f.path);
  } catch (err) {
    await Promise.allSettled(temps.map((f) => rm(f.temp, { force: true })));
    throw err;
  }
}

/** Loads, validates and synthesizes the configuration, then writes the output. */
export async function runSynth(options: SynthCommandOptions, io: CliIo): Promise<SynthResult> {
  const configFile = resolve(io.cwd, options.config ?? DEFAULT_CONFIG_FILE);
  const outDir = resolve(io.cwd, options.out ?? DEFAULT_SYNTH_OUT);
  const manifestPath = join(outDir, MANIFEST_FILE);
  const terraformPath = join(outDir, TERRAFORM_FILE);
  const terraformDir = dirname(terraformPath);

  const app = await loadConfig(configFile);
  const manifest = synth(app);
  // cdktf is loaded only by this command.
  const { synthTerraform } = await import('@grantform/config/cdktf');
  const terraform = synthTerraform(manifest, {
    // Terraform runs the provisioners in its working directory: the terraform/ folder.
    configPath: relative(terraformDir, configFile),
    ...(options.grantformCommand === undefined ? {} : { command: options.grantformCommand }),
    ...(options.target === undefined ? {} : { target: options.target }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    statePath: relative(terraformDir, resolve(io.cwd, options.state ?? DEFAULT_SYNTH_STATE)),
  });

  await writeFilesAtomically([
    { path: manifestPath, content: serializeManifest(manifest) },
    { path: terraformPath, content: `${JSON.stringify(terraform, null, 2)}\n` },
  ]);
  return { resourceCount: manifest.resources.length, manifestPath, terraformPath };
}

/** Registers `grantform synth`. */
export function registerSynthCommand(program: Command, io: CliIo): void {
  program
    .command('synth')
    .description('validate the configuration and write the manifest and the Terraform JSON')
    .option('-c, --config <file>', 'configuration file (.ts, .mts, .js, .mjs or .json)', DEFAULT_CONFIG_FILE)
    .option('-o, --out <dir>', 'output directory', DEFAULT_SYNTH_OUT)
    .option('--target <name>', 'passed as --target to the commands the Terraform provisioners run')
    .option('--endpoint <url>', 'passed as --endpoint to the commands the Terraform provisioners run')
    .option('--state <file>', 'passed as --state to the commands the Terraform provisioners run', DEFAULT_SYNTH_STATE)
    .option('--grantform-command <command>', 'how the Terraform provisioners start the CLI', 'grantform')
    .addHelpText(
      'after',
      `
Writes <out>/${MANIFEST_FILE} and <out>/${TERRAFORM_FILE}. Then:
  terraform -chdir=<out>/terraform init && terraform -chdir=<out>/terraform apply`,
    )
    .action(async (options: SynthCommandOptions) => {
      const result = await runSynth(options, io);
      const show = (p: string) => relative(io.cwd, p) || '.';
      io.stdout(
        `synthesized ${result.resourceCount} resource${result.resourceCount === 1 ? '' : 's'}\n` +
          `  manifest   ${show(result.manifestPath)}\n` +
          `  terraform  ${show(result.terraformPath)}\n`,
      );
    });
}
