/**
 * @module
 * Read-only views of the core's state for the console (the fault rules). Each vendor has its own
 * (`vendors/<vendor>/console/`). Every row is built field by field, so nothing secret can reach a
 * page by accident.
 */
import type { FaultAction } from '../control/faults.js';
import type { EmulatorContext } from '../env.js';

/** client id → a readable name (`tenant / package`), from every vendor, for the request tables. */
export function clientNames(ctx: EmulatorContext): Map<string, string> {
  const names = new Map<string, string>();
  for (const v of ctx.vendors) {
    for (const [id, name] of v.console?.clientNames?.(ctx.partition(v.partition)) ?? []) names.set(id, name);
  }
  return names;
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
