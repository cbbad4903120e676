/**
 * @module
 * What the emulator holds of the Marketing Cloud resources a state names and a config declares, in
 * four steps: which tenants to read, read them (each with its packages and their components: two
 * calls per tenant), find the declared packages the state lacks (by this state's ownership label,
 * else by name), and report every address with its owner so the plan can adopt what a killed apply
 * created and refuse what another state owns.
 */
import type { DesiredResource, DesiredState } from '../../desired-state.js';
import type { ObservedResource } from '../../driver.js';
import type { AdminClient } from '../../drivers/admin-client.js';
import { adminItems, ownerOf } from '../../drivers/admin-client.js';
import type { JsonObject, JsonValue } from '../../json.js';
import { isJsonObject } from '../../json.js';
import { ownerLabel } from '../../ownership.js';
import type { StateFile } from '../../state/records.js';
import { appAttributes, integrationAttributes, packageAttributes, tenantAttributes } from './admin-records.js';

const enc = encodeURIComponent;

type Observed = Record<string, ObservedResource | null>;

/** What the emulator holds: tenants by subdomain, packages by id, and each tenant's packages. */
interface Holdings {
  readonly tenants: Map<string, JsonObject | null>;
  readonly packages: Map<string, JsonObject>;
  readonly packagesOfTenant: Map<string, JsonObject[]>;
}

/** The tenant subdomain an address names: a tenant in state, or a declared one. */
function tenantIdResolver(state: StateFile, desired: DesiredState) {
  return (address: string | undefined): string | null => {
    if (address === undefined) return null;
    const r = state.resources[address];
    if (r !== undefined) return r.kind === 'tenant' ? r.id : null;
    const d = desired.resources[address];
    return d?.kind === 'tenant' && typeof d.attributes.subdomain === 'string' ? d.attributes.subdomain : null;
  };
}

/**
 * Step 1: the tenants to read: those in state, those named by packages in state, and declared ones
 * (with their packages) the state lacks.
 */
function tenantsToRead(
  state: StateFile,
  unrecorded: readonly DesiredResource[],
  tenantIdOf: (address: string | undefined) => string | null,
): Set<string> {
  const tenantIds = new Set<string>();
  for (const r of Object.values(state.resources)) {
    if (r.kind === 'tenant') tenantIds.add(r.id);
    if (r.kind === 'installed-package') {
      const t = tenantIdOf(typeof r.attributes.tenant === 'string' ? r.attributes.tenant : undefined);
      if (t !== null) tenantIds.add(t);
    }
  }
  for (const d of unrecorded) {
    const t =
      d.kind === 'tenant'
        ? tenantIdOf(d.address)
        : d.kind === 'installed-package' && typeof d.attributes.tenant === 'string'
          ? tenantIdOf(d.attributes.tenant)
          : null;
    if (t !== null) tenantIds.add(t);
  }
  return tenantIds;
}

/** Step 2: each tenant, and its packages with their components. */
async function readTenants({ get }: AdminClient, tenantIds: Iterable<string>): Promise<Holdings> {
  const holdings: Holdings = { tenants: new Map(), packages: new Map(), packagesOfTenant: new Map() };
  await Promise.all(
    [...tenantIds].map(async (id) => {
      const t = await get(`/_emulator/tenants/${enc(id)}`);
      holdings.tenants.set(id, t);
      if (t === null) return;
      const items = adminItems(await get(`/_emulator/tenants/${enc(id)}/packages`));
      holdings.packagesOfTenant.set(id, items);
      for (const p of items) if (typeof p.id === 'string') holdings.packages.set(p.id, p);
    }),
  );
  return holdings;
}

/** Step 3: declared packages the state lacks, by this state's label, else by name (another owner's, or none). */
function findUnrecordedPackages(
  state: StateFile,
  unrecorded: readonly DesiredResource[],
  holdings: Holdings,
  tenantIdOf: (address: string | undefined) => string | null,
): Map<string, JsonObject> {
  const found = new Map<string, JsonObject>();
  const byOwner = new Map<JsonValue | undefined, JsonObject>();
  const byName = new Map<string, JsonObject>();
  for (const [tenantId, items] of holdings.packagesOfTenant) {
    for (const p of items) {
      if (typeof p.owner === 'string') byOwner.set(p.owner, p);
      byName.set(`${tenantId}/${String(p.name)}`, p);
    }
  }
  for (const d of unrecorded) {
    if (d.kind !== 'installed-package' || typeof d.attributes.tenant !== 'string') continue;
    const tenantId = tenantIdOf(d.attributes.tenant);
    if (tenantId === null) continue;
    const p =
      byOwner.get(ownerLabel(state.lineage, d.address)) ?? byName.get(`${tenantId}/${String(d.attributes.name)}`);
    if (p !== undefined && typeof p.id === 'string') found.set(d.address, p);
  }
  return found;
}

