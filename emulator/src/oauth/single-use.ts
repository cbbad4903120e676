/**
 * @module
 * Redeeming a single-use credential (an authorization code, a refresh token), written once for every
 * vendor. {@link redeem} runs the checks in order: known and this client's → not used before (a replay
 * revokes what the credential issued) → not expired. Where vendors differ (Okta refuses an expired
 * code as an unknown one, before it looks for a replay; Marketing Cloud says which it is, after) the
 * vendor's {@link SingleUseRules} decide. {@link consumeThen} marks the record used only when every
 * check of the grant passed, and gives it back if nothing could be issued.
 */

/** What every single-use credential record has. */
export interface SingleUse {
  /** When it was redeemed; `null` while unused. */
  consumedAt: number | null;
  readonly expiresAt: number;
}

/** How a vendor refuses a credential at each step. */
export interface SingleUseRules<R extends SingleUse> {
  /**
   * The error for a record that is unknown (`undefined`), not this client's, or otherwise unusable
   * before the replay check (revoked; for Okta also expired); `undefined` when it is fine so far.
   */
  refused(record: R | undefined): Error | undefined;
  /** A record already redeemed: revoke what it issued, and return the error to answer. */
  replayed(record: R): Error;
  /** The error for an expired record, checked after the replay check; omit when `refused` covers it. */
  expired?(record: R): Error;
}

/** The record, when it may be redeemed now; throws the vendor's error otherwise. */
export function redeem<R extends SingleUse>(record: R | undefined, now: number, rules: SingleUseRules<R>): R {
  const refused = rules.refused(record);
  if (refused !== undefined) throw refused;
  if (record === undefined) throw new TypeError('SingleUseRules.refused must refuse an unknown record');
  if (record.consumedAt !== null) throw rules.replayed(record);
  if (rules.expired !== undefined && record.expiresAt <= now) throw rules.expired(record);
  return record;
}

/**
 * Consumes `record` at `now` and issues. If issuing fails, nothing was issued: the record is
 * usable again (`undo` puts back whatever else the caller set up) and the error is rethrown. Call
 * it with no `await` between the grant's last check and here, so two redemptions cannot both pass.
 */
export async function consumeThen<R extends SingleUse, T>(
  record: R,
  now: number,
  issue: () => Promise<T>,
  undo?: () => void,
): Promise<T> {
  record.consumedAt = now;
  try {
    return await issue();
  } catch (err) {
    record.consumedAt = null;
    undo?.();
    throw err;
  }
}
