/**
 * @module
 * One apply for every plan mode. Deletes first (dependents before what they depend on), then
 * creates and updates (dependencies first); independent operations run concurrently.
 *
 * Crash safety (STYLE P14): every remote call is preceded by a durable journal entry recording its
 * intent (`begin`: address, kind, step, target id, the secrets it may hand out) and followed, once
 * the secrets it handed out are in the secrets sink, by one recording its result (`put`/`remove`).
 * Creates carry this state's ownership label, so an apply killed between the call and the record
 * leaves something the next plan recognises and adopts. A create that does not return a secret it
 * should have (the target had the object already) has it re-issued before anything is recorded.
 * Concurrent operations share journal writes (group commit); the journal is folded into the state
 * file once, when the apply ends, however it ends.
 *
 * A failure stops new work, waits for what is in flight and throws `ERR_APPLY_FAILED`: the state
 * names everything done, and the failed operations stay pending for the next plan to resolve.
 * Server-assigned values the plan's refresh found (`plan.refreshed`) are written too, even when
 * nothing else changes, and state resources without an ownership label get this state's
 * (`plan.claims`).
 */
import type { ResourceKind, ResourceSpecs } from '@grantform/config';
import type { Action } from './actions.js';
import type { DriverContext, DriverResult, KindDriver, ResourceDriver } from './driver.js';
import { EngineError } from './errors.js';
import { jwtEnvByPackage, secretEnv, secretSlots } from './issued-secrets.js';
import type { JsonValue } from './json.js';
import { isJsonObject } from './json.js';
import { ownerLabel } from './ownership.js';
import type { Plan, ResourceChange } from './plan.js';
import { isComponentKind, parentAddressOf } from './resources.js';
import type { JournalEntry } from './state/journal.js';
import type { SecretsSink } from './state/secrets-sink.js';
import type { PendingOperation, SecretName, StateFile } from './state/state-file.js';
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
  /** Addresses whose target object now carries this state's ownership label (`plan.claims`). */
  readonly claimed: readonly string[];
}

interface Node {
  readonly key: string;
  readonly change: ResourceChange;
  readonly step: ApplyProgress['step'];
  readonly deps: string[];
  /** Components removed from state together with this package. */
  readonly alsoRemoves: string[];
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
  const claims = (plan.claims ?? []).filter((a) => current.resources[a] !== undefined);
  const settled = (plan.settled ?? []).filter((a) => current.pending[a] !== undefined);
  const nothing = { applied: [], secretsWritten: [], warnings: [], refreshed, claimed: [] };
  if (plan.changes.length === 0 && refreshed.length === 0 && claims.length === 0 && settled.length === 0) {
    return { state: current, ...nothing };
  }
  if (driver.readOnly && (plan.changes.length > 0 || claims.length > 0)) {
    throw new EngineError(
      'ERR_TARGET_READ_ONLY',
      `the ${driver.name} target is read-only: Marketing Cloud has no API to create or change installed packages; run \`grantform plan --target ${driver.name}\` and follow the checklist in Setup`,
    );
  }

  // From here every change is recorded in the journal: the intent before each remote call, the
  // result right after (P14). The journal is folded into the state file when the apply ends.
  const journal = await store.openJournal(current);
  const lineage = journal.lineage;
  const now = () => new Date().toISOString();
  // The refreshed values and the settled intents are in state before the first operation (an early
  // failure keeps them too).
  const opening: JournalEntry[] = [];
  for (const [address, values] of refreshedEntries) {
    const r = journal.resource(address);
    if (r !== undefined)
      opening.push({ op: 'put', address, resource: { ...r, attributes: { ...r.attributes, ...values } } });
  }
  for (const address of settled) opening.push({ op: 'end', address });

  const applied: { address: string; step: ApplyProgress['step'] }[] = [];
  const secretsWritten: string[] = [];
  const warnings: string[] = [];
  const claimed: string[] = [];
  const appEnvByPackage = jwtEnvByPackage(plan.changes.map((c) => ({ kind: c.kind, attributes: c.after })));

  const idOf = (address: string | null): string | null => {
    if (address === null) return null;
    const r = journal.resource(address);
    if (r === undefined) throw new EngineError('ERR_APPLY_FAILED', `${address} is not in state; apply it first`);
    return r.id;
  };
  const kindDriver = (kind: ResourceKind) => driver.resources[kind] as KindDriver<ResourceKind>;
  const envFor = (c: ResourceChange, name: SecretName): string | null =>
    name === 'jwtSigningSecret' ? (appEnvByPackage.get(c.address) ?? null) : secretEnv(c.after, name);
  const putSecret = async (env: string, value: string): Promise<void> => {
    await secrets.put(env, value);
    secretsWritten.push(env);
  };
  const begin = (address: string, pending: Omit<PendingOperation, 'startedAt'>) =>
    journal.append([{ op: 'begin', address, pending: { ...pending, startedAt: now() } }]);

  const runDelete = async (n: Node): Promise<void> => {
    const c = n.change;
    const prior = journal.resource(c.address);
    const kind: ResourceKind = prior?.kind ?? c.kind;
    const id = prior?.id ?? c.priorId;
    const attributes = prior?.attributes ?? c.before ?? {};
    if (c.forget !== true && id !== null) {
      const parent = parentAddressOf(kind, attributes);
      const ctx: DriverContext = {
        address: c.address,
        parentId: parent === null ? null : (journal.resource(parent)?.id ?? null),
        owner: ownerLabel(lineage, c.address),
      };
      await begin(c.address, { kind, step: 'delete', id, secrets: [] });
      await kindDriver(kind).delete(id, ctx);
    }
    const removed: JournalEntry[] = [];
    for (const a of [c.address, ...n.alsoRemoves]) {
      const r = a === c.address ? { attributes } : journal.resource(a);
      if (r !== undefined) {
        for (const key of ['clientSecret', 'jwtSigningSecret', 'partnerSecret']) {
          const env = secretEnv(r.attributes, key);
          if (env !== null) await secrets.delete(env);
        }
      }
      removed.push({ op: 'remove', address: a });
    }
    await journal.append(removed);
  };

