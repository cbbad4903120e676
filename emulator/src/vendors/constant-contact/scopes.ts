/**
 * @module
 * The Constant Contact scope catalog of the emulator (reference §3.3), from `@grantform/config/scopes`.
 * The admin API refuses other names. `v3api/general.partner` is the partner token's scope, never an
 * application's.
 */
export { CTCT_PARTNER_SCOPE, CTCT_SCOPES } from '@grantform/config/scopes';
