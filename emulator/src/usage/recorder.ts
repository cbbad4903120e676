/**
 * @module
 * Usage recording: per client id, the business units its tokens were issued for, the scopes they
 * carried, and for every REST/SOAP call the scope the call needed (a row of
 * `@grantform/config/scope-requirements`) and whether the token had it; each with a count and first
 * and last seen (emulator clock). `grantform advise` and `emulator.usage()` turn it into the
 * least-privilege report (`@grantform/config/usage`).
 *
 * One recorder per vendor, held in the vendor's state and written in its snapshot section (so it
 * survives `--state`). Memory is bounded: at most {@link UsageLimits.clients} client ids (later ones
 * are not recorded but counted, once each, in `droppedClients`, up to as many again), and per client at
 * most `units` business units and `calls` distinct calls. The token endpoint records through {@link UsageRecorder.token}: a map look-up
 * and a few counters, no allocation once a client, unit and scope are known.
 */
import type { RequirementVendor, ScopeRequirement } from '@grantform/config/scope-requirements';
import { alternativesOf, callName } from '@grantform/config/scope-requirements';
import type { CallUsage, IntegrationUsage, UsageCount } from '@grantform/config/usage';

/** A count with first and last seen, epoch ms. */
export interface UsageCounter {
  count: number;
  first: number;
  last: number;
}

interface CallRecord extends UsageCounter {
  readonly call: string;
  readonly required: readonly string[];
  readonly grantedBy: string | null;
}

interface ClientRecord {
  readonly clientId: string;
  tokens: UsageCounter | null;
  readonly units: Map<string, UsageCounter>;
  readonly scopes: Map<string, UsageCounter>;
  readonly calls: Map<string, CallRecord>;
}

/** The recorder as plain data (epoch ms), for the vendor's snapshot section. */
export interface UsageSnapshot {
  version: 1;
  droppedClients: number;
  /** Manifest addresses by client id, from seeding. */
  addresses: Record<string, string>;
  clients: {
    clientId: string;
    tokens: UsageCounter | null;
    businessUnits: (UsageCounter & { id: string })[];
    scopes: (UsageCounter & { scope: string })[];
    calls: (UsageCounter & { call: string; required: string[]; grantedBy: string | null })[];
  }[];
}

export interface UsageLimits {
  /** @default 1000 */
  readonly clients: number;
  /** @default 1000 */
  readonly units: number;
  /** @default 500 */
  readonly calls: number;
}

/** What a vendor knows of a client id when usage is exported. */
export interface UsageDescription {
  readonly tenant: string | null;
  readonly package: string | null;
  readonly integration: IntegrationUsage['integration'];
}

const DEFAULT_LIMITS: UsageLimits = { clients: 1000, units: 1000, calls: 500 };

