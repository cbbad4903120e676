/**
 * @module
 * `grantform import ADDRESS --client-id ID --client-secret-env NAME --subdomain SUB [--mid N…]`:
 * adopt an existing integration. Prints config code to paste into grantform.config.ts and writes
 * the tenant, package and integration into state. The secret is read from the env var NAME (never
 * from the command line) and stored in the secrets sink.
 */
import type { Command } from 'commander';
import { createAdminClient } from '../../drivers/emulator-driver.js';
import { clientIdEnvFor } from '../../drivers/oauth-client.js';
import { EngineError } from '../../errors.js';
import { importIntegration } from '../../import.js';
import { acquireLock } from '../../state/lock.js';
import { readState, writeState } from '../../state/state-file.js';
import type { CliIo } from '../io.js';
import type { CommonFlags } from '../shared.js';
import { addCommonOptions, resolveCommon, secretsSinkFor, writeJson } from '../shared.js';

interface ImportFlags extends CommonFlags {
  readonly clientId?: string;
  readonly clientSecretEnv: string;
  readonly subdomain: string;
  readonly mid?: string[];
}

function collectMid(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function registerImport(program: Command, io: CliIo): void {
  const cmd = program
    .command('import')
    .description('adopt an existing API integration: print its config code and record it in state')
    .argument('<address>', 'the integration address, e.g. acme/crm-sync/api');
  addCommonOptions(cmd, { lock: true, secrets: true })
    .option('--client-id <id>', 'the client id (default: env <PREFIX>_CLIENT_ID of --client-secret-env)')
    .requiredOption('--client-secret-env <name>', 'env var holding the client secret (also the name used in config)')
    .requiredOption('--subdomain <tssd>', 'the tenant subdomain (28 characters, starts with mc)')
    .option('--mid <mid>', 'sfmc: a business unit MID to probe (repeatable)', collectMid)
    .action(async (address: string, flags: ImportFlags) => {
      const r = resolveCommon(flags, io);
      const secret = io.env[flags.clientSecretEnv];
      const idEnv = clientIdEnvFor(flags.clientSecretEnv);
      const clientId = flags.clientId ?? io.env[idEnv];
      if (secret === undefined || secret === '') {
        throw new EngineError(
          'ERR_USAGE',
          `set ${flags.clientSecretEnv} to the client secret (it is never taken from the command line)`,
        );
      }
      if (clientId === undefined) throw new EngineError('ERR_USAGE', `pass --client-id or set ${idEnv}`);
      const mids = (flags.mid ?? []).map((m) => {
        const n = Number(m);
        if (!Number.isInteger(n) || n <= 0) throw new EngineError('ERR_USAGE', `--mid ${m} is not a MID`);
        return n;
      });
      const adminToken = io.env.GRANTFORM_ADMIN_TOKEN;
      const result = await importIntegration({
        address,
        clientId,
        clientSecret: secret,
        clientSecretEnv: flags.clientSecretEnv,
        subdomain: flags.subdomain,
        target: r.driver.name === 'sfmc' ? 'sfmc' : 'emulator',
        fetch: r.fetch,
        ...(r.driver.name === 'sfmc'
          ? { candidateMids: mids }
          : {
              admin: createAdminClient({
                endpoint: r.endpoint,
                fetch: r.fetch,
                ...(adminToken === undefined ? {} : { adminToken }),
              }),
            }),
      });
      const lock = await acquireLock(r.statePath, 'import', { force: flags.forceUnlock === true });
      let added: string[] = [];
      try {
        const { state } = await readState(r.statePath);
        const resources = { ...state.resources };
        for (const [a, res] of Object.entries(result.resources)) {
          if (resources[a] !== undefined) continue;
          resources[a] = res;
          added.push(a);
        }
        added = added.sort();
        if (added.length > 0) await writeState(r.statePath, { ...state, resources });
        if (result.type !== 'public-app')
          await secretsSinkFor(flags, r.statePath, io).put(flags.clientSecretEnv, secret);
      } finally {
        await lock.release();
      }
      if (r.json) {
        writeJson(io, {
          address,
          type: result.type,
          scopes: result.scopes,
          businessUnits: result.businessUnits,
          addedToState: added,
          notes: result.notes,
          code: result.code,
        });
        return;
      }
      io.stdout(
        `Imported ${address}: ${result.type}, ${result.scopes.length} scopes, business units ${result.businessUnits.join(', ') || '(none)'}.\n`,
      );
      io.stdout(added.length > 0 ? `Added to state: ${added.join(', ')}\n` : 'State already held these addresses.\n');
      for (const n of result.notes) io.stdout(`Note: ${n}\n`);
      io.stdout(`\nPaste into grantform.config.ts:\n\n${result.code}`);
    });
}
