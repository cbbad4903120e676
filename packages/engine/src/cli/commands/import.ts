/**
 * @module
 * `grantform import ADDRESS --client-id ID --client-secret-env NAME --subdomain SUB [--mid N…]`:
 * adopt an existing integration. Prints config code to paste into grantform.config.ts and writes
 * the tenant, package and integration into state. The secret is read from the env var NAME (never
 * from the command line) and stored in the secrets sink.
 * `grantform import ctct/apps/<name> | ctct/partners/<name> --client-id ID --client-secret-env NAME
 * [--api-key KEY]`: the same for a Constant Contact application or partner (`vendors/constant-contact/import/`).
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { addCommonOptions, collect } from '../options.js';
import type { ImportFlags } from '../run-import.js';

export function registerImport(program: Command, io: CliIo): void {
  const cmd = program
    .command('import')
    .description(
      'adopt an existing API integration or Constant Contact application / partner: print its config code and record it in state',
    )
    .argument('<address>', 'e.g. acme/crm-sync/api, ctct/apps/newsletter or ctct/partners/agency');
  addCommonOptions(cmd, { lock: true, secrets: true })
    .option(
      '--client-id <id>',
      'the client id, API key or partner_client_id (default: env <PREFIX>_CLIENT_ID of --client-secret-env)',
    )
    .requiredOption(
      '--client-secret-env <name>',
      'env var holding the client or partner secret (also the name used in config)',
    )
    .option('--subdomain <tssd>', 'Marketing Cloud: the tenant subdomain (28 characters, starts with mc)')
    .option('--mid <mid>', 'sfmc: a business unit MID to probe (repeatable)', collect)
    .option('--api-key <key>', "Constant Contact partner: its application's API key (x-api-key; read on the emulator)")
    .action(async (address: string, flags: ImportFlags) => {
      const { runImport } = await import('../run-import.js');
      await runImport(address, flags, io);
    });
}
