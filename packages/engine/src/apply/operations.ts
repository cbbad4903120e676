/**
 * @module
 * The operations of an apply (`apply.ts`), each recorded before and after its remote call
 * (`recorder.ts`): a delete (with the components that go with it, and their secrets), a create or
 * update (adopting what a killed apply created, re-issuing a secret a create did not return, before
 * anything is recorded), and a claim (this state's label on an unlabelled resource).
 */
import type { DriverResult, KindDriver, ResourceDriver } from '../driver.js';
import { EngineError } from '../errors.js';
import type { Registry } from '../registry/registry.js';
import type { SecretName } from '../state/records.js';
import type { Recorder } from './recorder.js';
import type { Node } from './schedule.js';
import type { SecretsBook } from './secrets.js';

export interface Operations {
  readonly driver: ResourceDriver;
  readonly registry: Registry;
  readonly recorder: Recorder;
  readonly secrets: SecretsBook;
}

function kindDriver(driver: ResourceDriver, kind: string): KindDriver {
  const kd = driver.resources[kind];
  if (kd === undefined)
    throw new EngineError('ERR_APPLY_FAILED', `the ${driver.name} target has no driver for ${kind}`);
  return kd;
}

/** Deletes `n`'s resource (unless it is only forgotten) and records it gone, with what goes with it. */
export async function runDelete(ops: Operations, n: Node): Promise<void> {
  const { recorder, secrets } = ops;
  const c = n.change;
  const prior = recorder.resource(c.address);
  const kind = prior?.kind ?? c.kind;
  const id = prior?.id ?? c.priorId;
  const attributes = prior?.attributes ?? c.before ?? {};
  if (c.forget !== true && id !== null) {
    const ctx = recorder.context(c.address, kind, attributes, 'known');
    await recorder.begin(c.address, { kind, step: 'delete', id, secrets: [] });
    await kindDriver(ops.driver, kind).delete(id, ctx);
  }
  await secrets.forget(kind, attributes);
  for (const a of n.alsoRemoves) {
    const r = recorder.resource(a);
    if (r !== undefined) await secrets.forget(r.kind, r.attributes);
  }
  await recorder.remove([c.address, ...n.alsoRemoves]);
}

/** Creates (or adopts) or updates `n`'s resource, keeps the secrets it was handed, and records it. */
export async function runCreateOrUpdate(ops: Operations, n: Node): Promise<void> {
  const { recorder, secrets } = ops;
  const c = n.change;
  const after = c.after;
  if (after === null || c.afterHash === null) throw new Error(`unreachable: ${c.address} has no desired attributes`);
  const kind = c.kind;
  const ctx = recorder.context(c.address, kind, after, 'required');
  const kd = kindDriver(ops.driver, kind);
  // Adopted: the target has it already (a replace's adopted object went in its delete half).
  const adopting = c.adopt !== undefined && c.action === 'create';
  const expected = n.step === 'create' && !adopting ? secrets.expected(c) : [];
  const rotated = n.step === 'update' ? secrets.rotated(c) : [];
  const mayIssue = [...new Set([...expected.map((s) => s.name), ...rotated, ...(c.reissue ?? []).map((s) => s.name)])];
  const targetId = adopting
    ? (c.adopt?.id ?? null)
    : n.step === 'update'
      ? (c.priorId ?? recorder.idOf(c.address))
      : null;
  await recorder.begin(c.address, { kind, step: adopting ? 'create' : n.step, id: targetId, secrets: mayIssue });

  let result: DriverResult;
  if (targetId === null) result = await kd.create(after, ctx);
  else if (adopting && kd.adopt !== undefined) result = await kd.adopt(targetId, after, ctx);
  else if (c.attributes.length > 0) result = await kd.update(targetId, after, c.attributes, ctx);
  else result = { id: targetId, attributes: {}, secrets: [] };
  await secrets.keep(c, result.secrets);
  // Never record a resource without a secret it should have: one the create did not return (the
  // target had it already) is re-issued at once, like those the plan lists.
  const missing = expected.filter((slot) => !result.secrets.some((s) => s.name === slot.name));
  for (const slot of [...missing, ...(c.reissue ?? [])]) {
    if (kd.reissue === undefined) {
      throw new EngineError(
        'ERR_APPLY_FAILED',
        `${c.address}: the ${ops.driver.name} target did not return its ${slot.name} and cannot re-issue it`,
      );
    }
    const issued = await kd.reissue(result.id, slot.name, ctx);
    await secrets.put(slot.env, issued.value);
  }
  if (n.step === 'update') await secrets.followRenames(c, result.secrets);
  const recorded = recorder.resource(c.address);
  const priorAttributes = n.step === 'update' ? (recorded?.attributes ?? {}) : adopting ? (c.before ?? {}) : {};
  // Secrets this state was never given stay so, unless this operation had the target issue them.
  const issuedNow = new Set<SecretName>([
    ...result.secrets.map((s) => s.name),
    ...missing.map((s) => s.name),
    ...(c.reissue ?? []).map((s) => s.name),
  ]);
  const notHeld = (n.step === 'update' ? (recorded?.secretsNotHeld ?? []) : []).filter((name) => !issuedNow.has(name));
  await recorder.put(c.address, {
    kind,
    id: result.id,
    attributes: { ...priorAttributes, ...after, ...result.attributes },
    specHash: c.afterHash,
    dependsOn: c.dependsOn,
    ...(notHeld.length === 0 ? {} : { secretsNotHeld: notHeld }),
  });
}

/** Writes this state's label on the unlabelled resources the plan lists; returns those labelled. */
export async function runClaims(ops: Operations, addresses: readonly string[]): Promise<string[]> {
  const claimed: string[] = [];
  for (const address of addresses) {
    const r = ops.recorder.resource(address);
    const claim = r === undefined ? undefined : ops.driver.resources[r.kind]?.claim;
    if (r === undefined || claim === undefined) continue;
    await claim(r.id, ops.recorder.context(address, r.kind, r.attributes, 'known'));
    claimed.push(address);
  }
  return claimed;
}
