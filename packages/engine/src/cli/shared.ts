/**
 * @module
 * What the engine commands share when they run: resolving the common flags into a driver, a state
 * store and a secrets sink, loading the config into a manifest, colours, and the approval prompt.
 * The flags themselves are declared in `./options.ts` (light, so `--help` loads nothing else).
 */

import { resolve } from 'node:path';
import { createColors } from 'picocolors';
import type { ResourceDriver } from '../driver.js';
import { DEFAULT_EMULATOR_ENDPOINT } from '../drivers/emulator-driver.js';
import type { FetchLike } from '../drivers/http.js';
import { createTargetDriver } from '../drivers/target-driver.js';
import { EngineError } from '../errors.js';
import type { ExecSink } from '../state/exec-sink.js';
import { createExecSink, withExecSinks } from '../state/exec-sink.js';
import type { LockOptions } from '../state/lock.js';
import type { SecretsSink } from '../state/secrets-sink.js';
import { createEnvFileSecretsSink, createJsonSecretsSink, defaultSecretsPath } from '../state/secrets-sink.js';
import { durationFlag } from './flags.js';
import type { CliIo } from './io.js';
import type { CommonFlags } from './options.js';
import type { Colours } from './render-plan.js';
import { NO_COLOURS } from './render-plan.js';

export {
  addCommonOptions,
  type CommonFlags,
  type CommonOptionSet,
  DEFAULT_CONFIG,
  DEFAULT_STATE,
  type TargetName,
} from './options.js';

export interface Resolved {
  readonly statePath: string;
  readonly configPath: string;
  readonly endpoint: string;
  readonly driver: ResourceDriver;
  readonly fetch: FetchLike;
  readonly colours: Colours;
  readonly json: boolean;
}

export function coloursFor(io: CliIo, json: boolean): Colours {
  const enabled = io.isTTY === true && !json && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb';
  if (!enabled) return NO_COLOURS;
  const pc = createColors(true);
  return { green: pc.green, yellow: pc.yellow, red: pc.red, magenta: pc.magenta, bold: pc.bold, dim: pc.dim };
}

/**
 * Resolves paths against the working directory and builds the driver for `--target`: a target a
 * vendor brings (`sfmc`), else the emulator.
 */
export function resolveCommon(flags: CommonFlags, io: CliIo): Resolved {
  const fetchFn: FetchLike = io.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const endpoint = (flags.endpoint ?? io.env.GRANTFORM_ENDPOINT ?? DEFAULT_EMULATOR_ENDPOINT).replace(/\/+$/, '');
  const adminToken = io.env.GRANTFORM_ADMIN_TOKEN;
  const driver = createTargetDriver({
    target: flags.target,
    endpoint,
    env: io.env,
    fetch: fetchFn,
    ...(adminToken === undefined ? {} : { adminToken }),
  });
  const json = flags.json === true;
  return {
    statePath: resolve(io.cwd, flags.state),
    configPath: resolve(io.cwd, flags.config),
    endpoint,
    driver,
    fetch: fetchFn,
    colours: coloursFor(io, json),
    json,
  };
}

/** The longest `--lock-timeout`: a day. */
export const LOCK_TIMEOUT_MAX_MS = 24 * 3_600_000;

/** How the command takes the state lock: `--force-unlock` and `--lock-timeout` (checked: `ERR_USAGE`). */
export function lockOptionsFor(flags: CommonFlags): LockOptions {
  const timeoutMs =
    flags.lockTimeout === undefined ? 0 : durationFlag('--lock-timeout', flags.lockTimeout, 0, LOCK_TIMEOUT_MAX_MS);
  return { force: flags.forceUnlock === true, timeoutMs };
}

/** The file sink alone (`<state>.secrets.json`, or `--secrets-env-file`): what grantform reads back. */
export function secretsFileFor(flags: CommonFlags, statePath: string, io: CliIo): SecretsSink {
  return flags.secretsEnvFile === undefined
    ? createJsonSecretsSink(defaultSecretsPath(statePath))
    : createEnvFileSecretsSink(resolve(io.cwd, flags.secretsEnvFile));
}

/** The `--secrets-exec` commands. */
export function execSinksFor(flags: CommonFlags, io: CliIo): ExecSink[] {
  return (flags.secretsExec ?? []).map((command) => createExecSink(command, { cwd: io.cwd }));
}

/** Every configured sink: the file, then each `--secrets-exec` command. */
export function secretsSinkFor(flags: CommonFlags, statePath: string, io: CliIo): SecretsSink {
  return withExecSinks(secretsFileFor(flags, statePath, io), execSinksFor(flags, io));
}

/**
 * Env names that hold a secret value, in the sink or the environment (names only): what the plan
 * checks a resource's secrets against before planning a re-issue (`PlanOptions.secretNames`).
 */
export async function secretNamesFor(sink: SecretsSink, io: CliIo): Promise<ReadonlySet<string>> {
  const names = new Set(await sink.names());
  for (const [name, value] of Object.entries(io.env)) if (value !== undefined && value !== '') names.add(name);
  return names;
}

export { loadManifest } from '../config/load-config.js';

/** Asks before changing anything: `--auto-approve`, or "yes" on a TTY; otherwise `ERR_APPROVAL_REQUIRED`. */
export async function confirm(io: CliIo, autoApprove: boolean, question: string): Promise<void> {
  if (autoApprove) return;
  if (io.isTTY !== true || io.prompt === undefined) {
    throw new EngineError(
      'ERR_APPROVAL_REQUIRED',
      'not a terminal: pass --auto-approve to apply without confirmation (or apply a saved plan file)',
    );
  }
  const answer = await io.prompt(`${question}\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: `);
  if (answer.trim() !== 'yes') throw new EngineError('ERR_APPLY_CANCELLED', 'apply cancelled');
}

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
