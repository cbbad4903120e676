/**
 * @module
 * The Marketing Cloud scope catalog (reference §1.10): every scope name as the typed union
 * {@link Scope}, grouped by family in {@link SCOPE_GROUPS}, with helpers for common sets and
 * a "did you mean" suggestion for unknown names.
 */
import { editDistance } from './edit-distance.js';

/** The Constant Contact scope catalog, so this subpath holds every vendor's. */
export {
  CTCT_PARTNER_SCOPE,
  CTCT_SCOPES,
  type CtctScope,
  isCtctScope,
  suggestCtctScope,
} from './constant-contact/scopes.js';
export { editDistance } from './edit-distance.js';

/**
 * Every scope grouped by the family it belongs to. Order inside a group follows the
 * Marketing Cloud UI (read before write). `contactBuMapping` is listed only by sfmc-sdk.
 */
export const SCOPE_GROUPS = {
  offline: ['offline'],
  documentsAndImages: ['documents_and_images_read', 'documents_and_images_write'],
  savedContent: ['saved_content_read', 'saved_content_write'],
  automations: ['automations_execute', 'automations_read', 'automations_write'],
  journeys: ['journeys_execute', 'journeys_read', 'journeys_write', 'journeys_delete', 'journeys_aspr'],
  email: ['email_read', 'email_send', 'email_write'],
  push: ['push_read', 'push_send', 'push_write'],
  sms: ['sms_read', 'sms_send', 'sms_write'],
  social: ['social_post', 'social_publish', 'social_read', 'social_write'],
  web: ['web_publish', 'web_read', 'web_write'],
  audiences: ['audiences_read', 'audiences_write'],
  listAndSubscribers: ['list_and_subscribers_read', 'list_and_subscribers_write'],
  dataExtensions: ['data_extensions_read', 'data_extensions_write'],
  fileLocations: ['file_locations_read', 'file_locations_write'],
  trackingEvents: ['tracking_events_read', 'tracking_events_write'],
  calendar: ['calendar_read', 'calendar_write'],
  campaign: ['campaign_read', 'campaign_write'],
  accounts: ['accounts_read', 'accounts_write'],
  users: ['users_read', 'users_write'],
  webhooks: ['webhooks_read', 'webhooks_write'],
  workflows: ['workflows_read', 'workflows_write'],
  approvals: ['approvals_read', 'approvals_write'],
  tags: ['tags_read', 'tags_write'],
  ottChatMessaging: ['ott_chat_messaging_read', 'ott_chat_messaging_send'],
  ottChannels: ['ott_channels_read', 'ott_channels_write'],
  marketingCloudConnect: [
    'marketing_cloud_connect_read',
    'marketing_cloud_connect_write',
    'marketing_cloud_connect_send',
  ],
  eventNotificationCallbacks: [
    'event_notification_callback_create',
    'event_notification_callback_read',
    'event_notification_callback_update',
    'event_notification_callback_delete',
  ],
  eventNotificationSubscriptions: [
    'event_notification_subscription_create',
    'event_notification_subscription_read',
    'event_notification_subscription_update',
    'event_notification_subscription_delete',
  ],
  keyManagement: ['key_manage_view', 'key_manage_rotate', 'key_manage_revoke'],
  dfu: ['dfu_configure'],
  packageManager: ['package_manager_package', 'package_manager_deploy'],
  deepLinkingAssets: ['deep_linking_asset_read', 'deep_linking_asset_write', 'deep_linking_asset_delete'],
  deepLinkingSettings: ['deep_linking_settings_read', 'deep_linking_settings_write'],
  contactBuMapping: [
    'contact_bu_mapping_create',
    'contact_bu_mapping_view',
    'contact_bu_mapping_update',
    'contact_bu_mapping_delete',
  ],
} as const;

/** Name of a scope family, e.g. `'email'` or `'dataExtensions'`. */
export type ScopeGroup = keyof typeof SCOPE_GROUPS;

/** Every Marketing Cloud scope name (85: 81 seen in real tokens plus 4 only sfmc-sdk lists). */
export type Scope = (typeof SCOPE_GROUPS)[ScopeGroup][number];

/** Every scope, sorted. */
export const ALL_SCOPES: readonly Scope[] = Object.values(SCOPE_GROUPS)
  .flat()
  .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

const SCOPE_SET: ReadonlySet<string> = new Set(ALL_SCOPES);

/** Every group name, in declaration order. */
export const SCOPE_GROUP_NAMES = Object.keys(SCOPE_GROUPS) as readonly ScopeGroup[];

/**
 * Whether `name` is a scope of the catalog.
 * @example isScope('email_send') // true
 */
export function isScope(name: string): name is Scope {
  return SCOPE_SET.has(name);
}

function groupsOrAll(groups: readonly ScopeGroup[]): readonly ScopeGroup[] {
  return groups.length === 0 ? SCOPE_GROUP_NAMES : groups;
}

function sortedUnique(list: readonly Scope[]): Scope[] {
  return [...new Set(list)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const READ_ONLY = /_(read|view)$/;

/**
 * Helpers for common scope sets. Each returns a new sorted array without duplicates.
 * @example
 * scopes.readOnly('email', 'dataExtensions') // ['data_extensions_read', 'email_read']
 * [...scopes.group('journeys'), 'offline']
 */
export const scopes = {
  /** Every scope of the catalog (including `offline`). */
  all: (): Scope[] => [...ALL_SCOPES],
  /** Every scope of the given groups. */
  group: (...groups: readonly ScopeGroup[]): Scope[] => sortedUnique(groups.flatMap((g) => SCOPE_GROUPS[g])),
  /** The `*_read` and `*_view` scopes of the given groups (of every group when none is given). */
  readOnly: (...groups: readonly ScopeGroup[]): Scope[] =>
    sortedUnique(groupsOrAll(groups).flatMap((g) => SCOPE_GROUPS[g].filter((s) => READ_ONLY.test(s)))),
  /** The `*_read` and `*_write` scopes of the given groups (no send, execute, delete or publish). */
  readWrite: (...groups: readonly ScopeGroup[]): Scope[] =>
    sortedUnique(groupsOrAll(groups).flatMap((g) => SCOPE_GROUPS[g].filter((s) => /_(read|write)$/.test(s)))),
} as const;

/**
 * The catalog scope closest to an unknown `name`, or `undefined` when nothing is close.
 * Case, `-`, `.`, `:` and spaces are normalised to the catalog's `snake_case` first; then the
 * nearest name within an edit distance of max(2, a third of the name's length) wins (ties: the
 * alphabetically first).
 * @example suggestScope('emial_read') // 'email_read'
 * @example suggestScope('Data-Extensions.Read') // 'data_extensions_read'
 */
export function suggestScope(name: string): Scope | undefined {
  const normalised = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_');
  if (isScope(normalised)) return normalised;
  const limit = Math.max(2, Math.floor(normalised.length / 3));
  let best: { scope: Scope; distance: number } | undefined;
  for (const scope of ALL_SCOPES) {
    const distance = editDistance(normalised, scope);
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { scope, distance };
  }
  return best?.scope;
}
