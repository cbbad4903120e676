/**
 * @module
 * The Constant Contact scope catalog of the emulator (reference §3.3). The admin API refuses other
 * names. `v3api/general.partner` is the partner token's scope, never an application's.
 */
export const CTCT_SCOPES = [
  'account_read',
  'account_update',
  'contact_data',
  'campaign_data',
  'offline_access',
  'billing_data',
] as const;

export const CTCT_PARTNER_SCOPE = 'v3api/general.partner';
