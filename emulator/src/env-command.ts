/**
 * @module
 * `grantform emulator env` (and `grantform-emulator env`): asks a running emulator started with `--tls`
 * for its TLS side (`GET /_emulator/tls`) and prints the variables a shell or CI step needs
 * (`tls/env-vars.ts`): `--format shell` (default, for `eval "$(grantform emulator env)"`), `dotenv`, or
 * `github`, which appends them to the file `$GITHUB_ENV` names so every later step of the job has them.
 */
import { appendFile } from 'node:fs/promises';
import type { parseArgs } from 'node:util';
import type { EmulatorCliIo } from './cli.js';
import { ENV_FORMATS, type EnvFormat, proxyEnvironment, renderEnvironment } from './tls/env-vars.js';

/** The default emulator address (`--url`, or `GRANTFORM_EMULATOR_URL`). */
export const DEFAULT_EMULATOR_URL = 'http://127.0.0.1:4010';

/** The flags of `env` (`parseArgs` options); the engine's `grantform emulator env` declares the same. */
export const EMULATOR_ENV_CLI_OPTIONS = {
  url: { type: 'string' },
  'admin-token': { type: 'string' },
  format: { type: 'string' },
  'ca-only': { type: 'boolean' },
} as const satisfies NonNullable<Parameters<typeof parseArgs>[0]>['options'];

export interface EmulatorEnvOptions {
  /** @default GRANTFORM_EMULATOR_URL, else http://127.0.0.1:4010 */
  readonly url?: string;
  /** @default GRANTFORM_EMULATOR_ADMIN_TOKEN */
  readonly adminToken?: string;
  /** @default 'shell' */
  readonly format?: string;
  /** Only the trust variables, no proxy (the /etc/hosts way). @default false */
  readonly caOnly?: boolean;
}

export class EmulatorEnvError extends Error {
  readonly code = 'ERR_EMULATOR_ENV';
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

interface TlsView {
  enabled: boolean;
  proxyUrl?: string;
  files?: { caCertificate: string; caBundle: string; javaTrustStore: string };
}

async function readTlsStatus(url: string, adminToken: string | undefined, fetchImpl: typeof fetch): Promise<TlsView> {
  let res: Response;
  try {
    res = await fetchImpl(`${url}/_emulator/tls`, {
      headers: adminToken === undefined ? {} : { authorization: `Bearer ${adminToken}` },
    });
  } catch (err) {
    throw new EmulatorEnvError(
      `cannot reach the emulator at ${url} (${(err as Error).message}): start it with --tls, or pass --url`,
    );
  }
  const text = await res.text();
  if (!res.ok) {
    let message = text.slice(0, 300);
    try {
      message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
    } catch {}
    throw new EmulatorEnvError(`${url}/_emulator/tls answered ${res.status}: ${message}`);
  }
  return JSON.parse(text) as TlsView;
}

/** Prints (or, with `github`, appends to `$GITHUB_ENV`) the variables; see the module comment. */
export async function runEnvCommand(
  o: EmulatorEnvOptions,
  io: EmulatorCliIo,
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  const format = (o.format ?? 'shell') as EnvFormat;
  if (!ENV_FORMATS.includes(format)) {
    throw new EmulatorEnvError(`--format must be ${ENV_FORMATS.join(', ')} (got ${o.format})`);
  }
  const url = (o.url ?? io.env.GRANTFORM_EMULATOR_URL ?? DEFAULT_EMULATOR_URL).replace(/\/+$/, '');
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    throw new EmulatorEnvError(`--url must be the emulator's address, such as ${DEFAULT_EMULATOR_URL} (got ${url})`);
  }
  const status = await readTlsStatus(url, o.adminToken ?? io.env.GRANTFORM_EMULATOR_ADMIN_TOKEN, fetchImpl);
  if (!status.enabled || status.proxyUrl === undefined || status.files === undefined) {
    throw new EmulatorEnvError(
      `the emulator at ${url} runs without TLS: start it with --tls (and --tls-dir or --state)`,
    );
  }
  let vars: [string, string][];
  try {
    vars = proxyEnvironment(
      { proxyUrl: status.proxyUrl, files: status.files },
      { caOnly: o.caOnly ?? false, emulatorHost: host },
    );
  } catch (err) {
    throw new EmulatorEnvError((err as Error).message);
  }
  const text = renderEnvironment(vars, format);
  if (format !== 'github') {
    io.stdout(text);
    return;
  }
  const file = io.env.GITHUB_ENV;
  if (file === undefined || file === '') {
    throw new EmulatorEnvError('--format github appends to the file $GITHUB_ENV names, and GITHUB_ENV is not set');
  }
  await appendFile(file, text);
  io.stdout(`appended ${vars.length} variables to $GITHUB_ENV: ${vars.map(([name]) => name).join(', ')}\n`);
}
