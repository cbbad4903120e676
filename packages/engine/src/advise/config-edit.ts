/**
 * @module
 * The config change `grantform advise` suggests, as edits of the config's own source: each declared
 * integration's `scopes` (and Marketing Cloud `businessUnits`) literal is found in the file and
 * replaced with what the evidence supports, and the result is shown as a unified diff.
 *
 * The file is parsed with `@babel/parser` (TypeScript and JSX plugins; a `.json` config as one
 * expression), which gives exact source offsets and a small, dependency-free parser; the TypeScript
 * compiler API would add ~23 MB to every engine install for this one command, and esbuild (which
 * loads the config) exposes no syntax tree. A literal is an object property `scopes: ['a', 'b']`
 * (string literals only; `as const` and `satisfies` allowed) whose values equal the manifest's
 * declared scopes; when several objects carry the same list, the one whose statement names the
 * package (`'nightly-sync'`) wins. Anything not located that way (scopes built by code, spread,
 * imported) is reported as a plain list instead, with the reason. The diff is `diff`'s
 * `createTwoFilesPatch` (jsdiff). Pure: source text in, edits and a patch out.
 */
import { parse, parseExpression } from '@babel/parser';
import type { DeclaredGrant, IntegrationReport } from '@grantform/config/usage';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/** What the locator needs of a declared integration (`declaredGrants` of `@grantform/config/usage`). */
export type DeclaredIntegration = Pick<DeclaredGrant, 'address' | 'packageName' | 'scopes' | 'businessUnits'>;

export type EditField = 'scopes' | 'businessUnits';

/** One suggested change of one field of one integration. */
export interface SuggestedChange {
  readonly address: string;
  readonly field: EditField;
  readonly from: 'all' | readonly (string | number)[];
  readonly to: readonly (string | number)[];
  /** Where the literal is (1-based line), or why it was not found. */
  readonly located: { readonly line: number } | { readonly reason: string };
}

export interface ConfigEdit {
  readonly changes: readonly SuggestedChange[];
  /** The unified diff of the located changes (`''` when none). */
  readonly patch: string;
  /** The config text with the located changes applied. */
  readonly updated: string;
}

interface AstNode {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly [key: string]: unknown;
}

const isNode = (v: unknown): v is AstNode =>
  typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';

function walk(
  node: AstNode,
  visit: (n: AstNode, ancestors: readonly AstNode[]) => void,
  ancestors: AstNode[] = [],
): void {
  visit(node, ancestors);
  ancestors.push(node);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments') continue;
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) walk(v, visit, ancestors);
    } else if (isNode(value)) {
      walk(value, visit, ancestors);
    }
  }
  ancestors.pop();
}

function unwrap(n: unknown): AstNode | undefined {
  let cur = isNode(n) ? n : undefined;
  while (
    cur &&
    (cur.type === 'TSAsExpression' || cur.type === 'TSSatisfiesExpression' || cur.type === 'ParenthesizedExpression')
  ) {
    cur = isNode(cur.expression) ? cur.expression : undefined;
  }
  return cur;
}

function keyName(p: AstNode): string | undefined {
  const key = p.key;
  if (!isNode(key) || p.computed === true) return undefined;
  if (key.type === 'Identifier') return key.name as string;
  if (key.type === 'StringLiteral') return key.value as string;
  return undefined;
}

interface Literal {
  readonly node: AstNode;
  /** `null`: not a plain literal of the expected kind. */
  readonly values: 'all' | (string | number)[] | null;
}

/** An object literal with a `scopes` property, its `businessUnits`, and the statement it sits in. */
interface Candidate {
  readonly scopes: Literal;
  readonly businessUnits: Literal | undefined;
  readonly statement: AstNode;
}

function literalOf(value: unknown): Literal | undefined {
  const v = unwrap(value);
  if (v === undefined) return undefined;
  if (v.type === 'StringLiteral' && v.value === 'all') return { node: v, values: 'all' };
  if (v.type !== 'ArrayExpression') return { node: v, values: null };
  const out: (string | number)[] = [];
  for (const e of v.elements as unknown[]) {
    if (!isNode(e)) return { node: v, values: null };
    if (e.type === 'StringLiteral') out.push(e.value as string);
    else if (e.type === 'NumericLiteral') out.push(e.value as number);
    else return { node: v, values: null };
  }
  return { node: v, values: out };
}

function candidatesOf(source: string, file: string): Candidate[] {
  const root: AstNode = file.endsWith('.json')
    ? (parseExpression(source, { plugins: ['typescript'] }) as unknown as AstNode)
    : (parse(source, {
        sourceType: 'module',
        plugins: ['typescript', 'jsx'],
        errorRecovery: true,
      }) as unknown as AstNode);
  const out: Candidate[] = [];
  walk(root, (n, ancestors) => {
    if (n.type !== 'ObjectExpression') return;
    const props = (n.properties as unknown[]).filter(isNode).filter((p) => p.type === 'ObjectProperty');
    const scopes = props.find((p) => keyName(p) === 'scopes');
    if (scopes === undefined) return;
    const scopeLiteral = literalOf(scopes.value);
    if (scopeLiteral === undefined) return;
    const units = props.find((p) => keyName(p) === 'businessUnits');
    const statement =
      [...ancestors].reverse().find((a) => /Statement$|Declaration$/.test(a.type) && a.type !== 'BlockStatement') ??
      root;
    out.push({
      scopes: scopeLiteral,
      businessUnits: units === undefined ? undefined : literalOf(units.value),
      statement,
    });
  });
  return out;
}

