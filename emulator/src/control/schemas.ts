/**
 * @module
 * Request bodies of the test-control admin routes (zod; also the OpenAPI schemas).
 */
import { z } from 'zod';

export { launchBody } from '../vendors/marketing-cloud/routes/legacy/app-launch.js';
export { faultBody } from './faults.js';

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

export const unknownKidTokenBody = z.strictObject({
  clientId: z.string().min(1),
  /** @default the package's source BU */
  mid: z.number().int().positive().optional(),
  /** @default the integration's scopes */
  scopes: z.array(z.string()).optional(),
});

export const installationBody = z.strictObject({
  /** The customer's Access tab. @default "all" */
  businessUnits: z.union([z.literal('all'), z.array(z.number().int().positive())]).default('all'),
});
