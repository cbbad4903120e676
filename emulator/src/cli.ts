/**
 * @module
 * Starting the emulator from a command line: shared by `grantform emulator` (engine CLI) and the
 * standalone `grantform-emulator` bin (`src/main.ts`). Reads `--seed` (a manifest JSON, or a
 * `grantform.config.ts` loaded by the engine), writes `--credentials-out` (mode 0600), prints where
 * things live and never a secret, and stops cleanly on SIGINT/SIGTERM (state flushed). `--tls` adds the
 * local CA, the forward proxy and (with `--tls-port`) the HTTPS listener; `env` (first argument) prints
 * the variables that send clients to them (`env-command.ts`).
 */
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { EMULATOR_ENV_CLI_OPTIONS, runEnvCommand } from './env-command.js';

export { EMULATOR_ENV_CLI_OPTIONS, type EmulatorEnvOptions, runEnvCommand } from './env-command.js';

import type { SigningAlgorithm } from './keys.js';
import { ALLOWED_HOST_FORM, normaliseAllowedHost, type OutOfScopePolicy } from './options.js';
import { type RunningEmulator, startEmulatorServer, type TlsServerOptions } from './server.js';

export interface EmulatorCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Loads a `--seed` that is a config file (not `.json`) as a manifest. The engine's CLI passes its
   * own loader. @default the `loadManifest` of the `@grantform/engine` installed where the config is
   */
  loadConfig?(path: string): Promise<unknown>;
}

export interface EmulatorCliOptions {
  port?: number | string;
  host?: string;
  seed?: string;
  state?: string;
  credentialsOut?: string;
  adminToken?: string;
  headless?: boolean;
  outOfScope?: string;
  algorithm?: string;
  /** Seconds before integration changes take effect (`PUT /_emulator/settings`). @default 0, or the state file's */
  propagationDelay?: number | string;
  /** Client secrets expire this many days after they are generated. @default 180, or the state file's */
  secretLifetimeDays?: number | string;
  /** More `Host` values the admin API and console answer to (`--allowed-host`, repeatable). @default none */
  allowedHosts?: readonly string[];
  /** Most access-token records kept (`--max-access-tokens`). @default 100000 */
  maxAccessTokens?: number | string;
  /** Serve the vendors' host names over TLS, with the forward proxy (`--tls`). @default false */
  tls?: boolean;
  /** Where the CA is kept (`--tls-dir`). @default `emulator-tls/` beside `--state` */
  tlsDir?: string;
  /** Bind the HTTPS listener on this port (`--tls-port`; 443 for the /etc/hosts way). @default none */
  tlsPort?: number | string;
  /** The forward proxy's port (`--proxy-port`; 0 = any free port). @default 4011 */
  proxyPort?: number | string;
}

export class EmulatorCliError extends Error {
  readonly code = 'ERR_EMULATOR_CLI';
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

function port(v: number | string | undefined, flag = 'port', fallback = 4010): number {
  return intFlag(flag, v, 0, 65_535) ?? fallback;
}

/** The TLS directory: `--tls-dir`, else `emulator-tls/` beside `--state`. */
function tlsDirOf(o: EmulatorCliOptions, cwd: string): string {
  if (o.tlsDir !== undefined) return resolve(cwd, o.tlsDir);
  if (o.state !== undefined) return join(dirname(resolve(cwd, o.state)), 'emulator-tls');
  throw new EmulatorCliError(
    '--tls needs --tls-dir DIR or --state FILE: the CA is kept on disk (beside the state file by default), so it is made and trusted once',
  );
}

/** `--tls` and its flags, checked; `undefined` without `--tls`. */
function tlsOptions(o: EmulatorCliOptions, cwd: string): TlsServerOptions | undefined {
  if (!o.tls) {
    const given = (
      [
        ['--tls-dir', o.tlsDir],
        ['--tls-port', o.tlsPort],
        ['--proxy-port', o.proxyPort],
      ] as const
    ).filter(([, v]) => v !== undefined);
    if (given.length > 0) throw new EmulatorCliError(`${given.map(([f]) => f).join(', ')} need --tls`);
    return undefined;
  }
  return {
    dir: tlsDirOf(o, cwd),
    proxyPort: port(o.proxyPort, 'proxy-port', 4011),
    ...(o.tlsPort === undefined ? {} : { port: port(o.tlsPort, 'tls-port') }),
  };
}

function intFlag(name: string, v: number | string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : typeof v === 'number' ? v : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new EmulatorCliError(`--${name} must be a whole number from ${min} to ${max} (got ${v})`);
  }
  return n;
}

