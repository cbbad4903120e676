/**
 * @module
 * One apply for every plan mode. Deletes first (dependents before what they depend on), then
 * creates and updates (dependencies first); independent operations run concurrently. After each
 * operation the state is written (atomically; concurrent completions share a write), and secrets
 * the target hands out go to the secrets sink before the state names the resource. A failure
 * stops new work, waits for what is in flight, writes the state and throws `ERR_APPLY_FAILED`:
 * the state names everything done, so re-running plan/apply converges. Server-assigned values the
 * plan's refresh found (`plan.refreshed`) are written too, even when nothing else changes.
 */
import type { ResourceKind, ResourceSpecs } from '@grantform/config';
import type { Action } from './actions.js';
import type { DriverContext, DriverResult, KindDriver, ResourceDriver } from './driver.js';
import { EngineError } from './errors.js';
import type { JsonObject, JsonValue } from './json.js';
import { isJsonObject } from './json.js';
import type { Plan, ResourceChange } from './plan.js';
import { isComponentKind, parentAddressOf } from './resources.js';
import type { SecretsSink } from './state/secrets-sink.js';
import type { ResourceState, StateFile } from './state/state-file.js';
import type { StateStore } from './state/state-store.js';

export interface ApplyProgress {
  readonly address: string;
  readonly action: Action;
  /** `delete` for the delete half of a replace, `create` for its create half. */
  readonly step: 'create' | 'update' | 'delete';
  readonly status: 'start' | 'done' | 'failed';
  readonly completed: number;
  readonly total: number;
}

export interface ApplyOptions {
  readonly driver: ResourceDriver;
  readonly store: StateStore;
  readonly secrets: SecretsSink;
  /** Operations in flight at once. @default 32 */
  readonly concurrency?: number;
  readonly onProgress?: (p: ApplyProgress) => void;
}

export interface ApplyResult {
  readonly state: StateFile;
  /** Addresses and what was done, in completion order. */
  readonly applied: readonly { readonly address: string; readonly step: ApplyProgress['step'] }[];
  /** Secret names written to the sink (never values). */
  readonly secretsWritten: readonly string[];
  readonly warnings: readonly string[];
  /** Addresses whose server-assigned values (endpoints, client ids) were refreshed in state. */
  readonly refreshed: readonly string[];
}

interface Node {
  readonly key: string;
  readonly change: ResourceChange;
  readonly step: ApplyProgress['step'];
  readonly deps: string[];
  /** Components removed from state together with this package. */
  readonly alsoRemoves: string[];
}

function secretEnv(attributes: JsonObject | null, name: string): string | null {
  const ref = attributes?.[name];
  return isJsonObject(ref) && typeof ref.env === 'string' ? ref.env : null;
}

/** Checks that `plan` was made against `current` (same lineage and serial). */
export function assertPlanFresh(plan: Plan, current: StateFile): void {
  const fresh =
    plan.prior.serial === current.serial && (plan.prior.lineage === null || plan.prior.lineage === current.lineage);
  if (!fresh) {
    throw new EngineError(
      'ERR_PLAN_STALE',
      `the plan was made against state serial ${plan.prior.serial}${plan.prior.lineage === null ? '' : ` (lineage ${plan.prior.lineage})`}, but the state is now at serial ${current.serial} (lineage ${current.lineage}); make a new plan`,
    );
  }
}

