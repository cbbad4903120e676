/**
 * @module
 * The schema of a {@link UsageSnapshot} (a vendor's `usage` in the emulator snapshot and the `--state`
 * file). Optional wherever a vendor adds it, so snapshots written before usage recording still read.
 */
import { z } from 'zod';
import type { UsageSnapshot } from './recorder.js';

const epochMs = z.number().finite();
const counter = { count: z.number().int().min(0), first: epochMs, last: epochMs };

export const usageSnapshotSchema: z.ZodType<UsageSnapshot> = z.strictObject({
  version: z.literal(1),
  droppedClients: z.number().int().min(0),
  addresses: z.record(z.string(), z.string()),
  clients: z.array(
    z.strictObject({
      clientId: z.string().min(1),
      tokens: z.strictObject(counter).nullable(),
      businessUnits: z.array(z.strictObject({ id: z.string(), ...counter })),
      scopes: z.array(z.strictObject({ scope: z.string(), ...counter })),
      calls: z.array(
        z.strictObject({
          call: z.string().min(1),
          required: z.array(z.string()),
          grantedBy: z.string().nullable(),
          ...counter,
        }),
      ),
    }),
  ),
});
