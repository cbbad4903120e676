import { describe, expect, it } from 'vitest';
import { BUILT_IN_REGISTRY } from '../vendors/index.js';
import { TARGET_NAMES } from './options.js';

describe('--target', () => {
  it('offers the emulator and exactly the targets the vendors bring', () => {
    // GIVEN the registered vendors' own targets
    const vendorTargets = BUILT_IN_REGISTRY.vendors.flatMap((v) => (v.targets ?? []).map((t) => t.name));
    // WHEN compared with the choices the flag declares (listed statically, so --help loads no vendor)
    // THEN they agree
    expect([...TARGET_NAMES]).toEqual(['emulator', ...vendorTargets]);
    expect(vendorTargets.map((name) => BUILT_IN_REGISTRY.target(name)?.name)).toEqual(['sfmc']);
  });
});
