/**
 * @module
 * The state writer of an apply (`apply.ts`; STYLE P14, write before you act, record right after): on
 * the journal the store opened, the intent of each operation (`begin`) before its remote call, and
 * its result (`put`, `remove`) right after; what the plan refreshed and settled goes in first. It also
 * gives each call its driver context: the resource's address, its parent's target id, and this
 * state's ownership label.
 */
import type { DriverContext } from '../driver.js';
import { EngineError } from '../errors.js';
import type { JsonObject } from '../json.js';
import { ownerLabel } from '../ownership.js';
import { parentAddress } from '../registry/descriptor.js';
import type { Registry } from '../registry/registry.js';
import type { JournalEntry, StateJournal } from '../state/journal.js';
import type { PendingOperation, ResourceState } from '../state/records.js';

export class Recorder {
  constructor(
    private readonly journal: StateJournal,
    private readonly registry: Registry,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  get lineage(): string {
    return this.journal.lineage;
  }

  resource(address: string): ResourceState | undefined {
    return this.journal.resource(address);
  }

  /** The target id recorded at `address`; `ERR_APPLY_FAILED` when it is not in state. */
  idOf(address: string | null): string | null {
    if (address === null) return null;
    const r = this.journal.resource(address);
    if (r === undefined) throw new EngineError('ERR_APPLY_FAILED', `${address} is not in state; apply it first`);
    return r.id;
  }

  /**
   * The driver context of a call on `address` (a `kind` with `attributes`). `parent: 'required'`
   * fails when the parent is not in state (a create or update needs its id); `'known'` passes `null`.
   */
  context(address: string, kind: string, attributes: JsonObject, parent: 'required' | 'known'): DriverContext {
    const parentAt = parentAddress(this.registry.kind(kind), attributes);
    const parentId =
      parent === 'required'
        ? this.idOf(parentAt)
        : parentAt === null
          ? null
          : (this.journal.resource(parentAt)?.id ?? null);
    return { address, parentId, owner: ownerLabel(this.journal.lineage, address) };
  }

  /** The intent of an operation, durable before its remote call. */
  begin(address: string, pending: Omit<PendingOperation, 'startedAt'>): Promise<void> {
    return this.journal.append([{ op: 'begin', address, pending: { ...pending, startedAt: this.now() } }]);
  }

  /** A result, durable right after the call. */
  put(address: string, resource: ResourceState): Promise<void> {
    return this.journal.append([{ op: 'put', address, resource }]);
  }

  remove(addresses: readonly string[]): Promise<void> {
    return this.journal.append(addresses.map((address) => ({ op: 'remove', address })));
  }

  /**
   * Before the first operation (so an early failure keeps them too): the server-assigned values the
   * plan's refresh found, and the end of the intents it settled.
   */
  open(refreshed: readonly (readonly [string, JsonObject])[], settled: readonly string[]): Promise<void> {
    const opening: JournalEntry[] = [];
    for (const [address, values] of refreshed) {
      const r = this.journal.resource(address);
      if (r !== undefined)
        opening.push({ op: 'put', address, resource: { ...r, attributes: { ...r.attributes, ...values } } });
    }
    for (const address of settled) opening.push({ op: 'end', address });
    return this.journal.append(opening);
  }
}
