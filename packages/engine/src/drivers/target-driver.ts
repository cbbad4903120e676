/**
 * @module
 * The driver for a target by name, as the CLI's `--target` picks it: a target a vendor brings
 * (`sfmc`: a real Marketing Cloud tenant, read-only), else the emulator over its admin API. One
 * factory for every front end (the CLI, the Terraform provider), so they drive the same drivers.
 */
import type { ResourceDriver } from '../driver.js';
import { EngineError } from '../errors.js';
import type { Registry } from '../registry/registry.js';
import { BUILT_IN_REGISTRY } from '../vendors/index.js';
import { DEFAULT_EMULATOR_ENDPOINT } from './admin-client.js';
import { createEmulatorDriver } from './emulator-driver.js';
import type { FetchLike } from './http.js';

export interface TargetDriverOptions {
  /** `emulator`, or a target a registered vendor brings (`sfmc`). */
  readonly target: string;
  /** The emulator's origin. @default 'http://127.0.0.1:4010' */
  readonly endpoint?: string;
  /** The emulator's admin token, when it was started with one. */
  readonly adminToken?: string;
  /** Where a vendor's target reads credentials (env names from the config). @default {} */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** @default globalThis.fetch */
  readonly fetch?: FetchLike;
  /** @default the built-in vendors */
  readonly registry?: Registry;
}

/** The target names a registry knows: `emulator` and its vendors' own (e.g. `sfmc`). */
export function targetNames(registry: Registry = BUILT_IN_REGISTRY): string[] {
  return ['emulator', ...registry.vendors.flatMap((v) => (v.targets ?? []).map((t) => t.name))];
}

/**
 * The driver of `options.target`; `ERR_USAGE` for a target no vendor brings.
 * @example
 * const driver = createTargetDriver({ target: 'emulator', endpoint: 'http://127.0.0.1:4010' });
 * const found = await driver.resources.tenant.read('mc563885gzs27c5t9-63k636ttgm', { address: 'acme', parentId: null });
 */
export function createTargetDriver(options: TargetDriverOptions): ResourceDriver {
  const registry = options.registry ?? BUILT_IN_REGISTRY;
  const fetchFn: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const vendorTarget = registry.target(options.target);
  if (vendorTarget !== undefined) {
    return vendorTarget.create({ env: options.env ?? {}, fetch: fetchFn, kinds: registry.kinds });
  }
  if (options.target !== 'emulator') {
    throw new EngineError(
      'ERR_USAGE',
      `unknown target ${JSON.stringify(options.target)}: use one of ${targetNames(registry).join(', ')}`,
    );
  }
  return createEmulatorDriver({
    endpoint: (options.endpoint ?? DEFAULT_EMULATOR_ENDPOINT).replace(/\/+$/, ''),
    fetch: fetchFn,
    registry,
    ...(options.adminToken === undefined ? {} : { adminToken: options.adminToken }),
  });
}
