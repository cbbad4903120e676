/**
 * @module
 * Every scope name an integration can have (vendor-endpoints §1.10: the 81 seen in a real token plus
 * the 4 only sfmc-sdk lists). Integrations with any other name are refused by the admin API.
 */
const GROUPS: Record<string, readonly string[]> = {
  documents_and_images: ['read', 'write'],
  saved_content: ['read', 'write'],
  automations: ['execute', 'read', 'write'],
  journeys: ['execute', 'read', 'write', 'delete', 'aspr'],
  email: ['read', 'send', 'write'],
  push: ['read', 'send', 'write'],
  sms: ['read', 'send', 'write'],
  social: ['post', 'publish', 'read', 'write'],
  web: ['publish', 'read', 'write'],
  audiences: ['read', 'write'],
  list_and_subscribers: ['read', 'write'],
  data_extensions: ['read', 'write'],
  file_locations: ['read', 'write'],
  tracking_events: ['read', 'write'],
  calendar: ['read', 'write'],
  campaign: ['read', 'write'],
  accounts: ['read', 'write'],
  users: ['read', 'write'],
  webhooks: ['read', 'write'],
  workflows: ['read', 'write'],
  approvals: ['read', 'write'],
  tags: ['read', 'write'],
  ott_chat_messaging: ['read', 'send'],
  ott_channels: ['read', 'write'],
  marketing_cloud_connect: ['read', 'write', 'send'],
  event_notification_callback: ['create', 'read', 'update', 'delete'],
  event_notification_subscription: ['create', 'read', 'update', 'delete'],
  key_manage: ['view', 'rotate', 'revoke'],
  package_manager: ['package', 'deploy'],
  deep_linking_asset: ['read', 'write', 'delete'],
  deep_linking_settings: ['read', 'write'],
  contact_bu_mapping: ['create', 'view', 'update', 'delete'],
};

export const SCOPE_CATALOG: ReadonlySet<string> = new Set([
  'offline',
  'dfu_configure',
  ...Object.entries(GROUPS).flatMap(([g, ops]) => ops.map((op) => `${g}_${op}`)),
]);