function buildNodes(plan: Plan): Node[] {
  const byAddress = new Map(plan.changes.map((c) => [c.address, c]));
  const deletes = new Map<string, Node>();
  const creates = new Map<string, Node>();
  const removedWith = new Map<string, string[]>();
  for (const c of plan.changes) {
    const goesWith = c.removedWith ?? componentCascade(c, byAddress);
    if (goesWith !== null) {
      const list = removedWith.get(goesWith) ?? [];
      list.push(c.address);
      removedWith.set(goesWith, list);
    }
  }
  for (const c of plan.changes) {
    const hasDeleteHalf = c.action === 'delete' || c.action === 'replace';
    const cascaded = c.removedWith !== undefined || componentCascade(c, byAddress) !== null;
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

/** A component replaced or deleted together with its package's delete (no call of its own). */
function componentCascade(c: ResourceChange, byAddress: Map<string, ResourceChange>): string | null {
  if (c.removedWith !== undefined) return c.removedWith;
  if (c.action !== 'replace' || !isComponentKind(c.kind) || c.before === null) return null;
  const pkg = parentAddressOf(c.kind, c.before);
  const p = pkg === null ? undefined : byAddress.get(pkg);
  return p !== undefined && (p.action === 'replace' || p.action === 'delete') ? p.address : null;
}

/**
 * Applies a plan.
 * @example
 * const result = await apply(plan, { driver, store, secrets });
 */
export async function apply(plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const { driver, store, secrets } = options;
  const current = await store.read();
  assertPlanFresh(plan, current);
  // Refresh: server-assigned values the target reported, for resources the state still names.
  const refreshedEntries = Object.entries(plan.refreshed ?? {}).filter(([a]) => current.resources[a] !== undefined);
  const refreshed = refreshedEntries.map(([a]) => a);
  const withRefresh = (resources: Map<string, ResourceState>): void => {
    for (const [address, values] of refreshedEntries) {
      const r = resources.get(address);
      if (r !== undefined) resources.set(address, { ...r, attributes: { ...r.attributes, ...values } });
    }
  };
  if (plan.changes.length === 0) {
    if (refreshed.length === 0) return { state: current, applied: [], secretsWritten: [], warnings: [], refreshed };
    const resources = new Map<string, ResourceState>(Object.entries(current.resources));
    withRefresh(resources);
    const state = await store.write({ ...current, resources: Object.fromEntries(resources) });
    return { state, applied: [], secretsWritten: [], warnings: [], refreshed };
  }
  if (driver.readOnly) {
    throw new EngineError(
      'ERR_TARGET_READ_ONLY',
      `the ${driver.name} target is read-only: Marketing Cloud has no API to create or change installed packages; run \`grantform plan --target ${driver.name}\` and follow the checklist in Setup`,
    );
  }

  const resources = new Map<string, ResourceState>(Object.entries(current.resources));
  withRefresh(resources);
  let base: StateFile = current;
  const snapshot = (): StateFile => ({ ...base, resources: Object.fromEntries(resources) });

  // Coalescing writer: each operation waits until a write that includes it has finished.
  let generation = 0;
  let written = 0;
  let inflight: Promise<void> | null = null;
  const persist = async (): Promise<void> => {
    generation += 1;
    const target = generation;
    while (written < target) {
      if (inflight !== null) {
        await inflight;
        continue;
      }
      const g = generation;
      inflight = store
        .write(snapshot())
        .then((s) => {
          base = { ...base, serial: s.serial, lineage: s.lineage };
          written = g;
        })
        .finally(() => {
          inflight = null;
        });
      await inflight;
    }
  };

  const applied: { address: string; step: ApplyProgress['step'] }[] = [];
  const secretsWritten: string[] = [];
  const warnings: string[] = [];
  const appEnvByPackage = new Map<string, string>();
  for (const c of plan.changes) {
    const env = secretEnv(c.after, 'jwtSigningSecret');
    const pkg = c.after === null ? null : parentAddressOf(c.kind, c.after);
    if (c.kind === 'marketing-cloud-app' && env !== null && pkg !== null) appEnvByPackage.set(pkg, env);
  }

  const idOf = (address: string | null): string | null => {
    if (address === null) return null;
    const r = resources.get(address);
    if (r === undefined) throw new EngineError('ERR_APPLY_FAILED', `${address} is not in state; apply it first`);
    return r.id;
  };

  const storeSecrets = async (c: ResourceChange, result: DriverResult): Promise<void> => {
    for (const s of result.secrets) {
      const env =
        s.name === 'clientSecret' || s.name === 'partnerSecret'
          ? secretEnv(c.after, s.name)
          : (appEnvByPackage.get(c.address) ?? null);
      if (env === null) continue;
      await secrets.put(env, s.value);
      secretsWritten.push(env);
    }
  };

  const run = async (n: Node): Promise<void> => {
    const c = n.change;
    if (n.step === 'delete') {
      const prior = resources.get(c.address);
      const kind: ResourceKind = prior?.kind ?? c.kind;
      if (prior !== undefined) {
        const parent = parentAddressOf(kind, prior.attributes);
        const ctx: DriverContext = {
          address: c.address,
          parentId: parent === null ? null : (resources.get(parent)?.id ?? null),
        };
        await (driver.resources[kind] as KindDriver<ResourceKind>).delete(prior.id, ctx);
      }
      for (const a of [c.address, ...n.alsoRemoves]) {
        const r = resources.get(a);
        resources.delete(a);
        if (r !== undefined) {
          for (const key of ['clientSecret', 'jwtSigningSecret', 'partnerSecret']) {
            const env = secretEnv(r.attributes, key);
            if (env !== null) await secrets.delete(env);
          }
        }
      }
      await persist();
      return;
    }
    const after = c.after;
    if (after === null || c.afterHash === null) throw new Error(`unreachable: ${c.address} has no desired attributes`);
    const kind = c.kind;
    const parent = parentAddressOf(kind, after);
    const ctx: DriverContext = { address: c.address, parentId: idOf(parent) };
    const spec = after as unknown as ResourceSpecs[ResourceKind];
    const kd = driver.resources[kind] as KindDriver<ResourceKind>;
    const result =
      n.step === 'update'
        ? await kd.update(c.priorId ?? idOf(c.address) ?? '', spec, c.attributes, ctx)
        : await kd.create(spec, ctx);
    await storeSecrets(c, result);
    if (n.step === 'update') {
      for (const a of c.attributes) {
        const from = isJsonObject(a.before as JsonValue) ? secretEnv({ x: a.before as JsonValue }, 'x') : null;
        const to = isJsonObject(a.after as JsonValue) ? secretEnv({ x: a.after as JsonValue }, 'x') : null;
        if (from === null || to === null || from === to) continue;
        if ((a.name === 'clientSecret' || a.name === 'partnerSecret') && result.secrets.some((s) => s.name === a.name))
          await secrets.delete(from);
        else if (a.name === 'jwtSigningSecret' && !(await secrets.rename(from, to))) {
          warnings.push(`${c.address}: ${from} was not in the secrets sink; copy the JWT signing secret into ${to}`);
        }
      }
    }
    const priorAttributes = n.step === 'update' ? (resources.get(c.address)?.attributes ?? {}) : {};
    resources.set(c.address, {
      kind,
      id: result.id,
      attributes: { ...priorAttributes, ...after, ...result.attributes },
      specHash: c.afterHash,
      dependsOn: c.dependsOn,
    });
    await persist();
  };

  // The refreshed values are in state before the first operation (an early failure keeps them too).
  if (refreshed.length > 0) await persist();
  const nodes = buildNodes(plan);
  const total = nodes.length;
  const done = new Set<string>();
  const failures: { address: string; message: string }[] = [];
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
  let head = 0;
  const limit = Math.max(1, options.concurrency ?? 32);
  let running = 0;

  await new Promise<void>((resolve) => {
    const pump = () => {
      while (failures.length === 0 && running < limit && head < ready.length) {
        const n = ready[head++]!;
        pending.delete(n.key);
        running += 1;
        const report = (status: ApplyProgress['status']) =>
          options.onProgress?.({
            address: n.change.address,
            action: n.change.action,
            step: n.step,
            status,
            completed: done.size,
            total,
          });
        report('start');
        run(n).then(
          () => {
            running -= 1;
            done.add(n.key);
            applied.push({ address: n.change.address, step: n.step });
            report('done');
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
            report('failed');
            pump();
          },
        );
      }
      if (running === 0 && (failures.length > 0 || head >= ready.length)) resolve();
    };
    pump();
  });

  if (failures.length > 0) {
    if (written < generation) await persist().catch(() => undefined);
    const notRun = total - done.size - failures.length;
    throw new EngineError(
      'ERR_APPLY_FAILED',
      `apply stopped: ${done.size} of ${total} operations done, ${failures.length} failed, ${notRun} not started; the state names everything done (serial ${base.serial}): fix the cause and run apply again`,
      { issues: failures.map((f) => ({ path: f.address, message: f.message })) },
    );
  }
  if (pending.size > 0)
    throw new EngineError('ERR_APPLY_FAILED', `dependency cycle among ${[...pending.keys()].join(', ')}`);
  return { state: snapshot(), applied, secretsWritten, warnings, refreshed };
}
