/**
 * @module
 * The Constant Contact part of an emulator snapshot (`constantContact` in `../../control/snapshot.ts`,
 * so also of the `--state` file): export, schema and import of the store and its RS256 signing key.
 *
 * Held: applications, partners, client accounts with their contacts, grants, codes, refresh tokens,
 * access-token records, device codes, the `rateLimits` switch and the signing key (so tokens signed
 * before a restart still verify against the issuer's JWKS). Secrets, passwords, codes, refresh tokens
 * and device codes are SHA-256 digests; an access token is held by its `jti` only. Not held: the
 * rate-limit counters (a restart starts them at zero) and authorize/login interactions in progress.
 */
import { z } from 'zod';
import { importSigningKey, type StoredSigningKey } from '../../keys.js';
import type { UsageSnapshot } from '../../usage/recorder.js';
import { usageSnapshotSchema } from '../../usage/schema.js';
import type {
  CtctAccessRecord,
  CtctAccountRecord,
  CtctApplicationRecord,
  CtctCodeRecord,
  CtctContactRecord,
  CtctDeviceRecord,
  CtctGrantRecord,
  CtctPartnerRecord,
  CtctRefreshRecord,
} from './records.js';
import { CTCT_SCOPES } from './scopes.js';
import type { CtctState } from './state.js';

/** The version of the `constantContact` section {@link exportCtctSnapshot} writes. */
export const CTCT_SNAPSHOT_VERSION = 1;

/** Everything the Constant Contact emulation holds except rate-limit counters and interactions. */
export interface CtctSnapshot {
  version: typeof CTCT_SNAPSHOT_VERSION;
  /** The RS256 signing key (private); `null` while none was configured or generated. */
  signingKey: StoredSigningKey | null;
  rateLimits: boolean;
  applications: CtctApplicationRecord[];
  partners: CtctPartnerRecord[];
  accounts: CtctAccountRecord[];
  grants: CtctGrantRecord[];
  codes: CtctCodeRecord[];
  refreshTokens: CtctRefreshRecord[];
  accessTokens: CtctAccessRecord[];
  devices: CtctDeviceRecord[];
  /** Usage recording (`GET /_emulator/usage`); absent in sections written before it existed. */
  usage?: UsageSnapshot;
}

const epochMs = z.number().finite();
const id = z.string().min(1);
const scopes = z.array(z.string());

/** A rotatable secret's lifecycle (`secret-rotation.ts`); absent in older snapshots. */
const secretLifecycle = {
  secretCreatedAt: epochMs.exactOptional(),
  stagedSecret: z
    .strictObject({ hash: z.string().min(1), createdAt: epochMs })
    .nullable()
    .exactOptional(),
  secretActivatedAt: epochMs.nullable().exactOptional(),
};
const application: z.ZodType<CtctApplicationRecord> = z.strictObject({
  apiKey: id,
  name: z.string(),
  type: z.enum(['confidential', 'public']),
  secretHash: z.string().min(1).nullable(),
  redirectUris: z.array(z.string()),
  pkce: z.enum(['optional', 'required']),
  refreshTokens: z.enum(['rotating', 'long-lived']),
  scopes: z.array(z.enum(CTCT_SCOPES)),
  createdAt: epochMs,
  owner: z.string().nullable().exactOptional(),
  ...secretLifecycle,
});
const partner: z.ZodType<CtctPartnerRecord> = z.strictObject({
  partnerClientId: id,
  name: z.string(),
  secretHash: z.string().min(1),
  apiKey: id,
  createdAt: epochMs,
  owner: z.string().nullable().exactOptional(),
  ...secretLifecycle,
});
const contact: z.ZodType<CtctContactRecord> = z.strictObject({
  contact_id: id,
  email_address: z.strictObject({
    address: z.string(),
    permission_to_send: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
    opt_in_source: z.string().exactOptional(),
  }),
  first_name: z.string().exactOptional(),
  last_name: z.string().exactOptional(),
  job_title: z.string().exactOptional(),
  company_name: z.string().exactOptional(),
  create_source: z.enum(['Account', 'Contact']),
  created_at: z.string(),
  updated_at: z.string(),
  list_memberships: z.array(z.string()),
});
const account: z.ZodType<CtctAccountRecord> = z.strictObject({
  encodedAccountId: id,
  provisionUuid: z.string(),
  partnerClientId: id.nullable(),
  managed: z.boolean(),
  loginName: id,
  passwordHash: z.string().min(1),
  userId: z.string(),
  contactEmail: z.string(),
  contactPhone: z.string(),
  organizationName: z.string(),
  countryCode: z.string(),
  stateCode: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  timeZoneId: z.string(),
  website: z.string(),
  externalId: z.string().nullable(),
  billingStatus: z.enum(['Trial', 'Open', 'Canceled', 'Trial End']),
  createdAt: epochMs,
  lastLoginAt: epochMs.nullable(),
  contacts: z.array(contact),
  owner: z.string().nullable().exactOptional(),
});
const grant: z.ZodType<CtctGrantRecord> = z.strictObject({
  id,
  apiKey: id,
  encodedAccountId: id,
  scopes,
  createdAt: epochMs,
  revokedAt: epochMs.nullable(),
});
const code: z.ZodType<CtctCodeRecord> = z.strictObject({
  id,
  apiKey: id,
  encodedAccountId: id,
  scopes,
  redirectUri: z.string(),
  codeChallenge: z.string().nullable(),
  expiresAt: epochMs,
  consumedAt: epochMs.nullable(),
  grantId: id.nullable(),
});
const refresh: z.ZodType<CtctRefreshRecord> = z.strictObject({
  id,
  grantId: id,
  generation: z.number().int().min(0),
  issuedAt: epochMs,
  lastUsedAt: epochMs,
  revokedAt: epochMs.nullable(),
});
const access: z.ZodType<CtctAccessRecord> = z.strictObject({
  jti: id,
  apiKey: id.nullable(),
  encodedAccountId: id.nullable(),
  partnerClientId: id.nullable(),
  grantId: id.nullable(),
  scopes,
  expiresAt: epochMs,
  revokedAt: epochMs.nullable(),
});
const device: z.ZodType<CtctDeviceRecord> = z.strictObject({
  id,
  userCode: z.string().regex(/^[A-Z]{8}$/),
  apiKey: id,
  scopes,
  expiresAt: epochMs,
  interval: z.number().int().positive(),
  lastPolledAt: epochMs.nullable(),
  status: z.enum(['pending', 'approved', 'denied', 'used']),
  encodedAccountId: id.nullable(),
});
const signingKey = z.strictObject({
  alg: z.literal('RS256'),
  kid: id,
  jwk: z.looseObject({ kty: z.literal('RSA'), d: z.string().min(1) }),
});