/** Step 4a: every Marketing Cloud resource the state names (`null`: gone from the target). */
function reportRecorded(
  state: StateFile,
  holdings: Holdings,
  packageOf: (a: JsonValue | undefined) => JsonObject | null,
) {
  const out: Observed = {};
  for (const [address, r] of Object.entries(state.resources)) {
    switch (r.kind) {
      case 'tenant': {
        const t = holdings.tenants.get(r.id);
        out[address] =
          t === null || t === undefined ? null : { id: r.id, attributes: tenantAttributes(t), owner: ownerOf(t) };
        break;
      }
      case 'installed-package': {
        const p = holdings.packages.get(r.id);
        out[address] = p === undefined ? null : { id: r.id, attributes: packageAttributes(p), owner: ownerOf(p) };
        break;
      }
      case 'api-integration': {
        const i = packageOf(r.attributes.package)?.integration;
        out[address] =
          isJsonObject(i) && i.clientId === r.id ? { id: r.id, attributes: integrationAttributes(i) } : null;
        break;
      }
      case 'marketing-cloud-app': {
        const a = packageOf(r.attributes.package)?.app;
        out[address] = isJsonObject(a) ? { id: r.id, attributes: appAttributes(a) } : null;
        break;
      }
    }
  }
  return out;
}

/** Step 4b: what the target holds for declared resources the state lacks, with its owner. */
function reportUnrecorded(
  unrecorded: readonly DesiredResource[],
  holdings: Holdings,
  found: Map<string, JsonObject>,
  tenantIdOf: (address: string | undefined) => string | null,
  packageOf: (a: JsonValue | undefined) => JsonObject | null,
) {
  const out: Observed = {};
  for (const d of unrecorded) {
    switch (d.kind) {
      case 'tenant': {
        const id = tenantIdOf(d.address);
        const t = id === null ? null : holdings.tenants.get(id);
        if (id !== null && t !== null && t !== undefined)
          out[d.address] = { id, attributes: tenantAttributes(t), owner: ownerOf(t) };
        break;
      }
      case 'installed-package': {
        const p = found.get(d.address);
        if (p !== undefined) out[d.address] = { id: String(p.id), attributes: packageAttributes(p), owner: ownerOf(p) };
        break;
      }
      case 'api-integration':
      case 'marketing-cloud-app': {
        const p = packageOf(d.attributes.package);
        const c = d.kind === 'api-integration' ? p?.integration : p?.app;
        if (p === null || !isJsonObject(c)) break;
        out[d.address] =
          d.kind === 'api-integration'
            ? { id: String(c.clientId), attributes: integrationAttributes(c), owner: ownerOf(p) }
            : { id: String(p.id), attributes: appAttributes(c), owner: ownerOf(p) };
        break;
      }
    }
  }
  return out;
}

/**
 * Reads every Marketing Cloud resource the state names, and what the emulator holds for declared
 * ones the state lacks.
 */
export async function observeMarketingCloud(
  api: AdminClient,
  state: StateFile,
  desired: DesiredState,
): Promise<Observed> {
  const tenantIdOf = tenantIdResolver(state, desired);
  const unrecorded = Object.values(desired.resources).filter((d) => state.resources[d.address] === undefined);
  const holdings = await readTenants(api, tenantsToRead(state, unrecorded, tenantIdOf));
  const found = findUnrecordedPackages(state, unrecorded, holdings, tenantIdOf);
  const packageOf = (address: JsonValue | undefined): JsonObject | null => {
    if (typeof address !== 'string') return null;
    const r = state.resources[address];
    return r === undefined ? (found.get(address) ?? null) : (holdings.packages.get(r.id) ?? null);
  };
  return {
    ...reportRecorded(state, holdings, packageOf),
    ...reportUnrecorded(unrecorded, holdings, found, tenantIdOf, packageOf),
  };
}
