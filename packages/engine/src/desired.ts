/**
 * @module
 * The manifest → the desired state: resources indexed by address with their full dependency
 * lists (explicit `dependsOn` plus the parent reference). Pure; reports every problem as a diagnostic.
 */

import { createHash } from 'node:crypto';
import type { Manifest, ManifestResource, ResourceKind } from '@grantform/config';
import { CTCT_EXPECTED_PARENT } from './ctct-resources.js';
import type { Diagnostic } from './diagnostics.js';
import { errorDiagnostic } from './diagnostics.js';
import type { JsonObject } from './json.js';
import { canonicalJson } from './json.js';
import { isComponentKind, parentAddressOf } from './resources.js';

export interface DesiredResource {
  readonly address: string;
  readonly kind: ResourceKind;
  /** Explicit `dependsOn` plus the parent reference, sorted and unique. */
  readonly dependsOn: readonly string[];
  /** The spec as plain attributes (secret refs hold only env names). */
  readonly attributes: JsonObject;
  /** sha256 of the canonical spec: equal hashes mean nothing to compare. */
  readonly specHash: string;
}

export interface DesiredState {
  readonly resources: Readonly<Record<string, DesiredResource>>;
}

export const EMPTY_DESIRED: DesiredState = { resources: {} };

const EXPECTED_PARENT: Partial<Record<ResourceKind, ResourceKind>> = {
  'installed-package': 'tenant',
  'api-integration': 'installed-package',
  'marketing-cloud-app': 'installed-package',
  ...CTCT_EXPECTED_PARENT,
};

export function specHash(attributes: JsonObject): string {
  return createHash('sha256').update(canonicalJson(attributes)).digest('hex').slice(0, 32);
}

function toDesired(resource: ManifestResource): DesiredResource {
  const attributes = resource.spec as unknown as JsonObject;
  const parent = parentAddressOf(resource.kind, attributes);
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
 * Indexes a manifest by address and checks references: duplicate addresses, unknown
 * `dependsOn` targets, parents of the wrong kind, two components of one kind in a package.
 * @example
 * const { desired, diagnostics } = createDesired(manifest);
 */
export function createDesired(manifest: Manifest): { desired: DesiredState; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const resources: Record<string, DesiredResource> = {};
  for (const r of manifest.resources) {
    if (resources[r.address] !== undefined) {
      diagnostics.push(errorDiagnostic('ERR_CONFIG_INVALID', `duplicate address ${r.address}`, r.address));
      continue;
    }
    resources[r.address] = toDesired(r);
  }
  const componentSlots = new Map<string, string>();
  for (const r of Object.values(resources)) {
    for (const dep of r.dependsOn) {
      if (resources[dep] === undefined) {
        diagnostics.push(errorDiagnostic('ERR_CONFIG_INVALID', `depends on unknown address ${dep}`, r.address));
      }
    }
    const parent = parentAddressOf(r.kind, r.attributes);
    const expected = EXPECTED_PARENT[r.kind];
    if (parent !== null && expected !== undefined) {
      const p = resources[parent];
      if (p !== undefined && p.kind !== expected) {
        diagnostics.push(
          errorDiagnostic('ERR_CONFIG_INVALID', `parent ${parent} is a ${p.kind}, expected a ${expected}`, r.address),
        );
      }
      if (isComponentKind(r.kind)) {
        const slot = `${parent}#${r.kind}`;
        const other = componentSlots.get(slot);
        if (other !== undefined) {
          diagnostics.push(
            errorDiagnostic('ERR_CONFIG_INVALID', `package ${parent} already has a ${r.kind} (${other})`, r.address),
          );
        } else componentSlots.set(slot, r.address);
      }
    }
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
