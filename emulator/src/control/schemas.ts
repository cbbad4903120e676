/**
 * @module
 * Request bodies of the core's test-control admin routes (zod; also the OpenAPI schemas). The fault
 * rule body depends on the vendors' host kinds: `ctx.control.faults.body` (`faults.ts`).
 */
import { z } from 'zod';

export const settingsBody = z.strictObject({
  propagationDelaySeconds: z.number().int().min(0).max(86_400).optional(),
  secretLifetimeDays: z.number().int().min(1).max(3650).optional(),
});

export const rotateKeyBody = z.strictObject({
  /** How long the previous key stays published. @default 3600 */
  graceSeconds: z
    .number()
    .int()
    .min(0)
    .max(365 * 86_400)
    .default(3600),
});
