/**
 * @module
 * Marketing Cloud on the `emulator` target: tenants, packages and their components through the admin
 * API (`/_emulator/tenants`, `/_emulator/packages`, see emulator/ADMIN-API.md). Every create and
 * update of a tenant or package sends the ownership label of `ctx.owner` (`ownership.ts`); secrets
 * are re-issued through the rotation routes. Observing costs two calls per tenant (the tenant, and
 * its packages with their components; `emulator-observe.ts`).
 */
import type { ApiIntegrationSpec, InstalledPackageSpec, MarketingCloudAppSpec, TenantSpec } from '@grantform/config';
import type { DriverContext, DriverResult, KindDriver, StagedRotation, TargetSecretState } from '../../driver.js';
import type { AdminClient } from '../../drivers/admin-client.js';
import {
  adminObject,
  adminSecretState,
  adminString,
  ownerField,
  parentIdOf,
  secretStatusAttribute,
} from '../../drivers/admin-client.js';
import { probeFetch } from '../../drivers/http.js';
import { EngineError } from '../../errors.js';
import type { JsonObject } from '../../json.js';
import { isJsonObject } from '../../json.js';
import type { DriverPart } from '../../registry/vendor.js';
import { secretDatesIn } from '../../secret-status.js';
import { appAttributes, integrationAttributes, packageAttributes, tenantAttributes } from './admin-records.js';
import { observeMarketingCloud } from './emulator-observe.js';
import { clientCredentialsToken } from './oauth-client.js';
import { appSettings, integrationSettings } from './settings.js';

const enc = encodeURIComponent;

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

function tenantDriver({ call, get }: AdminClient): KindDriver<TenantSpec> {
  const putTenant = async (spec: TenantSpec, ctx: DriverContext): Promise<DriverResult> => {
    const res = await call('PUT', `/_emulator/tenants/${enc(spec.subdomain)}`, {
      name: spec.name,
      stackKey: spec.stackKey,
      enterpriseMid: spec.enterpriseMid,
      businessUnits: spec.businessUnits.map((b) => ({ mid: b.mid, name: b.name, parentMid: b.parentMid })),
      ...ownerField(ctx),
    });
    return { id: spec.subdomain, attributes: tenantAttributes(adminObject(res.body, 'tenant')), secrets: [] };
  };
  const createTenant = async (spec: TenantSpec, ctx: DriverContext): Promise<DriverResult> => {
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
  };
  return {
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
  };
}

