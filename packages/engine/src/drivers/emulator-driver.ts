/**
 * @module
 * The `emulator` target: full create/read/update/delete through the emulator's admin API
 * (`/_emulator/*`, see emulator/ADMIN-API.md), only over HTTP through an injected `fetch`.
 * `observe()` costs two calls per tenant (the tenant, and its packages with their components).
 *
 * Every create and update of a tenant or package sends the ownership label of `ctx.owner`
 * (`ownership.ts`), and `observe()` reports labels, also for declared resources the state does not
 * hold (a declared tenant by its subdomain, a package by its label or else its name, and their
 * components), so the plan can adopt what a killed apply created and refuse what another state owns.
 * Secrets are re-issued through the rotation routes (`reissue`).
 */
import type { ResourceSpecs } from '@grantform/config';
import type { DesiredState } from '../desired.js';
import type {
  DriverContext,
  DriverResult,
  KindDrivers,
  ObservedResource,
  ObservedState,
  ResourceDriver,
} from '../driver.js';
import { EngineError } from '../errors.js';
import type { JsonObject, JsonValue } from '../json.js';
import { isJsonObject } from '../json.js';
import { ownerLabel } from '../ownership.js';
import type { StateFile } from '../state/state-file.js';
import { ctctEmulatorKinds, observeCtct } from './ctct-emulator.js';
import type { FetchLike } from './http.js';
import { fetchOrUnreachable, jsonOrNull } from './http.js';

export interface EmulatorDriverOptions {
  /** The emulator's origin. @default 'http://127.0.0.1:4010' */
  readonly endpoint?: string;
  /** @default globalThis.fetch */
  readonly fetch?: FetchLike;
  /** Sent as `Authorization: Bearer` when the emulator was started with an admin token. */
  readonly adminToken?: string;
}

export const DEFAULT_EMULATOR_ENDPOINT = 'http://127.0.0.1:4010';

interface AdminResponse {
  readonly status: number;
  readonly body: unknown;
}

/** A minimal admin API client. */
export function createAdminClient(options: EmulatorDriverOptions = {}) {
  const origin = (options.endpoint ?? DEFAULT_EMULATOR_ENDPOINT).replace(/\/+$/, '');
  const fetchFn = options.fetch ?? globalThis.fetch;
  const call = async (
    method: string,
    path: string,
    body?: JsonValue,
    okStatuses: readonly number[] = [],
  ): Promise<AdminResponse> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    // Also on bodiless writes (secret rotation): the admin API may require JSON on every state change.
    if (body !== undefined || method !== 'GET') headers['content-type'] = 'application/json';
    if (options.adminToken !== undefined) headers.authorization = `Bearer ${options.adminToken}`;
    const init: RequestInit = { method, headers };
    if (body !== undefined) init.body = JSON.stringify(body);
    const res = await fetchOrUnreachable(fetchFn, `${origin}${path}`, init);
    const parsed = await jsonOrNull(res);
    if (res.ok || okStatuses.includes(res.status)) return { status: res.status, body: parsed };
    const err = isJsonObject(parsed) && isJsonObject(parsed.error) ? parsed.error : null;
    const code = typeof err?.code === 'string' ? err.code : `HTTP ${res.status}`;
    const message = typeof err?.message === 'string' ? err.message : res.statusText;
    const issues = Array.isArray(err?.issues)
      ? (err.issues as JsonValue[])
          .filter(isJsonObject)
          .map((i) => ({ path: String(i.path ?? ''), message: String(i.message ?? '') }))
      : [];
    throw new EngineError('ERR_TARGET_REJECTED', `emulator refused ${method} ${path}: ${code}: ${message}`, { issues });
  };
  return { origin, call };
}

export type AdminClient = ReturnType<typeof createAdminClient>;

const enc = encodeURIComponent;

function obj(value: unknown, what: string): JsonObject {
  if (!isJsonObject(value)) throw new EngineError('ERR_TARGET_REJECTED', `emulator returned no ${what}`);
  return value;
}

function str(value: JsonValue | undefined, what: string): string {
  if (typeof value !== 'string') throw new EngineError('ERR_TARGET_REJECTED', `emulator returned no ${what}`);
  return value;
}

/** Target attributes of a tenant as the admin API reports it. */
function tenantAttributes(t: JsonObject): JsonObject {
  return {
    subdomain: t.subdomain ?? null,
    name: t.name ?? null,
    stackKey: t.stackKey ?? null,
    enterpriseMid: t.enterpriseMid ?? null,
    businessUnits: t.businessUnits ?? [],
    endpoints: t.endpoints ?? null,
  };
}

