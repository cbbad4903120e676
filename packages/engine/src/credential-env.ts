/**
 * @module
 * Where secrets and credentials are read from: a secret ref (`{env}`) names the env (or sink key) of
 * a secret; a client's id is read from the name {@link clientIdEnvFor} derives from its secret's
 * (used by `import`, `verify` and read-only targets alike).
 */
import type { JsonObject } from './json.js';
import { isJsonObject } from './json.js';

/** The env name of the secret ref `attributes[name]`, or `null`. */
export function secretEnv(attributes: JsonObject | null, name: string): string | null {
  const ref = attributes?.[name];
  return isJsonObject(ref) && typeof ref.env === 'string' ? ref.env : null;
}

/**
 * The env var holding an integration's client id, derived from its client secret's env name:
 * a trailing `_CLIENT_SECRET` or `_SECRET` becomes `_CLIENT_ID` (`CRM_SYNC_CLIENT_SECRET` →
 * `CRM_SYNC_CLIENT_ID`); any other name gets `_CLIENT_ID` appended.
 */
export function clientIdEnvFor(secretEnv: string): string {
  const m = /^(.*?)(?:_CLIENT)?_SECRET$/.exec(secretEnv);
  return `${m?.[1] ?? secretEnv}_CLIENT_ID`;
}
