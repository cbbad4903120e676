/**
 * @module
 * `authorization_code` (web apps with their secret, public apps without). Checked in order: code known
 * and for this client → not expired → not used before (a replay revokes everything the code issued) →
 * PKCE → exact `redirect_uri` → user → `scope` → `account_id` → consume → issue. The code is consumed
 * only once every check passed, with no `await` between the checks and the consumption: a redemption
 * refused for a wrong scope or business unit leaves the code usable for the corrected retry.
 */

import { verifyPkce } from '../../../checks/pkce.js';
import { consumeThen } from '../../../oauth/single-use.js';
import { InvalidGrant } from '../errors.js';
import { issueTokens } from '../tokens.js';
import type { GrantModule } from './grant.js';
import { handedOn, redeemSingleUse } from './redeem.js';

export const authorizationCode: GrantModule = {
  grantType: 'authorization_code',
  parameters: new Set([
    'grant_type',
    'client_id',
    'client_secret',
    'code',
    'redirect_uri',
    'code_verifier',
    'scope',
    'account_id',
  ]),
  clientTypes: new Set(['web-app', 'public-app']),
  async handler({ ctx, vhost, client, params, usage }) {
    const code = params.required('code');
    const redirectUri = params.required('redirect_uri');
    const verifier = params.string('code_verifier');
    const now = ctx.nowMs();
    const record = redeemSingleUse(ctx, client, code, 'code');
    if (record.codeChallenge) {
      if (verifier === undefined) throw new InvalidGrant('The code_verifier parameter is required (PKCE).');
      if (!verifyPkce(verifier, record.codeChallenge)) throw new InvalidGrant('PKCE verification failed.');
    } else if (verifier !== undefined) {
      throw new InvalidGrant('A code_verifier was sent but the authorization request had no code_challenge.');
    }
    if (redirectUri !== record.redirectUri) {
      throw new InvalidGrant('The redirect_uri does not match the one used at authorization.');
    }
    const issue = handedOn(ctx, client, params, record);
    return consumeThen(record, now, () => issueTokens(ctx, vhost, issue, usage));
  },
};
