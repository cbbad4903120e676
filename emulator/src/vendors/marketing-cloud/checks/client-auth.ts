/**
 * @module
 * Client authentication at `/v2/token`: `client_id`/`client_secret` in the body (Basic is not
 * documented by the vendor and is not accepted). A client belongs to one tenant and is only known on
 * that tenant's auth host.
 */

import type { AuthenticatedClient } from '../client.js';
import type { McContext } from '../context.js';
import { InvalidClient, MESSAGES } from '../errors.js';
import { customerClient } from '../installations.js';
import type { TokenParams } from '../params.js';
import { secretAccepted } from '../secret-rotation.js';

/** Finds the client on this tenant; `undefined` when unknown here. */
export function findClient(ctx: McContext, tssd: string, clientId: string): AuthenticatedClient | undefined {
  const pkg = ctx.store.packageByClientId(clientId);
  if (!pkg?.integration) return undefined;
  if (pkg.tenant !== tssd) return pkg.installations ? customerClient(ctx, pkg, tssd) : undefined;
  const tenant = ctx.store.tenant(tssd);
  return tenant ? { pkg, integration: pkg.integration, tenant } : undefined;
}

export function authenticateClient(ctx: McContext, tssd: string, params: TokenParams): AuthenticatedClient {
  const clientId = params.string('client_id');
  const secret = params.string('client_secret');
  if (clientId === undefined || clientId === '') throw new InvalidClient(MESSAGES.unknownClient);
  const client = findClient(ctx, tssd, clientId);
  if (!client) throw new InvalidClient(MESSAGES.unknownClient);
  if (client.pkg.legacy) throw new InvalidClient(MESSAGES.legacyPackage);
  if (client.integration.type === 'public-app') {
    // A public app has no secret; sending one is a client mistake, not a credential.
    if (secret !== undefined && secret !== '') throw new InvalidClient();
    return client;
  }
  if (secret === undefined || !secretAccepted(ctx, client.integration, secret)) throw new InvalidClient();
  return client;
}
