/**
 * @module
 * A fake target held in memory, with the vendor's rules (package names unique per tenant,
 * components not removable, a tenant with packages not deletable). Every function can be
 * overridden, and `failOn` injects a fault, e.g. on the Nth call (pulumi `deploytest` provider).
 */
import type { ResourceKind, ResourceSpecs } from '@grantform/config';
import { isCtctKind } from '../ctct-resources.js';
import type {
  DriverContext,
  IssuedSecret,
  KindDriver,
  KindDrivers,
  ObservedResource,
  ObservedState,
  ResourceDriver,
} from '../driver.js';
import { EngineError } from '../errors.js';
import type { JsonObject } from '../json.js';
import { ownerLabel } from '../ownership.js';
import { isComponentKind } from '../resources.js';
import { ctctMemoryKinds } from './ctct-memory.js';

export type DriverOp = 'read' | 'create' | 'update' | 'delete';

export interface MemoryCall {
  readonly n: number;
  readonly kind: ResourceKind;
  readonly op: DriverOp;
  readonly address: string;
}

interface PackageRecord {
  id: string;
  tenant: string;
  attributes: JsonObject;
  integration: { clientId: string; attributes: JsonObject } | null;
  app: JsonObject | null;
}

export interface MemoryWorld {
  readonly tenants: Map<string, JsonObject>;
  readonly packages: Map<string, PackageRecord>;
  /** Constant Contact resources by target id (`drivers/ctct-memory.ts`). @default a map of this driver */
  readonly ctct?: Map<string, JsonObject>;
  /**
   * Ownership labels by target id, kept like the emulator keeps them (`ownership.ts`). With this map
   * the driver labels what it creates and `observe()` reports labels and unrecorded resources.
   * @default none: the driver keeps no labels
   */
  readonly owners?: Map<string, string | null>;
}

export interface MemoryDriverOptions {
  /** Return an error to make that call fail (before it changes anything). */
  readonly failOn?: (call: MemoryCall) => Error | undefined;
  /**
   * Return an error to make that call fail after it changed the world (a response lost on the way
   * back: the create happened, the caller never heard of it).
   */
  readonly failAfter?: (call: MemoryCall) => Error | undefined;
  /** Replace any kind's functions. */
  readonly overrides?: { readonly [K in ResourceKind]?: Partial<KindDriver<K>> };
  readonly world?: MemoryWorld;
}

export interface MemoryDriver extends ResourceDriver {
  readonly world: MemoryWorld;
  readonly calls: MemoryCall[];
}

const endpoints = (sub: string): JsonObject => ({
  auth: `https://${sub}.auth.marketingcloudapis.com/`,
  rest: `https://${sub}.rest.marketingcloudapis.com/`,
  soap: `https://${sub}.soap.marketingcloudapis.com/`,
});

function rejected(message: string): EngineError {
  return new EngineError('ERR_TARGET_REJECTED', message);
}

/**
 * @example
 * const driver = createMemoryDriver({ failOn: (c) => (c.n === 3 ? new Error('boom') : undefined) });
 */
