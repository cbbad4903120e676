/**
 * @module
 * Which secrets a target hands out for a resource, and the env name each is kept under in the
 * secrets sink (pure). A target shows a secret once (on create, or when it is re-issued), so the
 * plan uses this to tell when one never reached the sink, and the apply to check that a create
 * returned every secret it should have.
 */
import type { ResourceKind } from '@grantform/config';
import type { JsonObject } from './json.js';
import { isJsonObject } from './json.js';
import type { SecretName } from './state/state-file.js';

/** One secret a resource gets from its target, and where it goes. */
export interface SecretSlot {
  readonly name: SecretName;
  readonly env: string;
}

/** The env name of the secret ref `attributes[name]`, or `null`. */
export function secretEnv(attributes: JsonObject | null, name: string): string | null {
  const ref = attributes?.[name];
  return isJsonObject(ref) && typeof ref.env === 'string' ? ref.env : null;
}

/**
 * The secrets the target hands out for a resource of `kind` with `attributes`. A package's JWT
 * signing secret is kept only when a Marketing Cloud App of that package names where
 * (`jwtEnv`, from {@link jwtEnvByPackage}).
 */
export function secretSlots(kind: ResourceKind, attributes: JsonObject | null, jwtEnv: string | null): SecretSlot[] {
  let name: SecretName;
  let env: string | null;
  switch (kind) {
    case 'api-integration':
    case 'ctct-application':
      name = 'clientSecret';
      env = secretEnv(attributes, 'clientSecret');
      break;
    case 'ctct-partner':
      name = 'partnerSecret';
      env = secretEnv(attributes, 'partnerSecret');
      break;
    case 'installed-package':
      name = 'jwtSigningSecret';
      env = jwtEnv;
      break;
    default:
      return [];
  }
  return env === null ? [] : [{ name, env }];
}

/** Package address → the env its Marketing Cloud App keeps the JWT signing secret under. */
export function jwtEnvByPackage(
  resources: Iterable<{ readonly kind: ResourceKind; readonly attributes: JsonObject | null }>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of resources) {
    if (r.kind !== 'marketing-cloud-app' || r.attributes === null) continue;
    const env = secretEnv(r.attributes, 'jwtSigningSecret');
    const pkg = r.attributes.package;
    if (env !== null && typeof pkg === 'string') out.set(pkg, env);
  }
  return out;
}
