/**
 * @module
 * Marketing Cloud in the memory driver (`drivers/memory-driver.ts`): tenants and packages held in
 * maps, with the vendor's rules (package names unique per tenant, components not removable, a
 * tenant with packages not deletable).
 */
import type { ApiIntegrationSpec, InstalledPackageSpec, MarketingCloudAppSpec, TenantSpec } from '@grantform/config';
import { marketingCloudBase } from '@grantform/config/hosts';
import type { DesiredState } from '../../desired-state.js';
import type { DriverContext, KindDriver, ObservedResource } from '../../driver.js';
import type { MemoryContext } from '../../drivers/memory-kit.js';
import { rejected } from '../../drivers/memory-kit.js';
import type { JsonObject } from '../../json.js';
import { ownerLabel } from '../../ownership.js';
import type { DriverPart, MemoryBinding } from '../../registry/vendor.js';
import type { StateFile } from '../../state/records.js';
import { appSettings, integrationSettings } from './settings.js';

export interface PackageRecord {
  id: string;
  tenant: string;
  attributes: JsonObject;
  integration: { clientId: string; attributes: JsonObject } | null;
  app: JsonObject | null;
}

/** Marketing Cloud's share of the memory world. */
export interface MarketingCloudMemoryWorld {
  readonly tenants: Map<string, JsonObject>;
  readonly packages: Map<string, PackageRecord>;
}

type Context = MemoryContext<MarketingCloudMemoryWorld>;

const endpoints = (sub: string): JsonObject => ({
  auth: marketingCloudBase(sub, 'auth'),
  rest: marketingCloudBase(sub, 'rest'),
  soap: marketingCloudBase(sub, 'soap'),
});

function tenantAttributes(spec: TenantSpec, subdomain: string): JsonObject {
  return {
    subdomain,
    name: spec.name,
    stackKey: spec.stackKey,
    enterpriseMid: spec.enterpriseMid,
    businessUnits: spec.businessUnits.map((b) => ({ ...b })),
    endpoints: endpoints(subdomain),
  };
}

function integrationAttributes(spec: ApiIntegrationSpec, clientId: string, tenant: string): JsonObject {
  return { ...integrationSettings(spec), clientId, endpoints: endpoints(tenant) };
}

function packageOfContext({ world }: Context, ctx: DriverContext): PackageRecord {
  const p = ctx.parentId === null ? undefined : world.packages.get(ctx.parentId);
  if (p === undefined) throw rejected(`no installed package with id ${ctx.parentId}`);
  return p;
}

function tenantDriver(c: Context): KindDriver<TenantSpec> {
  const { world, record } = c;
  return {
    read: async (id, ctx) => {
      record('tenant', 'read', ctx);
      const t = world.tenants.get(id);
      return t === undefined ? null : { id, attributes: t };
    },
    create: async (spec, ctx) => {
      record('tenant', 'create', ctx);
      const attributes = tenantAttributes(spec, spec.subdomain);
      world.tenants.set(spec.subdomain, attributes);
      return { id: spec.subdomain, attributes, secrets: [] };
    },
    update: async (id, spec, _changes, ctx) => {
      record('tenant', 'update', ctx);
      if (!world.tenants.has(id)) throw rejected(`no tenant ${id}`);
      const attributes = tenantAttributes(spec, id);
      world.tenants.set(id, attributes);
      return { id, attributes, secrets: [] };
    },
    delete: async (id, ctx) => {
      record('tenant', 'delete', ctx);
      if ([...world.packages.values()].some((p) => p.tenant === id)) throw rejected(`tenant ${id} still has packages`);
      world.tenants.delete(id);
    },
  };
}