function packageAttributes(p: JsonObject): JsonObject {
  return {
    name: p.name ?? null,
    description: p.description ?? null,
    legacy: p.legacy ?? null,
    sourceMid: p.sourceMid ?? null,
  };
}

function integrationAttributes(i: JsonObject): JsonObject {
  return {
    type: i.type ?? null,
    scopes: i.scopes ?? [],
    redirectUris: i.redirectUris ?? [],
    businessUnits: i.businessUnits ?? [],
    pkce: i.pkce ?? null,
    clientId: i.clientId ?? null,
    endpoints: i.endpoints ?? null,
  };
}

function appAttributes(a: JsonObject): JsonObject {
  return {
    loginUrl: a.loginUrl ?? null,
    redirectUrl: a.redirectUrl ?? null,
    logoutUrl: a.logoutUrl ?? null,
    claimsVersion: a.claimsVersion ?? null,
  };
}

function integrationBody(spec: ResourceSpecs['api-integration']): JsonObject {
  return {
    type: spec.type,
    scopes: [...spec.scopes],
    redirectUris: [...spec.redirectUris],
    businessUnits: spec.businessUnits === 'all' ? 'all' : [...spec.businessUnits],
    pkce: spec.pkce,
  };
}

function appBody(spec: ResourceSpecs['marketing-cloud-app']): JsonObject {
  return {
    loginUrl: spec.loginUrl,
    redirectUrl: spec.redirectUrl,
    logoutUrl: spec.logoutUrl,
    claimsVersion: spec.claimsVersion,
  };
}

/**
 * A package of this name is on the target but not in this state: created by `grantform emulator --seed`,
 * or by an apply with another state file. The error says how to go on.
 */
function packageExists(name: string, tenant: string): EngineError {
  return new EngineError(
    'ERR_TARGET_REJECTED',
    `the emulator already has a package named "${name}" in tenant ${tenant} that this state does ` +
      'not track (an emulator started with --seed from this config, or an apply with another state file, created ' +
      'it). Apply to an emulator without it, or adopt it with `grantform import <integration address> --client-id ' +
      `ID --client-secret-env NAME --subdomain ${tenant}\` (a seeded emulator writes the credentials to its ` +
      '--credentials-out file).',
  );
}

/** `{owner}` to send with a create or update, when the caller labels. */
function ownerField(ctx: DriverContext): { owner?: string } {
  return ctx.owner === undefined ? {} : { owner: ctx.owner };
}

function ownerOf(record: JsonObject): string | null {
  return typeof record.owner === 'string' ? record.owner : null;
}

function parentOf(ctx: DriverContext): string {
  if (ctx.parentId === null) throw new EngineError('ERR_APPLY_FAILED', `${ctx.address}: parent is not applied`);
  return ctx.parentId;
}

/**
 * @example
 * const driver = createEmulatorDriver({ endpoint: 'http://127.0.0.1:4010', fetch: (i, init) => app.request(i, init) });
 */
