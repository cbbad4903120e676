/**
 * @module
 * The emulator's plain records. Everything here is JSON-serialisable data: the store holds these, the
 * state file holds these, snapshots copy these. Times are epoch milliseconds on the emulator clock.
 */

export interface BusinessUnitRecord {
  mid: number;
  name: string;
  parentMid: number | null;
}

export interface TenantRecord {
  /** 28 characters, starts with `mc`; the tenant's identity. */
  subdomain: string;
  name: string;
  stackKey: string;
  enterpriseMid: number;
  businessUnits: BusinessUnitRecord[];
  /**
   * Who manages this tenant: an opaque label the client that created or claimed it set (grantform
   * writes `grantform:<state lineage>:<address>`). The emulator stores and shows it and refuses to
   * hand a tenant another owner while it has one; it never interprets it. Absent in older state = none.
   */
  owner?: string | null;
}

export type IntegrationType = 'server-to-server' | 'web-app' | 'public-app';

export interface IntegrationRecord {
  clientId: string;
  type: IntegrationType;
  scopes: string[];
  redirectUris: string[];
  businessUnits: 'all' | number[];
  pkce: 'optional' | 'required';
  /** Published AppExchange app: authorize adds `tssd` to the redirect. Emulator extension. */
  appExchange: boolean;
  /** SHA-256 (base64url) of the client secret; `null` for public apps. The secret itself is never stored. */
  secretHash: string | null;
  /** When the active secret was generated (180-day expiry); absent in older state = never expires. */
  secretCreatedAt?: number;
  /** A staged secret (console rotation): accepted 5 minutes after `createdAt`, until activated. */
  stagedSecret?: { hash: string; createdAt: number } | null;
  /** Last time a staged secret was generated (at most once per 5 minutes). */
  lastStagedAt?: number | null;
  /** Last activation of a staged secret (at most once per 5 minutes). */
  secretActivatedAt?: number | null;
}

/** An AppExchange-style installation of a package into another (customer) tenant. */
export interface InstallationRecord {
  /** The customer tenant's subdomain. */
  tenant: string;
  /** The customer's Access tab: BUs whose users may use the package. */
  businessUnits: 'all' | number[];
  installedAt: number;
}

export interface AppRecord {
  loginUrl: string;
  redirectUrl: string;
  logoutUrl: string;
  claimsVersion: 1 | 2;
}

export interface PackageRecord {
  id: string;
  tenant: string;
  name: string;
  description: string;
  legacy: boolean;
  sourceMid: number;
  /** The package's JWT signing secret (used by SSO, a later issue). Stored because it must sign. */
  jwtSigningSecret: string;
  /** When the JWT signing secret was generated; absent in older state = unknown. */
  jwtSigningSecretCreatedAt?: number;
  /** Numeric id of the package's "app user" (client_credentials tokens act as it). */
  appUserId: string;
  integration: IntegrationRecord | null;
  app: AppRecord | null;
  /** Customer tenants this package is installed into (absent = none). */
  installations?: InstallationRecord[];
  /** Who manages this package (see {@link TenantRecord.owner}). Absent in older state = none. */
  owner?: string | null;
}

export interface UserRecord {
  /** Numeric string, like the vendor's user ids. */
  id: string;
  tenant: string;
  username: string;
  /** SHA-256 (base64url) of the password. */
  passwordHash: string;
  name: string;
  email: string;
  defaultMid: number;
  businessUnits: 'all' | number[];
}

export type TokenKind = 'access' | 'refresh' | 'code';

/**
 * An access token, refresh token or authorization code. `id` is the JWT `jti` for access tokens and the
 * SHA-256 of the value for refresh tokens and codes, so no usable value is ever stored.
 */
export interface TokenRecord {
  id: string;
  kind: TokenKind;
  tenant: string;
  clientId: string;
  packageId: string;
  /** Every token descending from one authorization (code → access/refresh → rotated refresh …). */
  grantId: string;
  userId: string | null;
  mid: number;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  revokedAt: number | null;
  /** Codes and refresh tokens are single use: set when exchanged. */
  consumedAt: number | null;
  /** Codes only: the exact redirect URI and PKCE challenge from authorize. */
  redirectUri?: string;
  codeChallenge?: string | null;
}

/** One tenant's partition of the store. */
export interface TenantPartition {
  tenant: TenantRecord;
  packages: PackageRecord[];
  users: UserRecord[];
  tokens: TokenRecord[];
}

/** Everything the store holds, as plain data. */
export interface StoreSnapshot {
  version: 1;
  /** Emulator clock offset from the injected `now()`, in milliseconds. Survives reset. */
  clockOffsetMs: number;
  /** Counter for generated numeric ids (users, app users). */
  nextNumericId: number;
  tenants: TenantPartition[];
}
