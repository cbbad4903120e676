/**
 * @module
 * What every vendor's importer reads from an `import` request the same way: the client id
 * (`--client-id`, else the env named after the secret's, `clientIdEnvFor`) and, on the emulator,
 * its admin client.
 */
import { clientIdEnvFor } from './credential-env.js';
import type { AdminClient } from './drivers/admin-client.js';
import { createAdminClient } from './drivers/admin-client.js';
import { EngineError } from './errors.js';
import type { ImportRequest } from './registry/vendor.js';

/** The client id to import: `--client-id`, else env `<PREFIX>_CLIENT_ID`; `ERR_USAGE` when neither is there. */
export function requestedClientId(r: ImportRequest): string {
  const idEnv = clientIdEnvFor(r.flags.clientSecretEnv);
  const clientId = r.flags.clientId ?? r.env[idEnv];
  if (clientId === undefined) throw new EngineError('ERR_USAGE', `pass --client-id or set ${idEnv}`);
  return clientId;
}

/** The emulator's admin client at the request's endpoint (with its admin token, when there is one). */
export function adminClientFor(r: ImportRequest): AdminClient {
  return createAdminClient({
    endpoint: r.endpoint,
    fetch: r.fetch,
    ...(r.adminToken === undefined ? {} : { adminToken: r.adminToken }),
  });
}
