/**
 * @module
 * Marketing Cloud's state partition. Its value is a {@link McContext}: the emulator context with
 * Marketing Cloud's own state beside it (the store, the logins in progress, the REST instance data,
 * pending propagation, its options), so Marketing Cloud's modules take one `ctx` and read both.
 * Created once per emulator by the profile (`index.ts`); read elsewhere with {@link mcContext}.
 */
import { type EmulatorContext, partitionKey } from '../../env.js';
import type { UsageRecorder } from '../../usage/recorder.js';
import type { ResolvedMarketingCloudOptions } from './options.js';
import type { Propagation } from './propagation.js';
import type { InstanceData } from './store/instance-data.js';
import type { EmulatorStore } from './store/store.js';

/** An authorize interaction between the login page and the consent page (memory only, 10 minutes; `pending-logins.ts`). */
export interface Interaction {
  id: string;
  tssd: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
  codeChallenge: string | null;
  userId: string | null;
  expiresAt: number;
}

/** The emulator context as Marketing Cloud's modules see it: the core's, and Marketing Cloud's own state. */
export interface McContext extends EmulatorContext {
  readonly store: EmulatorStore;
  /** `/v2/authorize` logins in progress. */
  readonly interactions: Map<string, Interaction>;
  /** REST instance data (data extensions, contacts, assets, sends). */
  readonly data: InstanceData;
  /** Integration changes waiting for their propagation delay. */
  readonly propagation: Propagation;
  readonly mcOptions: ResolvedMarketingCloudOptions;
  /** Per client id: business units, scopes and calls (`GET /_emulator/usage`). */
  readonly usage: UsageRecorder;
  /**
   * The fetch used by `POST /_emulator/packages/{id}/app/launch` with `deliver: "post"`. With the
   * default global fetch only loopback URLs are allowed; a test may inject its own (then any URL).
   */
  appLaunchFetch: typeof fetch | undefined;
}

/** Where Marketing Cloud's state lives in the emulator context. */
export const MARKETING_CLOUD = partitionKey<McContext>('marketing-cloud');

/** Marketing Cloud's context of an emulator (its store, logins, instance data…). */
export const mcContext = (ctx: EmulatorContext): McContext => ctx.partition(MARKETING_CLOUD);
