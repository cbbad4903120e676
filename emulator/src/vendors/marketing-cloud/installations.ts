/**
 * @module
 * Acting for customer tenants: an AppExchange-style package registered in a partner tenant is
 * installed into customer tenants. The package's client is then known on each customer's auth host
 * too, with the customer's own BU access (its Access tab); users of those tenants can authorize it
 * (the redirect carries the customer's `tssd`), and tokens are issued by, and only work on, the
 * customer's hosts. Installation is allowed for AppExchange integrations and for legacy packages with
 * a Marketing Cloud app (HubExchange).
 */

import { AdminError, validationError } from '../../errors.js';
import type { AuthenticatedClient } from './client.js';
import type { McContext } from './context.js';
import type { InstallationRecord, PackageRecord, TenantRecord, UserRecord } from './store/records.js';

/** The client as known on a customer tenant where the package is installed, else `undefined`. */
export function customerClient(ctx: McContext, pkg: PackageRecord, tssd: string): AuthenticatedClient | undefined {
  const installation = pkg.installations?.find((i) => i.tenant === tssd);
  const tenant = installation ? ctx.store.tenant(tssd) : undefined;
  if (!installation || !tenant || !pkg.integration) return undefined;
  return { pkg, tenant, integration: { ...pkg.integration, businessUnits: installation.businessUnits } };
}

/** Tenants where a package's users live: its own, then every customer tenant. */
export function packageTenants(pkg: PackageRecord): string[] {
  return [pkg.tenant, ...(pkg.installations ?? []).map((i) => i.tenant)];
}

/**
 * The user logging in at authorize on `hostTssd`: on the partner's host, users of the partner and of
 * every customer tenant; on a customer's host, that tenant's users.
 */
export function findLoginUser(
  ctx: McContext,
  hostTssd: string,
  clientId: string,
  match: (tenant: string) => UserRecord | undefined,
): UserRecord | undefined {
  const pkg = ctx.store.packageByClientId(clientId);
  const tenants = pkg && pkg.tenant === hostTssd ? packageTenants(pkg) : [hostTssd];
  for (const t of tenants) {
    const user = match(t);
    if (user) return user;
  }
  return undefined;
}

export function installPackage(
  ctx: McContext,
  pkg: PackageRecord,
  tenant: TenantRecord,
  businessUnits: 'all' | number[],
): { installation: InstallationRecord; created: boolean } {
  if (tenant.subdomain === pkg.tenant) {
    throw new AdminError('ERR_CONFLICT', 'a package is already available in its own tenant');
  }
  const eligible = pkg.integration?.appExchange === true || (pkg.legacy && pkg.app !== null);
  if (!eligible) {
    throw new AdminError(
      'ERR_CONFLICT',
      'only AppExchange packages (integration appExchange: true) or legacy packages with an app can be installed into other tenants',
    );
  }
  if (businessUnits !== 'all') {
    const issues = businessUnits
      .map((m, i) => ({ m, i }))
      .filter(({ m }) => !tenant.businessUnits.some((b) => b.mid === m))
      .map(({ m, i }) => ({
        path: `businessUnits.${i}`,
        message: `no business unit ${m} in tenant ${tenant.subdomain}`,
      }));
    if (issues.length > 0) throw validationError(issues);
  }
  const existing = pkg.installations?.find((i) => i.tenant === tenant.subdomain);
  const installation: InstallationRecord = {
    tenant: tenant.subdomain,
    businessUnits: businessUnits === 'all' ? 'all' : [...businessUnits],
    installedAt: existing?.installedAt ?? ctx.nowMs(),
  };
  const others = (pkg.installations ?? []).filter((i) => i.tenant !== tenant.subdomain);
  ctx.store.savePackage({ ...pkg, installations: [...others, installation] });
  return { installation, created: existing === undefined };
}

/** Uninstalls from a customer tenant and revokes every token the package holds there. */
export function uninstallPackage(ctx: McContext, pkg: PackageRecord, tenant: string): boolean {
  const before = pkg.installations ?? [];
  if (!before.some((i) => i.tenant === tenant)) return false;
  ctx.store.savePackage({ ...pkg, installations: before.filter((i) => i.tenant !== tenant) });
  if (pkg.integration) ctx.store.revokeClient(tenant, pkg.integration.clientId, ctx.nowMs());
  return true;
}