export function createMemoryDriver(options: MemoryDriverOptions = {}): MemoryDriver {
  const world: MemoryWorld = options.world ?? { tenants: new Map(), packages: new Map() };
  const calls: MemoryCall[] = [];
  let seq = 0;
  const ctctStore = world.ctct ?? new Map<string, JsonObject>();
  const record = (kind: ResourceKind, op: DriverOp, ctx: DriverContext) => {
    const call = { n: calls.length + 1, kind, op, address: ctx.address };
    calls.push(call);
    const err = options.failOn?.(call);
    if (err !== undefined) throw err;
  };
  const pkgOf = (ctx: DriverContext): PackageRecord => {
    const p = ctx.parentId === null ? undefined : world.packages.get(ctx.parentId);
    if (p === undefined) throw rejected(`no installed package with id ${ctx.parentId}`);
    return p;
  };
  const integrationAttrs = (spec: ResourceSpecs['api-integration'], clientId: string, tenant: string): JsonObject => ({
    type: spec.type,
    scopes: [...spec.scopes],
    redirectUris: [...spec.redirectUris],
    businessUnits: spec.businessUnits === 'all' ? 'all' : [...spec.businessUnits],
    pkce: spec.pkce,
    clientId,
    endpoints: endpoints(tenant),
  });

  const base: KindDrivers = {
    tenant: {
      read: async (id, ctx) => {
        record('tenant', 'read', ctx);
        const t = world.tenants.get(id);
        return t === undefined ? null : { id, attributes: t };
      },
      create: async (spec, ctx) => {
        record('tenant', 'create', ctx);
        const attributes: JsonObject = {
          subdomain: spec.subdomain,
          name: spec.name,
          stackKey: spec.stackKey,
          enterpriseMid: spec.enterpriseMid,
          businessUnits: spec.businessUnits.map((b) => ({ ...b })),
          endpoints: endpoints(spec.subdomain),
        };
        world.tenants.set(spec.subdomain, attributes);
        return { id: spec.subdomain, attributes, secrets: [] };
      },
      update: async (id, spec, _changes, ctx) => {
        record('tenant', 'update', ctx);
        if (!world.tenants.has(id)) throw rejected(`no tenant ${id}`);
        const attributes: JsonObject = {
          subdomain: id,
          name: spec.name,
          stackKey: spec.stackKey,
          enterpriseMid: spec.enterpriseMid,
          businessUnits: spec.businessUnits.map((b) => ({ ...b })),
          endpoints: endpoints(id),
        };
        world.tenants.set(id, attributes);
        return { id, attributes, secrets: [] };
      },
      delete: async (id, ctx) => {
        record('tenant', 'delete', ctx);
        if ([...world.packages.values()].some((p) => p.tenant === id))
          throw rejected(`tenant ${id} still has packages`);
        world.tenants.delete(id);
      },
    },
    'installed-package': {
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
        seq += 1;
        const id = `pkg-${seq}`;
        const attributes: JsonObject = {
          name: spec.name,
          description: spec.description,
          legacy: spec.legacy,
          sourceMid: spec.sourceMid,
        };
        world.packages.set(id, { id, tenant, attributes, integration: null, app: null });
        return { id, attributes, secrets: [{ name: 'jwtSigningSecret', value: `jwt-secret-${seq}` }] };
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
    },
    'api-integration': {
      read: async (id, ctx) => {
        record('api-integration', 'read', ctx);
        const p = ctx.parentId === null ? undefined : world.packages.get(ctx.parentId);
        const i = p?.integration;
        return i === null || i === undefined || i.clientId !== id ? null : { id, attributes: i.attributes };
      },
      create: async (spec, ctx) => {
        record('api-integration', 'create', ctx);
        const p = pkgOf(ctx);
        if (p.integration !== null) throw rejected(`package ${p.id} already has an integration`);
        seq += 1;
        const clientId = `client-${seq}`;
        const attributes = integrationAttrs(spec, clientId, p.tenant);
        p.integration = { clientId, attributes };
        const secrets = spec.type === 'public-app' ? [] : [{ name: 'clientSecret' as const, value: `secret-${seq}` }];
        return { id: clientId, attributes, secrets };
      },
      update: async (id, spec, changes, ctx) => {
        record('api-integration', 'update', ctx);
        const p = pkgOf(ctx);
        if (p.integration === null || p.integration.clientId !== id) throw rejected(`no integration ${id}`);
        const attributes = integrationAttrs(spec, id, p.tenant);
        p.integration = { clientId: id, attributes };
        seq += 1;
        const rotate = changes.some((c) => c.name === 'clientSecret') && spec.clientSecret !== null;
        return { id, attributes, secrets: rotate ? [{ name: 'clientSecret', value: `secret-${seq}` }] : [] };
      },
      delete: async (_id, ctx) => {
        record('api-integration', 'delete', ctx);
        throw rejected('the vendor cannot remove an API integration; delete the package');
      },
    },
    'marketing-cloud-app': {
      read: async (id, ctx) => {
        record('marketing-cloud-app', 'read', ctx);
        const p = world.packages.get(id);
        return p?.app === null || p?.app === undefined ? null : { id, attributes: p.app };
      },
      create: async (spec, ctx) => {
        record('marketing-cloud-app', 'create', ctx);
        const p = pkgOf(ctx);
        p.app = {
          loginUrl: spec.loginUrl,
          redirectUrl: spec.redirectUrl,
          logoutUrl: spec.logoutUrl,
          claimsVersion: spec.claimsVersion,
        };
        return { id: p.id, attributes: p.app, secrets: [] };
      },
      update: async (id, spec, _changes, ctx) => {
        record('marketing-cloud-app', 'update', ctx);
        const p = pkgOf(ctx);
        p.app = {
          loginUrl: spec.loginUrl,
          redirectUrl: spec.redirectUrl,
          logoutUrl: spec.logoutUrl,
          claimsVersion: spec.claimsVersion,
        };
        return { id, attributes: p.app, secrets: [] };
      },
      delete: async (_id, ctx) => {
        record('marketing-cloud-app', 'delete', ctx);
        throw rejected('the vendor cannot remove a Marketing Cloud App; delete the package');
      },
    },
    ...ctctMemoryKinds(ctctStore, record, () => ++seq),
  };

  // Labels (when the world keeps them) and lost responses, around every kind's create/update.
  const owners = world.owners;
  // `record` runs synchronously when a call starts, so the last call right after starting one is it.
  const after = <T>(start: () => Promise<T>, label: (value: T) => void): Promise<T> => {
    const work = start();
    const call = calls[calls.length - 1];
    return work.then((value) => {
      label(value);
      const err = call === undefined ? undefined : options.failAfter?.(call);
      if (err !== undefined) throw err;
      return value;
    });
  };
  for (const kind of Object.keys(base) as ResourceKind[]) {
    const kd = base[kind] as KindDriver<ResourceKind>;
    const create = kd.create.bind(kd);
    const update = kd.update.bind(kd);
    const labels = !isComponentKind(kind);
    kd.create = (spec, ctx) =>
      after(
        () => create(spec, ctx),
        (r) => {
          if (owners !== undefined && labels) owners.set(r.id, ctx.owner ?? null);
        },
      );
    kd.update = (id, spec, changes, ctx) =>
      after(
        () => update(id, spec, changes, ctx),
        () => {
          if (owners !== undefined && labels && ctx.owner !== undefined) owners.set(id, ctx.owner);
        },
      );
    if (owners !== undefined && labels) {
      kd.claim = async (id, ctx) => {
        owners.set(id, ctx.owner ?? null);
      };
    }
  }
  const reissueWith = (value: () => string) => async (_id: string, name: IssuedSecret['name']) => ({
    name,
    value: value(),
  });
  base['api-integration'].reissue = reissueWith(() => `secret-${++seq}`);
  base['installed-package'].reissue = reissueWith(() => `jwt-secret-${++seq}`);
  base['ctct-application'].reissue = reissueWith(() => `secret-${++seq}`);
  base['ctct-partner'].reissue = reissueWith(() => `partner-secret-${++seq}`);

  const resources = {
    tenant: { ...base.tenant, ...options.overrides?.tenant },
    'installed-package': { ...base['installed-package'], ...options.overrides?.['installed-package'] },
    'api-integration': { ...base['api-integration'], ...options.overrides?.['api-integration'] },
    'marketing-cloud-app': { ...base['marketing-cloud-app'], ...options.overrides?.['marketing-cloud-app'] },
    'ctct-application': { ...base['ctct-application'], ...options.overrides?.['ctct-application'] },
    'ctct-partner': { ...base['ctct-partner'], ...options.overrides?.['ctct-partner'] },
    'ctct-client-account': { ...base['ctct-client-account'], ...options.overrides?.['ctct-client-account'] },
  } satisfies KindDrivers;

  return {
    name: 'memory',
    readOnly: false,
    world,
    calls,
    resources,
    observe: async (state, desired) => {
      const out: Record<string, ObservedResource | null> = {};
      const labelOf = (id: string) => (owners === undefined ? {} : { owner: owners.get(id) ?? null });
      for (const [address, r] of Object.entries(state.resources)) {
        let found: ObservedResource | null = null;
        if (r.kind === 'tenant') {
          const t = world.tenants.get(r.id);
          found = t === undefined ? null : { id: r.id, attributes: t, ...labelOf(r.id) };
        } else if (r.kind === 'installed-package') {
          const p = world.packages.get(r.id);
          found = p === undefined ? null : { id: r.id, attributes: p.attributes, ...labelOf(r.id) };
        } else if (isCtctKind(r.kind)) {
          const a = ctctStore.get(r.id);
          found = a === undefined ? null : { id: r.id, attributes: a, ...labelOf(r.id) };
        } else {
          const parent = typeof r.attributes.package === 'string' ? state.resources[r.attributes.package] : undefined;
          const p = parent === undefined ? undefined : world.packages.get(parent.id);
          if (r.kind === 'api-integration') {
            const i = p?.integration;
            found =
              i === null || i === undefined || i.clientId !== r.id ? null : { id: r.id, attributes: i.attributes };
          } else {
            found = p?.app === null || p?.app === undefined ? null : { id: r.id, attributes: p.app };
          }
        }
        out[address] = found;
      }
      if (owners === undefined) return out satisfies ObservedState;
      // Declared resources the state lacks: by this state's label (or a tenant's subdomain, a
      // package's name), and the components of packages found so.
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
          const p =
            all.find((x) => owners.get(x.id) === label) ?? all.find((x) => x.attributes.name === d.attributes.name);
          if (p !== undefined) {
            foundPackages.set(d.address, p);
            out[d.address] = { id: p.id, attributes: p.attributes, ...labelOf(p.id) };
          }
        } else if (isCtctKind(d.kind)) {
          const id = [...ctctStore.keys()].find((k) => owners.get(k) === label);
          const a = id === undefined ? undefined : ctctStore.get(id);
          if (id !== undefined && a !== undefined) out[d.address] = { id, attributes: a, ...labelOf(id) };
        }
      }
      for (const d of unrecorded) {
        if (!isComponentKind(d.kind) || typeof d.attributes.package !== 'string') continue;
        const inState = state.resources[d.attributes.package];
        const p = inState === undefined ? foundPackages.get(d.attributes.package) : world.packages.get(inState.id);
        if (p === undefined) continue;
        if (d.kind === 'api-integration' && p.integration !== null)
          out[d.address] = { id: p.integration.clientId, attributes: p.integration.attributes, ...labelOf(p.id) };
        if (d.kind === 'marketing-cloud-app' && p.app !== null)
          out[d.address] = { id: p.id, attributes: p.app, ...labelOf(p.id) };
      }
      return out satisfies ObservedState;
    },
  };
}
