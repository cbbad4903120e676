/**
 * @module
 * What a vendor's part of the memory driver (`drivers/memory-driver.ts`) is given: its share of the
 * world, the call log (which may throw an injected fault), fresh numbers for ids and secrets, and
 * the ownership labels the world keeps. Pure types and one helper.
 */
import type { DriverContext, ObservedResource } from '../driver.js';
import { EngineError } from '../errors.js';

export type DriverOp = 'read' | 'create' | 'update' | 'delete';

export interface MemoryCall {
  readonly n: number;
  readonly kind: string;
  readonly op: DriverOp;
  readonly address: string;
}

/** The part of the memory world every vendor shares. */
export interface MemoryWorldBase {
  /**
   * Ownership labels by target id, kept like the emulator keeps them (`ownership.ts`). With this map
   * the driver labels what it creates and `observe()` reports labels and unrecorded resources.
   * @default none: the driver keeps no labels
   */
  readonly owners?: Map<string, string | null>;
}

export interface MemoryContext<W extends object> {
  /** The world, with this vendor's part (`MemoryBinding.emptyWorld()` when the caller gave none). */
  readonly world: W & MemoryWorldBase;
  /** Logs a call; throws when the test injected a fault for it (`failOn`). */
  record(kind: string, op: DriverOp, ctx: DriverContext): void;
  /** A fresh number (ids, secret values), shared by every vendor of the driver. */
  next(): number;
  /** `{owner}` of target id `id` when the world keeps labels; `{}` when it does not. */
  labelOf(id: string): Pick<ObservedResource, 'owner'>;
}

export function rejected(message: string): EngineError {
  return new EngineError('ERR_TARGET_REJECTED', message);
}
