/**
 * @module
 * {@link RotationPolicy}: when grantform rotates a client secret on its own. Set it per integration
 * (`ApiIntegration`, `ConstantContactApplication`, `ConstantContactPartner`: `rotation`) or once for
 * the whole app (`new GrantformApp({ rotation })`), which every secret-bearing integration without its
 * own inherits. The manifest carries the policy each resource ends up with (`spec.rotation`, absent
 * when there is none); the engine's plan then holds a `rotate` action for every secret older than
 * `maxAgeDays`, with the reason.
 */
import { z } from 'zod';

/** A secret rotation policy. */
export interface RotationPolicy {
  /**
   * Rotate a secret once it is this many days old (a whole number, 1–3650). Marketing Cloud client
   * secrets expire 180 days after they are generated, so for them it must be below 180; 150 leaves
   * a month to spare.
   */
  readonly maxAgeDays: number;
}

/** The longest `maxAgeDays` accepted (ten years). */
export const MAX_ROTATION_AGE_DAYS = 3650;

/** A rotation policy in a manifest (`spec.rotation`): a whole number of days. */
export const rotationPolicySchema = z.strictObject({
  maxAgeDays: z.number().int().min(1).max(MAX_ROTATION_AGE_DAYS),
});

/** Marketing Cloud client secrets expire this many days after they are generated (vendor-endpoints §1.11). */
export const MARKETING_CLOUD_SECRET_LIFETIME_DAYS = 180;
