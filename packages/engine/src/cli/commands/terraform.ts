/**
 * @module
 * `grantform terraform install [--dir DIR]`: puts the Terraform provider `grantform/grantform` where
 * `terraform init` finds it with no network (what it does: `../run-terraform.ts`).
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import type { TerraformInstallFlags } from '../run-terraform.js';

export function registerTerraform(program: Command, io: CliIo): void {
  const terraform = program.command('terraform').description('the Terraform provider grantform/grantform');
  terraform
    .command('install')
    .description(
      "install the provider for offline `terraform init`: into Terraform's implied local mirror (~/.terraform.d/plugins), or a plugin directory with --dir (prints the CLI configuration that uses it)",
    )
    .option('--dir <dir>', 'a plugin directory (filesystem mirror) instead of the implied local mirror')
    .option('--json', 'machine-readable output')
    .action(async (flags: TerraformInstallFlags) =>
      (await import('../run-terraform.js')).runTerraformInstall(flags, io),
    );
}
