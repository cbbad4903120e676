/**
 * @module
 * `refresh_token`: only issued with the `offline` scope; rotates on every use. Presenting a spent
 * refresh token is rejected and revokes the whole family (every token of that authorization).
 * `scope` may narrow the previous grant; `account_id` may switch BU.
 */

import { checkBusinessUnit } from '../checks/business-unit.js';
import { resolveScopes } from '../checks/scope.js';
import { InvalidGrant } from '../errors.js';
import { issueTokens } from '../tokens.js';
import type { GrantModule } from './grant.js';
import { redeemSingleUse } from './redeem.js';

export const refreshToken: GrantModule = {
  grantType: 'refresh_token',
  parameters: new Set(['grant_type', 'client_id', 'client_secret', 'refresh_token', 'scope', 'account_id']),
  clientTypes: new Set(['web-app', 'public-app']),
  async handler({ ctx, vhost, client, params }) {
    const value = params.required('refresh_token');
    const now = ctx.nowMs();
    const record = redeemSingleUse(ctx, client, value, 'refresh', {
      noun: 'refresh token',
      replayConsequence: 'its token family is revoked',
    });
    const user = record.userId === null ? undefined : ctx.store.userById(record.tenant, record.userId);
    if (!user) throw new InvalidGrant('The user of this refresh token no longer exists.');
    const scopes = resolveScopes(params.string('scope'), record.scopes, 'error', 'this refresh token');
    const mid = checkBusinessUnit(client.tenant, client.integration, params.accountId() ?? record.mid, user);
    record.consumedAt = now;
    return issueTokens(ctx, vhost, {
      ...client,
      mid,
      scopes,
      userId: user.id,
      grantId: record.grantId,
      refresh: scopes.includes('offline'),
    });
  },
};
