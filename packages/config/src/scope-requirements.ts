/**
 * @module
 * `@grantform/config/scope-requirements`: which scope each vendor call needs, as one table of data.
 * The emulator's scope enforcement reads it (a token without the scope is refused exactly where this
 * table says), and `grantform advise` / `emulator.usage()` read it to tell used scopes from unused
 * ones, so what is enforced and what is advised cannot disagree. This module imports nothing (no zod,
 * no constructs), so the emulator's bundle stays light.
 *
 * Each row is one call: a REST route (`METHOD /path/{param}`, the path below the REST host or
 * `api.cc.email/v3`), a SOAP action on an object (`Retrieve BusinessUnit`), or a token-endpoint
 * outcome (`POST /v2/token (refresh token)`). `anyOf` lists the scopes any one of which lets a token
 * make the call, least privileged first (the scope `advise` suggests for a refused call); an empty
 * list means any valid token will do. Where the scope depends on the request (Content Builder assets:
 * images and documents or other content), `cases` gives each case's alternatives.
 *
 * `basis` says where a requirement comes from: `reference` (the vendor facts in
 * `shared/reference/vendor-endpoints.md`: §1.3 `offline`, §1.10's route-to-scope examples, §3.3's
 * Constant Contact scope families) or `emulator` (the reference names no scope for that call; the
 * requirement is this emulator's choice, and `note` says why). `served: false` rows are documented
 * calls the emulator does not serve yet: `advise` can still name their scope, nothing enforces them.
 *
 * @example
 * const r = scopeRequirement('marketing-cloud', 'rest', 'POST /messaging/v1/email/messages');
 * grantingScope(r, ['email_read', 'email_send']); // 'email_send'
 * grantingScope(r, ['email_read']); // null: refused
 */

/** The vendors with a requirement table (as named in `@grantform/config/hosts`). */
export type RequirementVendor = 'marketing-cloud' | 'constant-contact';

/** Which API a call belongs to: REST instance routes, SOAP actions, the v3 API, or the token endpoint. */
export type RequirementApi = 'rest' | 'soap' | 'v3' | 'auth';

/** Where a requirement comes from: the vendor reference, or the emulator's own choice. */
export type RequirementBasis = 'reference' | 'emulator';

/** One call and the scope(s) it needs. */
export interface ScopeRequirement {
  readonly vendor: RequirementVendor;
  readonly api: RequirementApi;
  /** `METHOD /path/{param}` (REST, v3, auth) or `Action ObjectType` (SOAP). */
  readonly call: string;
  /** Whether the emulator serves this call (and enforces this requirement). */
  readonly served: boolean;
  /** Any one of these lets a token make the call, least privileged first; `[]`: any valid token. */
  readonly anyOf: readonly string[];
  /** Per-case alternatives, when the scope depends on the request; `anyOf` then holds every case's scopes. */
  readonly cases?: Readonly<Record<string, readonly string[]>>;
  readonly basis: RequirementBasis;
  /** Why, where the basis is the emulator; what the call is, otherwise. */
  readonly note: string;
}

const ASSET_CASES = {
  'documents-and-images': ['documents_and_images_read', 'documents_and_images_write'],
  'saved-content': ['saved_content_read', 'saved_content_write'],
} as const;
const ASSET_READ_ANY = [
  'saved_content_read',
  'documents_and_images_read',
  'saved_content_write',
  'documents_and_images_write',
] as const;

const mc = (
  api: RequirementApi,
  call: string,
  anyOf: readonly string[],
  basis: RequirementBasis,
  note: string,
  extra: { served?: boolean; cases?: Readonly<Record<string, readonly string[]>> } = {},
): ScopeRequirement => ({
  vendor: 'marketing-cloud',
  api,
  call,
  served: extra.served ?? true,
  anyOf,
  ...(extra.cases === undefined ? {} : { cases: extra.cases }),
  basis,
  note,
});

const ctct = (
  api: RequirementApi,
  call: string,
  anyOf: readonly string[],
  basis: RequirementBasis,
  note: string,
  served = true,
): ScopeRequirement => ({ vendor: 'constant-contact', api, call, served, anyOf, basis, note });

