/**
 * @module
 * Manifest specs of the Constant Contact resource kinds (`ctct-application`, `ctct-partner`,
 * `ctct-client-account`). Like every spec they are plain, normalised data holding secret names only.
 */
import type { RotationPolicy } from '../rotation.js';
import type { SecretRef } from '../secret-ref.js';

/** `confidential`: authorization code (+ implicit) with a secret. `public`: PKCE and device flow, no secret. */
export type CtctApplicationType = 'confidential' | 'public';

/** `rotating`: each refresh invalidates every earlier refresh token. `long-lived`: the same token back. */
export type CtctRefreshTokenMode = 'rotating' | 'long-lived';

export interface CtctApplicationSpec {
  /** The application's name (unique among the Constant Contact applications). */
  readonly name: string;
  /** The API key (= OAuth client id); `null` when the target assigns it on create. */
  readonly apiKey: string | null;
  readonly type: CtctApplicationType;
  /** Where the client secret is kept once the target issues it; `null` for public applications. */
  readonly clientSecret: SecretRef | null;
  /** Exact redirect URIs, sorted and unique. */
  readonly redirectUris: readonly string[];
  /** PKCE (S256) on the authorization-code flow. @default 'required' for public, 'optional' otherwise */
  readonly pkce: 'optional' | 'required';
  /** @default 'rotating' */
  readonly refreshTokens: CtctRefreshTokenMode;
  /** Scope names, sorted and unique. */
  readonly scopes: readonly string[];
  /** The client secret's rotation policy (its own, else the app-wide one); absent: none, and never on a public one. */
  readonly rotation?: RotationPolicy;
}

export interface CtctPartnerSpec {
  readonly name: string;
  /** Address of the partner's `ctct-application` (its API key goes in `x-api-key`). */
  readonly application: string;
  /** The `partner_client_id`; `null` when the target assigns it on create. */
  readonly partnerClientId: string | null;
  /** Where the `partner_secret` is kept. */
  readonly partnerSecret: SecretRef;
  /** The partner secret's rotation policy (its own, else the app-wide one); absent: none. */
  readonly rotation?: RotationPolicy;
}

export interface CtctClientAccountSpec {
  /** Address of the `ctct-partner` resource the account belongs to. */
  readonly partner: string;
  readonly name: string;
  /** Managed accounts accept `account_operations/sync` from their partner. @default true */
  readonly managed: boolean;
  /** The account owner's login (6–50 characters). */
  readonly loginName: string;
  readonly contactEmail: string;
  readonly organizationName: string;
  /** ISO 3166-1 alpha-2, upper case. @default 'US' */
  readonly countryCode: string;
  /** State or province code; required (2 letters) for US and CA accounts. @default '' */
  readonly stateCode: string;
  readonly firstName: string;
  readonly lastName: string;
}

/** The Constant Contact kinds, merged into `ResourceSpecs`. */
export interface CtctResourceSpecs {
  'ctct-application': CtctApplicationSpec;
  'ctct-partner': CtctPartnerSpec;
  'ctct-client-account': CtctClientAccountSpec;
}
