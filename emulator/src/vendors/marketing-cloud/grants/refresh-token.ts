/**
 * @module
 * `refresh_token`: only issued with the `offline` scope; rotates on every use. Presenting a spent
 * refresh token is rejected and revokes the whole family (every token of that authorization).
 * `scope` may narrow the previous grant; `account_id` may switch BU.
 */

import { issueTokens } from '../tokens.js';
import type { GrantModule } from './grant.js';
import { handedOn, redeemSingleUse } from './redeem.js';

export const refreshToken: GrantModule = {
  grantType: 'refresh_token',
  parameters: new Set(['grant_type', 'client_id', 'client_secret', 'refresh_token', 'scope', 'account_id']),
  clientTypes: new Set(['web-app', 'public-app']),
  async handler({ ctx, vhost, client, params, usage }) {
    const value = params.required('refresh_token');
    const now = ctx.nowMs();
    const record = redeemSingleUse(ctx, client, value, 'refresh');
    const issue = handedOn(ctx, client, params, record);
    record.consumedAt = now;
    return issueTokens(ctx, vhost, issue, usage);
  },
};
