/**
 * @module
 * The `emulator` target: full create/read/update/delete through the emulator's admin API
 * (`/_emulator/*`, see emulator/ADMIN-API.md), only over HTTP through an injected `fetch`. It is made
 * of every registered vendor's emulator part (its kind drivers, and how it observes its kinds).
 *
 * Every create and update sends the ownership label of `ctx.owner` (`ownership.ts`), and `observe()`
 * reports labels, also for declared resources the state does not hold, so the plan can adopt what a
 * killed apply created and refuse what another state owns. Secrets are re-issued through the
 * rotation routes (`reissue`), and rotated the console's way (staged) through the kinds' `rotation`.
 * Its clock is the emulator's (`GET /_emulator/clock`), which `rotate --advance-emulator-clock` moves.
 */
import type { KindDrivers, ObservedResource, ObservedState, ResourceDriver } from '../driver.js';
import type { Registry } from '../registry/registry.js';
import { BUILT_IN_REGISTRY } from '../vendors/index.js';
import type { EmulatorDriverOptions } from './admin-client.js';
import { adminObject, adminString, createAdminClient } from './admin-client.js';

export {
  type AdminClient,
  createAdminClient,
  DEFAULT_EMULATOR_ENDPOINT,
  type EmulatorDriverOptions,
} from './admin-client.js';

/**
 * @example
 * const driver = createEmulatorDriver({ endpoint: 'http://127.0.0.1:4010', fetch: (i, init) => app.request(i, init) });
 */
export function createEmulatorDriver(
  options: EmulatorDriverOptions & { readonly registry?: Registry } = {},
): ResourceDriver {
  const api = createAdminClient(options);
  const registry = options.registry ?? BUILT_IN_REGISTRY;
  const parts = registry.vendors.flatMap((v) => (v.emulator === undefined ? [] : [v.emulator(api)]));
  return {
    name: 'emulator',
    readOnly: false,
    resources: Object.assign({}, ...parts.map((p) => p.kinds)) as KindDrivers,
    observe: async (state, desired) => {
      // Fails fast (ERR_TARGET_UNREACHABLE) even when the state names nothing yet.
      await api.call('GET', '/_emulator/health');
      const out: Record<string, ObservedResource | null> = {};
      for (const part of parts) Object.assign(out, await part.observe(state, desired));
      return out satisfies ObservedState;
    },
    now: async () =>
      new Date(adminString(adminObject((await api.call('GET', '/_emulator/clock')).body, 'clock').now, 'now')),
    advanceClockTo: async (at) => {
      await api.call('POST', '/_emulator/clock', { now: at });
    },
  };
}
