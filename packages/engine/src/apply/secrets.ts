/**
 * @module
 * The secrets bookkeeping of an apply (`apply.ts`): which secrets an operation may make the target
 * hand out (recorded in its intent), where each value goes in the secrets sink (by the kinds'
 * descriptors), the env names an update renames or rotates away from, and the entries a delete
 * removes. Values go to the sink only; the result lists names.
 */
import type { AttributeChange } from '../attribute-diff.js';
import type { IssuedSecret } from '../driver.js';
import type { ChildSecretEnvs, SecretSlot } from '../issued-secrets.js';
import { childSecretEnvs, rotatedSecrets, secretEnv, secretEnvFor, secretSlots } from '../issued-secrets.js';
import type { JsonObject, JsonValue } from '../json.js';
import { isJsonObject } from '../json.js';
import type { ResourceChange } from '../plan/types.js';
import { secretRefAttributes } from '../registry/descriptor.js';
import type { Registry } from '../registry/registry.js';
import type { SecretName } from '../state/records.js';
import type { SecretsSink } from '../state/secrets-sink.js';

/** The env name in a secret ref value (`{env}`), or `null`. */
function refEnv(value: JsonValue | undefined): string | null {
  return value !== undefined && isJsonObject(value) ? secretEnv({ x: value }, 'x') : null;
}

/**
 * Where the secrets of the changes of one apply go, by the kinds' descriptors (also used by other
 * front ends that apply one change at a time, such as the Terraform provider).
 * @example
 * const book = new SecretsBook(sink, BUILT_IN_REGISTRY, [change]);
 * await book.keep(change, result.secrets); // each issued secret under its env name
 */
export class SecretsBook {
  /** Env names written to the sink, in order (never values). */
  readonly written: string[] = [];
  readonly warnings: string[] = [];
  private readonly fromChildren: ChildSecretEnvs;

  constructor(
    private readonly sink: SecretsSink,
    private readonly registry: Registry,
    changes: readonly ResourceChange[],
  ) {
    this.fromChildren = childSecretEnvs(
      changes.map((c) => ({ kind: c.kind, attributes: c.after })),
      registry,
    );
  }

  /** The secrets a create of `c` must come back with (those with an env to go to). */
  expected(c: ResourceChange): SecretSlot[] {
    return secretSlots(this.registry.kind(c.kind), c.address, c.after, this.fromChildren);
  }

  /** The secrets an update of `c` rotates (their env name changed). */
  rotated(c: ResourceChange): SecretName[] {
    return rotatedSecrets(this.registry.kind(c.kind), c.attributes);
  }

  async put(env: string, value: string): Promise<void> {
    await this.sink.put(env, value);
    this.written.push(env);
  }

  /** Puts what the target handed out for `c` where its descriptor says. */
  async keep(c: ResourceChange, issued: readonly IssuedSecret[]): Promise<void> {
    for (const s of issued) {
      const env = secretEnvFor(this.registry.kind(c.kind), c.address, c.after, s.name, this.fromChildren);
      if (env !== null) await this.put(env, s.value);
    }
  }

  /**
   * After an update: a rotated secret's old env entry is removed (once the new value is kept); a
   * renamed secret ref moves its value in the sink (a warning when the old name held none).
   */
  async followRenames(c: ResourceChange, issued: readonly IssuedSecret[]): Promise<void> {
    const descriptor = this.registry.kind(c.kind);
    for (const a of c.attributes as readonly AttributeChange[]) {
      const ref = descriptor.attributes[a.name]?.secretRef;
      const from = refEnv(a.before);
      const to = refEnv(a.after);
      if (ref === undefined || from === null || to === null || from === to) continue;
      const secret = descriptor.secrets.find((s) => 'attribute' in s.env && s.env.attribute === a.name);
      if (ref.onEnvChange === 'rotate' && secret !== undefined && issued.some((s) => s.name === secret.name))
        await this.sink.delete(from);
      else if (ref.onEnvChange === 'rename' && !(await this.sink.rename(from, to))) {
        this.warnings.push(`${c.address}: ${from} was not in the secrets sink; copy the ${ref.noun} into ${to}`);
      }
    }
  }

  /** Removes the sink entries a resource of `kind` with `attributes` names (it is gone). */
  async forget(kind: string, attributes: JsonObject): Promise<void> {
    for (const name of secretRefAttributes(this.registry.kind(kind))) {
      const env = secretEnv(attributes, name);
      if (env !== null) await this.sink.delete(env);
    }
  }
}
