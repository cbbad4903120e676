/**
 * @module
 * Constant Contact in the memory driver (`drivers/memory-driver.ts`): applications, partners and
 * client accounts kept as attributes by target id, with the vendor's rules (a partner needs its
 * application, an account its partner; a secret is handed out on create and when its env name changes).
 */
import type { CtctApplicationSpec, CtctClientAccountSpec, CtctPartnerSpec } from '@grantform/config';
import type { DesiredState } from '../../desired-state.js';
import type { DriverContext, KindDriver, ObservedResource } from '../../driver.js';
import type { DriverOp, MemoryContext } from '../../drivers/memory-kit.js';
import { EngineError } from '../../errors.js';
import type { JsonObject } from '../../json.js';
import { ownerLabel } from '../../ownership.js';
import type { MemoryBinding } from '../../registry/vendor.js';
import type { StateFile } from '../../state/records.js';
import { type CtctKind, isCtctKind } from './kinds.js';
import { accountSettings, applicationSettings } from './settings.js';

/** Constant Contact's share of the memory world. */
export interface ConstantContactMemoryWorld {
  /** Constant Contact resources by target id. @default a map of the driver's own */
  readonly ctct?: Map<string, JsonObject>;
}

type CtctMemoryKinds = {
  readonly 'ctct-application': KindDriver<CtctApplicationSpec>;
  readonly 'ctct-partner': KindDriver<CtctPartnerSpec>;
  readonly 'ctct-client-account': KindDriver<CtctClientAccountSpec>;
};

/** Target attributes of each kind (what the emulator's admin API reports). */
function ctctApplicationAttributes(spec: CtctApplicationSpec, apiKey: string): JsonObject {
  return { ...applicationSettings(spec), type: spec.type, clientId: apiKey };
}

function ctctAccountAttributes(spec: CtctClientAccountSpec): JsonObject {
  return { ...accountSettings(spec), loginName: spec.loginName };
}

/**
 * The three kind drivers over `store` (target id → attributes). `record` logs the call (and may
 * throw an injected fault); `next` gives a fresh number for ids and secrets.
 */
function ctctMemoryKinds(
  store: Map<string, JsonObject>,
  record: (kind: CtctKind, op: DriverOp, ctx: DriverContext) => void,
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
        const secrets = spec.type === 'confidential' ? [{ name: 'clientSecret', value: `secret-${next()}` }] : [];
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
      reissue: async (_id, name) => ({ name, value: `secret-${next()}` }),
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
      reissue: async (_id, name) => ({ name, value: `partner-secret-${next()}` }),
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

/** The state's Constant Contact resources, and (when the world keeps labels) declared ones by this state's label. */
function observe(
  { world, labelOf }: MemoryContext<ConstantContactMemoryWorld>,
  store: Map<string, JsonObject>,
  state: StateFile,
  desired: DesiredState,
): Record<string, ObservedResource | null> {
  const out: Record<string, ObservedResource | null> = {};
  for (const [address, r] of Object.entries(state.resources)) {
    if (!isCtctKind(r.kind)) continue;
    const a = store.get(r.id);
    out[address] = a === undefined ? null : { id: r.id, attributes: a, ...labelOf(r.id) };
  }
  const owners = world.owners;
  if (owners === undefined) return out;
  for (const d of Object.values(desired.resources)) {
    if (state.resources[d.address] !== undefined || !isCtctKind(d.kind)) continue;
    const label = ownerLabel(state.lineage, d.address);
    const id = [...store.keys()].find((k) => owners.get(k) === label);
    const a = id === undefined ? undefined : store.get(id);
    if (id !== undefined && a !== undefined) out[d.address] = { id, attributes: a, ...labelOf(id) };
  }
  return out;
}

export const constantContactMemory: MemoryBinding<ConstantContactMemoryWorld> = {
  emptyWorld: () => ({}),
  create: (c) => {
    const store = c.world.ctct ?? new Map<string, JsonObject>();
    return {
      kinds: { ...ctctMemoryKinds(store, c.record, c.next) },
      observe: async (state, desired) => observe(c, store, state, desired),
    };
  },
};
