/**
 * @module
 * The flags the engine commands share, declared for commander. Only this, `io.ts` and the command
 * registrations load for `grantform --help`: what a command does runs from a module it imports when
 * it runs (`./run-*.ts`, `./shared.ts`), so no command pays for the others.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { DEFAULT_EMULATOR_ENDPOINT } from '../drivers/admin-client.js';

export const DEFAULT_CONFIG = './grantform.config.ts';
export const DEFAULT_STATE = './.grantform/state.json';

/**
 * The `--target` values: the emulator, and the targets vendors bring (`sfmc`: Marketing Cloud's real
 * tenants). Listed here, not read from the registry, so `--help` loads no vendor; a test checks the
 * two agree.
 */
export const TARGET_NAMES = ['emulator', 'sfmc'] as const;

export type TargetName = (typeof TARGET_NAMES)[number];

/** The flags every engine command accepts (commander's parsed shape). */
export interface CommonFlags {
  readonly config: string;
  readonly target: TargetName;
  readonly endpoint?: string;
  readonly state: string;
  readonly json?: boolean;
  readonly secretsEnvFile?: string;
  /** `--secrets-exec CMD` (repeatable): commands each secret is also delivered to, on stdin. */
  readonly secretsExec?: string[];
  readonly forceUnlock?: boolean;
  /** `--lock-timeout`: how long to wait for the state lock (a duration such as `30s`). */
  readonly lockTimeout?: string;
  readonly address?: string[];
}

/** Commander accumulator for a repeatable flag. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export interface CommonOptionSet {
  readonly address?: boolean;
  readonly lock?: boolean;
  readonly secrets?: boolean;
}

/**
 * Adds `--config --target --endpoint --state --json` (and `--address`, `--force-unlock` with
 * `--lock-timeout`, `--secrets-env-file`).
 */
export function addCommonOptions(cmd: Command, set: CommonOptionSet = {}): Command {
  cmd
    .option(
      '--config <file>',
      'config file (grantform.config.ts, a .json config, or a synthesized manifest)',
      DEFAULT_CONFIG,
    )
    .addOption(new Option('--target <target>', 'where resources live').choices(TARGET_NAMES).default('emulator'))
    .option('--endpoint <url>', `emulator origin (env GRANTFORM_ENDPOINT; default ${DEFAULT_EMULATOR_ENDPOINT})`)
    .option('--state <file>', 'state file', DEFAULT_STATE)
    .option('--json', 'machine-readable output on stdout');
  if (set.address === true) {
    cmd.option('--address <addr>', 'only this address (repeatable); dependencies come along', collect);
  }
  if (set.lock === true) {
    cmd
      .option('--force-unlock', 'remove a stale state lock before starting')
      .option(
        '--lock-timeout <duration>',
        'wait this long for the state lock when another grantform holds it, instead of failing at once (like terraform -lock-timeout; e.g. 30s, 5m)',
        '0s',
      );
  }
  if (set.secrets === true) {
    cmd.option(
      '--secrets-env-file <file>',
      'write secrets as NAME=value lines to this file (mode 0600) instead of <state>.secrets.json',
    );
    cmd.option(
      '--secrets-exec <command>',
      'also deliver each secret to this command (run by /bin/sh; stdin: NAME, a newline, the value); repeatable',
      collect,
    );
  }
  return cmd;
}