function bump(map: Map<string, UsageCounter>, key: string, now: number, max: number): void {
  const c = map.get(key);
  if (c !== undefined) {
    c.count++;
    c.last = now;
  } else if (map.size < max) {
    map.set(key, { count: 1, first: now, last: now });
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
const counted = (c: UsageCounter): UsageCount => ({ count: c.count, firstSeen: iso(c.first), lastSeen: iso(c.last) });
const byKey = <T>(a: [string, T], b: [string, T]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** One vendor's usage records. */
export class UsageRecorder {
  readonly vendor: RequirementVendor;
  private readonly limits: UsageLimits;
  private readonly clients = new Map<string, ClientRecord>();
  private readonly addresses = new Map<string, string>();
  /** Distinct client ids dropped since the last clear (at most `limits.clients` of them are remembered). */
  private readonly droppedIds = new Set<string>();
  /** Dropped client ids counted before a restore (their ids are not kept in snapshots). */
  private droppedBefore = 0;

  constructor(vendor: RequirementVendor, limits: Partial<UsageLimits> = {}) {
    this.vendor = vendor;
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  private client(clientId: string): ClientRecord | undefined {
    let c = this.clients.get(clientId);
    if (c === undefined) {
      if (this.clients.size >= this.limits.clients) {
        if (this.droppedIds.size < this.limits.clients) this.droppedIds.add(clientId);
        return undefined;
      }
      c = { clientId, tokens: null, units: new Map(), scopes: new Map(), calls: new Map() };
      this.clients.set(clientId, c);
    }
    return c;
  }

  /** An access token was issued to `clientId` for business unit (or account) `unit`, carrying `scopes`. */
  token(clientId: string, unit: string, scopes: readonly string[], now: number): void {
    const c = this.client(clientId);
    if (c === undefined) return;
    if (c.tokens === null) c.tokens = { count: 1, first: now, last: now };
    else {
      c.tokens.count++;
      c.tokens.last = now;
    }
    bump(c.units, unit, now, this.limits.units);
    for (const s of scopes) bump(c.scopes, s, now, Number.POSITIVE_INFINITY);
  }

  /**
   * A call by `clientId` that needs `requirement` (in `caseName`, when its scope depends on the
   * request); `grantedBy` is what `grantingScope` answered (`null`: refused).
   */
  call(
    clientId: string,
    requirement: ScopeRequirement,
    grantedBy: string | null,
    now: number,
    caseName?: string,
  ): void {
    const c = this.client(clientId);
    if (c === undefined) return;
    const required = alternativesOf(requirement, caseName);
    const name = callName(requirement);
    const key = `${name}\u0000${required.join(' ')}\u0000${grantedBy ?? '\u0001'}`;
    const hit = c.calls.get(key);
    if (hit !== undefined) {
      hit.count++;
      hit.last = now;
    } else if (c.calls.size < this.limits.calls) {
      c.calls.set(key, { call: name, required, grantedBy, count: 1, first: now, last: now });
    }
  }

  /** Names the manifest address of a client id (seeding). */
  label(clientId: string, address: string): void {
    this.addresses.set(clientId, address);
  }

  /** Forgets every count (the addresses stay: they describe the integrations, not their use). */
  clear(): void {
    this.clients.clear();
    this.droppedIds.clear();
    this.droppedBefore = 0;
  }

  /** Forgets everything, addresses too (a full emulator reset). */
  reset(): void {
    this.clear();
    this.addresses.clear();
  }

  /** How many client ids have records. */
  get size(): number {
    return this.clients.size;
  }

  get droppedClients(): number {
    return this.droppedBefore + this.droppedIds.size;
  }

  /** The records in the admin API's form (`IntegrationUsage`), sorted by client id. */
  export(describe: (clientId: string) => UsageDescription): IntegrationUsage[] {
    return [...this.clients.values()]
      .sort((a, b) => (a.clientId < b.clientId ? -1 : 1))
      .map((c) => {
        const d = describe(c.clientId);
        const calls: CallUsage[] = [...c.calls.entries()].sort(byKey).map(([, r]) => ({
          call: r.call,
          required: [...r.required],
          granted: r.grantedBy !== null,
          grantedBy: r.grantedBy,
          ...counted(r),
        }));
        return {
          vendor: this.vendor,
          clientId: c.clientId,
          address: this.addresses.get(c.clientId) ?? null,
          tenant: d.tenant,
          package: d.package,
          integration: d.integration,
          tokens: c.tokens === null ? { count: 0, firstSeen: '', lastSeen: '' } : counted(c.tokens),
          businessUnits: [...c.units.entries()].sort(byKey).map(([id, u]) => ({ id, ...counted(u) })),
          scopes: [...c.scopes.entries()].sort(byKey).map(([scope, u]) => ({ scope, ...counted(u) })),
          calls,
        };
      });
  }

  /** Used and unused scopes of one client, against the scopes it holds (for the console). */
  scopeUse(clientId: string, held: readonly string[]): { seen: boolean; used: string[]; unused: string[] } {
    const c = this.clients.get(clientId);
    if (c === undefined) return { seen: false, used: [], unused: [] };
    const used = new Set<string>();
    for (const r of c.calls.values()) if (r.grantedBy !== null && r.grantedBy !== '') used.add(r.grantedBy);
    return { seen: true, used: [...used].sort(), unused: held.filter((s) => !used.has(s)) };
  }

  /** Everything, as plain data (a copy). */
  snapshot(): UsageSnapshot {
    return {
      version: 1,
      droppedClients: this.droppedClients,
      addresses: Object.fromEntries([...this.addresses.entries()].sort(byKey)),
      clients: [...this.clients.values()].map((c) => ({
        clientId: c.clientId,
        tokens: c.tokens === null ? null : { ...c.tokens },
        businessUnits: [...c.units.entries()].map(([id, u]) => ({ id, ...u })),
        scopes: [...c.scopes.entries()].map(([scope, u]) => ({ scope, ...u })),
        calls: [...c.calls.values()].map((r) => ({ ...r, required: [...r.required] })),
      })),
    };
  }

  /** Replaces everything with a (parsed) snapshot; `undefined` (an older snapshot): empty. */
  restore(s: UsageSnapshot | undefined): void {
    this.reset();
    if (s === undefined) return;
    this.droppedBefore = s.droppedClients;
    for (const [clientId, address] of Object.entries(s.addresses)) this.addresses.set(clientId, address);
    for (const c of s.clients.slice(0, this.limits.clients)) {
      const { count, first, last } = c.tokens ?? { count: 0, first: 0, last: 0 };
      this.clients.set(c.clientId, {
        clientId: c.clientId,
        tokens: c.tokens === null ? null : { count, first, last },
        units: new Map(c.businessUnits.map((u) => [u.id, { count: u.count, first: u.first, last: u.last }])),
        scopes: new Map(c.scopes.map((u) => [u.scope, { count: u.count, first: u.first, last: u.last }])),
        calls: new Map(
          c.calls.map((r) => [
            `${r.call}\u0000${r.required.join(' ')}\u0000${r.grantedBy ?? '\u0001'}`,
            {
              call: r.call,
              required: r.required,
              grantedBy: r.grantedBy,
              count: r.count,
              first: r.first,
              last: r.last,
            },
          ]),
        ),
      });
    }
  }
}
