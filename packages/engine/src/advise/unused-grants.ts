/**
 * @module
 * `grantform verify --warn-unused-grants`: the usage report (`@grantform/config/usage`) as verify
 * warnings, one per integration and finding: scopes declared and never used, business units declared
 * (or, for `'all'`, in the tenant) that no token was issued for, and integrations with no usage
 * recorded at all (no evidence either way). Warnings never fail verify. Pure.
 */
import type { UsageReport } from '@grantform/config/usage';
import type { VerifyWarning } from '../verify-report.js';

/**
 * The warnings of a usage report, for the integrations `addresses` selects (all when empty).
 * @example
 * unusedGrantWarnings(usageReport(manifest, usage));
 * // [{ address: 'northwind/nightly-sync/api', warning: 'unused scopes', detail: 'email_read …' }]
 */
export function unusedGrantWarnings(report: UsageReport, addresses: readonly string[] = []): VerifyWarning[] {
  const out: VerifyWarning[] = [];
  for (const r of report.integrations) {
    if (addresses.length > 0 && !addresses.includes(r.address)) continue;
    if (!r.seen) {
      out.push({
        address: r.address,
        warning: 'no usage',
        detail: 'no token or call recorded by the emulator: nothing to say which grants are used',
      });
      continue;
    }
    if (r.unusedScopes.length > 0) {
      out.push({
        address: r.address,
        warning: 'unused scopes',
        detail: `${r.unusedScopes.join(' ')} (declared, never needed by a call)`,
      });
    }
    if (r.businessUnits.unused.length > 0) {
      out.push({
        address: r.address,
        warning: 'unused business units',
        detail: `${r.businessUnits.unused.join(' ')} (no token issued for them)`,
      });
    }
  }
  return out;
}
