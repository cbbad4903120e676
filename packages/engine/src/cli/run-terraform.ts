/**
 * @module
 * What `grantform terraform install` does (registered in `./commands/terraform.ts`). The provider is
 * its own package, `@grantform/terraform-provider`, which depends on the engine: the engine does not
 * depend on it (no cycle), it loads it at run time from the project (the working directory's
 * `node_modules`), or beside the engine, and says how to add it when it is in neither place.
 */
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EngineError } from '../errors.js';
import type { CliIo } from './io.js';
import { writeJson } from './shared.js';

/** The package that holds the provider. */
export const TERRAFORM_PROVIDER_PACKAGE = '@grantform/terraform-provider';

export interface TerraformInstallFlags {
  readonly dir?: string;
  readonly json?: boolean;
}

/** What the command needs of `@grantform/terraform-provider`. */
export interface TerraformProviderModule {
  installGrantformProvider(options: { readonly dir?: string }): Promise<{
    readonly executable: string;
    readonly pluginDir: string;
    readonly source: string;
    readonly version: string;
    readonly cliConfig: string;
    readonly requiredProviders: string;
  }>;
}

/** The places the provider package is looked for: `cwd`'s project, then the engine's own place. */
export function providerSearchPlaces(cwd: string): string[] {
  return [join(resolve(cwd), 'package.json'), import.meta.url];
}

/** Where `@grantform/terraform-provider` resolves from the first of `places` that has it; `null` when none does. */
export function resolveTerraformProvider(places: readonly string[]): string | null {
  for (const from of places) {
    try {
      return createRequire(from).resolve(TERRAFORM_PROVIDER_PACKAGE);
    } catch {
      // not installed there: try the next place
    }
  }
  return null;
}

/** Loads the provider package (see {@link providerSearchPlaces}); `ERR_PROVIDER_NOT_INSTALLED` when it is nowhere. */
export async function loadTerraformProvider(
  cwd: string,
  places: readonly string[] = providerSearchPlaces(cwd),
): Promise<TerraformProviderModule> {
  const path = resolveTerraformProvider(places);
  if (path === null) {
    throw new EngineError(
      'ERR_PROVIDER_NOT_INSTALLED',
      `${TERRAFORM_PROVIDER_PACKAGE} is not installed in ${resolve(cwd)}: add it (npm install --save-dev ${TERRAFORM_PROVIDER_PACKAGE}) and run grantform terraform install again`,
    );
  }
  return (await import(pathToFileURL(path).href)) as TerraformProviderModule;
}

/** Runs `grantform terraform install [--dir DIR]`. */
export async function runTerraformInstall(
  flags: TerraformInstallFlags,
  io: CliIo,
  load: (cwd: string) => Promise<TerraformProviderModule> = loadTerraformProvider,
): Promise<void> {
  const provider = await load(io.cwd);
  const dir = flags.dir === undefined ? undefined : resolve(io.cwd, flags.dir);
  const installed = await provider.installGrantformProvider(dir === undefined ? {} : { dir });
  if (flags.json) {
    writeJson(io, {
      source: installed.source,
      version: installed.version,
      executable: installed.executable,
      pluginDir: installed.pluginDir,
      cliConfig: dir === undefined ? null : installed.cliConfig,
    });
    return;
  }
  const lines = [`installed ${installed.source} ${installed.version}: ${installed.executable}`, ''];
  if (dir !== undefined) {
    lines.push(
      `${dir} is not a directory Terraform searches by itself: put this in a CLI configuration file`,
      '(e.g. terraform.rc, then export TF_CLI_CONFIG_FILE=$PWD/terraform.rc):',
      '',
      installed.cliConfig,
    );
  }
  lines.push('Use it in your configuration:', '', installed.requiredProviders);
  io.stdout(`${lines.join('\n')}`);
}