export function createEmulatorDriver(options: EmulatorDriverOptions = {}): ResourceDriver {
  const { call } = createAdminClient(options);
  const get = async (path: string): Promise<JsonObject | null> => {
    const res = await call('GET', path, undefined, [404]);
    return res.status === 404 ? null : obj(res.body, path);
  };

  const resources: KindDrivers = {
    tenant: {
      read: async (id) => {
        const t = await get(`/_emulator/tenants/${enc(id)}`);
        return t === null ? null : { id, attributes: tenantAttributes(t) };
      },
      create: async (spec, ctx) => createTenant(spec, ctx),
      // Both calls of a create are idempotent: an interrupted one is simply made again.
      adopt: async (_id, spec, ctx) => createTenant(spec, ctx),
      update: async (_id, spec, _changes, ctx) => putTenant(spec, ctx),
      delete: async (id) => {
        await call('DELETE', `/_emulator/tenants/${enc(id)}`, undefined, [404]);
      },
      claim: async (id, ctx) => {
        const t = await get(`/_emulator/tenants/${enc(id)}`);
        if (t === null) throw new EngineError('ERR_TARGET_REJECTED', `${ctx.address}: no tenant ${id} on the emulator`);
        const { name, stackKey, enterpriseMid, businessUnits } = t;
        await call('PUT', `/_emulator/tenants/${enc(id)}`, {
          name,
          stackKey,
          enterpriseMid,
          businessUnits,
          ...ownerField(ctx),
        } as JsonObject);
      },
    },
    'installed-package': {
      read: async (id) => {
        const p = await get(`/_emulator/packages/${enc(id)}`);
        return p === null ? null : { id, attributes: packageAttributes(p) };
      },
      create: async (spec, ctx) => {
        const tenant = parentOf(ctx);
        const path = `/_emulator/tenants/${enc(tenant)}/packages`;
        const body = {
          name: spec.name,
          description: spec.description,
          legacy: spec.legacy,
          sourceMid: spec.sourceMid,
          ...ownerField(ctx),
        };
        const res = await call('POST', path, body, [409]);
        if (res.status === 409) throw packageExists(spec.name, tenant);
        const p = obj(res.body, 'package');
        const secret = p.jwtSigningSecret;
        return {
          id: str(p.id, 'package id'),
          attributes: packageAttributes(p),
          secrets: typeof secret === 'string' ? [{ name: 'jwtSigningSecret', value: secret }] : [],
        };
      },
      update: async (id, spec, _changes, ctx) => {
        const res = await call('PATCH', `/_emulator/packages/${enc(id)}`, {
          name: spec.name,
          description: spec.description,
          ...ownerField(ctx),
        });
        return { id, attributes: packageAttributes(obj(res.body, 'package')), secrets: [] };
      },
      delete: async (id) => {
        await call('DELETE', `/_emulator/packages/${enc(id)}`, undefined, [404]);
      },
      reissue: async (id) => {
        const res = await call('POST', `/_emulator/packages/${enc(id)}/jwt-signing-secret`);
        return { name: 'jwtSigningSecret', value: str(obj(res.body, 'secret').jwtSigningSecret, 'JWT signing secret') };
      },
      claim: async (id, ctx) => {
        await call('PATCH', `/_emulator/packages/${enc(id)}`, ownerField(ctx));
      },
    },
    'api-integration': {
      read: async (id, ctx) => {
        const i = await get(`/_emulator/packages/${enc(parentOf(ctx))}/integration`);
        return i === null || i.clientId !== id ? null : { id, attributes: integrationAttributes(i) };
      },
      create: async (spec, ctx) => {
        const res = await call('PUT', `/_emulator/packages/${enc(parentOf(ctx))}/integration`, integrationBody(spec));
        const i = obj(res.body, 'integration');
        const secret = i.secret;
        return {
          id: str(i.clientId, 'client id'),
          attributes: integrationAttributes(i),
          secrets: typeof secret === 'string' ? [{ name: 'clientSecret', value: secret }] : [],
        };
      },
      update: async (id, spec, changes, ctx) => {
        const pkg = parentOf(ctx);
        const targetChanged = changes.some((c) => c.name !== 'clientSecret' && c.name !== 'package');
        let attributes: JsonObject | null = null;
        if (targetChanged) {
          const res = await call('PUT', `/_emulator/packages/${enc(pkg)}/integration`, integrationBody(spec));
          attributes = integrationAttributes(obj(res.body, 'integration'));
        }
        const secrets: DriverResult['secrets'][number][] = [];
        if (changes.some((c) => c.name === 'clientSecret') && spec.clientSecret !== null) {
          // The secret now lives under another name: rotate so the new name holds a value.
          const res = await call('POST', `/_emulator/packages/${enc(pkg)}/integration/secret`);
          secrets.push({ name: 'clientSecret', value: str(obj(res.body, 'secret').secret, 'secret') });
        }
        if (attributes === null) {
          const i = await get(`/_emulator/packages/${enc(pkg)}/integration`);
          attributes = i === null ? {} : integrationAttributes(i);
        }
        return { id, attributes, secrets };
      },
      delete: async (_id, ctx) => {
        await call('DELETE', `/_emulator/packages/${enc(parentOf(ctx))}/integration`);
      },
      reissue: async (_id, _name, ctx) => {
        const res = await call('POST', `/_emulator/packages/${enc(parentOf(ctx))}/integration/secret`);
        return { name: 'clientSecret', value: str(obj(res.body, 'secret').secret, 'secret') };
      },
    },
    'marketing-cloud-app': {
      read: async (id, ctx) => {
        const a = await get(`/_emulator/packages/${enc(parentOf(ctx))}/app`);
        return a === null ? null : { id, attributes: appAttributes(a) };
      },
      create: async (spec, ctx) => {
        const pkg = parentOf(ctx);
        const res = await call('PUT', `/_emulator/packages/${enc(pkg)}/app`, appBody(spec));
        return { id: pkg, attributes: appAttributes(obj(res.body, 'app')), secrets: [] };
      },
      update: async (id, spec, changes, ctx) => {
        const pkg = parentOf(ctx);
        if (!changes.some((c) => c.name !== 'jwtSigningSecret' && c.name !== 'package')) {
          return { id, attributes: {}, secrets: [] };
        }
        const res = await call('PUT', `/_emulator/packages/${enc(pkg)}/app`, appBody(spec));
        return { id, attributes: appAttributes(obj(res.body, 'app')), secrets: [] };
      },
      delete: async (_id, ctx) => {
        await call('DELETE', `/_emulator/packages/${enc(parentOf(ctx))}/app`);
      },
    },
    ...ctctEmulatorKinds(call, get),
  };

  async function createTenant(spec: ResourceSpecs['tenant'], ctx: DriverContext): Promise<DriverResult> {
    const result = await putTenant(spec, ctx);
    // The documented test user (as seeding creates), so headless authorize works for verify.
    await call(
      'POST',
      `/_emulator/tenants/${enc(spec.subdomain)}/users`,
      {
        username: `admin@${spec.name}`,
        password: 'grantform',
        name: 'Admin',
        defaultMid: spec.enterpriseMid,
        businessUnits: 'all',
      },
      [409],
    );
    return result;
  }

  async function putTenant(spec: ResourceSpecs['tenant'], ctx: DriverContext): Promise<DriverResult> {
    const res = await call('PUT', `/_emulator/tenants/${enc(spec.subdomain)}`, {
      name: spec.name,
      stackKey: spec.stackKey,
      enterpriseMid: spec.enterpriseMid,
      businessUnits: spec.businessUnits.map((b) => ({ mid: b.mid, name: b.name, parentMid: b.parentMid })),
      ...ownerField(ctx),
    });
    return { id: spec.subdomain, attributes: tenantAttributes(obj(res.body, 'tenant')), secrets: [] };
  }

  async function observe(state: StateFile, desired: DesiredState): Promise<ObservedState> {
    // Fails fast (ERR_TARGET_UNREACHABLE) even when the state names nothing yet.
    await call('GET', '/_emulator/health');
    const out: Record<string, ObservedResource | null> = {};
    const tenantIdOf = (address: string | undefined): string | null => {
      if (address === undefined) return null;
      const r = state.resources[address];
      if (r !== undefined) return r.kind === 'tenant' ? r.id : null;
      const d = desired.resources[address];
      return d?.kind === 'tenant' && typeof d.attributes.subdomain === 'string' ? d.attributes.subdomain : null;
    };
    const unrecorded = Object.values(desired.resources).filter((d) => state.resources[d.address] === undefined);
    // Which tenants to read: those in state, those named by packages in state, and declared ones
    // (with their packages) the state lacks.
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
    const tenants = new Map<string, JsonObject | null>();
    const packages = new Map<string, JsonObject>();
    const packagesOfTenant = new Map<string, JsonObject[]>();
    await Promise.all(
      [...tenantIds].map(async (id) => {
        const t = await get(`/_emulator/tenants/${enc(id)}`);
        tenants.set(id, t);
        if (t === null) return;
        const list = await get(`/_emulator/tenants/${enc(id)}/packages`);
        const items = (Array.isArray(list?.items) ? (list.items as JsonValue[]) : []).filter(isJsonObject);
        packagesOfTenant.set(id, items);
        for (const p of items) if (typeof p.id === 'string') packages.set(p.id, p);
      }),
    );
    // Declared packages the state lacks: by this state's label, else by name (another owner's, or none).
    const found = new Map<string, JsonObject>();
    const byOwner = new Map<JsonValue | undefined, JsonObject>();
    const byName = new Map<string, JsonObject>();
    for (const [tenantId, items] of packagesOfTenant) {
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
    const packageOf = (address: JsonValue | undefined): JsonObject | null => {
      if (typeof address !== 'string') return null;
      const r = state.resources[address];
      return r === undefined ? (found.get(address) ?? null) : (packages.get(r.id) ?? null);
    };
    for (const [address, r] of Object.entries(state.resources)) {
      switch (r.kind) {
        case 'tenant': {
          const t = tenants.get(r.id);
          out[address] =
            t === null || t === undefined ? null : { id: r.id, attributes: tenantAttributes(t), owner: ownerOf(t) };
          break;
        }
        case 'installed-package': {
          const p = packages.get(r.id);
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
    for (const d of unrecorded) {
      switch (d.kind) {
        case 'tenant': {
          const id = tenantIdOf(d.address);
          const t = id === null ? null : tenants.get(id);
          if (id !== null && t !== null && t !== undefined)
            out[d.address] = { id, attributes: tenantAttributes(t), owner: ownerOf(t) };
          break;
        }
        case 'installed-package': {
          const p = found.get(d.address);
          if (p !== undefined)
            out[d.address] = { id: String(p.id), attributes: packageAttributes(p), owner: ownerOf(p) };
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
    Object.assign(out, await observeCtct(state, get, unrecorded));
    return out;
  }

  return { name: 'emulator', readOnly: false, resources, observe };
}
