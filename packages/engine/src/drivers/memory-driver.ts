/**
 * @module
 * A fake target held in memory, made of every registered vendor's memory part (its kinds with the
 * vendor's rules, and how it observes them). Around every kind it adds what a test needs: a call log,
 * injected faults (`failOn` before a call changes anything, `failAfter` once it has: a lost answer),
 * ownership labels when the world keeps them, and per-kind overrides (pulumi `deploytest` provider).
 */
import type { ResourceKind, ResourceSpecs } from '@grantform/config';
import type {
  DriverContext,
  KindDriver,
  KindDrivers,
  ObservedResource,
  ObservedState,
  ResourceDriver,
} from '../driver.js';
import type { Registry } from '../registry/registry.js';
import type { DriverPart } from '../registry/vendor.js';
import type { BuiltInMemoryWorld } from '../vendors/index.js';
import { BUILT_IN_REGISTRY } from '../vendors/index.js';
import type { DriverOp, MemoryCall, MemoryContext, MemoryWorldBase } from './memory-kit.js';

export type { DriverOp, MemoryCall } from './memory-kit.js';

/** The world the memory driver holds: every built-in vendor's share, and the labels. */
export type MemoryWorld = BuiltInMemoryWorld & MemoryWorldBase;

export interface MemoryDriverOptions {
  /** Return an error to make that call fail (before it changes anything). */
  readonly failOn?: (call: MemoryCall) => Error | undefined;
  /**
   * Return an error to make that call fail after it changed the world (a response lost on the way
   * back: the create happened, the caller never heard of it).
   */
  readonly failAfter?: (call: MemoryCall) => Error | undefined;
  /** Replace any kind's functions. */
  readonly overrides?: { readonly [K in ResourceKind]?: Partial<KindDriver<ResourceSpecs[K]>> } & {
    readonly [kind: string]: Partial<KindDriver> | undefined;
  };
  /** @default a fresh world (each vendor's `emptyWorld()`), keeping no labels */
  readonly world?: MemoryWorld;
  /** The vendors whose kinds it holds. @default the built-in vendors */
  readonly registry?: Registry;
}

export interface MemoryDriver extends ResourceDriver {
  readonly world: MemoryWorld;
  readonly calls: MemoryCall[];
}

/**
 * Labels (when the world keeps them) and lost responses, around a kind's create and update; a
 * `claim` that writes the label.
 */
function instrument(
  kd: KindDriver,
  labels: boolean,
  owners: Map<string, string | null> | undefined,
  after: <T>(start: () => Promise<T>, label: (value: T) => void) => Promise<T>,
): KindDriver {
  const wrapped: KindDriver = {
    ...kd,
    create: (spec, ctx) =>
      after(
        () => kd.create(spec, ctx),
        (r) => {
          if (owners !== undefined && labels) owners.set(r.id, ctx.owner ?? null);
        },
      ),
    update: (id, spec, changes, ctx) =>
      after(
        () => kd.update(id, spec, changes, ctx),
        () => {
          if (owners !== undefined && labels && ctx.owner !== undefined) owners.set(id, ctx.owner);
        },
      ),
  };
  if (owners !== undefined && labels) {
    wrapped.claim = async (id: string, ctx: DriverContext) => {
      owners.set(id, ctx.owner ?? null);
    };
  }
  return wrapped;
}

/**
 * @example
 * const driver = createMemoryDriver({ failOn: (c) => (c.n === 3 ? new Error('boom') : undefined) });
 */
export function createMemoryDriver(options: MemoryDriverOptions = {}): MemoryDriver {
  const registry = options.registry ?? BUILT_IN_REGISTRY;
  const bindings = registry.vendors.flatMap((v) => (v.memory === undefined ? [] : [v.memory]));
  const world = (options.world ?? Object.assign({}, ...bindings.map((b) => b.emptyWorld()))) as MemoryWorld;
  const calls: MemoryCall[] = [];
  let seq = 0;
  const owners = world.owners;
  const context: MemoryContext<object> = {
    world,
    record: (kind: string, op: DriverOp, ctx: DriverContext) => {
      const call = { n: calls.length + 1, kind, op, address: ctx.address };
      calls.push(call);
      const err = options.failOn?.(call);
      if (err !== undefined) throw err;
    },
    next: () => {
      seq += 1;
      return seq;
    },
    labelOf: (id) => (owners === undefined ? {} : { owner: owners.get(id) ?? null }),
  };
  const parts: DriverPart[] = bindings.map((b) => b.create(context));
  // `record` runs synchronously when a call starts, so the last call right after starting one is it.
  const after = <T>(start: () => Promise<T>, label: (value: T) => void): Promise<T> => {
    const work = start();
    const call = calls[calls.length - 1];
    return work.then((value) => {
      label(value);
      const err = call === undefined ? undefined : options.failAfter?.(call);
      if (err !== undefined) throw err;
      return value;
    });
  };
  const resources: Record<string, KindDriver> = {};
  for (const part of parts) {
    for (const [kind, kd] of Object.entries(part.kinds)) {
      const labels = !registry.kind(kind).component;
      resources[kind] = { ...instrument(kd, labels, owners, after), ...options.overrides?.[kind] };
    }
  }

  return {
    name: 'memory',
    readOnly: false,
    world,
    calls,
    resources: resources as KindDrivers,
    observe: async (state, desired) => {
      const out: Record<string, ObservedResource | null> = {};
      for (const part of parts) Object.assign(out, await part.observe(state, desired));
      return out satisfies ObservedState;
    },
  };
}
