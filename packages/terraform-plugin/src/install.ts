/**
 * @module
 * Installs a provider where `terraform init` finds it with no network: an executable launcher in the
 * implied local mirror `~/.terraform.d/plugins/registry.terraform.io/<namespace>/<type>/<version>/<os>_<arch>/`
 * (or under `dir`, with the CLI configuration block that points Terraform at it).
 *
 * The dependency lock file (`.terraform.lock.hcl`) hashes only this launcher: editing it after
 * `terraform init` breaks the checksum, while the JavaScript it runs may change freely.
 */
import { chmod, copyFile, mkdir, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';

export interface InstallOptions {
  /** The provider's namespace in its source address, e.g. `grantform` in `grantform/grantform`. */
  readonly namespace: string;
  /** The provider type, e.g. `grantform`. */
  readonly type: string;
  /** A semantic version, e.g. `0.1.0`. */
  readonly version: string;
  /** The JavaScript (ESM) file that calls `serve`; bundle it for the fastest start. */
  readonly entry: string;
  /**
   * Copy `entry` into the provider's package directory (beside the launcher) and run the copy, so
   * the installed provider needs nothing else on disk: for a bundled, self-contained entry.
   * @default false - the launcher runs `entry` where it is
   */
  readonly copyEntry?: boolean;
  /** A plugin directory to install into (filesystem mirror). @default the implied local mirror in the home directory */
  readonly dir?: string;
  /** The Node.js executable the launcher runs. @default process.execPath */
  readonly node?: string;
  /** Extra arguments for node before the entry, e.g. `['--import', 'tsx']`. @default [] */
  readonly nodeArgs?: readonly string[];
  /** Registry hostname in the source address. @default registry.terraform.io */
  readonly hostname?: string;
  /** @default linux_amd64 style from process.platform/arch */
  readonly platform?: string;
  /** @default os.homedir() */
  readonly home?: string;
}

export interface InstalledProvider {
  /** The launcher's path. */
  readonly executable: string;
  /** The JavaScript file the launcher runs (`entry`, or its copy with `copyEntry`). */
  readonly entry: string;
  /** The plugin directory it was installed under. */
  readonly pluginDir: string;
  /** The source address for `required_providers`, e.g. `grantform/grantform`. */
  readonly source: string;
  /**
   * The CLI configuration (`~/.terraformrc` or `TF_CLI_CONFIG_FILE`) that makes Terraform use this
   * directory for this provider and the registry for everything else. Not needed for the implied
   * local mirror.
   */
  readonly cliConfig: string;
}

/** An install option that is not usable; nothing was written. */
export class InstallError extends Error {
  readonly code = 'ERR_INSTALL_OPTIONS';
  constructor(message: string) {
    super(message);
    this.name = 'InstallError';
  }
}

const NAME = /^[a-z0-9][a-z0-9-]*$/;
const VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** Writes the launcher (atomically, mode 0755) and returns where it went. */
export async function installProvider(options: InstallOptions): Promise<InstalledProvider> {
  const problems = [
    NAME.test(options.namespace)
      ? ''
      : `namespace ${JSON.stringify(options.namespace)}: lowercase letters, digits and -`,
    NAME.test(options.type) ? '' : `type ${JSON.stringify(options.type)}: lowercase letters, digits and -`,
    VERSION.test(options.version) ? '' : `version ${JSON.stringify(options.version)}: a semantic version like 0.1.0`,
    isAbsolute(options.entry) ? '' : `entry ${JSON.stringify(options.entry)}: an absolute path`,
  ].filter(Boolean);
  if (problems.length > 0)
    throw new InstallError(`cannot install the provider:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  const hostname = options.hostname ?? 'registry.terraform.io';
  const pluginDir = resolve(options.dir ?? join(options.home ?? homedir(), '.terraform.d', 'plugins'));
  const platform = options.platform ?? currentPlatform();
  const folder = join(pluginDir, hostname, options.namespace, options.type, options.version, platform);
  const executable = join(folder, `terraform-provider-${options.type}_v${options.version}`);
  await mkdir(folder, { recursive: true });
  const entry = options.copyEntry === true ? join(folder, basename(options.entry)) : options.entry;
  if (entry !== options.entry) {
    const copy = `${entry}.tmp-${process.pid}`;
    await copyFile(options.entry, copy);
    await rename(copy, entry);
  }
  const tmp = `${executable}.tmp-${process.pid}`;
  await writeFile(tmp, launcher(options.node ?? process.execPath, options.nodeArgs ?? [], entry), {
    mode: 0o755,
  });
  await chmod(tmp, 0o755);
  await rename(tmp, executable);
  const source =
    hostname === 'registry.terraform.io'
      ? `${options.namespace}/${options.type}`
      : `${hostname}/${options.namespace}/${options.type}`;
  return {
    executable,
    entry,
    pluginDir,
    source,
    cliConfig: cliConfig(pluginDir, `${hostname}/${options.namespace}/${options.type}`),
  };
}

function launcher(node: string, nodeArgs: readonly string[], entry: string): string {
  const args = [node, ...nodeArgs, entry].map(shellQuote).join(' ');
  return `#!/bin/sh\n# Terraform provider launcher written by @grantform/terraform-plugin installProvider.\nexec ${args} "$@"\n`;
}

function cliConfig(pluginDir: string, address: string): string {
  return [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(pluginDir)}`,
    `    include = [${JSON.stringify(address)}]`,
    '  }',
    '  direct {',
    `    exclude = [${JSON.stringify(address)}]`,
    '  }',
    '}',
    '',
  ].join('\n');
}

function currentPlatform(): string {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const arch = process.arch === 'x64' ? 'amd64' : process.arch === 'ia32' ? '386' : process.arch;
  return `${os}_${arch}`;
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./=:@+-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`;
}