const sameSet = (a: readonly (string | number)[], b: readonly (string | number)[]) => {
  const x = [...new Set(a)].map(String).sort();
  const y = [...new Set(b)].map(String).sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/** The new literal, formatted like the old one (quotes, one line or one element per line, trailing comma). */
function render(source: string, old: AstNode, values: readonly (string | number)[]): string {
  const text = source.slice(old.start, old.end);
  const firstString = /(['"])/.exec(text);
  const quote = firstString?.[1] ?? "'";
  const items = values.map((v) => (typeof v === 'number' ? String(v) : `${quote}${v}${quote}`));
  if (!text.includes('\n') || items.length === 0) return `[${items.join(', ')}]`;
  const lineStart = source.lastIndexOf('\n', old.start) + 1;
  const baseIndent = /^[ \t]*/.exec(source.slice(lineStart))?.[0] ?? '';
  const itemIndent = /\n([ \t]*)\S/.exec(text)?.[1] ?? `${baseIndent}  `;
  const closingIndent = /\n([ \t]*)\]$/.exec(text)?.[1] ?? baseIndent;
  const trailing = /,\s*\]$/.test(text) ? ',' : '';
  return `[\n${items.map((i) => `${itemIndent}${i}`).join(',\n')}${trailing}\n${closingIndent}]`;
}

const lineOf = (source: string, offset: number) => source.slice(0, offset).split('\n').length;

function locate(
  source: string,
  candidates: readonly Candidate[],
  d: DeclaredIntegration,
): { candidate: Candidate } | { reason: string } {
  const matching = candidates.filter(
    (c) => c.scopes.values !== null && c.scopes.values !== 'all' && sameSet(c.scopes.values, d.scopes),
  );
  if (matching.length === 1) return { candidate: matching[0] as Candidate };
  const named = matching.filter((c) => {
    const text = source.slice(c.statement.start, c.statement.end);
    return (
      text.includes(`'${d.packageName}'`) ||
      text.includes(`"${d.packageName}"`) ||
      text.includes(`\`${d.packageName}\``)
    );
  });
  if (named.length === 1) return { candidate: named[0] as Candidate };
  if (matching.length === 0) {
    return { reason: 'no `scopes: [...]` literal with exactly these scopes in the config file (built by code?)' };
  }
  return {
    reason: `${matching.length} \`scopes\` literals hold exactly these scopes; none is tied to package '${d.packageName}' alone`,
  };
}

/**
 * The edits of the config source that apply `reports` (integrations not seen are left alone).
 * @example
 * const { patch } = suggestConfigEdit(source, 'grantform.config.ts', declared, report.integrations);
 */
export function suggestConfigEdit(
  source: string,
  file: string,
  declared: readonly DeclaredIntegration[],
  reports: readonly IntegrationReport[],
): ConfigEdit {
  let candidates: Candidate[] = [];
  let parseError: string | undefined;
  try {
    candidates = candidatesOf(source, file);
  } catch (err) {
    parseError = `the config file could not be parsed: ${(err as Error).message}`;
  }
  const changes: SuggestedChange[] = [];
  const replacements: { start: number; end: number; text: string }[] = [];
  for (const r of reports) {
    const d = declared.find((x) => x.address === r.address);
    if (d === undefined || !r.seen) continue;
    const wanted: { field: EditField; from: 'all' | readonly (string | number)[]; to: readonly (string | number)[] }[] =
      [];
    if (!sameSet(r.suggestedScopes, d.scopes)) wanted.push({ field: 'scopes', from: d.scopes, to: r.suggestedScopes });
    const units = r.suggestedBusinessUnits;
    if (
      units !== null &&
      units.length > 0 &&
      d.businessUnits !== null &&
      (d.businessUnits === 'all' || !sameSet(units, d.businessUnits))
    ) {
      wanted.push({ field: 'businessUnits', from: d.businessUnits, to: units });
    }
    if (wanted.length === 0) continue;
    const where = parseError === undefined ? locate(source, candidates, d) : { reason: parseError };
    for (const w of wanted) {
      if ('reason' in where) {
        changes.push({ address: r.address, ...w, located: { reason: where.reason } });
        continue;
      }
      const literal = w.field === 'scopes' ? where.candidate.scopes : where.candidate.businessUnits;
      const ok =
        literal !== undefined &&
        literal.values !== null &&
        (w.from === 'all' ? literal.values === 'all' : literal.values !== 'all' && sameSet(literal.values, w.from));
      if (!ok || literal === undefined) {
        changes.push({
          address: r.address,
          ...w,
          located: { reason: `the \`${w.field}\` value beside the scopes is not a literal of the declared values` },
        });
        continue;
      }
      changes.push({ address: r.address, ...w, located: { line: lineOf(source, literal.node.start) } });
      replacements.push({ start: literal.node.start, end: literal.node.end, text: render(source, literal.node, w.to) });
    }
  }
  let updated = source;
  for (const rep of [...replacements].sort((a, b) => b.start - a.start)) {
    updated = updated.slice(0, rep.start) + rep.text + updated.slice(rep.end);
  }
  const name = file.replace(/\\/g, '/');
  const patch =
    replacements.length === 0
      ? ''
      : createTwoFilesPatch(`a/${name}`, `b/${name}`, source, updated, undefined, undefined, {
          context: 2,
          headerOptions: FILE_HEADERS_ONLY,
        });
  return { changes, patch, updated };
}
