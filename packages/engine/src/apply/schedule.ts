/**
 * @module
 * The schedule of an apply (`apply.ts`): the plan's changes as operations with their order (deletes
 * first, dependents before what they depend on; then creates and updates, dependencies first), and a
 * runner that keeps up to `limit` independent operations in flight. A failure stops new work; what
 * is in flight finishes.
 */

import type { Plan, ResourceChange } from '../plan/types.js';
import { parentAddress } from '../registry/descriptor.js';
import type { Registry } from '../registry/registry.js';
import type { ApplyProgress } from './types.js';

/** One operation: a change's delete half, or its create/update half. */
export interface Node {
  readonly key: string;
  readonly change: ResourceChange;
  readonly step: ApplyProgress['step'];
  readonly deps: string[];
  /** Components removed from state together with this parent. */
  readonly alsoRemoves: string[];
}

/** A component replaced or deleted together with its parent's delete (no call of its own). */
function componentCascade(
  c: ResourceChange,
  byAddress: Map<string, ResourceChange>,
  registry: Registry,
): string | null {
  if (c.removedWith !== undefined) return c.removedWith;
  if (c.action !== 'replace' || !registry.kind(c.kind).component || c.before === null) return null;
  const parent = parentAddress(registry.kind(c.kind), c.before);
  const p = parent === null ? undefined : byAddress.get(parent);
  return p !== undefined && (p.action === 'replace' || p.action === 'delete') ? p.address : null;
}

/** The operations of `plan`, each with the keys of the operations it waits for. */
export function buildNodes(plan: Plan, registry: Registry): Node[] {
  const byAddress = new Map(plan.changes.map((c) => [c.address, c]));
  const deletes = new Map<string, Node>();
  const creates = new Map<string, Node>();
  const removedWith = new Map<string, string[]>();
  const cascades = new Map(plan.changes.map((c) => [c.address, componentCascade(c, byAddress, registry)]));
  for (const c of plan.changes) {
    const goesWith = cascades.get(c.address) ?? null;
    if (goesWith !== null) {
      const list = removedWith.get(goesWith) ?? [];
      list.push(c.address);
      removedWith.set(goesWith, list);
    }
  }
  for (const c of plan.changes) {
    const hasDeleteHalf = c.action === 'delete' || c.action === 'replace';
    const cascaded = cascades.get(c.address) !== null;
    if (hasDeleteHalf && !cascaded) {
      deletes.set(c.address, {
        key: `delete:${c.address}`,
        change: c,
        step: 'delete',
        deps: [],
        alsoRemoves: removedWith.get(c.address) ?? [],
      });
    }
    if (c.action === 'create' || c.action === 'update' || c.action === 'replace') {
      creates.set(c.address, {
        key: `create:${c.address}`,
        change: c,
        step: c.action === 'update' ? 'update' : 'create',
        deps: [],
        alsoRemoves: [],
      });
    }
  }
  // Delete phase: a resource waits for the deletion of everything that depended on it.
  for (const n of deletes.values()) {
    for (const dep of n.change.priorDependsOn) deletes.get(dep)?.deps.push(n.key);
  }
  // Create phase: after every delete, and after the creation of its dependencies.
  const deleteKeys = [...deletes.values()].map((n) => n.key);
  for (const n of creates.values()) {
    n.deps.push(...deleteKeys);
    for (const dep of n.change.dependsOn) {
      const d = creates.get(dep);
      if (d !== undefined) n.deps.push(d.key);
    }
  }
  return [...deletes.values(), ...creates.values()];
}

export interface ScheduleOutcome {
  /** Keys of the operations done. */
  readonly done: ReadonlySet<string>;
  readonly failures: readonly { readonly address: string; readonly message: string }[];
  /** Keys of the operations never started (a failure stopped them, or a cycle). */
  readonly notStarted: readonly string[];
}

/**
 * Runs `nodes` in dependency order, up to `limit` at once, reporting each start, end and failure.
 * Resolves when nothing is in flight and nothing more can start.
 */
export async function runSchedule(
  nodes: readonly Node[],
  limit: number,
  run: (n: Node) => Promise<void>,
  report: (n: Node, status: ApplyProgress['status'], completed: number) => void,
  onDone: (n: Node) => void,
): Promise<ScheduleOutcome> {
  const pending = new Map(nodes.map((n) => [n.key, n]));
  const dependents = new Map<string, Node[]>();
  const waiting = new Map<string, number>();
  for (const n of nodes) {
    waiting.set(n.key, n.deps.length);
    for (const d of n.deps) {
      const list = dependents.get(d) ?? [];
      list.push(n);
      dependents.set(d, list);
    }
  }
  const ready: Node[] = nodes.filter((n) => n.deps.length === 0);
  const done = new Set<string>();
  const failures: { address: string; message: string }[] = [];
  let head = 0;
  let running = 0;
  await new Promise<void>((resolve) => {
    const pump = () => {
      while (failures.length === 0 && running < limit && head < ready.length) {
        const n = ready[head++]!;
        pending.delete(n.key);
        running += 1;
        report(n, 'start', done.size);
        run(n).then(
          () => {
            running -= 1;
            done.add(n.key);
            onDone(n);
            report(n, 'done', done.size);
            for (const x of dependents.get(n.key) ?? []) {
              const left = (waiting.get(x.key) ?? 1) - 1;
              waiting.set(x.key, left);
              if (left === 0) ready.push(x);
            }
            pump();
          },
          (err: unknown) => {
            running -= 1;
            failures.push({ address: n.change.address, message: err instanceof Error ? err.message : String(err) });
            report(n, 'failed', done.size);
            pump();
          },
        );
      }
      if (running === 0 && (failures.length > 0 || head >= ready.length)) resolve();
    };
    pump();
  });
  return { done, failures, notStarted: [...pending.keys()] };
}
