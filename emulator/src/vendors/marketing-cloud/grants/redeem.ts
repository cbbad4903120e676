/**
 * @module
 * Marketing Cloud's rules for a single-use credential (an authorization code or a refresh token), the
 * checks both grants share (`../../../oauth/single-use.ts` runs them), in order: known, of this kind, for
 * this client and for the tenant of this auth host → not revoked → not used before (a replay revokes
 * the whole grant) → not expired. The caller consumes the record once its own checks pass.
 */

import { sha256 } from '../../../checks/secrets.js';
import { redeem } from '../../../oauth/single-use.js';
import type { AuthenticatedClient } from '../client.js';
import type { McContext } from '../context.js';
import { InvalidGrant } from '../errors.js';
import type { TokenRecord } from '../store/records.js';

export interface RedeemWording {
  /** e.g. `authorization code` → "The authorization code is invalid." */
  readonly noun: string;
  /** What a replay revokes, e.g. `the tokens it issued are revoked`. */
  readonly replayConsequence: string;
}

export function redeemSingleUse(
  ctx: McContext,
  client: AuthenticatedClient,
  value: string,
  kind: 'code' | 'refresh',
  wording: RedeemWording,
): TokenRecord {
  const now = ctx.nowMs();
  return redeem(ctx.store.token(sha256(value)), now, {
    refused: (record) => {
      // Redeemable only on the auth host of the tenant it was issued for (customer tenants too).
      if (
        record?.kind !== kind ||
        record.clientId !== client.integration.clientId ||
        record.tenant !== client.tenant.subdomain
      ) {
        return new InvalidGrant(`The ${wording.noun} is invalid.`);
      }
      return record.revokedAt === null ? undefined : new InvalidGrant(`The ${wording.noun} has been revoked.`);
    },
    replayed: (record) => {
      ctx.store.revokeGrant(record.tenant, record.grantId, now);
      ctx.options.persistence.touch();
      return new InvalidGrant(`The ${wording.noun} has already been used; ${wording.replayConsequence}.`);
    },
    expired: () => new InvalidGrant(`The ${wording.noun} has expired.`),
  });
}