/** Every requirement, per vendor, served calls first. */
export const SCOPE_REQUIREMENTS: readonly ScopeRequirement[] = [
  // ── Marketing Cloud: REST instance routes the emulator serves ─────────────
  mc(
    'rest',
    'GET /platform/v1/tokenContext',
    [],
    'emulator',
    'any valid token: the reference names no scope, and clients call it to find their BU',
  ),
  mc('rest', 'GET /platform/v1/endpoints', [], 'emulator', 'any valid token: the reference names no scope'),
  mc('rest', 'GET /platform/v1/endpoints/{type}', [], 'emulator', 'any valid token: the reference names no scope'),
  mc('rest', 'POST /messaging/v1/email/messages', ['email_send'], 'reference', 'transactional email, batch (§1.10)'),
  mc(
    'rest',
    'POST /messaging/v1/email/messages/{messageKey}',
    ['email_send'],
    'emulator',
    'one recipient; the same scope as the batch route the reference names',
  ),
  mc(
    'rest',
    'GET /messaging/v1/email/messages/{messageKey}',
    ['email_read', 'email_send'],
    'emulator',
    "a send's status: a reader or the sender",
  ),
  mc(
    'rest',
    'POST /data/v1/async/dataextensions/{ref}/rows',
    ['data_extensions_write'],
    'reference',
    'async row insert, ref = key:{key} (§1.10)',
  ),
  mc(
    'rest',
    'POST /hub/v1/dataevents/{ref}/rowset',
    ['data_extensions_write'],
    'emulator',
    'sync row upsert, ref = key:{key}; the same scope as the async insert',
  ),
  mc(
    'rest',
    'GET /data/v1/customobjectdata/key/{key}/rowset',
    ['data_extensions_read'],
    'emulator',
    'row read-back; the read scope of the same family',
  ),
  mc(
    'rest',
    'POST /asset/v1/content/assets',
    ['saved_content_write', 'documents_and_images_write'],
    'emulator',
    'the write scope of the asset type: images and documents, or other content',
    { cases: { 'documents-and-images': ['documents_and_images_write'], 'saved-content': ['saved_content_write'] } },
  ),
  mc(
    'rest',
    'GET /asset/v1/content/assets/{id}',
    ASSET_READ_ANY,
    'emulator',
    'a read or write scope of the asset type; an unknown id needs any of them',
    { cases: ASSET_CASES },
  ),
  mc(
    'rest',
    'GET /asset/v1/content/assets',
    ASSET_READ_ANY,
    'emulator',
    'any asset scope; the list holds only the types the token may read',
  ),
  mc(
    'rest',
    'POST /contacts/v1/contacts',
    ['list_and_subscribers_write'],
    'emulator',
    'contact upsert; the Contacts family scope',
  ),
  mc(
    'rest',
    'GET /contacts/v1/contacts/{ref}',
    ['list_and_subscribers_read', 'list_and_subscribers_write'],
    'emulator',
    'contact read-back, ref = key:{contactKey}',
  ),
  // ── Marketing Cloud: SOAP ──────────────────────────────────────────────────
  mc(
    'soap',
    'Retrieve BusinessUnit',
    [],
    'emulator',
    'any valid token: the reference names no scope for it, and clients (and grantform verify) call it to list BUs',
  ),
  // ── Marketing Cloud: the token endpoint ───────────────────────────────────
  mc(
    'auth',
    'POST /v2/token (refresh token)',
    ['offline'],
    'reference',
    'a refresh token is issued only when offline is granted and requested (§1.3)',
  ),
  // ── Marketing Cloud: documented calls the emulator does not serve yet ─────
  mc(
    'rest',
    'POST /messaging/v1/sms/messages/{messageKey}',
    ['sms_send'],
    'emulator',
    'not served; the send scope of the SMS family',
    { served: false },
  ),
  mc(
    'rest',
    'POST /interaction/v1/events',
    ['journeys_execute'],
    'emulator',
    'not served; journey entry events, the execute scope of the Journeys family',
    { served: false },
  ),
  mc(
    'rest',
    'GET /interaction/v1/interactions',
    ['journeys_read'],
    'emulator',
    'not served; the read scope of the Journeys family',
    { served: false },
  ),
  mc(
    'rest',
    'POST /automation/v1/automations/{id}/actions/runallonce',
    ['automations_execute'],
    'emulator',
    'not served; the execute scope of the Automations family',
    { served: false },
  ),
  mc(
    'soap',
    'Retrieve DataExtensionObject',
    ['data_extensions_read'],
    'emulator',
    'not served; the read scope of the Data Extensions family',
    { served: false },
  ),
  mc('soap', 'Create TriggeredSend', ['email_send'], 'emulator', 'not served; the send scope of the Email family', {
    served: false,
  }),
  mc(
    'soap',
    'Retrieve Subscriber',
    ['list_and_subscribers_read'],
    'emulator',
    'not served; the read scope of the List and Subscribers family',
    { served: false },
  ),
  mc('soap', 'Retrieve AccountUser', ['users_read'], 'emulator', 'not served; the read scope of the Users family', {
    served: false,
  }),
  // ── Constant Contact: the v3 API the emulator serves (§3.3) ───────────────
  ctct('v3', 'GET /account/summary', ['account_read'], 'reference', 'read account data (§3.3)'),
  ctct('v3', 'PUT /account/summary', ['account_update'], 'reference', 'update account data (§3.3)'),
  ctct('v3', 'GET /emails', ['campaign_data'], 'reference', 'campaigns (§3.3)'),
  ctct('v3', 'POST /contacts', ['contact_data'], 'reference', 'contacts (§3.3)'),
  ctct('v3', 'GET /contacts', ['contact_data'], 'reference', 'contacts (§3.3)'),
  ctct('v3', 'GET /contacts/{id}', ['contact_data'], 'reference', 'contacts (§3.3)'),
  ctct('v3', 'DELETE /contacts/{id}', ['contact_data'], 'reference', 'contacts (§3.3)'),
  ctct(
    'auth',
    'POST /oauth2/default/v1/token (refresh token)',
    ['offline_access'],
    'reference',
    'a refresh token needs offline_access (§3.2, §3.3)',
  ),
  // ── Constant Contact: documented families the emulator does not serve yet ─
  ctct('v3', 'GET /contact_lists', ['contact_data'], 'reference', 'not served; lists (§3.3)', false),
  ctct('v3', 'GET /contact_custom_fields', ['contact_data'], 'reference', 'not served; custom fields (§3.3)', false),
  ctct(
    'v3',
    'POST /activities/contacts_json_import',
    ['contact_data'],
    'reference',
    'not served; bulk activities (§3.3)',
    false,
  ),
  ctct(
    'v3',
    'GET /reports/email_reports/{campaign_activity_id}/tracking/sends',
    ['campaign_data'],
    'reference',
    'not served; campaign reports (§3.3)',
    false,
  ),
];

