/**
 * @module
 * What `verify` reports (pure): checks, the report, the options each vendor's checks receive, a
 * check runner, and the report as a table or JUnit XML. `verify.ts` runs the vendors' checks.
 */
import type { DesiredState } from './desired-state.js';
import type { FetchLike } from './drivers/http.js';
import type { StateFile } from './state/records.js';

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface VerifyCheck {
  readonly address: string;
  /** Stable check name, e.g. `scopes`, `business-unit 200`, `jwt`, `pkce`. */
  readonly check: string;
  readonly status: CheckStatus;
  readonly detail: string;
  readonly durationMs: number;
}

export interface VerifyReport {
  readonly target: string;
  readonly ok: boolean;
  readonly attempts: number;
  readonly checks: readonly VerifyCheck[];
  /** Advisory findings that do not fail verify (`--warn-unused-grants`); absent when none were asked for. */
  readonly warnings?: readonly VerifyWarning[];
}

/** A finding verify reports without failing (e.g. `unused scopes`). */
export interface VerifyWarning {
  readonly address: string;
  /** Stable warning name: `unused scopes`, `unused business units`, `no usage`. */
  readonly warning: string;
  readonly detail: string;
}

export interface VerifyOptions {
  readonly desired: DesiredState;
  readonly state: StateFile;
  /** The target's name (`emulator`, or a vendor's own such as `sfmc`). */
  readonly target: string;
  /**
   * The emulator's origin. When set, tenant hosts are addressed through it (path style), so verify
   * follows the emulator to a new port even when state still holds the endpoints of an earlier run.
   */
  readonly emulatorEndpoint?: string;
  /**
   * The emulator's admin token (`GRANTFORM_ADMIN_TOKEN`), when it was started with one: Constant
   * Contact verify creates a throwaway account through the admin API and deletes it at the end.
   */
  readonly adminToken?: string;
  readonly fetch: FetchLike;
  /** Env (client ids and secrets for sfmc, overrides for the emulator). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Reads a secret from the secrets sink. */
  readonly secret: (name: string) => Promise<string | undefined>;
  /** Only these integration addresses. */
  readonly addresses?: readonly string[];
  /** Keep retrying failed checks for this long (ms). @default 0 */
  readonly waitMs?: number;
  /** Between attempts. @default 5000 */
  readonly intervalMs?: number;
  /** @default setTimeout-based */
  readonly sleep?: (ms: number) => Promise<void>;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /**
   * Headless-authorize user for web/public apps on the emulator, given the tenant (or other
   * account holder) they belong to. @default `admin@{tenant name}`
   */
  readonly loginHint?: (holder: { readonly name: string }) => string;
}

/** `5m`, `30s`, `1500ms`, `2h`, `14d`, or a bare number of seconds → milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (m?.[1] === undefined) throw new Error(`not a duration: ${text} (use e.g. 30s, 5m)`);
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return Math.round(
    n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit as 'ms' | 's' | 'm' | 'h' | 'd'],
  );
}

/** One attempt of a vendor's checks (`verify` retries with `waitMs`). */
export type VerifyAttempt = () => Promise<VerifyCheck[]>;

/** Runs one named check, timing it; a check that throws fails with its message. */
export type Check = (name: string, fn: () => Promise<{ status: CheckStatus; detail: string }>) => Promise<void>;

/**
 * The check runner of one address: each result goes into `results`.
 * @example
 * const check = checker(results, 'acme/crm-sync/api');
 * await check('scopes', async () => ({ status: 'pass', detail: 'as declared' }));
 */
export function checker(results: VerifyCheck[], address: string): Check {
  return async (name, fn) => {
    const started = performance.now();
    let outcome: { status: CheckStatus; detail: string };
    try {
      outcome = await fn();
    } catch (err) {
      outcome = { status: 'fail', detail: (err as Error).message };
    }
    results.push({ address, check: name, ...outcome, durationMs: Math.round(performance.now() - started) });
  };
}

/** Whether `o` asks for the resource at `address` (all when no addresses are given). */
export function wanted(o: Pick<VerifyOptions, 'addresses'>, address: string): boolean {
  return o.addresses === undefined || o.addresses.length === 0 || o.addresses.includes(address);
}

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * JUnit XML: one testsuite per integration, one testcase per check. Each warning (`--warn-unused-grants`)
 * is a passing testcase named `warning: <name>` in its integration's suite, its text in `<system-out>`:
 * warnings never fail verify, so they never fail the report.
 */
export function renderJunit(report: VerifyReport): string {
  const warnings = report.warnings ?? [];
  const byAddress = new Map<string, { checks: VerifyCheck[]; warnings: VerifyWarning[] }>();
  const entry = (address: string) => {
    const found = byAddress.get(address) ?? { checks: [], warnings: [] };
    byAddress.set(address, found);
    return found;
  };
  for (const c of report.checks) entry(c.address).checks.push(c);
  for (const w of warnings) entry(w.address).warnings.push(w);
  const failures = report.checks.filter((c) => c.status === 'fail').length;
  const skipped = report.checks.filter((c) => c.status === 'skip').length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="grantform verify" tests="${report.checks.length + warnings.length}" failures="${failures}" skipped="${skipped}">`,
  ];
  for (const [address, { checks, warnings: ws }] of byAddress) {
    const f = checks.filter((c) => c.status === 'fail').length;
    const sk = checks.filter((c) => c.status === 'skip').length;
    lines.push(
      `  <testsuite name="${xml(address)}" tests="${checks.length + ws.length}" failures="${f}" skipped="${sk}">`,
    );
    for (const c of checks) {
      const open = `    <testcase classname="${xml(address)}" name="${xml(c.check)}" time="${(c.durationMs / 1000).toFixed(3)}"`;
      if (c.status === 'pass') lines.push(`${open}/>`);
      else if (c.status === 'skip') lines.push(`${open}><skipped message="${xml(c.detail)}"/></testcase>`);
      else lines.push(`${open}><failure message="${xml(c.detail)}"/></testcase>`);
    }
    for (const w of ws) {
      lines.push(
        `    <testcase classname="${xml(address)}" name="${xml(`warning: ${w.warning}`)}" time="0.000"><system-out>WARN ${xml(w.warning)}: ${xml(w.detail)}</system-out></testcase>`,
      );
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

/** A readable table: status, address, check, detail. */
export function renderVerifyTable(report: VerifyReport): string {
  const rows = report.checks.map((c) => [c.status.toUpperCase(), c.address, c.check, c.detail]);
  const header = ['STATUS', 'ADDRESS', 'CHECK', 'DETAIL'];
  const widths = [0, 1, 2].map((i) => Math.max(header[i]?.length ?? 0, ...rows.map((r) => r[i]?.length ?? 0)));
  const fmt = (r: string[]) =>
    r
      .map((cell, i) => (i < 3 ? cell.padEnd(widths[i] ?? 0) : cell))
      .join('  ')
      .trimEnd();
  const passed = report.checks.filter((c) => c.status === 'pass').length;
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  const skipped = report.checks.filter((c) => c.status === 'skip').length;
  const warnings = (report.warnings ?? []).map((w) => `WARN  ${w.address}  ${w.warning}: ${w.detail}\n`).join('');
  return `${[fmt(header), ...rows.map(fmt)].join('\n')}\n\n${report.ok ? 'Verified' : 'Verification FAILED'}: ${passed} passed, ${failed} failed, ${skipped} skipped (${report.attempts} attempt${report.attempts === 1 ? '' : 's'}).\n${warnings === '' ? '' : `\n${warnings}`}`;
}
