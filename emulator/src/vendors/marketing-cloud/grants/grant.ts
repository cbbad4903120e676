/**
 * @module
 * The grant contract: each grant file exports its `grantType`, the `parameters` it reads, the
 * integration types allowed to use it, and a `handler`. The handler's `params` let it read its
 * declared `parameters` only (`TokenParams.only`): the list is what the grant accepts, enforced.
 */
import type { VirtualHost } from '../../../addressing.js';
import type { EmulatorContext } from '../../../env.js';
import type { TokenParams } from '../../../params.js';
import type { AuthenticatedClient } from '../checks/client-auth.js';
import type { IntegrationType } from '../store/records.js';
import type { TokenResponseBody } from '../tokens.js';

export interface GrantRequest {
  readonly ctx: EmulatorContext;
  readonly vhost: VirtualHost;
  readonly client: AuthenticatedClient;
  readonly params: TokenParams;
}

export interface GrantModule {
  readonly grantType: string;
  readonly parameters: ReadonlySet<string>;
  readonly clientTypes: ReadonlySet<IntegrationType>;
  handler(req: GrantRequest): Promise<TokenResponseBody>;
}