/** The table row of a call; throws when the table has none (a route without a requirement is a bug). */
export function scopeRequirement(vendor: RequirementVendor, api: RequirementApi, call: string): ScopeRequirement {
  const hit = SCOPE_REQUIREMENTS.find((r) => r.vendor === vendor && r.api === api && r.call === call);
  if (hit === undefined) throw new Error(`no scope requirement for ${vendor} ${api} ${call}`);
  return hit;
}

/** The alternatives of `r` for `caseName` (or its `anyOf` when no case is given or known). */
export function alternativesOf(r: ScopeRequirement, caseName?: string): readonly string[] {
  return (caseName === undefined ? undefined : r.cases?.[caseName]) ?? r.anyOf;
}

/**
 * The scope that lets a token holding `scopes` make the call (`''` when the call needs none), or
 * `null` when the token may not. Alternatives are tried least privileged first.
 */
export function grantingScope(r: ScopeRequirement, scopes: readonly string[], caseName?: string): string | null {
  const alternatives = alternativesOf(r, caseName);
  if (alternatives.length === 0) return '';
  for (const s of alternatives) if (scopes.includes(s)) return s;
  return null;
}

/** How a call is named in reports: `REST POST /messaging/v1/email/messages`, `SOAP Retrieve BusinessUnit`. */
export function callName(r: Pick<ScopeRequirement, 'api' | 'call'>): string {
  return `${r.api.toUpperCase()} ${r.call}`;
}
