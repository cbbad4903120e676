/**
 * @module
 * The manifest: what `synth` produces and what every other package consumes.
 * It is plain, versioned, deterministic data. It never holds a secret value: where a
 * secret is needed it holds a {@link SecretRef} naming where the value lives.
 */

import type { CtctResourceSpecs } from './constant-contact/manifest.js';
import type { RotationPolicy } from './rotation.js';
import type { SecretRef } from './secret-ref.js';

export type { RotationPolicy } from './rotation.js';
export type { SecretRef } from './secret-ref.js';

/** The manifest format version. Bump it only with a migration in the engine. */
export const MANIFEST_API_VERSION = 'grantform.dev/v1' as const;

/** A business unit in a tenant's tree. The enterprise BU has `parentMid: null`. */
export interface BusinessUnitSpec {
  readonly mid: number;
  readonly name: string;
  readonly parentMid: number | null;
}

export interface TenantSpec {
  readonly name: string;
  /** 28 characters, starts with `mc`: `{subdomain}.auth.marketingcloudapis.com`. */
  readonly subdomain: string;
  /** Stack key, e.g. `S7`. */
  readonly stackKey: string;
  /** MID of the enterprise (parent) business unit. */
  readonly enterpriseMid: number;
  /** Every BU including the enterprise one, sorted by MID. */
  readonly businessUnits: readonly BusinessUnitSpec[];
}

export interface InstalledPackageSpec {
  /** Address of the tenant resource the package lives in. */
  readonly tenant: string;
  readonly name: string;
  readonly description: string;
  /** Legacy (pre-2019, `v1/requestToken`) package. @default false (enhanced, OAuth 2.0) */
  readonly legacy: boolean;
  /** MID of the business unit that created the package. @default the enterprise MID */
  readonly sourceMid: number;
}

export type IntegrationType = 'server-to-server' | 'web-app' | 'public-app';

export interface ApiIntegrationSpec {
  /** Address of the installed-package resource. */
  readonly package: string;
  readonly type: IntegrationType;
  /** Scope names, sorted and unique. */
  readonly scopes: readonly string[];
  /** Exact redirect URIs, sorted and unique. Empty for server-to-server. */
  readonly redirectUris: readonly string[];
  /** `'all'` or the MIDs the integration may get tokens for, sorted. */
  readonly businessUnits: 'all' | readonly number[];
  /** Where the client secret is stored once the target creates it. `null` for public apps. */
  readonly clientSecret: SecretRef | null;
  /**
   * PKCE (S256) at authorize: `required` refuses a code flow without a challenge.
   * @default 'required' for public apps, 'optional' otherwise (resolved by synth; always present in a manifest)
   */
  readonly pkce: 'optional' | 'required';
  /**
   * A published AppExchange app, which other tenants can install (the emulator then knows its client
   * on their auth hosts too; `x-emulator.installations`). Written by hand for the emulator; synth and
   * the engine do not set it. @default false
   */
  readonly appExchange?: boolean;
  /**
   * The client secret's rotation policy (its own, else the app-wide one); absent: none. Never on a
   * public app. The engine plans a `rotate` once the secret is `maxAgeDays` old.
   */
  readonly rotation?: RotationPolicy;
}

export interface MarketingCloudAppSpec {
  readonly package: string;
  readonly loginUrl: string;
  readonly redirectUrl: string;
  readonly logoutUrl: string;
  /** Where the package's JWT signing secret is stored. */
  readonly jwtSigningSecret: SecretRef;
  /** SSO JWT claim-set version. @default 2 */
  readonly claimsVersion: 1 | 2;
}

/** Every resource kind, with the spec it carries (Constant Contact kinds: `constant-contact/manifest.ts`). */
export interface ResourceSpecs extends CtctResourceSpecs {
  tenant: TenantSpec;
  'installed-package': InstalledPackageSpec;
  'api-integration': ApiIntegrationSpec;
  'marketing-cloud-app': MarketingCloudAppSpec;
}

export type ResourceKind = keyof ResourceSpecs;

/** One resource, addressed by a stable path such as `acme/crm-sync/api`. */
export type ManifestResource = {
  [K in ResourceKind]: {
    readonly address: string;
    readonly kind: K;
    /** Addresses this resource depends on (created first, deleted last). */
    readonly dependsOn: readonly string[];
    readonly spec: ResourceSpecs[K];
  };
}[ResourceKind];

export interface Manifest {
  readonly apiVersion: typeof MANIFEST_API_VERSION;
  /** Resources sorted by address. */
  readonly resources: readonly ManifestResource[];
}
