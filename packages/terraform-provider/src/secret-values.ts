/**
 * @module
 * Where a secret's value is read from, by its env name: the environment first, then the secrets
 * sink (as `grantform verify` reads them).
 */
import type { GrantformClient } from './client.js';

/** The value of the secret kept under `env`, or a message saying where it was looked for. */
export async function secretValue(
  client: GrantformClient,
  env: string,
): Promise<{ readonly value: string } | { readonly missing: string }> {
  const value = client.env[env] || (await client.sink.get(env));
  if (value !== undefined && value !== '') return { value };
  return { missing: `${env} is neither set in the environment nor kept in the secrets sink (${client.sink.location})` };
}
