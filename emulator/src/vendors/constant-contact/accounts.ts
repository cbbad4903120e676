/**
 * @module
 * Creating client accounts: shared by the partner API (`POST /v3/partner/accounts`), the admin API
 * and seeding, so the three apply the same rules.
 */
import { sha256 } from '../../checks/secrets.js';
import type { EmulatorContext } from '../../env.js';
import type { CtctAccountRecord } from './records.js';
import type { CtctState } from './state.js';

export interface NewAccount {
  readonly partnerClientId: string | null;
  readonly managed: boolean;
  readonly loginName: string;
  /** The owner's password; accounts created with an external id only cannot log in on the pages. */
  readonly password: string | null;
  readonly contactEmail: string;
  readonly countryCode: string;
  readonly stateCode: string;
  readonly organizationName?: string | undefined;
  readonly firstName?: string | undefined;
  readonly lastName?: string | undefined;
  readonly contactPhone?: string | undefined;
  readonly website?: string | undefined;
  readonly timeZoneId?: string | undefined;
  readonly externalId?: string | null | undefined;
  /** A fixed `encoded_account_id` (seeding keeps ids stable). @default a random one */
  readonly encodedAccountId?: string | undefined;
  /** Who manages it. @default null */
  readonly owner?: string | null | undefined;
}

const ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random `encoded_account_id` (12 characters, like the vendor's). */
export function newEncodedAccountId(ctx: EmulatorContext): string {
  const bytes = ctx.options.randomBytes(12);
  let s = '';
  for (const b of bytes) s += ID_ALPHABET[b % ID_ALPHABET.length];
  return s;
}

/** Creates and stores an account. Callers check the login name is free. */
export function createAccount(ctx: EmulatorContext, state: CtctState, a: NewAccount): CtctAccountRecord {
  const account: CtctAccountRecord = {
    encodedAccountId: a.encodedAccountId ?? newEncodedAccountId(ctx),
    provisionUuid: ctx.options.randomId(),
    partnerClientId: a.partnerClientId,
    managed: a.managed,
    loginName: a.loginName,
    // An account without a password gets an unguessable one (it logs in only headlessly).
    passwordHash: sha256(a.password ?? ctx.randomToken(24)),
    userId: `00u${ctx.randomToken(12).replace(/[-_]/g, 'x').slice(0, 17)}`,
    contactEmail: a.contactEmail,
    contactPhone: a.contactPhone ?? '',
    organizationName: a.organizationName ?? '',
    countryCode: a.countryCode,
    stateCode: a.stateCode,
    firstName: a.firstName ?? '',
    lastName: a.lastName ?? '',
    timeZoneId: a.timeZoneId ?? 'US/Eastern',
    website: a.website ?? '',
    externalId: a.externalId ?? null,
    billingStatus: 'Trial',
    createdAt: ctx.nowMs(),
    lastLoginAt: null,
    contacts: [],
    owner: a.owner ?? null,
  };
  state.store.accounts.set(account.encodedAccountId, account);
  return account;
}
