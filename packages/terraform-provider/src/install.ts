/**
 * @module
 * `installGrantformProvider`: puts the provider where `terraform init` finds it with no network: the
 * bundled provider (`provider.mjs`) and its launcher `terraform-provider-grantform_v<version>` in the
 * implied local mirror `~/.terraform.d/plugins/registry.terraform.io/grantform/grantform/<version>/<os>_<arch>/`,
 * or in a plugin directory of your choice (with the CLI configuration block that makes Terraform use
 * it). What `grantform terraform install` runs.
 */
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '@grantform/engine';
import { type InstalledProvider, installProvider } from '@grantform/terraform-plugin';

/** The source address for `required_providers`. */
export const PROVIDER_SOURCE = 'grantform/grantform';
/** The provider's version: grantform's. */
export const PROVIDER_VERSION = VERSION;

export interface InstallGrantformOptions {
  /** A plugin directory (a filesystem mirror) instead of the implied local mirror. */
  readonly dir?: string;
  /** @default os.homedir() */
  readonly home?: string;
  /** The Node.js the launcher runs. @default process.execPath */
  readonly node?: string;
  /** @default the current os_arch, e.g. linux_amd64 */
  readonly platform?: string;
}

export interface InstalledGrantformProvider extends InstalledProvider {
  readonly version: string;
  /** The `terraform { required_providers { … } }` block that uses it. */
  readonly requiredProviders: string;
}

/** The bundled provider beside this module (`dist/provider.mjs`), or `null` when running from sources. */
async function prebuilt(): Promise<string | null> {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.js')) return null;
  const bundle = join(dirname(here), 'provider.mjs');
  try {
    await access(bundle);
    return bundle;
  } catch {
    return null;
  }
}

/**
 * Installs the provider (atomically: the launcher and the bundle are renamed into place).
 * @example
 * const { executable, cliConfig } = await installGrantformProvider({ dir: './terraform-plugins' });
 */
export async function installGrantformProvider(
  options: InstallGrantformOptions = {},
): Promise<InstalledGrantformProvider> {
  let entry = await prebuilt();
  let scratch: string | null = null;
  if (entry === null) {
    // From this repository's sources: bundle now.
    scratch = await mkdtemp(join(tmpdir(), 'grantform-provider-'));
    entry = join(scratch, 'provider.mjs');
    const { bundleProvider } = await import('./bundle.js');
    await bundleProvider(entry);
  }
  try {
    const installed = await installProvider({
      namespace: 'grantform',
      type: 'grantform',
      version: PROVIDER_VERSION,
      entry,
      copyEntry: true,
      ...options,
    });
    return {
      ...installed,
      version: PROVIDER_VERSION,
      requiredProviders: [
        'terraform {',
        '  required_providers {',
        `    grantform = { source = "${PROVIDER_SOURCE}", version = "${PROVIDER_VERSION}" }`,
        '  }',
        '}',
        '',
      ].join('\n'),
    };
  } finally {
    if (scratch !== null) await rm(scratch, { recursive: true, force: true });
  }
}
