/**
 * @module
 * The memory driver's Constant Contact kinds: applications, partners and client accounts kept as
 * attributes by target id, with the vendor's rules (a partner needs its application, an account
 * its partner; a secret is handed out on create and when its env name changes).
 */
import type { ResourceSpecs } from '@grantform/config';
import type { CtctKind } from '../ctct-resources.js';
import type { DriverContext, KindDriver } from '../driver.js';
import { EngineError } from '../errors.js';
import type { JsonObject } from '../json.js';

type Op = 'read' | 'create' | 'update' | 'delete';

export type CtctMemoryKinds = { readonly [K in CtctKind]: KindDriver<K> };

/** Target attributes of each kind (what the emulator's admin API reports). */
export function ctctApplicationAttributes(spec: ResourceSpecs['ctct-application'], apiKey: string): JsonObject {
  return {
    name: spec.name,
    type: spec.type,
    redirectUris: [...spec.redirectUris],
    scopes: [...spec.scopes],
    pkce: spec.pkce,
    refreshTokens: spec.refreshTokens,
    clientId: apiKey,
  };
}

export function ctctAccountAttributes(spec: ResourceSpecs['ctct-client-account']): JsonObject {
  return {
    managed: spec.managed,
    loginName: spec.loginName,
    contactEmail: spec.contactEmail,
    organizationName: spec.organizationName,
    countryCode: spec.countryCode,
    stateCode: spec.stateCode,
    firstName: spec.firstName,
    lastName: spec.lastName,
  };
}

/**
 * The three kind drivers over `store` (target id → attributes). `record` logs the call (and may
 * throw an injected fault); `next` gives a fresh number for ids and secrets.
 */
export function ctctMemoryKinds(
  store: Map<string, JsonObject>,
  record: (kind: CtctKind, op: Op, ctx: DriverContext) => void,
  next: () => number,
): CtctMemoryKinds {
  const parent = (ctx: DriverContext): string => {
    if (ctx.parentId === null || !store.has(ctx.parentId)) {
      throw new EngineError('ERR_TARGET_REJECTED', `${ctx.address}: its parent ${ctx.parentId} does not exist`);
    }
    return ctx.parentId;
  };
  const read = (kind: CtctKind) => async (id: string, ctx: DriverContext) => {
    record(kind, 'read', ctx);
    const a = store.get(id);
    return a === undefined ? null : { id, attributes: a };
  };
  const remove = (kind: CtctKind) => async (id: string, ctx: DriverContext) => {
    record(kind, 'delete', ctx);
    store.delete(id);
  };
  return {
    'ctct-application': {
      read: read('ctct-application'),
      create: async (spec, ctx) => {
        record('ctct-application', 'create', ctx);
        const id = spec.apiKey ?? `ctct-app-${next()}`;
        store.set(id, ctctApplicationAttributes(spec, id));
        const secrets =
          spec.type === 'confidential' ? [{ name: 'clientSecret' as const, value: `secret-${next()}` }] : [];
        return { id, attributes: store.get(id) ?? {}, secrets };
      },
      update: async (id, spec, changes, ctx) => {
        record('ctct-application', 'update', ctx);
        store.set(id, ctctApplicationAttributes(spec, id));
        const rotate = changes.some((c) => c.name === 'clientSecret') && spec.clientSecret !== null;
        return {
          id,
          attributes: store.get(id) ?? {},
          secrets: rotate ? [{ name: 'clientSecret', value: `secret-${next()}` }] : [],
        };
      },
      delete: remove('ctct-application'),
    },
    'ctct-partner': {
      read: read('ctct-partner'),
      create: async (spec, ctx) => {
        record('ctct-partner', 'create', ctx);
        parent(ctx);
        const id = spec.partnerClientId ?? `ctct-partner-${next()}`;
        store.set(id, { name: spec.name, clientId: id });
        return {
          id,
          attributes: store.get(id) ?? {},
          secrets: [{ name: 'partnerSecret', value: `partner-secret-${next()}` }],
        };
      },
      update: async (id, spec, changes, ctx) => {
        record('ctct-partner', 'update', ctx);
        store.set(id, { name: spec.name, clientId: id });
        const rotate = changes.some((c) => c.name === 'partnerSecret');
        return {
          id,
          attributes: store.get(id) ?? {},
          secrets: rotate ? [{ name: 'partnerSecret', value: `partner-secret-${next()}` }] : [],
        };
      },
      delete: remove('ctct-partner'),
    },
    'ctct-client-account': {
      read: read('ctct-client-account'),
      create: async (spec, ctx) => {
        record('ctct-client-account', 'create', ctx);
        parent(ctx);
        const id = `acct${next()}`;
        store.set(id, ctctAccountAttributes(spec));
        return { id, attributes: store.get(id) ?? {}, secrets: [] };
      },
      update: async (id, spec, _changes, ctx) => {
        record('ctct-client-account', 'update', ctx);
        store.set(id, ctctAccountAttributes(spec));
        return { id, attributes: store.get(id) ?? {}, secrets: [] };
      },
      delete: remove('ctct-client-account'),
    },
  };
}