function packageDriver({ call, get }: AdminClient): KindDriver<InstalledPackageSpec> {
  return {
    read: async (id) => {
      const p = await get(`/_emulator/packages/${enc(id)}`);
      return p === null ? null : { id, attributes: packageAttributes(p) };
    },
    create: async (spec, ctx) => {
      const tenant = parentIdOf(ctx);
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
      const p = adminObject(res.body, 'package');
      const secret = p.jwtSigningSecret;
      return {
        id: adminString(p.id, 'package id'),
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
      return { id, attributes: packageAttributes(adminObject(res.body, 'package')), secrets: [] };
    },
    delete: async (id) => {
      await call('DELETE', `/_emulator/packages/${enc(id)}`, undefined, [404]);
    },
    reissue: async (id) => {
      const res = await call('POST', `/_emulator/packages/${enc(id)}/jwt-signing-secret`);
      const body = adminObject(res.body, 'secret');
      const status = packageAttributes({ jwtSigningSecretStatus: body.jwtSigningSecretStatus ?? null }).secretStatus;
      const dates = secretDatesIn({ secretStatus: status ?? null }, 'jwtSigningSecret');
      return {
        name: 'jwtSigningSecret',
        value: adminString(body.jwtSigningSecret, 'JWT signing secret'),
        ...(dates === null ? {} : { dates }),
      };
    },
    claim: async (id, ctx) => {
      await call('PATCH', `/_emulator/packages/${enc(id)}`, ownerField(ctx));
    },
  };
}

/** A secret's state from a `SecretStatus` answer; `ERR_TARGET_REJECTED` when there is none. */
function secretState(body: unknown): TargetSecretState {
  const state = adminSecretState(isJsonObject(body) ? body : undefined);
  if (state === null) throw new EngineError('ERR_TARGET_REJECTED', 'emulator returned no secret status');
  return state;
}

/**
 * The console's staged rotation (`/_emulator/packages/{id}/integration/secret/{stage,activate}`);
 * a secret is proven with a `client_credentials` request at the tenant's token endpoint: a token
 * (server-to-server), or `unauthorized_client` (a web app, which gets no such token, authenticated);
 * a probe (`x-grantform-probe: rotate`), not the client's usage.
 */
function integrationRotation(api: AdminClient): StagedRotation {
  const { call, get } = api;
  const path = (ctx: DriverContext) => `/_emulator/packages/${enc(parentIdOf(ctx))}/integration/secret`;
  return {
    status: async (_id, _name, ctx) => secretState((await call('GET', path(ctx))).body),
    stage: async (_id, _name, ctx) => {
      const res = await call('POST', `${path(ctx)}/stage`);
      return {
        value: adminString(adminObject(res.body, 'staged secret').secret, 'staged secret'),
        state: secretState(res.body),
      };
    },
    activate: async (_id, _name, ctx) => secretState((await call('POST', `${path(ctx)}/activate`)).body),
    probe: async (id, _name, value, ctx) => {
      const i = await get(`/_emulator/packages/${enc(parentIdOf(ctx))}/integration`);
      const endpoints = i?.endpoints;
      const auth = isJsonObject(endpoints) && typeof endpoints.auth === 'string' ? endpoints.auth : null;
      if (auth === null)
        throw new EngineError('ERR_TARGET_REJECTED', `${ctx.address}: the emulator reports no auth endpoint`);
      const proof = probeFetch(api.fetch, 'rotate');
      const t = await clientCredentialsToken(proof, { authBase: auth, clientId: id, clientSecret: value });
      if (t.ok) return { accepted: true, detail: 'client_credentials token issued' };
      if (t.error === 'unauthorized_client')
        return {
          accepted: true,
          detail: 'the client authenticated (unauthorized_client: this type gets no client_credentials token)',
        };
      return {
        accepted: false,
        detail: `HTTP ${t.status} ${t.error}${t.description === '' ? '' : `: ${t.description}`}`,
      };
    },
  };
}

function integrationDriver(api: AdminClient): KindDriver<ApiIntegrationSpec> {
  const { call, get } = api;
  const rotate = async (pkg: string) => {
    const res = await call('POST', `/_emulator/packages/${enc(pkg)}/integration/secret`);
    const body = adminObject(res.body, 'secret');
    const dates = secretDatesIn(secretStatusAttribute('clientSecret', body.secretStatus), 'clientSecret');
    return { name: 'clientSecret', value: adminString(body.secret, 'secret'), ...(dates === null ? {} : { dates }) };
  };
  return {
    read: async (id, ctx) => {
      const i = await get(`/_emulator/packages/${enc(parentIdOf(ctx))}/integration`);
      return i === null || i.clientId !== id ? null : { id, attributes: integrationAttributes(i) };
    },
    create: async (spec, ctx) => {
      const res = await call(
        'PUT',
        `/_emulator/packages/${enc(parentIdOf(ctx))}/integration`,
        integrationSettings(spec),
      );
      const i = adminObject(res.body, 'integration');
      const secret = i.secret;
      return {
        id: adminString(i.clientId, 'client id'),
        attributes: integrationAttributes(i),
        secrets: typeof secret === 'string' ? [{ name: 'clientSecret', value: secret }] : [],
      };
    },
    update: async (id, spec, changes, ctx) => {
      const pkg = parentIdOf(ctx);
      const targetChanged = changes.some((c) => c.name !== 'clientSecret' && c.name !== 'package');
      let attributes: JsonObject | null = null;
      if (targetChanged) {
        const res = await call('PUT', `/_emulator/packages/${enc(pkg)}/integration`, integrationSettings(spec));
        attributes = integrationAttributes(adminObject(res.body, 'integration'));
      }
      const secrets: DriverResult['secrets'][number][] = [];
      // The secret now lives under another name: rotate so the new name holds a value.
      if (changes.some((c) => c.name === 'clientSecret') && spec.clientSecret !== null) secrets.push(await rotate(pkg));
      if (attributes === null) {
        const i = await get(`/_emulator/packages/${enc(pkg)}/integration`);
        attributes = i === null ? {} : integrationAttributes(i);
      }
      return { id, attributes, secrets };
    },
    delete: async (_id, ctx) => {
      await call('DELETE', `/_emulator/packages/${enc(parentIdOf(ctx))}/integration`);
    },
    reissue: async (_id, _name, ctx) => rotate(parentIdOf(ctx)),
    rotation: integrationRotation(api),
  };
}

function appDriver({ call, get }: AdminClient): KindDriver<MarketingCloudAppSpec> {
  return {
    read: async (id, ctx) => {
      const a = await get(`/_emulator/packages/${enc(parentIdOf(ctx))}/app`);
      return a === null ? null : { id, attributes: appAttributes(a) };
    },
    create: async (spec, ctx) => {
      const pkg = parentIdOf(ctx);
      const res = await call('PUT', `/_emulator/packages/${enc(pkg)}/app`, appSettings(spec));
      return { id: pkg, attributes: appAttributes(adminObject(res.body, 'app')), secrets: [] };
    },
    update: async (id, spec, changes, ctx) => {
      const pkg = parentIdOf(ctx);
      if (!changes.some((c) => c.name !== 'jwtSigningSecret' && c.name !== 'package')) {
        return { id, attributes: {}, secrets: [] };
      }
      const res = await call('PUT', `/_emulator/packages/${enc(pkg)}/app`, appSettings(spec));
      return { id, attributes: appAttributes(adminObject(res.body, 'app')), secrets: [] };
    },
    delete: async (_id, ctx) => {
      await call('DELETE', `/_emulator/packages/${enc(parentIdOf(ctx))}/app`);
    },
  };
}

/**
 * The Marketing Cloud kinds over the admin client.
 * @example
 * const part = marketingCloudOnEmulator(createAdminClient({ endpoint, fetch }));
 */
export function marketingCloudOnEmulator(api: AdminClient): DriverPart {
  return {
    kinds: {
      tenant: tenantDriver(api),
      'installed-package': packageDriver(api),
      'api-integration': integrationDriver(api),
      'marketing-cloud-app': appDriver(api),
    },
    observe: (state, desired) => observeMarketingCloud(api, state, desired),
  };
}
