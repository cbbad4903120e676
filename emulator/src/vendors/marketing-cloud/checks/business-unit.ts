/**
 * @module
 * Business-unit access: tokens are per BU. The BU must exist in the tenant and be enabled for the
 * integration (Access tab); for user flows the user must have it too. Otherwise 401 (vendor: DOC).
 */
import { SfmcOAuthError } from '../errors.js';
import type { IntegrationRecord, TenantRecord, UserRecord } from '../store/records.js';

export function allows(list: 'all' | readonly number[], mid: number): boolean {
  return list === 'all' || list.includes(mid);
}

export function noAccess(mid: number): SfmcOAuthError {
  return new SfmcOAuthError('unauthorized_client', 401, `The client is not authorized to access business unit ${mid}.`);
}

/** Checks `mid` against the tenant, the integration and (optionally) the user; throws 401 when refused. */
export function checkBusinessUnit(
  tenant: TenantRecord,
  integration: IntegrationRecord,
  mid: number,
  user?: UserRecord,
): number {
  const exists = tenant.businessUnits.some((b) => b.mid === mid);
  if (!exists || !allows(integration.businessUnits, mid) || (user && !allows(user.businessUnits, mid))) {
    throw noAccess(mid);
  }
  return mid;
}

/** The BU a user lands in at authorize: the default one when allowed, else the first allowed. */
export function userLandingMid(tenant: TenantRecord, integration: IntegrationRecord, user: UserRecord): number | null {
  const ok = (mid: number) =>
    tenant.businessUnits.some((b) => b.mid === mid) &&
    allows(integration.businessUnits, mid) &&
    allows(user.businessUnits, mid);
  if (ok(user.defaultMid)) return user.defaultMid;
  return tenant.businessUnits.find((b) => ok(b.mid))?.mid ?? null;
}
