/**
 * @module
 * `grantform import TENANT/PACKAGE/api` for Marketing Cloud: checks the flags (`--subdomain`, the
 * secret from `--client-secret-env`, the client id, `--mid`), adopts the integration
 * (`import-integration.ts`), and hands the CLI what to record and print. Its addresses start with a
 * tenant's name, so it takes whatever address no other vendor claims.
 */
import { wholeNumberFlag } from '../../../cli/flags.js';
import { EngineError } from '../../../errors.js';
import { adminClientFor, requestedClientId } from '../../../import-request.js';
import type { ImportBinding, ImportOutcome, ImportRequest } from '../../../registry/vendor.js';
import { importIntegration } from './import-integration.js';

async function run(r: ImportRequest): Promise<ImportOutcome> {
  const { flags, env } = r;
  if (flags.subdomain === undefined) throw new EngineError('ERR_USAGE', '--subdomain is required');
  const secret = env[flags.clientSecretEnv];
  if (secret === undefined || secret === '') {
    throw new EngineError(
      'ERR_USAGE',
      `set ${flags.clientSecretEnv} to the client secret (it is never taken from the command line)`,
    );
  }
  const clientId = requestedClientId(r);
  const mids = (flags.mid ?? []).map((m) => wholeNumberFlag('--mid', m, 1, 2_147_483_647));
  const sfmc = r.target === 'sfmc';
  const result = await importIntegration({
    address: r.address,
    clientId,
    clientSecret: secret,
    clientSecretEnv: flags.clientSecretEnv,
    subdomain: flags.subdomain,
    target: sfmc ? 'sfmc' : 'emulator',
    fetch: r.fetch,
    ...(sfmc ? { candidateMids: mids } : { admin: adminClientFor(r) }),
  });
  return {
    resources: result.resources,
    secrets: result.type === 'public-app' ? [] : [{ env: flags.clientSecretEnv, value: secret }],
    notes: result.notes,
    code: result.code,
    summary: `${result.type}, ${result.scopes.length} scopes, business units ${result.businessUnits.join(', ') || '(none)'}`,
    details: { type: result.type, scopes: [...result.scopes], businessUnits: [...result.businessUnits] },
  };
}

export const marketingCloudImporter: ImportBinding = {
  claims: () => true,
  fallback: true,
  run,
};
