/**
 * @module
 * Constant Contact as one vendor profile: its hosts (`authz.constantcontact.com`,
 * `identity.constantcontact.com`, `api.cc.email`, the Cognito partner token host), routes, state
 * partition, admin section (`/_emulator/ctct/*`), seeding (`ctct-application`, `ctct-partner`,
 * `ctct-client-account`), snapshot section (`constantContact`) and options (`constantContact: {…}`).
 * Everything else lives beside this file; `vendors/index.ts` registers it.
 */
import { keyOutline } from '../../control/snapshot.js';
import type { VendorProfile } from '../../env.js';
import { ctctAdminRoutes } from './admin.js';
import { ctctHosts, ctctTlsHosts } from './hosts.js';
import { ctctOpenApiPaths, ctctOpenApiSchemas } from './openapi.js';
import { type ConstantContactOptions, resolveCtctOptions } from './options.js';
import { registerConstantContact } from './routes.js';
import { type CtctCredentials, ctctSeedProblems, seedConstantContact } from './seed.js';
import { type CtctSnapshot, ctctSnapshotSchema, exportCtctSnapshot, restoreCtctSnapshot } from './snapshot.js';
import { CONSTANT_CONTACT, type CtctState, createCtctState, ctctState } from './state.js';
import { describeCtctUsage } from './usage.js';

/** Constant Contact's part of `EmulatorOptions`. */
export interface ConstantContactEmulatorOptions {
  /** Constant Contact emulation (lifetimes, rate limits, RS256 key). @default see `ConstantContactOptions` */
  readonly constantContact?: ConstantContactOptions;
}

/** Constant Contact's part of a seed result: present when the manifest has Constant Contact resources. */
export interface ConstantContactSeedResult {
  constantContact?: CtctCredentials;
}

/** Constant Contact's section of the emulator snapshot (absent in snapshots written before it existed). */
export interface ConstantContactSnapshotPart {
  constantContact?: CtctSnapshot;
}

export const constantContact: VendorProfile<
  CtctState,
  ConstantContactEmulatorOptions,
  ConstantContactSeedResult,
  ConstantContactSnapshotPart
> = {
  name: 'constant-contact',
  title: 'Constant Contact',
  partition: CONSTANT_CONTACT,
  hosts: [ctctHosts],
  tlsHosts: ctctTlsHosts,
  createState: (ctx, options) => createCtctState(ctx, resolveCtctOptions(options.constantContact)),
  mount: (app, ctx) => registerConstantContact(app, ctx),
  reset: (state) => state.reset(),
  admin: {
    path: '/ctct',
    routes: (ctx) => ctctAdminRoutes(ctx),
    openApi: { paths: ctctOpenApiPaths, schemas: ctctOpenApiSchemas },
  },
  seed: {
    problems: (m) => ctctSeedProblems(m.resources),
    apply: (ctx, state, m, origin) => {
      const seeded = seedConstantContact(ctx, state, m.resources, origin);
      return seeded === undefined ? {} : { constantContact: seeded };
    },
    empty: () => ({}),
  },
  snapshot: {
    sections: { constantContact: ctctSnapshotSchema.optional() },
    export: (state) => ({ constantContact: exportCtctSnapshot(state) }),
    withoutKeys: ({ constantContact: s }) =>
      s === undefined
        ? {}
        : { constantContact: { ...s, signingKey: s.signingKey === null ? null : keyOutline(s.signingKey) } },
    import: (state, parts) => restoreCtctSnapshot(state, parts.constantContact),
  },
  usage: { recorder: (state) => state.usage, describe: describeCtctUsage },
};

export { type CtctCredentials, ctctState };
