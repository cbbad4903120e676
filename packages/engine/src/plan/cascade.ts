/**
 * @module
 * Rules 3 and 4 of a plan (`plan.ts`), normal mode: the vendor cannot remove a component from its
 * parent, so removing or replacing one replaces its parent; replacing a resource replaces everything
 * that depends on it (children get new parent ids). Addresses that must go together are linked, for
 * target selection. Pure.
 */
import { parentAddress } from '../registry/descriptor.js';
import type { Registry } from '../registry/registry.js';
import type { Draft } from './draft.js';

/** Who depends on what, from the desired dependencies and from those recorded in state. */
export interface Graph {
  /** Address → the addresses depending on it. */
  readonly dependents: Map<string, Set<string>>;
  /** Address → the addresses that must be applied with it (a replacement and what it drags along). */
  readonly links: Map<string, Set<string>>;
}

export function dependencyGraph(drafts: ReadonlyMap<string, Draft>): Graph {
  const dependents = new Map<string, Set<string>>();
  const addEdge = (from: string, dep: string) => {
    const set = dependents.get(dep) ?? new Set<string>();
    dependents.set(dep, set);
    set.add(from);
  };
  for (const d of drafts.values()) {
    for (const dep of d.desired?.dependsOn ?? []) addEdge(d.address, dep);
    for (const dep of d.known?.dependsOn ?? []) addEdge(d.address, dep);
  }
  return { dependents, links: new Map() };
}

function link(graph: Graph, a: string, b: string): void {
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    const set = graph.links.get(x) ?? new Set<string>();
    graph.links.set(x, set);
    set.add(y);
  }
}

/** The parent a draft had (what is known of it), for a component. */
export function priorParentOf(d: Draft, registry: Registry): string | null {
  return d.known === null ? null : parentAddress(registry.kind(d.known.kind), d.known.attributes);
}

function isComponentDraft(d: Draft, registry: Registry): boolean {
  return registry.kind(d.kind).component || (d.known !== null && registry.kind(d.known.kind).component);
}

/** Spreads replacements: from removed or replaced components to their parents, and to dependents. */
export function cascadeReplacements(drafts: ReadonlyMap<string, Draft>, graph: Graph, registry: Registry): void {
  const work = [...drafts.values()].filter((d) => (d.action === 'replace' || d.action === 'delete') && !d.forget);
  while (work.length > 0) {
    const d = work.pop()!;
    // Rule 3: a component removed or replaced → its (prior) parent is replaced.
    if (isComponentDraft(d, registry)) {
      const parent = priorParentOf(d, registry);
      const p = parent === null ? undefined : drafts.get(parent);
      if (parent !== null && p !== undefined && (p.action === 'noop' || p.action === 'update')) {
        p.action = 'replace';
        const why = d.action === 'delete' ? 'is removed' : 'must be re-created';
        const noun = registry.kind(p.kind).noun;
        p.reasons.push(`${d.address} ${why}; the vendor cannot remove a component, so the ${noun} is re-created`);
        work.push(p);
      }
      if (parent !== null) link(graph, d.address, parent);
    }
    // Rule 4: replacing a resource replaces what depends on it.
    if (d.action === 'replace') {
      for (const dep of graph.dependents.get(d.address) ?? []) {
        const x = drafts.get(dep);
        if (x === undefined) continue;
        link(graph, d.address, dep);
        if ((x.action === 'noop' || x.action === 'update') && x.known !== null) {
          x.action = 'replace';
          x.reasons.push(`${d.address} is re-created`);
          work.push(x);
        }
      }
    }
  }
}
