/**
 * @module
 * `refresh_token`: only issued with the `offline` scope; rotates on every use. Presenting a spent
 * refresh token is rejected and revokes the whole family (every token of that authorization).
 * `scope` may narrow the previous grant; `account_id` may switch BU.
 */

import { issueTokens } from '../tokens.js';
import type { GrantModule } from './grant.js';
import { handedOn, redeemSingleUse } from './redeem.js';

const WORDING = {
  noun: 'refresh token',
  replayConsequence: 'its token family is revoked',
  grantedBy: 'this refresh token',
};

export const refreshToken: GrantModule = {
  grantType: 'refresh_token',
  parameters: new Set(['grant_type', 'client_id', 'client_secret', 'refresh_token', 'scope', 'account_id']),
  clientTypes: new Set(['web-app', 'public-app']),
  async handler({ ctx, vhost, client, params }) {
    const value = params.required('refresh_token');
    const now = ctx.nowMs();
    const record = redeemSingleUse(ctx, client, value, 'refresh', WORDING);
    const issue = handedOn(ctx, client, params, record, WORDING);
    record.consumedAt = now;
    return issueTokens(ctx, vhost, issue);
  },
};
