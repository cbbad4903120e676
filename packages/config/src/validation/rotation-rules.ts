/**
 * @module
 * Rotation policy rules (`rotation: { maxAgeDays }`): a whole number of days in range, below the
 * vendor's expiry where the secret expires, and only where there is a secret to rotate.
 */
import { MAX_ROTATION_AGE_DAYS, type RotationPolicy } from '../rotation.js';
import type { Rule } from './rule.js';

/** A rotation policy as given, and what it would rotate. */
export interface RotationSubject {
  readonly policy: RotationPolicy;
  /** Days after which the vendor expires the secret (Marketing Cloud: 180); `null`: it never expires. */
  readonly lifetimeDays: number | null;
  /** What expires, for messages: `Marketing Cloud client secrets`. */
  readonly expiring: string;
}

export const rotationRules: readonly Rule<RotationSubject>[] = [
  {
    code: 'ERR_ROTATION_MAX_AGE',
    field: 'rotation.maxAgeDays',
    when: (r) =>
      typeof r.policy.maxAgeDays !== 'number' ||
      !Number.isInteger(r.policy.maxAgeDays) ||
      r.policy.maxAgeDays < 1 ||
      r.policy.maxAgeDays > MAX_ROTATION_AGE_DAYS,
    message: (r) =>
      `rotation.maxAgeDays must be a whole number of days from 1 to ${MAX_ROTATION_AGE_DAYS} (got ${JSON.stringify(r.policy.maxAgeDays)})`,
  },
  {
    code: 'ERR_ROTATION_MAX_AGE',
    field: 'rotation.maxAgeDays',
    when: (r) =>
      r.lifetimeDays !== null &&
      Number.isInteger(r.policy.maxAgeDays) &&
      r.policy.maxAgeDays >= r.lifetimeDays &&
      r.policy.maxAgeDays <= MAX_ROTATION_AGE_DAYS,
    message: (r) =>
      `rotation.maxAgeDays ${r.policy.maxAgeDays} is not below ${r.lifetimeDays}: ${r.expiring} expire ${r.lifetimeDays} days after they are generated, so the secret would expire before the policy rotates it; use at most ${(r.lifetimeDays ?? 1) - 1} (${Math.max(1, (r.lifetimeDays ?? 31) - 30)} leaves a month to spare)`,
  },
];

/** A policy given where there is no secret (a public app or application). */
export const rotationNotApplicableRule: Rule<{ readonly noSecret: string }> = {
  code: 'ERR_ROTATION_NOT_APPLICABLE',
  field: 'rotation',
  when: () => true,
  message: (s) => `${s.noSecret} has no client secret to rotate: remove rotation`,
};
