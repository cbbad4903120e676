/**
 * @module
 * `client_credentials` (Server-to-Server integrations): scope omitted → all, empty → none; `account_id`
 * (string or number) selects the BU, default the package's source BU. Never a refresh token.
 */
import { checkBusinessUnit } from '../checks/business-unit.js';
import { resolveScopes } from '../checks/scope.js';
import { issueTokens } from '../tokens.js';
import type { GrantModule } from './grant.js';

export const clientCredentials: GrantModule = {
  grantType: 'client_credentials',
  parameters: new Set(['grant_type', 'client_id', 'client_secret', 'scope', 'account_id']),
  clientTypes: new Set(['server-to-server']),
  async handler({ ctx, vhost, client, params, usage }) {
    const { pkg, integration, tenant } = client;
    const scopes = resolveScopes(params.string('scope'), integration.scopes, ctx.mcOptions.outOfScopePolicy);
    const mid = checkBusinessUnit(tenant, integration, params.accountId() ?? pkg.sourceMid);
    const issue = { pkg, integration, tenant, mid, scopes, userId: null, refresh: false };
    return issueTokens(ctx, vhost, issue, usage);
  },
};
