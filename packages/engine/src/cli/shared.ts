/**
 * @module
 * What the engine commands share: the common flags, resolving them into a driver, a state store
 * and a secrets sink, loading the config into a manifest, colours, and the approval prompt.
 */

import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Manifest } from '@grantform/config';
import { parseManifest, synth } from '@grantform/config';
import type { Command } from 'commander';
import { Option } from 'commander';
import { createColors } from 'picocolors';
import { loadConfig } from '../config/load-config.js';
import type { ResourceDriver } from '../driver.js';
import { createEmulatorDriver, DEFAULT_EMULATOR_ENDPOINT } from '../drivers/emulator-driver.js';
import type { FetchLike } from '../drivers/http.js';
import { createSfmcDriver } from '../drivers/sfmc-driver.js';
import { EngineError } from '../errors.js';
import { isJsonObject } from '../json.js';
import type { SecretsSink } from '../state/secrets-sink.js';
import { createEnvFileSecretsSink, createJsonSecretsSink, defaultSecretsPath } from '../state/secrets-sink.js';
import type { CliIo } from './io.js';
import type { Colours } from './render-plan.js';
import { NO_COLOURS } from './render-plan.js';

export const DEFAULT_CONFIG = './grantform.config.ts';
export const DEFAULT_STATE = './.grantform/state.json';

export type TargetName = 'emulator' | 'sfmc';

/** The flags every engine command accepts (commander's parsed shape). */
export interface CommonFlags {
  readonly config: string;
  readonly target: TargetName;
  readonly endpoint?: string;
  readonly state: string;
  readonly json?: boolean;
  readonly secretsEnvFile?: string;
  readonly forceUnlock?: boolean;
  readonly address?: string[];
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export interface CommonOptionSet {
  readonly address?: boolean;
  readonly lock?: boolean;
  readonly secrets?: boolean;
}

/** Adds `--config --target --endpoint --state --json` (and `--address`, `--force-unlock`, `--secrets-env-file`). */
export function addCommonOptions(cmd: Command, set: CommonOptionSet = {}): Command {
  cmd
    .option(
      '--config <file>',
      'config file (grantform.config.ts, a .json config, or a synthesized manifest)',
      DEFAULT_CONFIG,
    )
    .addOption(
      new Option('--target <target>', 'where resources live').choices(['emulator', 'sfmc']).default('emulator'),
    )
    .option('--endpoint <url>', `emulator origin (env GRANTFORM_ENDPOINT; default ${DEFAULT_EMULATOR_ENDPOINT})`)
    .option('--state <file>', 'state file', DEFAULT_STATE)
    .option('--json', 'machine-readable output on stdout');
  if (set.address === true) {
    cmd.option('--address <addr>', 'only this address (repeatable); dependencies come along', collect);
  }
  if (set.lock === true) cmd.option('--force-unlock', 'remove a stale state lock before starting');
  if (set.secrets === true) {
    cmd.option(
      '--secrets-env-file <file>',
      'write secrets as NAME=value lines to this file (mode 0600) instead of <state>.secrets.json',
    );
  }
  return cmd;
}

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

/** Resolves paths against the working directory and builds the driver for `--target`. */
export function resolveCommon(flags: CommonFlags, io: CliIo): Resolved {
  const fetchFn: FetchLike = io.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const endpoint = (flags.endpoint ?? io.env.GRANTFORM_ENDPOINT ?? DEFAULT_EMULATOR_ENDPOINT).replace(/\/+$/, '');
  const adminToken = io.env.GRANTFORM_ADMIN_TOKEN;
  const driver =
    flags.target === 'sfmc'
      ? createSfmcDriver({ env: io.env, fetch: fetchFn })
      : createEmulatorDriver({ endpoint, fetch: fetchFn, ...(adminToken === undefined ? {} : { adminToken }) });
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

export function secretsSinkFor(flags: CommonFlags, statePath: string, io: CliIo): SecretsSink {
  return flags.secretsEnvFile === undefined
    ? createJsonSecretsSink(defaultSecretsPath(statePath))
    : createEnvFileSecretsSink(resolve(io.cwd, flags.secretsEnvFile));
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

/**
 * Loads the config as a manifest: a synthesized manifest JSON (`apiVersion: grantform.dev/v1`) is
 * parsed as is; anything else goes through the config loader and `synth`.
 */
export async function loadManifest(configPath: string): Promise<Manifest> {
  if (configPath.endsWith('.json')) {
    let text: string | null = null;
    try {
      text = await readFile(configPath, 'utf8');
    } catch {
      // let loadConfig report the missing file
    }
    if (text !== null) {
      let raw: unknown = null;
      try {
        raw = JSON.parse(text);
      } catch {
        // loadConfig reports it
      }
      if (isJsonObject(raw) && raw.apiVersion === 'grantform.dev/v1') return parseManifest(raw);
    }
  }
  const app = await loadConfig(configPath, { cwd: dirname(configPath) });
  return synth(app);
}

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
