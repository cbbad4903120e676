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

  /** Prunes expired records once the access-token map passes `limit` entries (bounded memory under load). */
  pruneIfLarge(now: number, limit = 50_000): void {
    if (this.accessTokens.size > limit) this.prune(now);
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
  }
}
