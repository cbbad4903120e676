/**
 * @module
 * The emulator store: one partition per tenant holding plain records, plus in-memory indexes
 * (client id → package, token id → token) so the token hot path never scans. Tokens live in one map
 * (each record names its tenant): issuing a token is one map insert and one array push; the
 * tenant-scoped operations that filter it (revocation of a grant or client, tenant deletion, pruning,
 * snapshots) are off the token path. Snapshot, restore and reset are written once here.
 */
import type {
  PackageRecord,
  StoreSnapshot,
  TenantPartition,
  TenantRecord,
  TokenRecord,
  UserRecord,
} from './records.js';

interface Partition {
  tenant: TenantRecord;
  packages: Map<string, PackageRecord>;
  users: Map<string, UserRecord>;
}

/** Sort key for listing: stable insertion order is kept by `Map`, so lists are deterministic. */
export class EmulatorStore {
  private partitions = new Map<string, Partition>();
  private packagesById = new Map<string, PackageRecord>();
  private packagesByClientId = new Map<string, PackageRecord>();
  private tokensById = new Map<string, TokenRecord>();
  private nextNumericId = 10_000_001;
  /**
   * Most access-token records kept; bounds memory under sustained load. Past it, expired records are
   * dropped first; only when none is left is the oldest unexpired one dropped (that token is then
   * refused by the bearer check, like a revoked one) and {@link onLiveEviction} told. @default 100_000
   */
  maxAccessTokens = 100_000;
  /** Told how many unexpired access tokens were just dropped to stay within {@link maxAccessTokens}. */
  onLiveEviction: ((count: number) => void) | undefined;
  /** Access-token records in issue order (a FIFO from `accessHead`): eviction is O(1) per token. */
  private accessOrder: TokenRecord[] = [];
  private accessHead = 0;
  /** A lower bound of `expiresAt` over the FIFO's records: no record can have expired before it. */
  private accessMinExpiresAt = Number.POSITIVE_INFINITY;
  /** Access tokens added since the last sweep for expired records (sweeps are rationed, see `evictAccessTokens`). */
  private accessAddedSinceSweep = 0;

  /** Creates a store, optionally from a snapshot. */
  constructor(snapshot?: StoreSnapshot) {
    if (snapshot) this.restore(snapshot);
  }

  // ── tenants ──────────────────────────────────────────────────────────────
  tenants(): TenantRecord[] {
    return [...this.partitions.values()].map((p) => p.tenant);
  }
  tenant(subdomain: string): TenantRecord | undefined {
    return this.partitions.get(subdomain)?.tenant;
  }
  /** Creates or replaces a tenant's own fields; returns whether it was created. */
  putTenant(tenant: TenantRecord): 'created' | 'updated' {
    const existing = this.partitions.get(tenant.subdomain);
    if (existing) {
      existing.tenant = tenant;
      return 'updated';
    }
    this.partitions.set(tenant.subdomain, { tenant, packages: new Map(), users: new Map() });
    return 'created';
  }
  /** Removes a tenant with its users and tokens (callers check that no packages remain). */
  deleteTenant(subdomain: string): void {
    const p = this.partitions.get(subdomain);
    if (!p) return;
    for (const pkg of p.packages.values()) this.unindexPackage(pkg);
    for (const t of this.tokensById.values()) if (t.tenant === subdomain) this.tokensById.delete(t.id);
    this.partitions.delete(subdomain);
    this.compactAccessOrder();
  }

