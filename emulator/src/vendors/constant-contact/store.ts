/**
 * @module
 * The Constant Contact store: applications, partners, accounts (with their contacts) and every
 * token record, in maps keyed by identity. Reset is written once here.
 */
import type {
  CtctAccessRecord,
  CtctAccountRecord,
  CtctApplicationRecord,
  CtctCodeRecord,
  CtctDeviceRecord,
  CtctGrantRecord,
  CtctPartnerRecord,
  CtctRateCounter,
  CtctRefreshRecord,
} from './records.js';

export class CtctStore {
  readonly applications = new Map<string, CtctApplicationRecord>();
  readonly partners = new Map<string, CtctPartnerRecord>();
  readonly accounts = new Map<string, CtctAccountRecord>();
  readonly grants = new Map<string, CtctGrantRecord>();
  readonly codes = new Map<string, CtctCodeRecord>();
  readonly refreshTokens = new Map<string, CtctRefreshRecord>();
  readonly accessTokens = new Map<string, CtctAccessRecord>();
  readonly devices = new Map<string, CtctDeviceRecord>();
  readonly rates = new Map<string, CtctRateCounter>();
  /** Rate limits on (4/s and 10,000/day per API key). Changed by the admin API. */
  rateLimits = true;
  /** Most access-token records kept (the emulator's `maxAccessTokens`); see {@link addAccessToken}. */
  maxAccessTokens = 100_000;
  /** Told how many unexpired access tokens were just dropped to stay within {@link maxAccessTokens}. */
  onLiveEviction: ((count: number) => void) | undefined;
  /** A lower bound of the access tokens' `expiresAt`: none can have expired before it. */
  private accessMinExpiresAt = Number.POSITIVE_INFINITY;
  private accessAddedSinceSweep = 0;

  accountByLogin(loginName: string): CtctAccountRecord | undefined {
    const wanted = loginName.toLowerCase();
    for (const a of this.accounts.values()) if (a.loginName.toLowerCase() === wanted) return a;
    return undefined;
  }

  deviceByUserCode(userCode: string): CtctDeviceRecord | undefined {
    const wanted = userCode.replace(/-/g, '').toUpperCase();
    for (const d of this.devices.values()) if (d.userCode === wanted) return d;
    return undefined;
  }

  /** Revokes a grant with its refresh and access tokens. */
  revokeGrant(grantId: string, at: number): void {
    const grant = this.grants.get(grantId);
    if (grant && grant.revokedAt === null) grant.revokedAt = at;
    for (const r of this.refreshTokens.values()) if (r.grantId === grantId && r.revokedAt === null) r.revokedAt = at;
    for (const t of this.accessTokens.values()) if (t.grantId === grantId && t.revokedAt === null) t.revokedAt = at;
  }

  /** Revokes every token of an application (deleted or secret rotated is NOT a revocation). */
  revokeApplication(apiKey: string, at: number): void {
    for (const g of this.grants.values()) if (g.apiKey === apiKey) this.revokeGrant(g.id, at);
    for (const t of this.accessTokens.values()) if (t.apiKey === apiKey && t.revokedAt === null) t.revokedAt = at;
  }

  /**
   * Records an access token (user or partner), keeping at most {@link maxAccessTokens}, as the SFMC store
   * does: past the cap, expired records go first (a sweep, only when one may have expired and at most
   * once per 1/64 of the cap's insertions), then the oldest (the map keeps issue order), and the live
   * ones among those are reported.
   */
  addAccessToken(record: CtctAccessRecord, now: number): void {
    this.accessTokens.set(record.jti, record);
    if (record.expiresAt < this.accessMinExpiresAt) this.accessMinExpiresAt = record.expiresAt;
    this.accessAddedSinceSweep++;
    if (this.accessTokens.size <= this.maxAccessTokens) return;
    if (now >= this.accessMinExpiresAt && this.accessAddedSinceSweep >= Math.max(1, this.maxAccessTokens >> 6)) {
      let min = Number.POSITIVE_INFINITY;
      for (const [jti, t] of this.accessTokens) {
        if (t.expiresAt <= now) this.accessTokens.delete(jti);
        else if (t.expiresAt < min) min = t.expiresAt;
      }
      this.accessMinExpiresAt = min;
      this.accessAddedSinceSweep = 0;
    }
    let live = 0;
    for (const [jti, t] of this.accessTokens) {
      if (this.accessTokens.size <= this.maxAccessTokens) break;
      this.accessTokens.delete(jti);
      if (t.expiresAt > now) live++;
    }
    if (live > 0) this.onLiveEviction?.(live);
  }

  /** Drops records that expired before `before`. */
  prune(before: number): void {
    for (const [id, c] of this.codes) if (c.expiresAt < before) this.codes.delete(id);
    for (const [id, t] of this.accessTokens) if (t.expiresAt < before) this.accessTokens.delete(id);
    for (const [id, d] of this.devices) if (d.expiresAt < before) this.devices.delete(id);
  }

  reset(): void {
    this.applications.clear();
    this.partners.clear();
    this.accounts.clear();
    this.grants.clear();
    this.codes.clear();
    this.refreshTokens.clear();
    this.accessTokens.clear();
    this.devices.clear();
    this.rates.clear();
    this.rateLimits = true;
    this.accessMinExpiresAt = Number.POSITIVE_INFINITY;
    this.accessAddedSinceSweep = 0;
  }
}
