import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCycles, forbiddenImports, importGraph } from './import-graph.js';

const dir = mkdtempSync(join(tmpdir(), 'grantform-graph-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(dir, 't-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('importGraph', () => {
  it('resolves .js specifiers to sources, index files and tsx; records packages; leaves tests out', () => {
    // GIVEN a small tree
    const root = tree({
      'a.ts': "import { b } from './b.js';\nimport type { C } from './c/index.js';\nimport { z } from 'zod';\n",
      'b.ts': "export { x } from './view.jsx';\nconst lazy = () => import('./c/index.js');\n",
      'c/index.ts': 'export type C = 1;\n',
      'view.tsx': 'export const x = 1;\n',
      'a.test.ts': "import './a.js';\n",
    });
    // WHEN its graph is read
    const graph = importGraph(root);
    // THEN
    expect(Object.fromEntries(graph.edges)).toEqual({
      'a.ts': ['b.ts', 'c/index.ts'],
      'b.ts': ['c/index.ts', 'view.tsx'],
      'c/index.ts': [],
      'view.tsx': [],
    });
    expect(graph.packages.get('a.ts')).toEqual(['zod']);
  });

  it('names an import it cannot resolve', () => {
    const root = tree({ 'a.ts': "import './missing.js';\n" });
    expect(() => importGraph(root)).toThrow('a.ts: cannot resolve import "./missing.js"');
  });
});

describe('findCycles', () => {
  it('finds each cycle once, a self-import included, and nothing in an acyclic tree', () => {
    // GIVEN two cycles (a ↔ b, c → d → e → c), a self-import (f) and an acyclic part (g → a)
    const root = tree({
      'a.ts': "import './b.js';\n",
      'b.ts': "import './a.js';\n",
      'c.ts': "import './d.js';\n",
      'd.ts': "import './e.js';\n",
      'e.ts': "import './c.js';\n",
      'f.ts': "import './f.js';\n",
      'g.ts': "import './a.js';\n",
    });
    // WHEN / THEN
    expect(findCycles(importGraph(root))).toEqual([['a.ts', 'b.ts'], ['c.ts', 'd.ts', 'e.ts'], ['f.ts']]);
    expect(findCycles(importGraph(tree({ 'x.ts': "import './y.js';\n", 'y.ts': '' })))).toEqual([]);
  });
});

describe('forbiddenImports', () => {
  it('lists the imports of the modules a rule applies to that it forbids, relative and package ones', () => {
    const root = tree({
      'core/app.ts': "import '../vendors/acme/index.js';\nimport 'acme-sdk';\nimport './util.js';\n",
      'core/util.ts': '',
      'vendors/acme/index.ts': "import '../../core/util.js';\n",
    });
    const graph = importGraph(root);
    const found = forbiddenImports(
      graph,
      (from) => from.startsWith('core/'),
      (to) => to.startsWith('vendors/') || to === 'acme-sdk',
    );
    expect(found).toEqual(['core/app.ts → vendors/acme/index.ts', 'core/app.ts → acme-sdk']);
  });
});
