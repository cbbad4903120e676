/**
 * @module
 * A third vendor, for tests only: what adding one takes. Its own folder (this one: two kinds'
 * descriptors, its part of the memory driver, its profile) plus one registration line
 * (`createRegistry([...VENDORS, toyVendor])` in a test; `vendors/index.ts` for a real one).
 */
import type { VendorProfile } from '../../registry/vendor.js';
import { toyBox } from './box.js';
import { toyLid } from './lid.js';
import { toyMemory } from './memory.js';

export type { ToyBoxSpec } from './box.js';
export type { ToyLidSpec } from './lid.js';
export type { ToyWorld } from './memory.js';

export const toyVendor: VendorProfile = {
  name: 'toy',
  kinds: [toyBox, toyLid],
  memory: toyMemory,
};
