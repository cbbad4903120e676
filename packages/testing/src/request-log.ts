/**
 * @module
 * The emulator's request log (`GET /_emulator/requests`: metadata only, no bodies or secrets) as a
 * test reads it: oldest first, filtered by a {@link RequestMatcher}, with assertions that print the
 * whole log when they fail.
 */
import { AssertionError } from 'node:assert';
import { MARKETING_CLOUD_DOMAIN, type MarketingCloudHostKind } from '@grantform/config/hosts';
import type { RequestLogEntry } from '@grantform/emulator';

/** Which log entries to keep. Strings match exactly (case-insensitive); a RegExp is tested. */
export interface RequestMatcher {
  readonly method?: string;
  /** `{tssd}.auth.marketingcloudapis.com`, … */
  readonly host?: string | RegExp;
  /** The path on that host, without the query string; the emulator logs it lower-cased. */
  readonly path?: string | RegExp;
  readonly status?: number;
  readonly clientId?: string;
  /** The kind of Marketing Cloud tenant host. */
  readonly kind?: MarketingCloudHostKind;
}

const test = (want: string | RegExp | undefined, got: string): boolean =>
  want === undefined || (typeof want === 'string' ? want.toLowerCase() === got.toLowerCase() : want.test(got));

/** Whether an entry satisfies every field of the matcher. */
export function matchesRequest(e: RequestLogEntry, m: RequestMatcher): boolean {
  return (
    test(m.method, e.method) &&
    test(m.host, e.host) &&
    test(m.path, e.path) &&
    (m.status === undefined || m.status === e.status) &&
    (m.clientId === undefined || m.clientId === e.clientId) &&
    (m.kind === undefined || e.host.toLowerCase().endsWith(`.${m.kind}.${MARKETING_CLOUD_DOMAIN}`))
  );
}

/** Whether an entry is one of the admin API's own (`/_emulator/*`). */
export function isAdminRequest(e: RequestLogEntry): boolean {
  return e.path.startsWith('/_emulator');
}

/** One line per entry: `POST mc….auth.marketingcloudapis.com/v2/token → 200`. */
export function formatRequests(entries: readonly RequestLogEntry[]): string {
  if (entries.length === 0) return '  (no requests)';
  return entries
    .map((e) => `  ${e.method} ${e.host}${e.path} → ${e.status}${e.clientId ? ` (${e.clientId})` : ''}`)
    .join('\n');
}

function describeMatcher(m: RequestMatcher): string {
  return JSON.stringify(m, (_k, v: unknown) => (v instanceof RegExp ? String(v) : v));
}

/**
 * Throws an `AssertionError` unless the log has matching entries (exactly `times` of them, when
 * given); returns the matches.
 */
export function assertRequested(log: readonly RequestLogEntry[], m: RequestMatcher, times?: number): RequestLogEntry[] {
  const hits = log.filter((e) => matchesRequest(e, m));
  const ok = times === undefined ? hits.length > 0 : hits.length === times;
  if (!ok) {
    const want = times === undefined ? 'at least one request' : `${times} request(s)`;
    throw new AssertionError({
      message: `expected ${want} matching ${describeMatcher(m)}, found ${hits.length}. Requests:\n${formatRequests(log)}`,
      actual: hits.length,
      expected: times ?? '≥ 1',
      operator: 'assertRequested',
    });
  }
  return hits;
}

/** Throws an `AssertionError` if any entry matches. */
export function assertNotRequested(log: readonly RequestLogEntry[], m: RequestMatcher): void {
  const hits = log.filter((e) => matchesRequest(e, m));
  if (hits.length > 0) {
    throw new AssertionError({
      message: `expected no request matching ${describeMatcher(m)}, found ${hits.length}:\n${formatRequests(hits)}`,
      actual: hits.length,
      expected: 0,
      operator: 'assertNotRequested',
    });
  }
}
