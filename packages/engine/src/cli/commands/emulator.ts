/**
 * @module
 * `grantform emulator [--port 4010] [--host 127.0.0.1] [--seed manifest.json|grantform.config.ts] [--state FILE]
 * [--credentials-out FILE] [--admin-token T] [--headless] [--out-of-scope error|intersect]
 * [--algorithm ES256|RS256|HS256] [--propagation-delay SECONDS] [--secret-lifetime-days DAYS]
 * [--allowed-host HOST]… [--max-access-tokens N]`:
 * runs the local Marketing Cloud emulator until SIGINT/SIGTERM. Secrets go only to
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
          },
          // A config seed is loaded as `--config` is, only when one is given.
          { ...io, loadConfig: async (path) => (await import('../../config/load-config.js')).loadManifest(path) },
          deps.until ?? untilSignal,
        );
      });
  };
}

export const registerEmulatorCommand = createEmulatorCommand();
