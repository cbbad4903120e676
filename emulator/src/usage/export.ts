/**
 * @module
 * Every vendor's usage records as one {@link UsageExport} (`GET /_emulator/usage`, and the file
 * `grantform advise --usage` reads), and clearing them (`DELETE /_emulator/usage`). The core loops
 * over the vendors that record usage (`usage` of their profile) and names none.
 */
import type { UsageExport } from '@grantform/config/usage';
import type { EmulatorContext } from '../env.js';

/** All vendors' usage, integrations sorted by vendor then client id. */
export function exportUsage(ctx: EmulatorContext): UsageExport {
  let droppedClients = 0;
  const integrations = ctx.vendors.flatMap((v) => {
    if (v.usage === undefined) return [];
    const state = ctx.partition(v.partition);
    const recorder = v.usage.recorder(state);
    droppedClients += recorder.droppedClients;
    const describe = v.usage.describe;
    return recorder.export((clientId) => describe(state, clientId));
  });
  return { version: 1, generatedAt: new Date(ctx.nowMs()).toISOString(), integrations, droppedClients };
}

/** Forgets every vendor's usage counts (the seeded addresses stay). */
export function clearUsage(ctx: EmulatorContext): void {
  for (const v of ctx.vendors) if (v.usage !== undefined) v.usage.recorder(ctx.partition(v.partition)).clear();
}