function duplicates<T>(items: readonly T[], key: (item: T) => string): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) dup.add(k);
    seen.add(k);
  }
  return [...dup];
}

/**
 * The `constantContact` section's schema: shapes, unique identities, and the references the admin
 * API keeps (a partner's application exists, an account's partner exists). Tokens, codes and grants
 * may name deleted applications or accounts (the emulator refuses them when used).
 */
export const ctctSnapshotSchema: z.ZodType<CtctSnapshot> = z
  .strictObject({
    version: z.literal(CTCT_SNAPSHOT_VERSION),
    signingKey: signingKey.nullable(),
    rateLimits: z.boolean(),
    applications: z.array(application),
    partners: z.array(partner),
    accounts: z.array(account),
    grants: z.array(grant),
    codes: z.array(code),
    refreshTokens: z.array(refresh),
    accessTokens: z.array(access),
    devices: z.array(device),
    usage: usageSnapshotSchema.exactOptional(),
  })
  .superRefine((s, c) => {
    const unique = <T>(field: keyof CtctSnapshot, items: readonly T[], key: (item: T) => string, what: string) => {
      for (const d of duplicates(items, key))
        c.addIssue({ code: 'custom', path: [field], message: `${what} ${d} twice` });
    };
    unique('applications', s.applications, (a) => a.apiKey, 'application');
    unique('partners', s.partners, (p) => p.partnerClientId, 'partner');
    unique('partners', s.partners, (p) => p.apiKey, 'partner application');
    unique('accounts', s.accounts, (a) => a.encodedAccountId, 'account');
    unique('accounts', s.accounts, (a) => a.loginName.toLowerCase(), 'login name');
    unique('grants', s.grants, (g) => g.id, 'grant');
    unique('codes', s.codes, (x) => x.id, 'code');
    unique('refreshTokens', s.refreshTokens, (r) => r.id, 'refresh token');
    unique('accessTokens', s.accessTokens, (t) => t.jti, 'access token');
    unique('devices', s.devices, (d) => d.id, 'device code');
    const apiKeys = new Set(s.applications.map((a) => a.apiKey));
    s.partners.forEach((p, i) => {
      if (!apiKeys.has(p.apiKey))
        c.addIssue({ code: 'custom', path: ['partners', i, 'apiKey'], message: `no application ${p.apiKey}` });
    });
    const partnerIds = new Set(s.partners.map((p) => p.partnerClientId));
    s.accounts.forEach((a, i) => {
      if (a.partnerClientId !== null && !partnerIds.has(a.partnerClientId)) {
        c.addIssue({
          code: 'custom',
          path: ['accounts', i, 'partnerClientId'],
          message: `no partner ${a.partnerClientId}`,
        });
      }
    });
  });

/** The Constant Contact state as plain data (a deep copy). */
export function exportCtctSnapshot(state: CtctState): CtctSnapshot {
  const { store } = state;
  return structuredClone({
    version: CTCT_SNAPSHOT_VERSION,
    signingKey: state.exportKey(),
    rateLimits: store.rateLimits,
    applications: [...store.applications.values()],
    partners: [...store.partners.values()],
    accounts: [...store.accounts.values()],
    grants: [...store.grants.values()],
    codes: [...store.codes.values()],
    refreshTokens: [...store.refreshTokens.values()],
    accessTokens: [...store.accessTokens.values()],
    devices: [...store.devices.values()],
    usage: state.usage.snapshot(),
  });
}

/**
 * Replaces the Constant Contact state with a (parsed) snapshot, or empties it when `s` is
 * `undefined` (a snapshot written before the section existed). The key is imported first, so a key
 * that does not import throws before anything changes. Rate-limit counters and interactions start empty.
 */
export function restoreCtctSnapshot(state: CtctState, s: CtctSnapshot | undefined): void {
  const key = s?.signingKey ? importSigningKey(s.signingKey) : null;
  state.reset();
  state.setKey(key);
  if (s === undefined) return;
  const c = structuredClone(s);
  const { store } = state;
  store.rateLimits = c.rateLimits;
  for (const a of c.applications) store.applications.set(a.apiKey, a);
  for (const p of c.partners) store.partners.set(p.partnerClientId, p);
  for (const a of c.accounts) store.accounts.set(a.encodedAccountId, a);
  for (const g of c.grants) store.grants.set(g.id, g);
  for (const x of c.codes) store.codes.set(x.id, x);
  for (const r of c.refreshTokens) store.refreshTokens.set(r.id, r);
  for (const t of c.accessTokens) store.accessTokens.set(t.jti, t);
  for (const d of c.devices) store.devices.set(d.id, d);
  state.usage.restore(c.usage);
}
