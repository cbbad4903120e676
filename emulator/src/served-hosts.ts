/**
 * @module
 * The one list of host names the emulator serves over TLS (`--tls`): every Marketing Cloud tenant host,
 * the legacy ExactTarget auth hosts and the Constant Contact hosts, exactly as `addressing.ts` routes
 * them by `Host`. The certificate authority, the leaf issuer and the proxy in `tls/` receive this list
 * and nothing else, so a name is served by all of them or by none.
 */
import { type HostKind, LEGACY_HOST, VHOST } from './addressing.js';
import { CTCT_HOST_NAMES } from './constant-contact/hosts.js';
import type { ServedHostPattern } from './tls/hosts.js';

function tenantHosts(kind: HostKind): ServedHostPattern {
  return {
    display: `{tssd}.${kind}.marketingcloudapis.com`,
    subtree: `${kind}.marketingcloudapis.com`,
    matches: (h) => VHOST.exec(h)?.[2]?.toLowerCase() === kind,
  };
}

function exactHost(name: string): ServedHostPattern {
  return { display: name, subtree: name, matches: (h) => h === name };
}

/** Every host pattern served, in the order the console lists them. */
export function servedHostPatterns(): readonly ServedHostPattern[] {
  return [
    tenantHosts('auth'),
    tenantHosts('rest'),
    tenantHosts('soap'),
    {
      display: 'auth[-s{N}|-test].exacttargetapis.com',
      // auth.…, auth-s7.… and auth-test.… share no narrower subtree than the vendor's domain.
      subtree: 'exacttargetapis.com',
      matches: (h) => LEGACY_HOST.test(h),
    },
    ...Object.values(CTCT_HOST_NAMES).map(exactHost),
  ];
}