async function writePrivate(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, path);
}

/**
 * The `@grantform/engine` installed beside a config (where `grantform synth` would run) loads it:
 * the emulator itself never compiles TypeScript.
 */
async function loadWithProjectEngine(path: string): Promise<unknown> {
  let entry: string;
  try {
    entry = createRequire(path).resolve('@grantform/engine/config');
  } catch {
    throw new EmulatorCliError(
      `--seed ${path} is a config file: loading it needs @grantform/engine installed beside it (npm install --save-dev @grantform/engine), or seed a manifest instead (grantform synth writes .grantform/synth/manifest.json)`,
    );
  }
  const engine = (await import(pathToFileURL(entry).href)) as { loadManifest(file: string): Promise<unknown> };
  return engine.loadManifest(path);
}

/** `--seed`: a manifest JSON is read as is; any other file is a config, loaded into a manifest. */
async function readSeed(path: string, io: EmulatorCliIo): Promise<Record<string, unknown>> {
  if (!path.endsWith('.json')) {
    return (await (io.loadConfig ?? loadWithProjectEngine)(path)) as Record<string, unknown>;
  }
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new EmulatorCliError(`cannot read --seed ${path}: ${(err as Error).message}`);
  }
}

/** Starts the server as the flags say and prints the summary. */
export async function startFromCli(o: EmulatorCliOptions, io: EmulatorCliIo): Promise<RunningEmulator> {
  const algorithm = (o.algorithm ?? 'ES256') as SigningAlgorithm;
  if (!['ES256', 'RS256', 'HS256'].includes(algorithm))
    throw new EmulatorCliError('--algorithm must be ES256, RS256 or HS256');
  const outOfScope = (o.outOfScope ?? 'error') as OutOfScopePolicy;
  if (outOfScope !== 'error' && outOfScope !== 'intersect')
    throw new EmulatorCliError('--out-of-scope must be error or intersect');
  const propagationDelaySeconds = intFlag('propagation-delay', o.propagationDelay, 0, 86_400);
  const secretLifetimeDays = intFlag('secret-lifetime-days', o.secretLifetimeDays, 1, 3650);
  const maxAccessTokens = intFlag('max-access-tokens', o.maxAccessTokens, 1, 100_000_000);
  const allowedHosts = (o.allowedHosts ?? []).map((entry) => {
    const host = normaliseAllowedHost(entry);
    if (host === undefined) throw new EmulatorCliError(`--allowed-host must be ${ALLOWED_HOST_FORM} (got ${entry})`);
    return host;
  });
  const tls = tlsOptions(o, io.cwd);
  const seed = o.seed ? await readSeed(resolve(io.cwd, o.seed), io) : undefined;
  const adminToken = o.adminToken ?? io.env.GRANTFORM_EMULATOR_ADMIN_TOKEN;
  const running = await startEmulatorServer({
    port: port(o.port),
    host: o.host ?? '127.0.0.1',
    algorithm,
    outOfScopePolicy: outOfScope,
    headlessAuthorize: o.headless ?? false,
    ...(propagationDelaySeconds === undefined ? {} : { propagationDelaySeconds }),
    ...(secretLifetimeDays === undefined ? {} : { secretLifetimeDays }),
    ...(maxAccessTokens === undefined ? {} : { maxAccessTokens }),
    ...(allowedHosts.length === 0 ? {} : { allowedHosts }),
    ...(adminToken ? { adminToken } : {}),
    ...(o.state ? { statePath: resolve(io.cwd, o.state) } : {}),
    ...(seed ? { seed } : {}),
    ...(tls ? { tls } : {}),
    logger: {
      warn: (m) => io.stderr(`emulator: warning: ${m}\n`),
      error: (m, err) => io.stderr(`emulator: ${m}: ${err instanceof Error ? err.message : String(err)}\n`),
    },
  });
  const lines = [
    `grantform emulator listening on ${running.url}`,
    `  admin API    ${running.url}/_emulator/ (OpenAPI: ${running.url}/_emulator/openapi.json)`,
    `  web console  ${running.url}/_emulator/console${adminToken ? ' (needs the admin token: ?token=…)' : ''}`,
    `  admin Host   localhost, 127.0.0.1, [::1]${allowedHosts.map((h) => `, ${h}`).join('')} (others refused; --allowed-host adds one)`,
  ];
  lines.push(`  tenants      ${running.url}/{subdomain}.auth|rest|soap.marketingcloudapis.com/ or by Host header`);
  for (const t of running.app.context.store.tenants()) {
    lines.push(`    ${t.name.padEnd(12)} ${running.url}/${t.subdomain}.auth.marketingcloudapis.com/`);
  }
  if (running.tls) lines.push(...tlsSummary(running.tls, running.url));
  if (o.state)
    lines.push(
      `  state        ${o.state} (admin changes durable before the response; tokens and REST data batched, written 250 ms after a change)`,
    );
  if (o.headless) lines.push('  headless authorize ON (login_hint + grantform_auto_approve=1)');
  const { settings } = running.app.context.control;
  lines.push(
    `  settings     propagation delay ${settings.propagationDelaySeconds} s, secret lifetime ${settings.secretLifetimeDays} days (PUT /_emulator/settings)`,
  );
  if (o.credentialsOut) {
    const path = resolve(io.cwd, o.credentialsOut);
    const ctct = running.constantContact === undefined ? {} : { constantContact: running.constantContact };
    await writePrivate(path, `${JSON.stringify({ credentials: running.credentials, ...ctct }, null, 2)}\n`);
    lines.push(`  credentials  ${o.credentialsOut} (${running.credentials.length} integration(s), mode 0600)`);
  } else if (running.credentials.length > 0) {
    lines.push('  credentials  not written (pass --credentials-out FILE); secrets are never printed');
  }
  io.stdout(`${lines.join('\n')}\n`);
  return running;
}

