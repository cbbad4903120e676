/**
 * @module
 * What `grantform output` does (registered in `./commands/output.ts`): each resource's outputs from
 * state, or with `--secrets` the names of the secrets (their env names) and the sink that holds them.
 * Never a secret value.
 */
import { EngineError } from '../errors.js';
import { secretEnv } from '../issued-secrets.js';
import type { JsonObject } from '../json.js';
import { isJsonObject } from '../json.js';
import { secretRefAttributes } from '../registry/descriptor.js';
import { defaultSecretsPath } from '../state/secrets-sink.js';
import { readState } from '../state/state-file.js';
import { BUILT_IN_REGISTRY } from '../vendors/index.js';
import type { CliIo } from './io.js';
import type { CommonFlags } from './options.js';
import { resolveCommon, writeJson } from './shared.js';

export interface OutputFlags extends CommonFlags {
  /** List secret names only. */
  readonly secrets?: boolean;
}

export interface ResourceOutputs {
  readonly address: string;
  readonly kind: string;
  readonly id: string;
  readonly outputs: JsonObject;
}

/** The outputs of one state resource (its kind's descriptor says which). */
export function outputsOf(address: string, r: { kind: string; id: string; attributes: JsonObject }): ResourceOutputs {
  return { address, kind: r.kind, id: r.id, outputs: BUILT_IN_REGISTRY.kind(r.kind).outputs(r) };
}

/** The secret names the resources refer to (their secret refs' env names), sorted, each with its address. */
export function secretNamesOf(
  entries: readonly { readonly address: string; readonly kind: string; readonly attributes: JsonObject }[],
): { name: string; address: string }[] {
  const names: { name: string; address: string }[] = [];
  for (const e of entries) {
    for (const key of secretRefAttributes(BUILT_IN_REGISTRY.kind(e.kind))) {
      const name = secretEnv(e.attributes, key);
      if (name !== null) names.push({ name, address: e.address });
    }
  }
  return names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Runs `grantform output [ADDRESS]`. */
export async function runOutput(address: string | undefined, flags: OutputFlags, io: CliIo): Promise<void> {
  const r = resolveCommon(flags, io);
  const { state } = await readState(r.statePath);
  const selected = Object.entries(state.resources)
    .filter(([a]) => address === undefined || a === address)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const entries = selected.map(([a, res]) => outputsOf(a, res));
  if (address !== undefined && entries.length === 0) {
    throw new EngineError('ERR_UNKNOWN_ADDRESS', `no resource at address ${address} in ${r.statePath}`);
  }
  const secretsSink = defaultSecretsPath(r.statePath);
  if (flags.secrets === true) {
    const secrets = secretNamesOf(selected.map(([a, res]) => ({ address: a, ...res })));
    if (r.json) writeJson(io, { secretsSink, secrets });
    else for (const name of new Set(secrets.map((s) => s.name))) io.stdout(`${name}\n`);
    return;
  }
  if (r.json) {
    writeJson(io, { secretsSink, resources: entries });
    return;
  }
  for (const e of entries) {
    io.stdout(`${e.address} (${e.kind})\n`);
    for (const [k, v] of Object.entries(e.outputs)) {
      if (isJsonObject(v)) for (const [k2, v2] of Object.entries(v)) io.stdout(`  ${k}.${k2} = ${String(v2)}\n`);
      else io.stdout(`  ${k} = ${String(v)}\n`);
    }
  }
  if (entries.some((e) => e.outputs.clientSecretEnv !== undefined || e.outputs.jwtSigningSecretEnv !== undefined)) {
    io.stdout(`\nSecret values are in the secrets sink (default ${secretsSink}), keyed by env name.\n`);
  }
}
