import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../io.js';
import { main } from '../main.js';
import { loadTerraformProvider, providerSearchPlaces, resolveTerraformProvider } from '../run-terraform.js';

const REPO = resolve(import.meta.dirname, '../../../../..');
const terraform = (process.env.PATH ?? '')
  .split(delimiter)
  .map((d) => join(d, 'terraform'))
  .find((p) => spawnSync(p, ['version'], { stdio: 'ignore' }).status === 0);
if (!terraform) console.warn('terraform.test.ts: the terraform init check is skipped, `terraform` is not on PATH');

describe('grantform terraform install', () => {
  const root = mkdtempSync(join(tmpdir(), 'gf-tf-install-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('refuses with ERR_PROVIDER_NOT_INSTALLED where the provider package cannot be found', async () => {
    // GIVEN a directory outside any project as the only place to look
    const places = [join(root, 'package.json')];
    // WHEN the provider is loaded from there
    const loading = loadTerraformProvider(root, places);
    // THEN an engine error saying what to add
    await expect(loading).rejects.toMatchObject({
      code: 'ERR_PROVIDER_NOT_INSTALLED',
      message: `@grantform/terraform-provider is not installed in ${root}: add it (npm install --save-dev @grantform/terraform-provider) and run grantform terraform install again`,
    });
    // AND from this repository's root it resolves to the provider package
    expect(resolveTerraformProvider(providerSearchPlaces(REPO))).toBe(
      join(REPO, 'packages/terraform-provider/src/index.ts'),
    );
  });

  it('--dir installs the launcher and bundle there and prints the CLI configuration that makes terraform init use it', async () => {
    // GIVEN this repository as the project (it has the provider package)
    const io = memoryIo({ cwd: REPO });
    const dir = join(root, 'plugins');
    // WHEN installed into a plugin directory
    const code = await main(['node', 'grantform', 'terraform', 'install', '--dir', dir], io);
    // THEN the executable is in the mirror layout, and the output has the CLI configuration block
    expect(code, io.err()).toBe(0);
    const executable = join(
      dir,
      'registry.terraform.io/grantform/grantform/0.1.0/linux_amd64/terraform-provider-grantform_v0.1.0',
    );
    accessSync(executable, constants.X_OK);
    const cliConfig = [
      'provider_installation {',
      '  filesystem_mirror {',
      `    path    = "${dir}"`,
      '    include = ["registry.terraform.io/grantform/grantform"]',
      '  }',
      '  direct {',
      '    exclude = ["registry.terraform.io/grantform/grantform"]',
      '  }',
      '}',
      '',
    ].join('\n');
    expect(io.out()).toBe(
      [
        `installed grantform/grantform 0.1.0: ${executable}`,
        '',
        `${dir} is not a directory Terraform searches by itself: put this in a CLI configuration file`,
        '(e.g. terraform.rc, then export TF_CLI_CONFIG_FILE=$PWD/terraform.rc):',
        '',
        cliConfig,
        'Use it in your configuration:',
        '',
        'terraform {',
        '  required_providers {',
        '    grantform = { source = "grantform/grantform", version = "0.1.0" }',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    if (!terraform) return;
    // AND terraform init, with only that CLI configuration (HOME empty), finds it offline
    const work = join(root, 'work');
    const home = join(root, 'home');
    for (const d of [work, home]) spawnSync('mkdir', ['-p', d]);
    writeFileSync(join(root, 'terraform.rc'), cliConfig);
    writeFileSync(
      join(work, 'main.tf'),
      'terraform {\n  required_providers {\n    grantform = { source = "grantform/grantform", version = "0.1.0" }\n  }\n}\n',
    );
    const init = spawnSync(terraform, ['init', '-no-color'], {
      cwd: work,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        TF_CLI_CONFIG_FILE: join(root, 'terraform.rc'),
        CHECKPOINT_DISABLE: '1',
      },
    });
    expect(init.status, `${init.stdout}${init.stderr}`).toBe(0);
    expect(init.stdout).toContain('- Installing grantform/grantform v0.1.0...');
  });
});
