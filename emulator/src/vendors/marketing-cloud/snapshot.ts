/**
 * @module
 * Marketing Cloud's sections of the emulator snapshot (`../../control/snapshot.ts`): `store` (tenants,
 * packages, users, token and code records; it also carries the emulator's clock offset, where the
 * first state files put it), `instanceData` (REST resources) and, in the core's `control` section,
 * `pendingChanges` (integration changes waiting for their propagation delay). The store's shape is
 * checked here; its records are then checked for consistency by `EmulatorStore.restore`.
 */
import { z } from 'zod';
import type { SnapshotContribution } from '../../env.js';
import type { UsageSnapshot } from '../../usage/recorder.js';
import { usageSnapshotSchema } from '../../usage/schema.js';
import type { McContext } from './context.js';
import type { PendingChange } from './propagation.js';
import type { InstanceDataSnapshot } from './store/instance-data.js';
import type { StoreSnapshot } from './store/records.js';

/** Marketing Cloud's parts of a snapshot. */
export interface MarketingCloudSnapshotPart {
  store: StoreSnapshot;
  instanceData: InstanceDataSnapshot;
  /** Usage recording (`GET /_emulator/usage`); absent in snapshots written before it existed. */
  usage: UsageSnapshot;
  control: { pendingChanges: PendingChange[] };
}

const epochMs = z.number().finite();
const storeSnapshot = z.looseObject({
  version: z.literal(1),
  clockOffsetMs: epochMs,
  nextNumericId: z.number().int().positive(),
  tenants: z.array(
    z.looseObject({
      tenant: z.looseObject({ subdomain: z.string().min(1) }),
      packages: z.array(z.looseObject({ id: z.string().min(1), tenant: z.string().min(1) })),
      users: z.array(z.looseObject({ username: z.string().min(1), tenant: z.string().min(1) })),
      tokens: z.array(z.looseObject({ id: z.string().min(1), tenant: z.string().min(1), kind: z.string() })),
    }),
  ),
});
const instanceData = z.looseObject({
  version: z.literal(1),
  nextId: z.number().int(),
  partitions: z.array(z.unknown()),
});
const pendingChange = z.strictObject({
  packageId: z.string().min(1),
  clientId: z.string().min(1),
  integration: z.looseObject({ clientId: z.string(), type: z.string(), scopes: z.array(z.string()) }),
  effectiveAt: epochMs,
});

export const marketingCloudSnapshot: SnapshotContribution<McContext, MarketingCloudSnapshotPart> = {
  sections: { store: storeSnapshot, instanceData: instanceData.optional(), usage: usageSnapshotSchema.optional() },
  control: { pendingChanges: z.array(pendingChange).optional() },
  export: (mc) => ({
    store: mc.store.snapshot(mc.clock.offsetMs),
    instanceData: mc.data.snapshot(),
    usage: mc.usage.snapshot(),
    control: { pendingChanges: structuredClone(mc.propagation.list()) },
  }),
  withoutKeys: ({ store }) => ({
    store: {
      ...store,
      tenants: store.tenants.map((t) => ({
        ...t,
        packages: t.packages.map(({ jwtSigningSecret: _secret, ...pkg }) => pkg),
      })),
    },
  }),
  import: (mc, parts) => {
    if (parts.store === undefined) mc.store.reset();
    else mc.store.restore(parts.store);
    if (parts.store !== undefined) mc.clock.offsetMs = parts.store.clockOffsetMs;
    if (parts.instanceData === undefined) mc.data.reset();
    else mc.data.restore(parts.instanceData);
    mc.usage.restore(parts.usage);
    mc.propagation.replace(structuredClone(parts.control?.pendingChanges ?? []));
    mc.interactions.clear(); // logins in progress do not survive an import
  },
  summary: (mc) => ({ tenants: mc.store.tenants().length, tokens: mc.store.tokens().length }),
};
