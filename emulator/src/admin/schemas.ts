/**
 * @module
 * Request bodies of the core's admin routes (zod): the clock and the request-log query.
 */
import { z } from 'zod';

export const clockBody = z.union([
  z.strictObject({ advanceSeconds: z.number().finite() }),
  z.strictObject({ now: z.iso.datetime({ offset: true }) }),
]);

export const requestsQuery = z.strictObject({
  host: z.string().optional(),
  path: z.string().optional(),
  status: z.coerce.number().int().min(100).max(599).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