/** The start-up lines about the TLS side. */
function tlsSummary(tls: NonNullable<RunningEmulator['tls']>, url: string): string[] {
  const [first = '', ...rest] = tls.hostnames;
  return [
    `  TLS CA       SHA-256 ${tls.fingerprintSha256}`,
    `               ${tls.files.caCertificate} (${tls.caState === 'created' ? 'made now: trust it once' : 'kept'}; Java: ${tls.files.javaTrustStore})`,
    `  proxy        ${tls.proxyUrl} (HTTPS_PROXY: CONNECT to the hosts served, port 443; anything else 403)`,
    ...(tls.httpsUrl === null ? [] : [`  HTTPS        ${tls.httpsUrl} (the hosts served, by SNI: for /etc/hosts)`]),
    `  hosts served ${first}`,
    ...rest.map((h) => `               ${h}`),
    `  client env   grantform emulator env --url ${url} [--format shell|dotenv|github]`,
  ];
}

/** Resolves on the first SIGINT or SIGTERM. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    const on = (s: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      done(s);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** Runs until `until` resolves (default: a signal), then closes and flushes. */
export async function runEmulator(
  o: EmulatorCliOptions,
  io: EmulatorCliIo,
  until: () => Promise<unknown> = untilSignal,
): Promise<void> {
  const running = await startFromCli(o, io);
  await until();
  await running.close();
  io.stdout('grantform emulator stopped\n');
}

