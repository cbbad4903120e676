/**
 * @module
 * Declarative fault rules (`/_emulator/faults`). A rule matches requests to the vendor hosts by host
 * kind, path prefix, method, client id and tenant, and then, for its next `times` matches (or for
 * ever) and with a `probability`, answers with a vendor-shaped error, adds latency, drops the
 * connection or returns malformed JSON. Admin routes (`/_emulator/*`) are never faulted. Which hosts
 * can be faulted, and the shapes of the answers, come from the vendors ({@link FaultContribution}).
 */
import { z } from 'zod';

/**
 * The body of `POST /_emulator/faults` for an emulator whose vendors name these host kinds (each
 * vendor's `faults.hostKinds`, e.g. Marketing Cloud's `auth`, `rest`, `soap`, `legacy`).
 */
export function faultBodySchema(hostKinds: readonly string[]) {
  const [first, ...rest] = hostKinds;
  return z.strictObject({
    match: z
      .strictObject({
        /** Which vendor host: one of the vendors' host kinds. */
        host: (first === undefined ? z.never() : z.enum([first, ...rest])).optional(),
        /** Path prefix on that host, case-insensitive (e.g. `/v2/token`). */
        path: z.string().startsWith('/').optional(),
        method: z.string().min(1).optional(),
        /** Client id: from the token request body, or the `client_id` claim of the presented token. */
        clientId: z.string().min(1).optional(),
        /** Tenant subdomain. */
        tenant: z.string().min(1).optional(),
      })
      .default({}),
    action: faultAction,
    /** Apply to the next N matching requests, then remove the rule. @default for ever */
    times: z.number().int().positive().optional(),
    /** Chance of applying to a matching request. @default 1 */
    probability: z.number().min(0).max(1).default(1),
  });
}

const faultAction = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('error'),
    status: z.number().int().min(400).max(599),
    /** OAuth `error` on auth hosts (e.g. `invalid_grant`); default by status. */
    error: z.string().min(1).optional(),
    description: z.string().optional(),
    /** Seconds for `Retry-After` (default 5 for 429). */
    retryAfter: z.number().int().min(0).optional(),
    /** Replace the vendor body with this JSON. */
    body: z.unknown().optional(),
  }),
  z.strictObject({ type: z.literal('latency'), ms: z.number().int().min(1).max(120_000) }),
  z.strictObject({ type: z.literal('drop') }),
  z.strictObject({ type: z.literal('malformed-json') }),
]);

export type FaultBody = z.infer<ReturnType<typeof faultBodySchema>>;
export type FaultAction = FaultBody['action'];

export interface FaultRule {
  id: string;
  match: FaultBody['match'];
  action: FaultAction;
  times: number | null;
  probability: number;
  /** Remaining applications (`null` = unlimited). */
  remaining: number | null;
  hits: number;
  createdAt: string;
}

/** Where a request to a vendor host goes, as fault rules match it. */
export interface FaultTarget {
  /** The vendor's name for the kind of host (`auth`, `rest`, …): a fault rule's `match.host`. */
  readonly host: string;
  /** The tenant (lower case), where the host belongs to one. */
  readonly tenant: string | undefined;
  /** The path on that host (as the router sees it). */
  readonly path: string;
  /** Upper case. */
  readonly method: string;
}

/** How a vendor's hosts take part in fault injection: the host kinds, and the answers in its shapes. */
export interface FaultContribution {
  /** Host kinds a fault rule may name in `match.host`. */
  readonly hostKinds: readonly string[];
  /** What a virtual path addresses; `undefined` when it is not one of this vendor's hosts. */
  target(virtualPath: string, method: string): FaultTarget | undefined;
  /**
   * The client id in a request body this vendor's way (a SOAP header, say); `undefined` to let the
   * core read `client_id`/`clientId` from a JSON or form body.
   */
  clientIdFromBody?(target: FaultTarget, text: string): string | undefined;
  /** The vendor-shaped answer of an `error` fault. */
  errorResponse(target: FaultTarget, action: Extract<FaultAction, { type: 'error' }>): Response;
  /** A truncated body with status 200 (`malformed-json`). */
  malformedResponse(target: FaultTarget): Response;
}

export class FaultRules {
  private rules: FaultRule[] = [];
  /** The body of `POST /_emulator/faults` (and of a rule in a snapshot) for these vendors. */
  readonly body: ReturnType<typeof faultBodySchema>;

  constructor(hostKinds: readonly string[]) {
    this.body = faultBodySchema(hostKinds);
  }

  get size(): number {
    return this.rules.length;
  }
  /** Whether any rule needs the client id (so the body or token must be read). */
  needsClientId(): boolean {
    return this.rules.some((r) => r.match.clientId !== undefined);
  }
  add(id: string, body: FaultBody, now: number): FaultRule {
    const rule: FaultRule = {
      id,
      match: body.match,
      action: body.action,
      times: body.times ?? null,
      probability: body.probability,
      remaining: body.times ?? null,
      hits: 0,
      createdAt: new Date(now).toISOString(),
    };
    this.rules.push(rule);
    return rule;
  }
  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }
  remove(id: string): boolean {
    const n = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < n;
  }
  clear(): void {
    this.rules = [];
  }
  replace(rules: readonly FaultRule[]): void {
    this.rules = rules.map((r) => ({ ...r }));
  }

  /** The first rule that matches and fires (counting it), or `undefined`. `random()` is in [0, 1). */
  take(t: FaultTarget, clientId: string | undefined, random: () => number): FaultRule | undefined {
    for (const r of this.rules) {
      const m = r.match;
      if (m.host !== undefined && m.host !== t.host) continue;
      if (m.tenant !== undefined && m.tenant.toLowerCase() !== t.tenant) continue;
      if (m.method !== undefined && m.method.toUpperCase() !== t.method) continue;
      if (m.path !== undefined && !t.path.startsWith(m.path.toLowerCase())) continue;
      if (m.clientId !== undefined && m.clientId !== clientId) continue;
      if (r.probability < 1 && random() >= r.probability) continue;
      r.hits++;
      if (r.remaining !== null) {
        r.remaining--;
        if (r.remaining <= 0) this.remove(r.id);
      }
      return { ...r };
    }
    return undefined;
  }
}
