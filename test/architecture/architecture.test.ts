/**
 * The architecture, read from the import graph (`import-graph.ts`; type-only imports count): no
 * module of any package imports itself round a cycle, and the emulator's core never names a vendor.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, forbiddenImports, importGraph } from './import-graph.js';

const ROOT = resolve(import.meta.dirname, '../..');
const graphOf = (dir: string) => importGraph(resolve(ROOT, dir));

describe('import cycles', () => {
  it.each([
    'packages/config/src',
    'emulator/src',
    'packages/testing/src',
    'packages/terraform-plugin/src',
    'packages/terraform-provider/src',
  ])('there are none in %s', (dir) => {
    // GIVEN the package's import graph (tests left out) WHEN its cycles are listed THEN there are none
    expect(findCycles(graphOf(dir))).toEqual([]);
  });

  it('there are none in packages/engine/src', () => {
    expect(findCycles(graphOf('packages/engine/src'))).toEqual([]);
  });
});

describe('the emulator core and its vendors', () => {
  // Tests and test fixtures may use a vendor to exercise the core; modules may not.
  const isTestSupport = (id: string) => /\.test\.tsx?$|\.d\.ts$|(^|\/)testing\/|fixture/.test(id);
  const graph = importGraph(resolve(ROOT, 'emulator/src'), { exclude: isTestSupport });
  const isVendor = (id: string) => id.startsWith('vendors/');

  it('no module of the core imports a vendor folder: only index.ts imports the list of vendors', () => {
    // WHEN the core's imports of anything under vendors/ are listed
    const found = forbiddenImports(graph, (from) => !isVendor(from), isVendor);
    // THEN the one there is is the registration list, imported by the package entry
    expect(found).toEqual(['index.ts → vendors/index.ts']);
  });

  it('no vendor imports another: only the registration list (vendors/index.ts) reaches into a vendor folder', () => {
    // GIVEN the vendor folders
    const folders = [...new Set([...graph.edges.keys()].filter(isVendor).map((id) => id.split('/')[1]!))].filter(
      (f) => f !== 'index.ts',
    );
    expect(folders.sort()).toEqual(['constant-contact', 'marketing-cloud']);
    for (const folder of folders) {
      // WHEN the imports into the folder from outside it are listed
      const inside = (id: string) => id.startsWith(`vendors/${folder}/`);
      const fromOutside = forbiddenImports(graph, (from) => !inside(from), inside);
      // THEN they all come from the registration list, which takes the vendor's profile
      expect(new Set(fromOutside.map((edge) => edge.split(' → ')[0]))).toEqual(new Set(['vendors/index.ts']));
      expect(fromOutside).toContainEqual(
        expect.stringMatching(new RegExp(`^vendors/index\\.ts → vendors/${folder}/index\\.tsx?$`)),
      );
    }
  });
});
