/**
 * @module
 * The expiry checks of `verify` (`verify.ts`): for each declared resource the state holds, each of
 * its secrets whose dates the state recorded (`secretStatus`, read from the target on refresh and
 * on rotation) is judged on the target's clock. A secret that needs attention gets a
 * `secret-expiry <name>` check: it fails once the secret has expired, and passes (saying when, and
 * to rotate it) while it expires within 30 days or is past its rotation policy. A secret with
 * nothing to say gets no check, so a healthy report keeps its shape. Pure.
 */
import { childSecretEnvs, secretSlots } from './issued-secrets.js';
import type { Registry } from './registry/registry.js';
import type { SecretSubject } from './secret-status.js';
import {
  DEFAULT_EXPIRY_WARNING_MS,
  describeExpiry,
  maxAgeDaysIn,
  secretDatesIn,
  secretReports,
} from './secret-status.js';
import type { VerifyCheck, VerifyOptions } from './verify-report.js';
import { wanted } from './verify-report.js';

/** One check per secret with known dates, at `o.now()` (the target's clock when the CLI knows it). */
export function expiryChecks(o: VerifyOptions, registry: Registry): VerifyCheck[] {
  const envs = childSecretEnvs(Object.values(o.desired.resources), registry);
  const subjects: SecretSubject[] = [];
  for (const [address, d] of Object.entries(o.desired.resources)) {
    const s = o.state.resources[address];
    if (s === undefined || !wanted(o, address)) continue;
    const maxAgeDays = maxAgeDaysIn(d.attributes);
    for (const slot of secretSlots(registry.kind(d.kind), address, d.attributes, envs)) {
      const dates = secretDatesIn(s.attributes, slot.name);
      if (dates === null) continue;
      subjects.push({
        address,
        secret: slot.name,
        env: slot.env,
        dates,
        ...(maxAgeDays === undefined ? {} : { maxAgeDays }),
      });
    }
  }
  const now = (o.now ?? (() => new Date()))();
  return secretReports(subjects, now, DEFAULT_EXPIRY_WARNING_MS)
    .filter((r) => r.condition === 'expiring' || r.condition === 'expired' || r.pastPolicy === true)
    .map((r) => {
      const age = r.ageDays === null ? '' : `${r.ageDays} days old; `;
      const policy = r.pastPolicy === true ? `; past the rotation policy of ${r.maxAgeDays} days` : '';
      const soon = r.condition === 'expiring' ? ' (rotate it: grantform rotate)' : '';
      return {
        address: r.address,
        check: `secret-expiry ${r.secret}`,
        status: r.condition === 'expired' ? ('fail' as const) : ('pass' as const),
        detail: `${r.env}: ${age}${describeExpiry(r)}${soon}${policy}`,
        durationMs: 0,
      };
    });
}
