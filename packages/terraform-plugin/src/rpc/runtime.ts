/**
 * @module
 * The state one provider process keeps between RPCs (the configured client, what Terraform supports,
 * the stop signal) and the one place provider code is called from: {@link call} turns whatever it
 * throws into an error diagnostic.
 */
import { Diagnostics, fromError } from '../diagnostics.js';
import type { ClientCapabilities, Provider, Registered } from '../provider.js';

export interface Runtime<C> {
  readonly provider: Provider<C>;
  client: C | undefined;
  configured: boolean;
  capabilities: ClientCapabilities;
  /** Aborted when Terraform sends StopProvider (Ctrl-C during apply). */
  readonly stop: AbortController;
}

export function createRuntime<C>(provider: Provider<C>): Runtime<C> {
  return {
    provider,
    client: undefined,
    configured: false,
    capabilities: { writeOnlyAttributesAllowed: false, deferralAllowed: false },
    stop: new AbortController(),
  };
}

/** Calls provider code; an exception becomes an error diagnostic `summary` and the result is undefined. */
export async function call<T>(
  diagnostics: Diagnostics,
  summary: string,
  fn: () => T | Promise<T>,
): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    diagnostics.add(fromError(summary, err));
    return undefined;
  }
}

/** Looks a type name up, adding an error when the provider does not have it. */
export function lookup<D>(
  registry: ReadonlyMap<string, Registered<D>>,
  kind: string,
  typeName: string,
  diagnostics: Diagnostics,
): Registered<D> | undefined {
  const found = registry.get(typeName);
  if (!found) diagnostics.error(`Unknown ${kind}`, `this provider has no ${kind} "${typeName}"`);
  return found;
}

/** The client for lifecycle functions; an error when ConfigureProvider has not run. */
export function clientOf<C>(rt: Runtime<C>, diagnostics: Diagnostics): { ok: true; client: C } | { ok: false } {
  if (!rt.configured && rt.provider.options.configure) {
    diagnostics.error('Provider not configured', 'Terraform called the provider before ConfigureProvider');
    return { ok: false };
  }
  return { ok: true, client: rt.client as C };
}

export { Diagnostics };