/**
 * The flags {@link runEmulatorCli} accepts (`parseArgs` options). The `grantform` bin's fast path (the
 * prebuilt bundle) is taken only when every flag given is listed here; keep it in step with the
 * `grantform emulator` command (a test checks both lists match).
 */
export const EMULATOR_CLI_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  seed: { type: 'string' },
  state: { type: 'string' },
  'credentials-out': { type: 'string' },
  'admin-token': { type: 'string' },
  headless: { type: 'boolean' },
  'out-of-scope': { type: 'string' },
  algorithm: { type: 'string' },
  'propagation-delay': { type: 'string' },
  'secret-lifetime-days': { type: 'string' },
  'allowed-host': { type: 'string', multiple: true },
  'max-access-tokens': { type: 'string' },
  tls: { type: 'boolean' },
  'tls-dir': { type: 'string' },
  'tls-port': { type: 'string' },
  'proxy-port': { type: 'string' },
} as const satisfies NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** `env [--url URL] [--admin-token T] [--format shell|dotenv|github] [--ca-only]`. */
async function runEnv(argv: string[], io: EmulatorCliIo): Promise<void> {
  const { values } = parseArgs({ args: argv, options: EMULATOR_ENV_CLI_OPTIONS });
  await runEnvCommand(
    {
      ...(values.url === undefined ? {} : { url: values.url }),
      ...(values['admin-token'] === undefined ? {} : { adminToken: values['admin-token'] }),
      ...(values.format === undefined ? {} : { format: values.format }),
      caOnly: values['ca-only'] ?? false,
    },
    io,
  );
}

/** argv entry for `src/main.ts` and for the bundle (`dist/emulator.mjs`); `env …` runs the env command. */
export async function runEmulatorCli(argv: string[], io: EmulatorCliIo): Promise<number> {
  try {
    if (argv[0] === 'env') {
      await runEnv(argv.slice(1), io);
      return 0;
    }
    const { values } = parseArgs({ args: argv, options: EMULATOR_CLI_OPTIONS });
    await runEmulator(
      {
        ...(values.port === undefined ? {} : { port: values.port }),
        ...(values.host === undefined ? {} : { host: values.host }),
        ...(values.seed === undefined ? {} : { seed: values.seed }),
        ...(values.state === undefined ? {} : { state: values.state }),
        ...(values['credentials-out'] === undefined ? {} : { credentialsOut: values['credentials-out'] }),
        ...(values['admin-token'] === undefined ? {} : { adminToken: values['admin-token'] }),
        ...(values['out-of-scope'] === undefined ? {} : { outOfScope: values['out-of-scope'] }),
        ...(values.algorithm === undefined ? {} : { algorithm: values.algorithm }),
        ...(values['propagation-delay'] === undefined ? {} : { propagationDelay: values['propagation-delay'] }),
        ...(values['secret-lifetime-days'] === undefined ? {} : { secretLifetimeDays: values['secret-lifetime-days'] }),
        ...(values['allowed-host'] === undefined ? {} : { allowedHosts: values['allowed-host'] }),
        ...(values['max-access-tokens'] === undefined ? {} : { maxAccessTokens: values['max-access-tokens'] }),
        ...(values['tls-dir'] === undefined ? {} : { tlsDir: values['tls-dir'] }),
        ...(values['tls-port'] === undefined ? {} : { tlsPort: values['tls-port'] }),
        ...(values['proxy-port'] === undefined ? {} : { proxyPort: values['proxy-port'] }),
        tls: values.tls ?? false,
        headless: values.headless ?? false,
      },
      io,
    );
    return 0;
  } catch (err) {
    const { code, issues } = err as { code?: unknown; issues?: unknown };
    const lines = [`error${typeof code === 'string' ? `[${code}]` : ''}: ${(err as Error).message}`];
    // A config seed's validation and compile errors list each problem with its path.
    if (Array.isArray(issues)) for (const i of issues) lines.push(`  - ${String(i.path)}: ${String(i.message)}`);
    io.stderr(`${lines.join('\n')}\n`);
    return 1;
  }
}
