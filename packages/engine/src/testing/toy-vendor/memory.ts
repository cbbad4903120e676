/**
 * @module
 * The toy vendor in the memory driver: boxes (each with its lid) in a map, with the vendor's rule
 * that a lid cannot be taken off on its own.
 */
import type { DriverContext, KindDriver, ObservedResource } from '../../driver.js';
import type { MemoryContext } from '../../drivers/memory-kit.js';
import { rejected } from '../../drivers/memory-kit.js';
import type { JsonObject } from '../../json.js';
import type { MemoryBinding } from '../../registry/vendor.js';
import type { ToyBoxSpec } from './box.js';
import type { ToyLidSpec } from './lid.js';

export interface ToyWorld {
  readonly boxes: Map<string, { attributes: JsonObject; lid: JsonObject | null }>;
}

function boxOf({ world }: MemoryContext<ToyWorld>, ctx: DriverContext) {
  const box = ctx.parentId === null ? undefined : world.boxes.get(ctx.parentId);
  if (box === undefined) throw rejected(`${ctx.address}: no box ${ctx.parentId}`);
  return box;
}

function boxDriver(c: MemoryContext<ToyWorld>): KindDriver<ToyBoxSpec> {
  const { world, record, next } = c;
  return {
    read: async (id, ctx) => {
      record('toy-box', 'read', ctx);
      const b = world.boxes.get(id);
      return b === undefined ? null : { id, attributes: b.attributes };
    },
    create: async (spec, ctx) => {
      record('toy-box', 'create', ctx);
      const id = `box-${next()}`;
      const attributes = { name: spec.name, colour: spec.colour, serial: id };
      world.boxes.set(id, { attributes, lid: null });
      return { id, attributes, secrets: [{ name: 'boxKey', value: `key-${next()}` }] };
    },
    update: async (id, spec, changes, ctx) => {
      record('toy-box', 'update', ctx);
      const b = world.boxes.get(id);
      if (b === undefined) throw rejected(`no box ${id}`);
      b.attributes = { ...b.attributes, name: spec.name };
      const rotate = changes.some((x) => x.name === 'key');
      return { id, attributes: b.attributes, secrets: rotate ? [{ name: 'boxKey', value: `key-${next()}` }] : [] };
    },
    delete: async (id, ctx) => {
      record('toy-box', 'delete', ctx);
      if (!world.boxes.delete(id)) throw rejected(`no box ${id}`);
    },
    reissue: async (_id, name) => ({ name, value: `key-${next()}` }),
  };
}

function lidDriver(c: MemoryContext<ToyWorld>): KindDriver<ToyLidSpec> {
  const { record } = c;
  return {
    read: async (id, ctx) => {
      record('toy-lid', 'read', ctx);
      const lid = boxOf(c, ctx).lid;
      return lid === null ? null : { id, attributes: lid };
    },
    create: async (spec, ctx) => {
      record('toy-lid', 'create', ctx);
      const box = boxOf(c, ctx);
      box.lid = { shape: spec.shape };
      return { id: `${ctx.parentId}/lid`, attributes: box.lid, secrets: [] };
    },
    update: async (id, spec, _changes, ctx) => {
      record('toy-lid', 'update', ctx);
      const box = boxOf(c, ctx);
      box.lid = { shape: spec.shape };
      return { id, attributes: box.lid, secrets: [] };
    },
    delete: async (_id, ctx) => {
      record('toy-lid', 'delete', ctx);
      throw rejected('the toy vendor cannot take a lid off; delete the box');
    },
  };
}

export const toyMemory: MemoryBinding<ToyWorld> = {
  emptyWorld: () => ({ boxes: new Map() }),
  create: (c) => ({
    kinds: { 'toy-box': boxDriver(c), 'toy-lid': lidDriver(c) },
    observe: async (state) => {
      const out: Record<string, ObservedResource | null> = {};
      for (const [address, r] of Object.entries(state.resources)) {
        if (r.kind === 'toy-box') {
          const b = c.world.boxes.get(r.id);
          out[address] = b === undefined ? null : { id: r.id, attributes: b.attributes, ...c.labelOf(r.id) };
        } else if (r.kind === 'toy-lid') {
          const box = typeof r.attributes.box === 'string' ? state.resources[r.attributes.box] : undefined;
          const lid = box === undefined ? null : (c.world.boxes.get(box.id)?.lid ?? null);
          out[address] = lid === null ? null : { id: r.id, attributes: lid };
        }
      }
      return out;
    },
  }),
};
