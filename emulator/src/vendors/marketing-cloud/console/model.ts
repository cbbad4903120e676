/**
 * @module
 * Read-only views of Marketing Cloud's records for the console. Every row is built field by field
 * from the records, so nothing secret (secret or password digests, JWT signing secrets, token values)
 * can reach a page by accident. Nothing here mutates the store.
 */
import type { McContext } from '../context.js';
import type { BusinessUnitRecord, TokenKind, TokenRecord } from '../store/records.js';
import { type TokenState, tokenState } from '../tokens.js';

export interface TokenRow {
  readonly id: string;
  readonly kind: TokenKind;
  readonly state: TokenState;
  readonly clientId: string;
  readonly packageName: string | undefined;
  readonly tenantName: string;
  readonly mid: number;
  readonly userId: string | null;
  readonly username: string | undefined;
  readonly scopes: readonly string[];
  readonly issuedAt: number;
  readonly expiresAt: number;
}

export function tokenRow(ctx: McContext, t: TokenRecord, now: number): TokenRow {
  const { store } = ctx;
  return {
    id: t.id,
    kind: t.kind,
    state: tokenState(t, now),
    clientId: t.clientId,
    packageName: store.package(t.packageId)?.name,
    tenantName: store.tenant(t.tenant)?.name ?? t.tenant,
    mid: t.mid,
    userId: t.userId,
    username: t.userId === null ? undefined : store.userById(t.tenant, t.userId)?.username,
    scopes: t.scopes,
    issuedAt: t.issuedAt,
    expiresAt: t.expiresAt,
  };
}

/** Every token the store still lists (newest first), as rows on the emulator clock. */
export function tokenRows(ctx: McContext, now: number): TokenRow[] {
  return ctx.store.tokens().map((t) => tokenRow(ctx, t, now));
}

/** client id → "tenant / package" for the request log. */
export function clientNames(ctx: McContext): Map<string, string> {
  const names = new Map<string, string>();
  for (const t of ctx.store.tenants()) {
    for (const p of ctx.store.packages(t.subdomain)) {
      if (p.integration) names.set(p.integration.clientId, `${t.name} / ${p.name}`);
    }
  }
  return names;
}

export interface BusinessUnitNode {
  readonly bu: BusinessUnitRecord;
  readonly children: BusinessUnitNode[];
}

/** The business units as a tree (roots: no parent or an unknown parent; cycles are cut). */
export function businessUnitTree(units: readonly BusinessUnitRecord[]): BusinessUnitNode[] {
  const byParent = new Map<number | null, BusinessUnitRecord[]>();
  const mids = new Set(units.map((u) => u.mid));
  for (const u of units) {
    const parent = u.parentMid !== null && mids.has(u.parentMid) && u.parentMid !== u.mid ? u.parentMid : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), u]);
  }
  const seen = new Set<number>();
  const build = (bu: BusinessUnitRecord): BusinessUnitNode => {
    seen.add(bu.mid);
    const children = (byParent.get(bu.mid) ?? []).filter((c) => !seen.has(c.mid)).map(build);
    return { bu, children };
  };
  const roots = (byParent.get(null) ?? []).map(build);
  // units only reachable through a cycle still get shown, as roots
  for (const u of units) if (!seen.has(u.mid)) roots.push(build(u));
  return roots;
}
