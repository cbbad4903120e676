/**
 * @module
 * Marketing Cloud's rules for a single-use credential (an authorization code or a refresh token), the
 * checks both grants share (`../../../oauth/single-use.ts` runs them), in order: known, of this kind, for
 * this client and for the tenant of this auth host → not revoked → not used before (a replay revokes
 * the whole grant) → not expired. The caller consumes the record once its own checks pass.
 */

import { sha256 } from '../../../checks/secrets.js';
import { redeem } from '../../../oauth/single-use.js';
import { checkBusinessUnit } from '../checks/business-unit.js';
import { resolveScopes } from '../checks/scope.js';
import type { AuthenticatedClient } from '../client.js';
import type { McContext } from '../context.js';
import { InvalidGrant } from '../errors.js';
import type { TokenParams } from '../params.js';
import type { TokenRecord } from '../store/records.js';
import { type IssueArgs, refreshScope } from '../tokens.js';

/** How Marketing Cloud's messages name a single-use credential. */
interface RedeemWording {
  /** e.g. `authorization code` → "The authorization code is invalid." */
  readonly noun: string;
  /** What a replay revokes, e.g. `the tokens it issued are revoked`. */
  readonly replayConsequence: string;
  /** What granted the scopes it carries, e.g. `this authorization` → "… not granted to this authorization". */
  readonly grantedBy: string;
}

const WORDING: Readonly<Record<'code' | 'refresh', RedeemWording>> = {
  code: {
    noun: 'authorization code',
    replayConsequence: 'the tokens it issued are revoked',
    grantedBy: 'this authorization',
  },
  refresh: { noun: 'refresh token', replayConsequence: 'its token family is revoked', grantedBy: 'this refresh token' },
};

/** The record of a code or refresh token, when this client may redeem it now; the vendor's `invalid_grant` otherwise. */
export function redeemSingleUse<K extends 'code' | 'refresh'>(
  ctx: McContext,
  client: AuthenticatedClient,
  value: string,
  kind: K,
): TokenRecord & { kind: K } {
  const now = ctx.nowMs();
  const wording = WORDING[kind];
  const found = ctx.store.token(sha256(value)) as (TokenRecord & { kind: K }) | undefined; // of another kind: refused below
  return redeem(found, now, {
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

/**
 * What a redeemed credential hands on to the tokens it is exchanged for: its user (who must still
 * exist), the requested `scope` (at most what it carries), the `account_id` BU (default its own) and
 * its grant, with a refresh token when `offline` stays.
 */
export function handedOn(
  ctx: McContext,
  client: AuthenticatedClient,
  params: TokenParams,
  record: TokenRecord & { kind: 'code' | 'refresh' },
): IssueArgs {
  const wording = WORDING[record.kind];
  const user = record.userId === null ? undefined : ctx.store.userById(record.tenant, record.userId);
  if (!user) throw new InvalidGrant(`The user of this ${wording.noun} no longer exists.`);
  const scopes = resolveScopes(params.string('scope'), record.scopes, 'error', wording.grantedBy);
  const mid = checkBusinessUnit(client.tenant, client.integration, params.accountId() ?? record.mid, user);
  return { ...client, mid, scopes, userId: user.id, grantId: record.grantId, refresh: refreshScope(scopes) !== null };
}