  const runCreateOrUpdate = async (n: Node): Promise<void> => {
    const c = n.change;
    const after = c.after;
    if (after === null || c.afterHash === null) throw new Error(`unreachable: ${c.address} has no desired attributes`);
    const kind = c.kind;
    const parent = parentAddressOf(kind, after);
    const ctx: DriverContext = { address: c.address, parentId: idOf(parent), owner: ownerLabel(lineage, c.address) };
    const spec = after as unknown as ResourceSpecs[ResourceKind];
    const kd = kindDriver(kind);
    // Adopted: the target has it already (a replace's adopted object went in its delete half).
    const adopting = c.adopt !== undefined && c.action === 'create';
    const expected =
      n.step === 'create' && !adopting ? secretSlots(kind, after, appEnvByPackage.get(c.address) ?? null) : [];
    const rotated =
      n.step === 'update'
        ? c.attributes
            .filter((a) => a.name === 'clientSecret' || a.name === 'partnerSecret')
            .map((a) => a.name as SecretName)
        : [];
    const mayIssue = [
      ...new Set([...expected.map((s) => s.name), ...rotated, ...(c.reissue ?? []).map((s) => s.name)]),
    ];
    const targetId = adopting ? (c.adopt?.id ?? null) : n.step === 'update' ? (c.priorId ?? idOf(c.address)) : null;
    await begin(c.address, { kind, step: adopting ? 'create' : n.step, id: targetId, secrets: mayIssue });

    let result: DriverResult;
    if (targetId === null) result = await kd.create(spec, ctx);
    else if (adopting && kd.adopt !== undefined) result = await kd.adopt(targetId, spec, ctx);
    else if (c.attributes.length > 0) result = await kd.update(targetId, spec, c.attributes, ctx);
    else result = { id: targetId, attributes: {}, secrets: [] };
    for (const s of result.secrets) {
      const env = envFor(c, s.name);
      if (env !== null) await putSecret(env, s.value);
    }
    // Never record a resource without a secret it should have: one the create did not return (the
    // target had it already) is re-issued at once, like those the plan lists.
    const missing = expected.filter((slot) => !result.secrets.some((s) => s.name === slot.name));
    for (const slot of [...missing, ...(c.reissue ?? [])]) {
      if (kd.reissue === undefined) {
        throw new EngineError(
          'ERR_APPLY_FAILED',
          `${c.address}: the ${driver.name} target did not return its ${slot.name} and cannot re-issue it`,
        );
      }
      const issued = await kd.reissue(result.id, slot.name, ctx);
      await putSecret(slot.env, issued.value);
    }
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
    const priorAttributes =
      n.step === 'update' ? (journal.resource(c.address)?.attributes ?? {}) : adopting ? (c.before ?? {}) : {};
    // Secrets this state was never given stay so, unless this operation had the target issue them.
    const issuedNow = new Set<SecretName>([
      ...result.secrets.map((s) => s.name),
      ...missing.map((s) => s.name),
      ...(c.reissue ?? []).map((s) => s.name),
    ]);
    const notHeld = (n.step === 'update' ? (journal.resource(c.address)?.secretsNotHeld ?? []) : []).filter(
      (name) => !issuedNow.has(name),
    );
    await journal.append([
      {
        op: 'put',
        address: c.address,
        resource: {
          kind,
          id: result.id,
          attributes: { ...priorAttributes, ...after, ...result.attributes },
          specHash: c.afterHash,
          dependsOn: c.dependsOn,
          ...(notHeld.length === 0 ? {} : { secretsNotHeld: notHeld }),
        },
      },
    ]);
  };

  const nodes = buildNodes(plan);
  const total = nodes.length;
  const done = new Set<string>();
  const failures: { address: string; message: string }[] = [];
  try {
    await journal.append(opening);
    for (const address of claims) {
      const r = journal.resource(address);
      const claim = r === undefined ? undefined : kindDriver(r.kind).claim;
      if (r === undefined || claim === undefined) continue;
      const parent = parentAddressOf(r.kind, r.attributes);
      await claim(r.id, {
        address,
        parentId: parent === null ? null : (journal.resource(parent)?.id ?? null),
        owner: ownerLabel(lineage, address),
      });
      claimed.push(address);
    }
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
          (n.step === 'delete' ? runDelete(n) : runCreateOrUpdate(n)).then(
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
    if (failures.length === 0 && pending.size > 0)
      throw new EngineError('ERR_APPLY_FAILED', `dependency cycle among ${[...pending.keys()].join(', ')}`);
  } finally {
    const state = await journal.close();
    if (failures.length > 0) {
      const notRun = total - done.size - failures.length;
      // biome-ignore lint/correctness/noUnsafeFinally: the failures are the error to report
      throw new EngineError(
        'ERR_APPLY_FAILED',
        `apply stopped: ${done.size} of ${total} operations done, ${failures.length} failed, ${notRun} not started; the state names everything done (serial ${state.serial}): fix the cause and run apply again`,
        { issues: failures.map((f) => ({ path: f.address, message: f.message })) },
      );
    }
  }
  return { state: journal.snapshot(), applied, secretsWritten, warnings, refreshed, claimed };
}
