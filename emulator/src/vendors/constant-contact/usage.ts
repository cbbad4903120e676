/**
 * @module
 * What Constant Contact tells about a client id (an application's API key) when usage is exported
 * (`GET /_emulator/usage`): the application's name and the scopes it holds now. Accounts have no
 * per-application allow-list, so `businessUnits` is `null`.
 */
import type { UsageDescription } from '../../usage/recorder.js';
import type { CtctState } from './state.js';

export function describeCtctUsage(state: CtctState, apiKey: string): UsageDescription {
  const app = state.store.applications.get(apiKey);
  return {
    tenant: null,
    package: app?.name ?? null,
    integration: app === undefined ? null : { scopes: [...app.scopes], businessUnits: null },
  };
}
