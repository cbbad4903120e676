/**
 * The engine's floor plan, read from its import graph and its sources: no import cycles; vendors
 * are reached only through the registry file (`vendors/index.ts`), and never reach into each other;
 * the generic core names no vendor's resource kind (it asks the registry).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { findCycles, forbiddenImports, importGraph } from '../../../test/architecture/import-graph.js';
import { BUILT_IN_REGISTRY } from './vendors/index.js';

const SRC = import.meta.dirname;
const REGISTRY_FILE = 'vendors/index.ts';

/** The vendor folder a module id lies in (`vendors/marketing-cloud/tenant.ts` → `marketing-cloud`), or `null`. */
function vendorOf(id: string): string | null {
  const m = /^vendors\/([^/]+)\//.exec(id);
  return m?.[1] ?? null;
}

/** Every string literal and template-literal fragment of a TypeScript source (comments left out). */
function stringsIn(source: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, source);
  const found: string[] = [];
  // Open braces inside each template substitution `${…}` being scanned (innermost last).
  const templates: number[] = [];
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.OpenBraceToken && templates.length > 0) templates[templates.length - 1]! += 1;
    if (token === ts.SyntaxKind.CloseBraceToken && templates.length > 0) {
      if (templates[templates.length - 1] === 0) token = scanner.reScanTemplateToken(false);
      else templates[templates.length - 1]! -= 1;
    }
    if (token === ts.SyntaxKind.TemplateHead) templates.push(0);
    if (token === ts.SyntaxKind.TemplateTail) templates.pop();
    if (
      token === ts.SyntaxKind.StringLiteral ||
      token === ts.SyntaxKind.NoSubstitutionTemplateLiteral ||
      token === ts.SyntaxKind.TemplateHead ||
      token === ts.SyntaxKind.TemplateMiddle ||
      token === ts.SyntaxKind.TemplateTail
    ) {
      found.push(scanner.getTokenValue());
    }
  }
  return found;
}

describe('engine architecture', () => {
  const graph = importGraph(SRC);

  it('has no import cycles (type-only imports count)', () => {
    // GIVEN every module of packages/engine/src (tests left out)
    // WHEN its import cycles are listed
    // THEN there are none
    expect(findCycles(graph)).toEqual([]);
  });

  it('reaches a vendor folder only through the registry file', () => {
    // GIVEN the modules outside the vendor folders, the registry file excepted
    const outside = (from: string) => vendorOf(from) === null && from !== REGISTRY_FILE;
    // WHEN their imports of a vendor folder are listed
    const found = forbiddenImports(graph, outside, (to) => vendorOf(to) !== null);
    // THEN there are none
    expect(found).toEqual([]);
    // AND the registry file does import the vendor folders (the check above looks at real edges)
    expect(graph.edges.get(REGISTRY_FILE)?.filter((to) => vendorOf(to) !== null)).toEqual([
      'vendors/constant-contact/index.ts',
      'vendors/marketing-cloud/index.ts',
    ]);
  });

  it('keeps each vendor folder to itself: no vendor imports another, or the registry file', () => {
    const found = forbiddenImports(
      graph,
      (from) => vendorOf(from) !== null,
      (to) => to === REGISTRY_FILE,
    );
    const across = [...graph.edges].flatMap(([from, targets]) =>
      targets
        .filter((to) => vendorOf(from) !== null && vendorOf(to) !== null && vendorOf(to) !== vendorOf(from))
        .map((to) => `${from} → ${to}`),
    );
    expect([...found, ...across]).toEqual([]);
  });

  it('the generic core names no vendor resource kind', () => {
    // GIVEN every registered kind, and the core: every module outside the vendor folders (its test
    // fixtures, which declare resources, left out)
    const kinds = new Set(BUILT_IN_REGISTRY.kinds);
    expect(kinds.size).toBe(7);
    const core = [...graph.edges.keys()].filter(
      (id) => vendorOf(id) === null && id !== REGISTRY_FILE && !/fixture/.test(id),
    );
    expect(core).toEqual(expect.arrayContaining(['plan.ts', 'apply.ts', 'diff.ts', 'desired.ts', 'cli/main.ts']));
    // WHEN their string literals are searched for a kind's name
    const named = core.flatMap((id) =>
      stringsIn(readFileSync(join(SRC, id), 'utf8'))
        .filter((s) => kinds.has(s))
        .map((s) => `${id}: '${s}'`),
    );
    // THEN none names one
    expect(named).toEqual([]);
    // AND the search does find them where they belong: a vendor's descriptor (its kind, its parent's
    // attribute and kind, the child that names its secret's env), in a template literal too
    const descriptor = stringsIn(readFileSync(join(SRC, 'vendors/marketing-cloud/installed-package.ts'), 'utf8'));
    expect(descriptor.filter((s) => kinds.has(s))).toEqual([
      'installed-package',
      'tenant',
      'tenant',
      'marketing-cloud-app',
    ]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a TypeScript source, as text
    expect(stringsIn('const x = `a ${`${{ k: 1 }.k}`} b`; const y = `ctct-partner`;')).toEqual([
      'a ',
      '',
      '',
      ' b',
      'ctct-partner',
    ]);
  });
});
