/**
 * @module
 * `grantform emulator [--port 4010] [--host 127.0.0.1] [--seed manifest.json|grantform.config.ts] [--state FILE]
 * [--credentials-out FILE] [--admin-token T] [--headless] [--out-of-scope error|intersect]
 * [--algorithm ES256|RS256|HS256] [--propagation-delay SECONDS] [--secret-lifetime-days DAYS]
 * [--allowed-host HOST]… [--max-access-tokens N] [--tls [--tls-dir DIR] [--tls-port PORT] [--proxy-port PORT]]`:
 * runs the local Marketing Cloud emulator until SIGINT/SIGTERM. `grantform emulator env [--url URL]
 * [--admin-token T] [--format shell|dotenv|github] [--ca-only]` prints the variables that send clients
 * in any language to a running emulator's TLS side (the emulator's `env-command.ts`). Secrets go only to
 * `--credentials-out` (mode 0600), never to the terminal. The emulator is loaded lazily, so other
 * commands do not pay for it.
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';

export interface EmulatorCommandDeps {
  /** Resolves when the emulator should stop. @default the first SIGINT or SIGTERM */
  readonly until?: () => Promise<unknown>;
}

interface Flags {
  port: string;
  host: string;
  seed?: string;
  state?: string;
  credentialsOut?: string;
  adminToken?: string;
  headless?: boolean;
  outOfScope: string;
  algorithm: string;
  propagationDelay?: string;
  secretLifetimeDays?: string;
  allowedHost: string[];
  maxAccessTokens?: string;
  tls?: boolean;
  tlsDir?: string;
  tlsPort?: string;
  proxyPort?: string;
}

interface EnvFlags {
  url?: string;
  adminToken?: string;
  format: string;
  caOnly?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Builds the registration; tests pass `until` to stop the server without a signal. */
export function createEmulatorCommand(deps: EmulatorCommandDeps = {}): (program: Command, io: CliIo) => void {
  return (program, io) => {
    program
      .command('emulator')
      .description('run the local Marketing Cloud emulator (auth server and admin API)')
      .option('--port <port>', 'port to listen on (0 picks a free one)', '4010')
      .option('--host <host>', 'interface to bind', '127.0.0.1')
      .option(
        '--seed <file>',
        'seed tenants, packages and integrations from a synthesized manifest (.json) or a grantform config (.ts)',
      )
      .option('--state <file>', 'persist everything to this file (reloaded on start)')
      .option('--credentials-out <file>', 'write seeded client ids and secrets here (mode 0600)')
      .option('--admin-token <token>', 'require this bearer token on /_emulator/* (or GRANTFORM_EMULATOR_ADMIN_TOKEN)')
      .option('--headless', 'allow login_hint + grantform_auto_approve=1 on /v2/authorize (for tests)')
      .option('--out-of-scope <policy>', 'scope outside the integration: error | intersect', 'error')
      .option('--algorithm <alg>', 'token signing algorithm: ES256 | RS256 | HS256', 'ES256')
      .option(
        '--propagation-delay <seconds>',
        'seconds before integration changes take effect (0–86400; vendor: up to 300) [default: 0, or the state file]',
      )
      .option(
        '--secret-lifetime-days <days>',
        'client secrets expire this many days after they are generated [default: 180, or the state file]',
      )
      .option(
        '--allowed-host <host>',
        'another Host name the admin API and console answer to (repeatable; name or name:port) [default: only localhost, 127.0.0.1, [::1]]',
        collect,
        [],
      )
      .option('--max-access-tokens <n>', 'most access-token records kept; expired ones go first [default: 100000]')
      .option(
        '--tls',
        "also serve the vendors' real host names over TLS: a local CA (made once), a forward proxy and, with --tls-port, an HTTPS listener",
      )
      .option('--tls-dir <dir>', 'where the CA is kept [default: emulator-tls/ beside --state]')
      .option(
        '--tls-port <port>',
        'bind the HTTPS listener on this port (443 with /etc/hosts) [default: none, proxy only]',
      )
      .option('--proxy-port <port>', 'the forward proxy port for HTTPS_PROXY (0 picks a free one) [default: 4011]')
      .action(async (flags: Flags) => {
        const { runEmulator, untilSignal } = await import('@grantform/emulator/cli');
        await runEmulator(
          {
            port: flags.port,
            host: flags.host,
            outOfScope: flags.outOfScope,
            algorithm: flags.algorithm,
            headless: flags.headless ?? false,
            ...(flags.seed === undefined ? {} : { seed: flags.seed }),
            ...(flags.state === undefined ? {} : { state: flags.state }),
            ...(flags.credentialsOut === undefined ? {} : { credentialsOut: flags.credentialsOut }),
            ...(flags.adminToken === undefined ? {} : { adminToken: flags.adminToken }),
            ...(flags.propagationDelay === undefined ? {} : { propagationDelay: flags.propagationDelay }),
            ...(flags.secretLifetimeDays === undefined ? {} : { secretLifetimeDays: flags.secretLifetimeDays }),
            ...(flags.allowedHost.length === 0 ? {} : { allowedHosts: flags.allowedHost }),
            ...(flags.maxAccessTokens === undefined ? {} : { maxAccessTokens: flags.maxAccessTokens }),
            ...(flags.tls ? { tls: true } : {}),
            ...(flags.tlsDir === undefined ? {} : { tlsDir: flags.tlsDir }),
            ...(flags.tlsPort === undefined ? {} : { tlsPort: flags.tlsPort }),
            ...(flags.proxyPort === undefined ? {} : { proxyPort: flags.proxyPort }),
          },
          // A config seed is loaded as `--config` is, only when one is given.
          { ...io, loadConfig: async (path) => (await import('../../config/load-config.js')).loadManifest(path) },
          deps.until ?? untilSignal,
        );
      })
      // `emulator env --admin-token T`: the flag is env's, not the (same-named) emulator flag's.
      .enablePositionalOptions()
      .command('env')
      .description(
        "print HTTPS_PROXY, NO_PROXY, the CA paths and the Java options that send any client to a running emulator's TLS side",
      )
      .option('--url <url>', 'the emulator [default: GRANTFORM_EMULATOR_URL or http://127.0.0.1:4010]')
      .option('--admin-token <token>', 'its admin token (or GRANTFORM_EMULATOR_ADMIN_TOKEN)')
      .option('--format <format>', 'shell (export lines) | dotenv | github (appended to $GITHUB_ENV)', 'shell')
      .option('--ca-only', 'only the trust variables, no proxy (for --tls-port 443 with /etc/hosts)')
      .action(async (flags: EnvFlags) => {
        const { runEnvCommand } = await import('@grantform/emulator/cli');
        await runEnvCommand(
          {
            format: flags.format,
            caOnly: flags.caOnly ?? false,
            ...(flags.url === undefined ? {} : { url: flags.url }),
            ...(flags.adminToken === undefined ? {} : { adminToken: flags.adminToken }),
          },
          io,
        );
      });
  };
}

export const registerEmulatorCommand = createEmulatorCommand();
