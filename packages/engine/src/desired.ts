/**
 * @module
 * The manifest → the desired state: resources indexed by address with their full dependency
 * lists (explicit `dependsOn` plus the parent reference). Pure; reports every problem as a
 * diagnostic. What each kind's parent is, and which kinds are components, the registry says.
 */
import type { DesiredResource, DesiredState } from './desired-state.js';
import { specHash } from './desired-state.js';
import type { Diagnostic } from './diagnostics.js';
import { errorDiagnostic } from './diagnostics.js';
import type { JsonObject } from './json.js';
import { parentAddress } from './registry/descriptor.js';
import type { Registry } from './registry/registry.js';
import { BUILT_IN_REGISTRY } from './vendors/index.js';

export { type DesiredResource, type DesiredState, EMPTY_DESIRED, specHash } from './desired-state.js';

/** A manifest, or anything shaped like one (a test's own kinds). */
export interface ManifestLike {
  readonly resources: readonly {
    readonly address: string;
    readonly kind: string;
    readonly dependsOn: readonly string[];
    readonly spec: object;
  }[];
}

function toDesired(resource: ManifestLike['resources'][number], registry: Registry): DesiredResource {
  const attributes = resource.spec as unknown as JsonObject;
  const parent = parentAddress(registry.kind(resource.kind), attributes);
  const deps = new Set(resource.dependsOn);
  if (parent !== null) deps.add(parent);
  return {
    address: resource.address,
    kind: resource.kind,
    dependsOn: [...deps].sort(),
    attributes,
    specHash: specHash(attributes),
  };
}

/**
 * What is wrong with `r`'s references: unknown `dependsOn` targets, a parent of the wrong kind, a
 * second component of its kind in its parent (`componentSlots` remembers the first).
 */
function referenceDiagnostics(
  r: DesiredResource,
  resources: Readonly<Record<string, DesiredResource>>,
  registry: Registry,
  componentSlots: Map<string, string>,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const dep of r.dependsOn) {
    if (resources[dep] === undefined) {
      diagnostics.push(errorDiagnostic('ERR_CONFIG_INVALID', `depends on unknown address ${dep}`, r.address));
    }
  }
  const descriptor = registry.kind(r.kind);
  const parent = parentAddress(descriptor, r.attributes);
  const expected = descriptor.parent?.kind;
  if (parent === null || expected === undefined) return diagnostics;
  const p = resources[parent];
  if (p !== undefined && p.kind !== expected) {
    diagnostics.push(
      errorDiagnostic('ERR_CONFIG_INVALID', `parent ${parent} is a ${p.kind}, expected a ${expected}`, r.address),
    );
  }
  if (descriptor.component) {
    const slot = `${parent}#${r.kind}`;
    const other = componentSlots.get(slot);
    if (other !== undefined) {
      const noun = registry.kind(expected).noun;
      diagnostics.push(
        errorDiagnostic('ERR_CONFIG_INVALID', `${noun} ${parent} already has a ${r.kind} (${other})`, r.address),
      );
    } else componentSlots.set(slot, r.address);
  }
  return diagnostics;
}

/**
 * Indexes a manifest by address and checks references: unknown kinds, duplicate addresses, unknown
 * `dependsOn` targets, parents of the wrong kind, two components of one kind in a parent, cycles.
 * @example
 * const { desired, diagnostics } = createDesired(manifest);
 */
export function createDesired(
  manifest: ManifestLike,
  registry: Registry = BUILT_IN_REGISTRY,
): { desired: DesiredState; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const resources: Record<string, DesiredResource> = {};
  for (const r of manifest.resources) {
    if (!registry.has(r.kind)) {
      diagnostics.push(errorDiagnostic('ERR_CONFIG_INVALID', `unknown resource kind ${r.kind}`, r.address));
      continue;
    }
    if (resources[r.address] !== undefined) {
      diagnostics.push(errorDiagnostic('ERR_CONFIG_INVALID', `duplicate address ${r.address}`, r.address));
      continue;
    }
    resources[r.address] = toDesired(r, registry);
  }
  const componentSlots = new Map<string, string>();
  for (const r of Object.values(resources)) {
    diagnostics.push(...referenceDiagnostics(r, resources, registry, componentSlots));
  }
  diagnostics.push(...cycleDiagnostics(resources));
  return { desired: { resources }, diagnostics };
}

function cycleDiagnostics(resources: Readonly<Record<string, DesiredResource>>): Diagnostic[] {
  const state = new Map<string, 1 | 2>();
  const found: Diagnostic[] = [];
  const visit = (address: string, path: string[]): void => {
    const s = state.get(address);
    if (s === 2) return;
    if (s === 1) {
      found.push(errorDiagnostic('ERR_CONFIG_INVALID', `dependency cycle: ${[...path, address].join(' → ')}`, address));
      return;
    }
    state.set(address, 1);
    for (const dep of resources[address]?.dependsOn ?? []) {
      if (resources[dep] !== undefined) visit(dep, [...path, address]);
    }
    state.set(address, 2);
  };
  for (const address of Object.keys(resources).sort()) visit(address, []);
  return found;
}