function packageDriver(c: Context): KindDriver<InstalledPackageSpec> {
  const { world, record, next } = c;
  return {
    read: async (id, ctx) => {
      record('installed-package', 'read', ctx);
      const p = world.packages.get(id);
      return p === undefined ? null : { id, attributes: p.attributes };
    },
    create: async (spec, ctx) => {
      record('installed-package', 'create', ctx);
      const tenant = ctx.parentId ?? '';
      if (!world.tenants.has(tenant)) throw rejected(`no tenant ${tenant}`);
      if ([...world.packages.values()].some((p) => p.tenant === tenant && p.attributes.name === spec.name)) {
        throw rejected(`a package named ${spec.name} exists`);
      }
      const n = next();
      const id = `pkg-${n}`;
      const attributes: JsonObject = {
        name: spec.name,
        description: spec.description,
        legacy: spec.legacy,
        sourceMid: spec.sourceMid,
      };
      world.packages.set(id, { id, tenant, attributes, integration: null, app: null });
      return { id, attributes, secrets: [{ name: 'jwtSigningSecret', value: `jwt-secret-${n}` }] };
    },
    update: async (id, spec, _changes, ctx) => {
      record('installed-package', 'update', ctx);
      const p = world.packages.get(id);
      if (p === undefined) throw rejected(`no package ${id}`);
      p.attributes = { ...p.attributes, name: spec.name, description: spec.description };
      return { id, attributes: p.attributes, secrets: [] };
    },
    delete: async (id, ctx) => {
      record('installed-package', 'delete', ctx);
      if (!world.packages.delete(id)) throw rejected(`no package ${id}`);
    },
    reissue: async (_id, name) => ({ name, value: `jwt-secret-${next()}` }),
  };
}

function integrationDriver(c: Context): KindDriver<ApiIntegrationSpec> {
  const { world, record, next } = c;
  return {
    read: async (id, ctx) => {
      record('api-integration', 'read', ctx);
      const p = ctx.parentId === null ? undefined : world.packages.get(ctx.parentId);
      const i = p?.integration;
      return i === null || i === undefined || i.clientId !== id ? null : { id, attributes: i.attributes };
    },
    create: async (spec, ctx) => {
      record('api-integration', 'create', ctx);
      const p = packageOfContext(c, ctx);
      if (p.integration !== null) throw rejected(`package ${p.id} already has an integration`);
      const n = next();
      const clientId = `client-${n}`;
      const attributes = integrationAttributes(spec, clientId, p.tenant);
      p.integration = { clientId, attributes };
      const secrets = spec.type === 'public-app' ? [] : [{ name: 'clientSecret', value: `secret-${n}` }];
      return { id: clientId, attributes, secrets };
    },
    update: async (id, spec, changes, ctx) => {
      record('api-integration', 'update', ctx);
      const p = packageOfContext(c, ctx);
      if (p.integration === null || p.integration.clientId !== id) throw rejected(`no integration ${id}`);
      const attributes = integrationAttributes(spec, id, p.tenant);
      p.integration = { clientId: id, attributes };
      const n = next();
      const rotate = changes.some((x) => x.name === 'clientSecret') && spec.clientSecret !== null;
      return { id, attributes, secrets: rotate ? [{ name: 'clientSecret', value: `secret-${n}` }] : [] };
    },
    delete: async (_id, ctx) => {
      record('api-integration', 'delete', ctx);
      throw rejected('the vendor cannot remove an API integration; delete the package');
    },
    reissue: async (_id, name) => ({ name, value: `secret-${next()}` }),
  };
}

function appDriver(c: Context): KindDriver<MarketingCloudAppSpec> {
  const { world, record } = c;
  return {
    read: async (id, ctx) => {
      record('marketing-cloud-app', 'read', ctx);
      const p = world.packages.get(id);
      return p?.app === null || p?.app === undefined ? null : { id, attributes: p.app };
    },
    create: async (spec, ctx) => {
      record('marketing-cloud-app', 'create', ctx);
      const p = packageOfContext(c, ctx);
      p.app = appSettings(spec);
      return { id: p.id, attributes: p.app, secrets: [] };
    },
    update: async (id, spec, _changes, ctx) => {
      record('marketing-cloud-app', 'update', ctx);
      const p = packageOfContext(c, ctx);
      p.app = appSettings(spec);
      return { id, attributes: p.app, secrets: [] };
    },
    delete: async (_id, ctx) => {
      record('marketing-cloud-app', 'delete', ctx);
      throw rejected('the vendor cannot remove a Marketing Cloud App; delete the package');
    },
  };
}

