import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InstallError, installProvider } from './install.js';

describe('installProvider', () => {
  it('writes an executable launcher into the implied local mirror of HOME', async () => {
    // GIVEN an empty home directory
    const home = mkdtempSync(join(tmpdir(), 'tf-home-'));
    // WHEN the provider is installed
    const installed = await installProvider({
      namespace: 'grantform',
      type: 'toy',
      version: '0.1.0',
      entry: '/opt/toy provider/main.mjs',
      home,
      node: '/usr/bin/node',
      platform: 'linux_amd64',
    });
    // THEN the launcher sits where `terraform init` looks, executable, running node on the entry
    const executable = join(
      home,
      '.terraform.d/plugins/registry.terraform.io/grantform/toy/0.1.0/linux_amd64/terraform-provider-toy_v0.1.0',
    );
    expect(installed.executable).toBe(executable);
    expect(installed.source).toBe('grantform/toy');
    expect(statSync(executable).mode & 0o777).toBe(0o755);
    expect(readFileSync(executable, 'utf8')).toBe(
      '#!/bin/sh\n# Terraform provider launcher written by @grantform/terraform-plugin installProvider.\nexec /usr/bin/node \'/opt/toy provider/main.mjs\' "$@"\n',
    );
  });

  it('into a directory of your choice, with the CLI configuration block that uses it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tf-plugins-'));
    const installed = await installProvider({
      namespace: 'grantform',
      type: 'toy',
      version: '0.1.0',
      entry: '/x/main.mjs',
      dir,
      platform: 'linux_amd64',
    });
    expect(installed.pluginDir).toBe(dir);
    expect(installed.cliConfig).toBe(
      [
        'provider_installation {',
        '  filesystem_mirror {',
        `    path    = "${dir}"`,
        '    include = ["registry.terraform.io/grantform/toy"]',
        '  }',
        '  direct {',
        '    exclude = ["registry.terraform.io/grantform/toy"]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('copyEntry: copies a bundled entry beside the launcher and runs the copy', async () => {
    // GIVEN a bundled provider somewhere temporary
    const home = mkdtempSync(join(tmpdir(), 'tf-home-'));
    const bundle = join(mkdtempSync(join(tmpdir(), 'tf-bundle-')), 'provider.mjs');
    writeFileSync(bundle, '// the provider\n');
    // WHEN installed with copyEntry
    const installed = await installProvider({
      namespace: 'grantform',
      type: 'toy',
      version: '0.1.0',
      entry: bundle,
      copyEntry: true,
      home,
      node: '/usr/bin/node',
      platform: 'linux_amd64',
    });
    // THEN the copy sits in the package directory and the launcher runs it
    const folder = join(home, '.terraform.d/plugins/registry.terraform.io/grantform/toy/0.1.0/linux_amd64');
    expect(installed.entry).toBe(join(folder, 'provider.mjs'));
    expect(readFileSync(installed.entry, 'utf8')).toBe('// the provider\n');
    expect(readFileSync(installed.executable, 'utf8')).toContain(`exec /usr/bin/node ${installed.entry} "$@"`);
  });

  it('refuses bad options, listing each, and writes nothing', async () => {
    await expect(
      installProvider({ namespace: 'Grant Form', type: 'toy', version: 'v1', entry: 'main.mjs', dir: '/nonexistent' }),
    ).rejects.toThrow(
      new InstallError(
        [
          'cannot install the provider:',
          '- namespace "Grant Form": lowercase letters, digits and -',
          '- version "v1": a semantic version like 0.1.0',
          '- entry "main.mjs": an absolute path',
        ].join('\n'),
      ),
    );
  });
});
