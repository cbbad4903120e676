/**
 * @module
 * What `grantform output` does (registered in `./commands/output.ts`): each resource's outputs from
 * state, or with `--secrets` the names of the secrets (their env names) and the sink that holds them.
 * Never a secret value.
 */
import { EngineError } from '../errors.js';
import type { JsonObject, JsonValue } from '../json.js';
import { isJsonObject } from '../json.js';
import { defaultSecretsPath } from '../state/secrets-sink.js';
import { readState } from '../state/state-file.js';
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

function secretRefOutput(attributes: JsonObject, key: string): JsonValue | undefined {
  const ref = attributes[key];
  return isJsonObject(ref) && typeof ref.env === 'string' ? ref.env : undefined;
}

/** The outputs of one state resource. */
export function outputsOf(address: string, r: { kind: string; id: string; attributes: JsonObject }): ResourceOutputs {
  const a = r.attributes;
  const outputs: Record<string, JsonValue> = {};
  if (r.kind === 'tenant') {
    outputs.subdomain = a.subdomain ?? null;
    if (a.endpoints !== undefined) outputs.endpoints = a.endpoints;
  } else if (r.kind === 'installed-package') {
    outputs.packageId = r.id;
    outputs.name = a.name ?? null;
  } else if (r.kind === 'api-integration') {
    outputs.clientId = a.clientId ?? r.id;
    outputs.type = a.type ?? null;
    if (a.endpoints !== undefined) outputs.endpoints = a.endpoints;
    const env = secretRefOutput(a, 'clientSecret');
    if (env !== undefined) outputs.clientSecretEnv = env;
  } else if (r.kind === 'ctct-application') {
    outputs.apiKey = a.clientId ?? r.id;
    outputs.type = a.type ?? null;
    if (a.endpoints !== undefined) outputs.endpoints = a.endpoints;
    const env = secretRefOutput(a, 'clientSecret');
    if (env !== undefined) outputs.clientSecretEnv = env;
  } else if (r.kind === 'ctct-partner') {
    outputs.partnerClientId = a.clientId ?? r.id;
    if (a.endpoints !== undefined) outputs.endpoints = a.endpoints;
    const env = secretRefOutput(a, 'partnerSecret');
    if (env !== undefined) outputs.partnerSecretEnv = env;
  } else if (r.kind === 'ctct-client-account') {
    outputs.encodedAccountId = r.id;
    outputs.loginName = a.loginName ?? null;
    outputs.managed = a.managed ?? null;
  } else {
    const env = secretRefOutput(a, 'jwtSigningSecret');
    if (env !== undefined) outputs.jwtSigningSecretEnv = env;
  }
  return { address, kind: r.kind, id: r.id, outputs };
}

/** The outputs that name a secret (`clientSecretEnv`, `partnerSecretEnv`, `jwtSigningSecretEnv`). */
const SECRET_OUTPUTS = ['clientSecretEnv', 'partnerSecretEnv', 'jwtSigningSecretEnv'] as const;

/** The secret names the resources refer to, sorted, each with the address that uses it. */
export function secretNamesOf(entries: readonly ResourceOutputs[]): { name: string; address: string }[] {
  const names: { name: string; address: string }[] = [];
  for (const e of entries) {
    for (const key of SECRET_OUTPUTS) {
      const name = e.outputs[key];
      if (typeof name === 'string') names.push({ name, address: e.address });
    }
  }
  return names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Runs `grantform output [ADDRESS]`. */
export async function runOutput(address: string | undefined, flags: OutputFlags, io: CliIo): Promise<void> {
  const r = resolveCommon(flags, io);
  const { state } = await readState(r.statePath);
  const entries = Object.entries(state.resources)
    .filter(([a]) => address === undefined || a === address)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([a, res]) => outputsOf(a, res));
  if (address !== undefined && entries.length === 0) {
    throw new EngineError('ERR_UNKNOWN_ADDRESS', `no resource at address ${address} in ${r.statePath}`);
  }
  const secretsSink = defaultSecretsPath(r.statePath);
  if (flags.secrets === true) {
    const secrets = secretNamesOf(entries);
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
