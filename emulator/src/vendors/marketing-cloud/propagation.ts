/**
 * @module
 * Propagation delay: the vendor says integration changes (scopes, BU access, redirect URIs) take up
 * to 5 minutes to affect codes and tokens. With a delay configured (`PUT /_emulator/settings`,
 * default 0 = at once), an update keeps the previous integration in force until the emulator clock
 * passes `effectiveAt`; due changes are applied before each request is handled.
 */
import type { IntegrationRecord, PackageRecord } from './store/records.js';
import type { EmulatorStore } from './store/store.js';

export interface PendingChange {
  packageId: string;
  clientId: string;
  integration: IntegrationRecord;
  effectiveAt: number;
}

export class Propagation {
  private pending: PendingChange[] = [];

  list(): PendingChange[] {
    return this.pending.map((p) => ({ ...p }));
  }
  clear(): void {
    this.pending = [];
  }
  replace(changes: readonly PendingChange[]): void {
    this.pending = changes.map((p) => ({ ...p }));
  }

  /**
   * Called after an integration of `before` was updated in the store: with a delay, puts the previous
   * integration back and schedules the new one. Returns when it takes effect (epoch ms).
   */
  defer(store: EmulatorStore, before: PackageRecord, delaySeconds: number, now: number): number {
    const current = store.package(before.id);
    if (delaySeconds <= 0 || !before.integration || !current?.integration) return now;
    const effectiveAt = now + delaySeconds * 1000;
    this.pending.push({
      packageId: before.id,
      clientId: current.integration.clientId,
      integration: current.integration,
      effectiveAt,
    });
    store.savePackage({ ...current, integration: before.integration });
    return effectiveAt;
  }

  /** Whether any change is waiting (lets the request pipeline skip reading the clock). */
  hasPending(): boolean {
    return this.pending.length > 0;
  }
  /** Applies every change due at `now`; returns how many were applied. */
  applyDue(store: EmulatorStore, now: number): number {
    if (this.pending.length === 0) return 0;
    const due = this.pending.filter((p) => p.effectiveAt <= now);
    if (due.length === 0) return 0;
    this.pending = this.pending.filter((p) => p.effectiveAt > now);
    for (const change of due) {
      const pkg = store.package(change.packageId);
      if (pkg?.integration?.clientId !== change.clientId) continue;
      const { type, scopes, redirectUris, businessUnits, pkce, appExchange } = change.integration;
      store.savePackage({
        ...pkg,
        integration: { ...pkg.integration, type, scopes, redirectUris, businessUnits, pkce, appExchange },
      });
    }
    return due.length;
  }
}
