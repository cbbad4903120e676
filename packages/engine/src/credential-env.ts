/**
 * @module
 * Where a client's credentials are read from the environment: the client secret from the env name
 * its secret ref declares, the client id from the name {@link clientIdEnvFor} derives from it (used
 * by `import`, `verify` and read-only targets alike).
 */

/**
 * The env var holding an integration's client id, derived from its client secret's env name:
 * a trailing `_CLIENT_SECRET` or `_SECRET` becomes `_CLIENT_ID` (`CRM_SYNC_CLIENT_SECRET` →
 * `CRM_SYNC_CLIENT_ID`); any other name gets `_CLIENT_ID` appended.
 */
export function clientIdEnvFor(secretEnv: string): string {
  const m = /^(.*?)(?:_CLIENT)?_SECRET$/.exec(secretEnv);
  return `${m?.[1] ?? secretEnv}_CLIENT_ID`;
}