  // ── packages ─────────────────────────────────────────────────────────────
  packages(subdomain: string): PackageRecord[] {
    return [...(this.partitions.get(subdomain)?.packages.values() ?? [])];
  }
  package(id: string): PackageRecord | undefined {
    return this.packagesById.get(id);
  }
  packageByName(subdomain: string, name: string): PackageRecord | undefined {
    for (const pkg of this.partitions.get(subdomain)?.packages.values() ?? []) if (pkg.name === name) return pkg;
    return undefined;
  }
  /** Looks a client up by id: the token endpoint's only lookup (a `Map` get). */
  packageByClientId(clientId: string): PackageRecord | undefined {
    return this.packagesByClientId.get(clientId);
  }
  /** Inserts or replaces a package record and re-indexes its client id. */
  savePackage(pkg: PackageRecord): void {
    const p = this.partitions.get(pkg.tenant);
    if (!p) throw new Error(`no tenant ${pkg.tenant}`);
    const previous = this.packagesById.get(pkg.id);
    if (previous) this.unindexPackage(previous);
    p.packages.set(pkg.id, pkg);
    this.packagesById.set(pkg.id, pkg);
    if (pkg.integration) this.packagesByClientId.set(pkg.integration.clientId, pkg);
  }
  deletePackage(id: string): void {
    const pkg = this.packagesById.get(id);
    if (!pkg) return;
    this.unindexPackage(pkg);
    this.partitions.get(pkg.tenant)?.packages.delete(id);
  }
  private unindexPackage(pkg: PackageRecord): void {
    this.packagesById.delete(pkg.id);
    if (pkg.integration && this.packagesByClientId.get(pkg.integration.clientId) === pkg) {
      this.packagesByClientId.delete(pkg.integration.clientId);
    }
  }

  // ── users ────────────────────────────────────────────────────────────────
  users(subdomain: string): UserRecord[] {
    return [...(this.partitions.get(subdomain)?.users.values() ?? [])];
  }
  user(subdomain: string, username: string): UserRecord | undefined {
    return this.partitions.get(subdomain)?.users.get(username.toLowerCase());
  }
  userById(subdomain: string, id: string): UserRecord | undefined {
    for (const u of this.partitions.get(subdomain)?.users.values() ?? []) if (u.id === id) return u;
    return undefined;
  }
  saveUser(user: UserRecord): void {
    const p = this.partitions.get(user.tenant);
    if (!p) throw new Error(`no tenant ${user.tenant}`);
    p.users.set(user.username.toLowerCase(), user);
  }
  /** A fresh numeric id (users, package app users), unique for the store's lifetime. */
  numericId(): string {
    return String(this.nextNumericId++);
  }

