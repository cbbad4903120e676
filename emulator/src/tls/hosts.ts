/**
 * @module
 * The host names the TLS side serves, as the core sees them: a list of {@link ServedHostPattern}s
 * handed in from one place (`served-hosts.ts`). Nothing in `tls/` knows a vendor: the certificate
 * authority's name constraints, the leaf issuer and the proxy all read this list, so a name is either
 * served everywhere or nowhere.
 */

/** A family of host names the emulator answers for, e.g. every `{tssd}.auth.marketingcloudapis.com`. */
export interface ServedHostPattern {
  /** How the console, the CLI and errors show it, e.g. `{tssd}.auth.marketingcloudapis.com`. */
  readonly display: string;
  /**
   * The DNS subtree the CA's name constraints permit for it (RFC 5280 §4.2.1.10: the name itself and
   * every name below it). Every name the pattern matches lies in it; the issuer is narrower still.
   */
  readonly subtree: string;
  /** Whether a host name (lower case, no trailing dot, no port) is one of its names. */
  matches(hostname: string): boolean;
}

/** Longest DNS name accepted anywhere (RFC 1035 §2.3.4). */
const MAX_NAME = 253;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A host name as the TLS side compares it: lower case, one trailing dot removed, each label a valid
 * DNS label. `undefined` for anything else (an IP address literal, a port, a wildcard, an empty label),
 * so a malformed name never reaches a pattern.
 */
export function normaliseHostname(name: string): string | undefined {
  const lower = name.toLowerCase();
  const host = lower.endsWith('.') ? lower.slice(0, -1) : lower;
  if (host.length === 0 || host.length > MAX_NAME) return undefined;
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return undefined;
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return undefined; // 127.0.0.1 and the like
  return host;
}

/** The pattern that serves `name`, or `undefined` when the name is not served (or not a host name). */
export function servedPatternOf(patterns: readonly ServedHostPattern[], name: string): ServedHostPattern | undefined {
  const host = normaliseHostname(name);
  return host === undefined ? undefined : patterns.find((p) => p.matches(host));
}

/** The permitted DNS subtrees of a CA for these patterns: sorted, without duplicates. */
export function permittedSubtrees(patterns: readonly ServedHostPattern[]): string[] {
  return [...new Set(patterns.map((p) => p.subtree.toLowerCase()))].sort();
}

/** Whether `name` lies in the DNS subtree `subtree` (the name itself or below it). */
export function inSubtree(name: string, subtree: string): boolean {
  return name === subtree || name.endsWith(`.${subtree}`);
}