/** The state's Marketing Cloud resources as the world holds them (`null`: gone). */
function observeRecorded({ world, labelOf }: Context, state: StateFile): Record<string, ObservedResource | null> {
  const out: Record<string, ObservedResource | null> = {};
  for (const [address, r] of Object.entries(state.resources)) {
    if (r.kind === 'tenant') {
      const t = world.tenants.get(r.id);
      out[address] = t === undefined ? null : { id: r.id, attributes: t, ...labelOf(r.id) };
    } else if (r.kind === 'installed-package') {
      const p = world.packages.get(r.id);
      out[address] = p === undefined ? null : { id: r.id, attributes: p.attributes, ...labelOf(r.id) };
    } else if (r.kind === 'api-integration' || r.kind === 'marketing-cloud-app') {
      const parent = typeof r.attributes.package === 'string' ? state.resources[r.attributes.package] : undefined;
      const p = parent === undefined ? undefined : world.packages.get(parent.id);
      if (r.kind === 'api-integration') {
        const i = p?.integration;
        out[address] =
          i === null || i === undefined || i.clientId !== r.id ? null : { id: r.id, attributes: i.attributes };
      } else {
        out[address] = p?.app === null || p?.app === undefined ? null : { id: r.id, attributes: p.app };
      }
    }
  }
  return out;
}

/**
 * Declared Marketing Cloud resources the state lacks: by this state's label (or a tenant's
 * subdomain, a package's name), and the components of packages found so.
 */
function observeUnrecorded(
  { world, labelOf }: Context,
  owners: Map<string, string | null>,
  state: StateFile,
  desired: DesiredState,
): Record<string, ObservedResource | null> {
  const out: Record<string, ObservedResource | null> = {};
  const foundPackages = new Map<string, PackageRecord>();
  const unrecorded = Object.values(desired.resources).filter((d) => state.resources[d.address] === undefined);
  for (const d of unrecorded) {
    const label = ownerLabel(state.lineage, d.address);
    if (d.kind === 'tenant') {
      const id = String(d.attributes.subdomain);
      const t = world.tenants.get(id);
      if (t !== undefined) out[d.address] = { id, attributes: t, ...labelOf(id) };
    } else if (d.kind === 'installed-package') {
      const all = [...world.packages.values()];
      const p = all.find((x) => owners.get(x.id) === label) ?? all.find((x) => x.attributes.name === d.attributes.name);
      if (p !== undefined) {
        foundPackages.set(d.address, p);
        out[d.address] = { id: p.id, attributes: p.attributes, ...labelOf(p.id) };
      }
    }
  }
  for (const d of unrecorded) {
    if ((d.kind !== 'api-integration' && d.kind !== 'marketing-cloud-app') || typeof d.attributes.package !== 'string')
      continue;
    const inState = state.resources[d.attributes.package];
    const p = inState === undefined ? foundPackages.get(d.attributes.package) : world.packages.get(inState.id);
    if (p === undefined) continue;
    if (d.kind === 'api-integration' && p.integration !== null)
      out[d.address] = { id: p.integration.clientId, attributes: p.integration.attributes, ...labelOf(p.id) };
    if (d.kind === 'marketing-cloud-app' && p.app !== null)
      out[d.address] = { id: p.id, attributes: p.app, ...labelOf(p.id) };
  }
  return out;
}

export const marketingCloudMemory: MemoryBinding<MarketingCloudMemoryWorld> = {
  emptyWorld: () => ({ tenants: new Map(), packages: new Map() }),
  create: (c): DriverPart => ({
    kinds: {
      tenant: tenantDriver(c),
      'installed-package': packageDriver(c),
      'api-integration': integrationDriver(c),
      'marketing-cloud-app': appDriver(c),
    },
    observe: async (state, desired) => {
      const owners = c.world.owners;
      const recorded = observeRecorded(c, state);
      return owners === undefined ? recorded : { ...recorded, ...observeUnrecorded(c, owners, state, desired) };
    },
  }),
};
