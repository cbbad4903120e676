/**
 * @module
 * Read-only views of the emulator's state for the console. Every row is built field by field from the
 * records, so nothing secret (secret or password digests, JWT signing secrets, token values) can reach
 * a page by accident. Nothing here mutates the store.
 */
import type { FaultAction } from '../control/faults.js';
import type { EmulatorContext } from '../env.js';
import type { BusinessUnitRecord, TokenKind, TokenRecord } from '../vendors/marketing-cloud/store/records.js';
import { type TokenState, tokenState } from '../vendors/marketing-cloud/tokens.js';

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

export function tokenRow(ctx: EmulatorContext, t: TokenRecord, now: number): TokenRow {
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
export function tokenRows(ctx: EmulatorContext, now: number): TokenRow[] {
  return ctx.store.tokens().map((t) => tokenRow(ctx, t, now));
}

/** client id → "tenant / package" for the request log. */
export function clientNames(ctx: EmulatorContext): Map<string, string> {
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

/** A fault rule as the console shows it: what it matches and what it does, as text. */
export interface FaultRuleRow {
  readonly id: string;
  readonly match: readonly (readonly [string, string])[];
  readonly action: string;
  readonly remaining: string;
  readonly probability: number;
  readonly hits: number;
  readonly createdAt: string;
}

function describeAction(a: FaultAction): string {
  switch (a.type) {
    case 'error': {
      const parts = [`error ${a.status}`];
      if (a.error !== undefined) parts.push(a.error);
      if (a.description !== undefined) parts.push(`"${a.description}"`);
      if (a.retryAfter !== undefined) parts.push(`Retry-After ${a.retryAfter} s`);
      if (a.body !== undefined) parts.push('custom body');
      return parts.join(', ');
    }
    case 'latency':
      return `latency ${a.ms} ms`;
    case 'drop':
      return 'drop the connection';
    case 'malformed-json':
      return 'malformed JSON';
  }
}

/** The fault rules (`/_emulator/faults`), in evaluation order. */
export function faultRuleRows(ctx: EmulatorContext): FaultRuleRow[] {
  return ctx.control.faults.list().map((r) => ({
    id: r.id,
    match: Object.entries(r.match).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as const] : [])),
    action: describeAction(r.action),
    remaining: r.remaining === null ? 'for ever' : `${r.remaining} of ${r.times ?? r.remaining}`,
    probability: r.probability,
    hits: r.hits,
    createdAt: r.createdAt,
  }));
}
