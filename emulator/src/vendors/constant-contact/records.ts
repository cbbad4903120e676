/**
 * @module
 * Plain records of the Constant Contact emulation. Times are epoch milliseconds on the emulator
 * clock. Secrets, passwords, codes and refresh tokens are stored as SHA-256 digests only.
 */

export type CtctApplicationType = 'confidential' | 'public';
export type CtctRefreshTokenMode = 'rotating' | 'long-lived';

import type { CtctSecretHolder } from './secret-rotation.js';

export interface CtctApplicationRecord extends CtctSecretHolder {
  /** The API key (= OAuth `client_id`); the application's identity. */
  apiKey: string;
  name: string;
  type: CtctApplicationType;
  /** SHA-256 of the client secret; `null` for public applications. */
  secretHash: string | null;
  redirectUris: string[];
  pkce: 'optional' | 'required';
  refreshTokens: CtctRefreshTokenMode;
  scopes: string[];
  createdAt: number;
  /** Who manages it: an opaque label its creator set (grantform: `grantform:<lineage>:<address>`). Absent = none. */
  owner?: string | null;
}

export interface CtctPartnerRecord extends CtctSecretHolder {
  /** The `partner_client_id`; the partner's identity. */
  partnerClientId: string;
  name: string;
  /** SHA-256 of the `partner_secret`. */
  secretHash: string;
  /** API key of the partner's application (the `x-api-key` of partner calls). */
  apiKey: string;
  createdAt: number;
  /** Who manages it (see {@link CtctApplicationRecord.owner}). */
  owner?: string | null;
}

export interface CtctContactRecord {
  contact_id: string;
  email_address: {
    address: string;
    permission_to_send: string;
    created_at: string;
    updated_at: string;
    opt_in_source?: string;
  };
  first_name?: string;
  last_name?: string;
  job_title?: string;
  company_name?: string;
  create_source: 'Account' | 'Contact';
  created_at: string;
  updated_at: string;
  list_memberships: string[];
}

export interface CtctAccountRecord {
  /** `encoded_account_id`: the account's identity. */
  encodedAccountId: string;
  provisionUuid: string;
  /** The partner that created it; `null` for an account of its own. */
  partnerClientId: string | null;
  /** Accepts `account_operations/sync` from its partner. */
  managed: boolean;
  loginName: string;
  /** SHA-256 of the owner's password (the login page checks it). */
  passwordHash: string;
  /** Okta-style user id (`uid` claim). */
  userId: string;
  contactEmail: string;
  contactPhone: string;
  organizationName: string;
  countryCode: string;
  stateCode: string;
  firstName: string;
  lastName: string;
  timeZoneId: string;
  website: string;
  externalId: string | null;
  billingStatus: 'Trial' | 'Open' | 'Canceled' | 'Trial End';
  createdAt: number;
  lastLoginAt: number | null;
  contacts: CtctContactRecord[];
  /** Who manages it (see {@link CtctApplicationRecord.owner}). */
  owner?: string | null;
}

/** One authorization: a user (account) granted scopes to an application. Refresh tokens belong to it. */
export interface CtctGrantRecord {
  id: string;
  apiKey: string;
  encodedAccountId: string;
  scopes: string[];
  createdAt: number;
  revokedAt: number | null;
}

export interface CtctCodeRecord {
  /** SHA-256 of the code. */
  id: string;
  apiKey: string;
  encodedAccountId: string;
  scopes: string[];
  redirectUri: string;
  codeChallenge: string | null;
  expiresAt: number;
  consumedAt: number | null;
  /** The grant it created when exchanged (revoked on replay). */
  grantId: string | null;
}

export interface CtctRefreshRecord {
  /** SHA-256 of the refresh token. */
  id: string;
  grantId: string;
  /** Position in the grant's rotation: only the newest is valid in `rotating` mode. */
  generation: number;
  issuedAt: number;
  lastUsedAt: number;
  revokedAt: number | null;
}

export interface CtctAccessRecord {
  /** The JWT `jti`. */
  jti: string;
  apiKey: string | null;
  encodedAccountId: string | null;
  partnerClientId: string | null;
  grantId: string | null;
  scopes: string[];
  expiresAt: number;
  revokedAt: number | null;
}

export type CtctDeviceStatus = 'pending' | 'approved' | 'denied' | 'used';

export interface CtctDeviceRecord {
  /** SHA-256 of the device code. */
  id: string;
  userCode: string;
  apiKey: string;
  scopes: string[];
  expiresAt: number;
  /** Seconds between polls; grows by 5 on every `slow_down`. */
  interval: number;
  lastPolledAt: number | null;
  status: CtctDeviceStatus;
  encodedAccountId: string | null;
}

/** Per API key: the day counter (reset at 00:00 UTC) and the current one-second window. */
export interface CtctRateCounter {
  day: string;
  dayCount: number;
  second: number;
  secondCount: number;
}
