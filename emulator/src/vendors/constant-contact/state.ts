/**
 * @module
 * The Constant Contact state of one emulator: its store, options and RS256 signing key, the vendor's
 * typed partition of the emulator context (`ctx.partition(CONSTANT_CONTACT)`, or {@link ctctState}).
 * Created once per emulator by the profile (`index.ts`) with {@link createCtctState}.
 */
import { type EmulatorContext, partitionKey } from '../../env.js';
import { createSigningKey, exportSigningKey, type SigningKey, type StoredSigningKey } from '../../keys.js';
import { UsageRecorder } from '../../usage/recorder.js';
import type { ResolvedConstantContactOptions } from './options.js';
import { CtctStore } from './store.js';

/** A pending authorize (between the authorize redirect and the login form). Memory only, 10 minutes. */
export interface CtctInteraction {
  readonly id: string;
  readonly apiKey: string;
  readonly redirectUri: string;
  readonly responseType: 'code' | 'token';
  readonly scopes: readonly string[];
  readonly state: string | undefined;
  readonly codeChallenge: string | null;
  readonly expiresAt: number;
}

export interface CtctState {
  readonly store: CtctStore;
  readonly interactions: Map<string, CtctInteraction>;
  readonly options: ResolvedConstantContactOptions;
  /** Per application (API key): accounts, scopes and v3 calls (`GET /_emulator/usage`). */
  readonly usage: UsageRecorder;
  /** The RS256 signing key (generated on first use unless configured). */
  key(): SigningKey;
  /** The signing key in its stored (private JWK) form; `null` while none is configured or generated. */
  exportKey(): StoredSigningKey | null;
  /** Replaces the signing key (snapshot import); `null`: back to the configured one, or one generated on first use. */
  setKey(key: SigningKey | null): void;
  /** Clears every Constant Contact record (the key and the options stay). */
  reset(): void;
}

/** Where Constant Contact's state lives in the emulator context. */
export const CONSTANT_CONTACT = partitionKey<CtctState>('constant-contact');

/** The Constant Contact state of an emulator. */
export const ctctState = (ctx: EmulatorContext): CtctState => ctx.partition(CONSTANT_CONTACT);

/** A new Constant Contact state for the emulator `ctx`, with resolved `options`. */
export function createCtctState(ctx: EmulatorContext, options: ResolvedConstantContactOptions): CtctState {
  const store = new CtctStore();
  store.rateLimits = options.rateLimits;
  store.maxAccessTokens = ctx.options.maxAccessTokens;
  store.onLiveEviction = () =>
    ctx.warn(
      'ctct-access-tokens',
      `${store.maxAccessTokens} Constant Contact access-token records are kept (maxAccessTokens) and none had expired: the oldest unexpired token was dropped and is now refused; raise --max-access-tokens if clients keep tokens that long`,
    );
  const configured: SigningKey | undefined =
    options.signingKey ?? (ctx.options.signingKey.alg === 'RS256' ? ctx.options.signingKey : undefined);
  let key = configured;
  let stored: StoredSigningKey | undefined;
  const interactions = new Map<string, CtctInteraction>();
  const usage = new UsageRecorder('constant-contact');
  return {
    store,
    interactions,
    options,
    usage,
    key: () => {
      key ??= createSigningKey('RS256');
      return key;
    },
    exportKey: () => {
      if (key === undefined) return null;
      stored ??= exportSigningKey(key);
      return stored;
    },
    setKey: (next) => {
      key = next ?? configured;
      stored = undefined;
    },
    reset: () => {
      store.reset();
      store.rateLimits = options.rateLimits;
      interactions.clear();
      usage.reset();
    },
  };
}
