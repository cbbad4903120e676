/**
 * @module
 * `provider "grantform" { … }`: which target (the emulator, or a real Marketing Cloud tenant,
 * read-only), where it answers, where its admin token and credentials come from (environment
 * variables, never the configuration), and where secrets go (the engine's secrets sink).
 */
import { isAbsolute, resolve } from 'node:path';
import {
  BUILT_IN_REGISTRY,
  createAdminClient,
  createEnvFileSecretsSink,
  createJsonSecretsSink,
  createTargetDriver,
  DEFAULT_EMULATOR_ENDPOINT,
  type FetchLike,
  targetNames,
} from '@grantform/engine';
import { attr, type ConfigureRequest, matches, oneOf, type Schema } from '@grantform/terraform-plugin';
import type { GrantformClient } from './client.js';

/** Where secrets go when the provider block does not say: beside Terraform's working directory's `.grantform/`. */
export const DEFAULT_SECRETS_FILE = '.grantform/terraform.secrets.json';
/** The env var holding the emulator's admin token, unless `admin_token_env` names another. */
export const DEFAULT_ADMIN_TOKEN_ENV = 'GRANTFORM_ADMIN_TOKEN';

const ENV_NAME = matches(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');

export const providerSchema = {
  description:
    'grantform: Marketing Cloud installed packages and Constant Contact applications, driven by the grantform engine.',
  attributes: {
    target: attr.string({
      optional: true,
      description:
        'Where resources live: `emulator` (the default) or `sfmc` (a real Marketing Cloud tenant, read-only: plans from state, refuses changes).',
      validators: [oneOf(targetNames())],
    }),
    endpoint: attr.string({
      optional: true,
      description: `The emulator's origin. Default: env GRANTFORM_ENDPOINT, else ${DEFAULT_EMULATOR_ENDPOINT}.`,
    }),
    admin_token_env: attr.string({
      optional: true,
      description: `The environment variable holding the emulator's admin token (when it was started with one). Default: ${DEFAULT_ADMIN_TOKEN_ENV}.`,
      validators: [ENV_NAME],
    }),
    secrets_file: attr.string({
      optional: true,
      description: `The secrets sink: a JSON file (mode 0600) the client and JWT signing secrets the target issues are written to, by env name; never Terraform state or plans. Relative to Terraform's working directory. Default: ${DEFAULT_SECRETS_FILE}.`,
    }),
    secrets_env_file: attr.string({
      optional: true,
      description:
        'Instead of secrets_file: a dotenv file of NAME=value lines (mode 0600; other lines kept), e.g. .env.local.',
    }),
  },
} satisfies Schema;

export interface ConfigureOptions {
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** @default process.cwd() */
  readonly cwd?: string;
  /** @default globalThis.fetch */
  readonly fetch?: FetchLike;
}

/** `provider "grantform"` → the client every resource uses. */
export function configureProvider(
  { config, diagnostics }: ConfigureRequest<typeof providerSchema>,
  options: ConfigureOptions = {},
): GrantformClient {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const fetchFn: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  if (config.secrets_file !== null && config.secrets_env_file !== null) {
    diagnostics.error(
      'Conflicting secrets sinks',
      'set secrets_file or secrets_env_file, not both: secrets go to one place',
      ['secrets_env_file'],
    );
  }
  const target = config.target ?? 'emulator';
  const endpoint = (config.endpoint ?? env.GRANTFORM_ENDPOINT ?? DEFAULT_EMULATOR_ENDPOINT).replace(/\/+$/, '');
  const adminToken = env[config.admin_token_env ?? DEFAULT_ADMIN_TOKEN_ENV] || undefined;
  const at = (path: string) => (isAbsolute(path) ? path : resolve(cwd, path));
  const sink =
    config.secrets_env_file !== null
      ? createEnvFileSecretsSink(at(config.secrets_env_file))
      : createJsonSecretsSink(at(config.secrets_file ?? DEFAULT_SECRETS_FILE));
  const auth = adminToken === undefined ? {} : { adminToken };
  return {
    target,
    endpoint,
    driver: createTargetDriver({ target, endpoint, env, fetch: fetchFn, ...auth }),
    registry: BUILT_IN_REGISTRY,
    sink,
    env,
    fetch: fetchFn,
    admin: target === 'emulator' ? createAdminClient({ endpoint, fetch: fetchFn, ...auth }) : null,
  };
}
