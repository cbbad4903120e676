/**
 * @module
 * Canonical JSON: object keys sorted at every level, arrays kept in order. The manifest and the
 * spec hashes use it, so the same input always gives the same bytes.
 */
import { createHash } from 'node:crypto';
import type { Manifest, ManifestResource } from './manifest.js';

function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((k) => [k, record[k]]),
  );
}

/**
 * `value` as JSON with sorted keys; `indent` 0 gives the compact form used for hashing.
 * @example canonicalJson({ b: 1, a: [2, 1] }, 0) // '{"a":[2,1],"b":1}'
 */
export function canonicalJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, sortKeys, indent === 0 ? undefined : indent);
}

/**
 * The manifest file's bytes: canonical JSON, 2-space indent, trailing newline. Synthesizing the
 * same configuration twice gives identical output.
 */
export function serializeManifest(manifest: Manifest): string {
  return `${canonicalJson(manifest)}\n`;
}

/**
 * sha256 (hex) of the compact canonical JSON of a resource's `spec`: it changes exactly when the
 * desired state of that resource changes. The Terraform output stores it in `triggers.spec_hash`.
 */
export function resourceSpecHash(resource: Pick<ManifestResource, 'spec'>): string {
  return createHash('sha256').update(canonicalJson(resource.spec, 0)).digest('hex');
}
