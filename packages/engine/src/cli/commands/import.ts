/**
 * @module
 * `grantform import ADDRESS --client-id ID --client-secret-env NAME --subdomain SUB [--mid N…]`:
 * adopt an existing integration. Prints config code to paste into grantform.config.ts and writes
 * the tenant, package and integration into state. The secret is read from the env var NAME (never
 * from the command line) and stored in the secrets sink.
 * `grantform import ctct/apps/<name> | ctct/partners/<name> --client-id ID --client-secret-env NAME
 * [--api-key KEY]`: the same for a Constant Contact application or partner (`import-ctct.ts`).
 */
import type { Command } from 'commander';
import { EMPTY_DESIRED } from '../../desired.js';
import { CTCT_VENDOR_HOSTS, ctctEmulatorHosts } from '../../drivers/ctct-hosts.js';
import { createAdminClient } from '../../drivers/emulator-driver.js';
import { clientIdEnvFor } from '../../drivers/oauth-client.js';
import type { ErrorIssue } from '../../errors.js';
import { EngineError } from '../../errors.js';
import { importIntegration } from '../../import.js';
import { importCtct, isCtctAddress } from '../../import-ctct.js';
import { carriesOwnerLabel, describeOwner, ownerLabel } from '../../ownership.js';
import { withLock } from '../../state/lock.js';
import type { ResourceState, StateFile } from '../../state/state-file.js';
import { readState, writeState } from '../../state/state-file.js';
import { wholeNumberFlag } from '../flags.js';
import type { CliIo } from '../io.js';
import type { CommonFlags, Resolved } from '../shared.js';
import { addCommonOptions, resolveCommon, secretsSinkFor, writeJson } from '../shared.js';

interface ImportFlags extends CommonFlags {
  readonly clientId?: string;
  readonly clientSecretEnv: string;
  readonly subdomain?: string;
  readonly mid?: string[];
  readonly apiKey?: string;
}

function collectMid(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

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
    .option('--mid <mid>', 'sfmc: a business unit MID to probe (repeatable)', collectMid)
    .option('--api-key <key>', "Constant Contact partner: its application's API key (x-api-key; read on the emulator)")
    .action(async (address: string, flags: ImportFlags) => {
      const r = resolveCommon(flags, io);
      if (isCtctAddress(address)) {
        await importConstantContact(address, flags, r, io);
        return;
      }
      if (flags.subdomain === undefined) throw new EngineError('ERR_USAGE', '--subdomain is required');
      const subdomain = flags.subdomain;
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
      const mids = (flags.mid ?? []).map((m) => wholeNumberFlag('--mid', m, 1, 2_147_483_647));
      const adminToken = io.env.GRANTFORM_ADMIN_TOKEN;
      const result = await importIntegration({
        address,
        clientId,
        clientSecret: secret,
        clientSecretEnv: flags.clientSecretEnv,
        subdomain,
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
      const added = await record(
        flags,
        r,
        io,
        result.resources,
        result.type === 'public-app' ? [] : [{ env: flags.clientSecretEnv, value: secret }],
      );
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

/**
 * Adds the imported entries the state does not hold yet (under the lock) and puts the secrets in
 * the sink first; returns the addresses added, sorted.
 */
async function record(
  flags: ImportFlags,
  r: Resolved,
  io: CliIo,
  entries: Readonly<Record<string, ResourceState>>,
  secrets: readonly { readonly env: string; readonly value: string }[],
): Promise<string[]> {
  return withLock(r.statePath, 'import', { force: flags.forceUnlock === true }, async () => {
    const { state } = await readState(r.statePath);
    await refuseForeign(r, state, entries);
    const resources = { ...state.resources };
    const added: string[] = [];
    for (const [a, res] of Object.entries(entries)) {
      if (resources[a] !== undefined) continue;
      resources[a] = res;
      added.push(a);
    }
    const sink = secretsSinkFor(flags, r.statePath, io);
    for (const s of secrets) await sink.put(s.env, s.value);
    if (added.length > 0) await writeState(r.statePath, { ...state, resources });
    return added.sort();
  });
}

/**
 * Refuses entries whose target object another state's ownership label names: one tenant (package,
 * application …) is managed by one state. What has no label yet is labelled by the next apply.
 */
async function refuseForeign(r: Resolved, state: StateFile, entries: Readonly<Record<string, ResourceState>>) {
  const fresh = Object.fromEntries(Object.entries(entries).filter(([a]) => state.resources[a] === undefined));
  if (r.driver.readOnly || Object.keys(fresh).length === 0) return;
  const observed = await r.driver.observe({ ...state, resources: fresh }, EMPTY_DESIRED);
  const issues: ErrorIssue[] = [];
  for (const [address, o] of Object.entries(observed)) {
    const entry = fresh[address];
    if (entry === undefined || !carriesOwnerLabel(entry.kind) || typeof o?.owner !== 'string') continue;
    if (o.owner !== ownerLabel(state.lineage, address))
      issues.push({ path: address, message: `on the target it belongs to ${describeOwner(o.owner)}` });
  }
  if (issues.length > 0) {
    throw new EngineError(
      'ERR_TARGET_CONFLICT',
      'refusing to import what another grantform state manages (two states must not manage one resource): import it into that state, or remove it there first',
      { issues },
    );
  }
}

/** `import ctct/apps/<name>` and `import ctct/partners/<name>`. */
async function importConstantContact(address: string, flags: ImportFlags, r: Resolved, io: CliIo): Promise<void> {
  const secret = io.env[flags.clientSecretEnv];
  const idEnv = clientIdEnvFor(flags.clientSecretEnv);
  const clientId = flags.clientId ?? io.env[idEnv];
  if (clientId === undefined) throw new EngineError('ERR_USAGE', `pass --client-id or set ${idEnv}`);
  const adminToken = io.env.GRANTFORM_ADMIN_TOKEN;
  const emulator = r.driver.name !== 'sfmc';
  const { state } = await readState(r.statePath);
  const result = await importCtct({
    address,
    clientId,
    clientSecret: secret === '' ? undefined : secret,
    clientSecretEnv: flags.clientSecretEnv,
    fetch: r.fetch,
    hosts: emulator ? ctctEmulatorHosts(r.endpoint) : CTCT_VENDOR_HOSTS,
    state,
    ...(flags.apiKey === undefined ? {} : { applicationApiKey: flags.apiKey }),
    ...(emulator
      ? {
          admin: createAdminClient({
            endpoint: r.endpoint,
            fetch: r.fetch,
            ...(adminToken === undefined ? {} : { adminToken }),
          }),
        }
      : {}),
  });
  const added = await record(flags, r, io, result.resources, result.secrets);
  if (r.json) {
    writeJson(io, { address, kind: result.kind, addedToState: added, notes: result.notes, code: result.code });
    return;
  }
  io.stdout(`Imported ${address}: ${result.summary}.\n`);
  io.stdout(added.length > 0 ? `Added to state: ${added.join(', ')}\n` : 'State already held these addresses.\n');
  for (const n of result.notes) io.stdout(`Note: ${n}\n`);
  io.stdout(`\nPaste into grantform.config.ts:\n\n${result.code}`);
}
