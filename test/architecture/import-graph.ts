/**
 * @module
 * The import graph of a source tree, read statically (TypeScript's own pre-processor: `import`,
 * `export … from`, `import()` with a literal), for architecture tests: no cycles, and which modules
 * may import which. Only relative specifiers are followed (`./x.js` → `x.ts`/`x.tsx`/`x/index.ts`);
 * package imports are recorded as they are written. Type-only imports count as edges too: a cycle
 * of types is still a cycle a reader has to untangle.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface ImportGraph {
  /** The tree's root (absolute). Module ids are paths relative to it, with `/`. */
  readonly root: string;
  /** Module id → the module ids it imports (relative imports only, resolved). */
  readonly edges: ReadonlyMap<string, readonly string[]>;
  /** Module id → package specifiers it imports (`hono`, `@grantform/config/scopes`, `node:fs` …). */
  readonly packages: ReadonlyMap<string, readonly string[]>;
}

export interface ImportGraphOptions {
  /** Leave out modules whose id matches (tests, fixtures …). @default tests and `.d.ts` files */
  readonly exclude?: (id: string) => boolean;
}

const SOURCE = /\.(?:ts|tsx|mts)$/;
const defaultExclude = (id: string) => /\.test\.tsx?$|\.d\.ts$|\.d\.mts$/.test(id);

function listSources(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) listSources(path, out);
    else if (SOURCE.test(name)) out.push(path);
  }
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(?:js|mjs|jsx)$/, '');
  for (const candidate of [`${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, base, join(base, 'index.ts')]) {
    if (SOURCE.test(candidate) && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Reads every source module under `root` and the imports between them. */
export function importGraph(root: string, options: ImportGraphOptions = {}): ImportGraph {
  const exclude = options.exclude ?? defaultExclude;
  const absRoot = resolve(root);
  const files: string[] = [];
  listSources(absRoot, files);
  const id = (file: string) => relative(absRoot, file).split('\\').join('/');
  const edges = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  for (const file of files.sort()) {
    const from = id(file);
    if (exclude(from)) continue;
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const local = new Set<string>();
    const external = new Set<string>();
    for (const { fileName } of info.importedFiles) {
      if (fileName.startsWith('.')) {
        const target = resolveRelative(file, fileName);
        if (target === undefined) throw new Error(`${from}: cannot resolve import "${fileName}"`);
        const to = id(target);
        if (!exclude(to)) local.add(to);
      } else {
        external.add(fileName);
      }
    }
    edges.set(from, [...local].sort());
    packages.set(from, [...external].sort());
  }
  return { root: absRoot, edges, packages };
}

/**
 * Every import cycle, each once, as the list of modules around it (`a → b → a` is `['a', 'b']`),
 * found with Tarjan's strongly connected components; a module importing itself is a cycle too.
 */
export function findCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.edges.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of graph.edges.keys()) if (!index.has(v)) visit(v);
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/**
 * Imports that break a rule: for each module `from` for which `applies(from)` holds, the imports
 * (relative, resolved, or package specifiers) for which `forbidden(to)` holds, as `from → to`.
 */
export function forbiddenImports(
  graph: ImportGraph,
  applies: (from: string) => boolean,
  forbidden: (to: string) => boolean,
): string[] {
  const found: string[] = [];
  for (const [from, targets] of graph.edges) {
    if (!applies(from)) continue;
    for (const to of [...targets, ...(graph.packages.get(from) ?? [])])
      if (forbidden(to)) found.push(`${from} → ${to}`);
  }
  return found;
}