  // ── tokens ───────────────────────────────────────────────────────────────
  token(id: string): TokenRecord | undefined {
    return this.tokensById.get(id);
  }
  addToken(token: TokenRecord): void {
    if (!this.partitions.has(token.tenant)) throw new Error(`no tenant ${token.tenant}`);
    this.tokensById.set(token.id, token);
    if (token.kind === 'access') {
      this.accessOrder.push(token);
      if (token.expiresAt < this.accessMinExpiresAt) this.accessMinExpiresAt = token.expiresAt;
      this.accessAddedSinceSweep++;
      if (this.accessOrder.length - this.accessHead > this.maxAccessTokens) this.evictAccessTokens(token.issuedAt);
    }
  }
  /**
   * Brings the access tokens back within the cap, expired ones first. The FIFO's head is the oldest
   * token; when a record anywhere may have expired (`now` past the lower bound of expiry) one sweep drops
   * every expired record. Sweeps are O(n), so they run at most once per 1/64 of the cap's insertions
   * (amortised O(1) per token); under load where nothing expires (tokens live 20 minutes) none runs.
   * Then, while still over the cap, the oldest go, and the unexpired among them are reported.
   */
  private evictAccessTokens(now: number): void {
    if (now >= this.accessMinExpiresAt && this.accessAddedSinceSweep >= Math.max(1, this.maxAccessTokens >> 6)) {
      this.sweepExpiredAccessTokens(now);
    }
    let live = 0;
    while (this.accessOrder.length - this.accessHead > this.maxAccessTokens) {
      const t = this.accessOrder[this.accessHead++]!;
      if (this.tokensById.get(t.id) === t) {
        this.tokensById.delete(t.id);
        if (t.expiresAt > now) live++;
      }
    }
    if (this.accessHead > 4096 && this.accessHead * 2 > this.accessOrder.length) this.compactAccessOrder();
    if (live > 0) this.onLiveEviction?.(live);
  }
  /** Drops every expired access-token record and recomputes the expiry bound (O(n)). */
  private sweepExpiredAccessTokens(now: number): void {
    const kept: TokenRecord[] = [];
    let min = Number.POSITIVE_INFINITY;
    for (let i = this.accessHead; i < this.accessOrder.length; i++) {
      const t = this.accessOrder[i]!;
      if (this.tokensById.get(t.id) !== t) continue;
      if (t.expiresAt <= now) {
        this.tokensById.delete(t.id);
        continue;
      }
      kept.push(t);
      if (t.expiresAt < min) min = t.expiresAt;
    }
    this.accessOrder = kept;
    this.accessHead = 0;
    this.accessMinExpiresAt = min;
    this.accessAddedSinceSweep = 0;
  }
  /** Drops evicted, pruned and deleted records from the FIFO (O(n); only off the token path). */
  private compactAccessOrder(): void {
    const live: TokenRecord[] = [];
    for (let i = this.accessHead; i < this.accessOrder.length; i++) {
      const t = this.accessOrder[i]!;
      if (this.tokensById.get(t.id) === t) live.push(t);
    }
    this.accessOrder = live;
    this.accessHead = 0;
  }
  /** Every token, newest first (admin listing; not on a hot path). */
  tokens(): TokenRecord[] {
    return [...this.tokensById.values()].reverse();
  }
  /** Revokes every live token of one grant (code replay, refresh-token reuse). Returns how many. */
  revokeGrant(tenant: string, grantId: string, at: number): number {
    let n = 0;
    for (const t of this.tokensById.values()) {
      if (t.grantId === grantId && t.tenant === tenant && t.revokedAt === null) {
        t.revokedAt = at;
        n++;
      }
    }
    return n;
  }
  /** Revokes every live token of one client (package deleted, secret rotated is NOT a revocation). */
  revokeClient(tenant: string, clientId: string, at: number): number {
    let n = 0;
    for (const t of this.tokensById.values()) {
      if (t.clientId === clientId && t.tenant === tenant && t.revokedAt === null) {
        t.revokedAt = at;
        n++;
      }
    }
    return n;
  }
  /** Drops tokens that expired before `before` (keeps recent ones so the admin listing can show them). */
  prune(before: number): number {
    let n = 0;
    for (const [id, t] of this.tokensById) {
      if (t.expiresAt < before) {
        this.tokensById.delete(id);
        n++;
      }
    }
    if (n > 0) this.compactAccessOrder();
    return n;
  }

  // ── whole store ──────────────────────────────────────────────────────────
  /** Clears everything. */
  reset(): void {
    this.partitions.clear();
    this.packagesById.clear();
    this.packagesByClientId.clear();
    this.tokensById.clear();
    this.accessOrder = [];
    this.accessHead = 0;
    this.accessMinExpiresAt = Number.POSITIVE_INFINITY;
    this.accessAddedSinceSweep = 0;
  }
  /**
   * A deep copy of everything, as plain data. The snapshot format carries the emulator's clock offset
   * too (where version 1 put it): pass it in.
   */
  snapshot(clockOffsetMs = 0): StoreSnapshot {
    const tokens = new Map<string, TokenRecord[]>();
    for (const t of this.tokensById.values()) {
      const list = tokens.get(t.tenant);
      if (list) list.push(t);
      else tokens.set(t.tenant, [t]);
    }
    const tenants: TenantPartition[] = [...this.partitions.values()].map((p) => ({
      tenant: p.tenant,
      packages: [...p.packages.values()],
      users: [...p.users.values()],
      tokens: tokens.get(p.tenant.subdomain) ?? [],
    }));
    return structuredClone({
      version: 1,
      clockOffsetMs,
      nextNumericId: this.nextNumericId,
      tenants,
    });
  }
  /** Replaces everything with a (copied) snapshot and rebuilds the indexes (its clock offset is the caller's). */
  restore(snapshot: StoreSnapshot): void {
    const s = structuredClone(snapshot);
    this.reset();
    this.nextNumericId = s.nextNumericId;
    for (const part of s.tenants) {
      this.putTenant(part.tenant);
      for (const pkg of part.packages) this.savePackage(pkg);
      for (const user of part.users) this.saveUser(user);
      for (const token of part.tokens) this.addToken(token);
    }
  }
}
