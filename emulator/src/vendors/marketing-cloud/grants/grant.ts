/**
 * @module
 * The grant contract: each grant file exports its `grantType`, the `parameters` it reads, the
 * integration types allowed to use it, and a `handler`. The handler's `params` let it read its
 * declared `parameters` only (`TokenParams.only`): the list is what the grant accepts, enforced.
 */

import type { UsageSink } from '../../../usage/probe.js';
import type { AuthenticatedClient } from '../client.js';
import type { McContext } from '../context.js';
import type { VirtualHost } from '../hosts.js';
import type { TokenParams } from '../params.js';
import type { IntegrationType } from '../store/records.js';
import type { TokenResponseBody } from '../tokens.js';

export interface GrantRequest {
  readonly ctx: McContext;
  readonly vhost: VirtualHost;
  readonly client: AuthenticatedClient;
  readonly params: TokenParams;
  /** Where the request's usage goes (nowhere for a probe, `usage/probe.ts`). */
  readonly usage: UsageSink;
}

export interface GrantModule {
  readonly grantType: string;
  readonly parameters: ReadonlySet<string>;
  readonly clientTypes: ReadonlySet<IntegrationType>;
  handler(req: GrantRequest): Promise<TokenResponseBody>;
}
