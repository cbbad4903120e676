/**
 * @module
 * The token signing key ring behind `/_emulator/keys`: one active key signs, every published key
 * verifies and appears in the JWKS. Rotation keeps the previous key published for a grace period
 * (on the emulator clock); retiring a key unpublishes it at once, so its tokens stop verifying.
 */
import type { JWK, JWSHeaderParameters } from 'jose';
import {
  createSigningKey,
  exportSigningKey,
  importSigningKey,
  type SigningKey,
  type StoredSigningKey,
} from '../keys.js';

interface RingEntry {
  key: SigningKey;
  /** Epoch ms after which a non-active key is no longer published; `null` = until retired. */
  publishedUntil: number | null;
  createdAt: number;
}

/** One key as the admin API shows it. */
export interface KeyView {
  kid: string;
  alg: string;
  status: 'active' | 'published';
  createdAt: string;
  publishedUntil: string | null;
}

/** Serialised ring (snapshots). Contains private keys. */
export interface StoredKeyRing {
  activeKid: string;
  keys: { key: StoredSigningKey; publishedUntil: number | null; createdAt: number }[];
}

export class KeyRing {
  private entries: RingEntry[];
  private activeKid: string;
  private cache: { keys: SigningKey[]; algs: string[]; validUntil: number } | null = null;

  constructor(
    private readonly initial: SigningKey,
    private readonly nowMs: () => number,
  ) {
    this.entries = [{ key: initial, publishedUntil: null, createdAt: 0 }];
    this.activeKid = initial.kid;
  }

  /** The key that signs new tokens. */
  active(): SigningKey {
    return this.entries.find((e) => e.key.kid === this.activeKid)?.key ?? this.initial;
  }

  /** Keys that still verify (active + within their grace period). Cached until the next grace period ends. */
  published(): SigningKey[] {
    const now = this.nowMs();
    if (this.cache && now < this.cache.validUntil) return this.cache.keys;
    const live = this.entries.filter((e) => e.publishedUntil === null || e.publishedUntil > now);
    const ends = live.flatMap((e) => (e.publishedUntil === null ? [] : [e.publishedUntil]));
    const keys = live.map((e) => e.key);
    this.cache = { keys, algs: [...new Set(keys.map((k) => k.alg))], validUntil: Math.min(Infinity, ...ends) };
    return keys;
  }

  /** The verification key for a JWS header, for jose's key-resolver form; throws for unknown kids. */
  readonly resolve = (header: JWSHeaderParameters): SigningKey['verifyKey'] => {
    const key = this.published().find((k) => k.kid === header.kid && k.alg === header.alg);
    if (!key) throw new Error('unknown or retired signing key');
    return key.verifyKey;
  };

  /** Algorithms of the published keys (the jose allowlist). */
  algorithms(): string[] {
    this.published();
    return this.cache?.algs ?? [];
  }

  jwks(): { keys: JWK[] } {
    return { keys: this.published().flatMap((k) => (k.publicJwk ? [k.publicJwk] : [])) };
  }

  /** Makes a fresh key active; the old active key stays published for `graceSeconds`. */
  rotate(graceSeconds: number): SigningKey {
    this.cache = null;
    const now = this.nowMs();
    const old = this.entries.find((e) => e.key.kid === this.activeKid);
    if (old) old.publishedUntil = now + graceSeconds * 1000;
    const key = createSigningKey(this.active().alg);
    this.entries.push({ key, publishedUntil: null, createdAt: now });
    this.activeKid = key.kid;
    this.prune();
    return key;
  }

  /** Unpublishes a non-active key at once. Returns false when unknown; throws for the active key. */
  retire(kid: string): boolean {
    this.cache = null;
    if (kid === this.activeKid) throw new Error('the active key cannot be retired; rotate first');
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.key.kid !== kid);
    return this.entries.length < before;
  }

  list(): KeyView[] {
    const now = this.nowMs();
    return this.entries
      .filter((e) => e.publishedUntil === null || e.publishedUntil > now)
      .map((e) => ({
        kid: e.key.kid,
        alg: e.key.alg,
        status: e.key.kid === this.activeKid ? 'active' : 'published',
        createdAt: new Date(e.createdAt).toISOString(),
        publishedUntil: e.publishedUntil === null ? null : new Date(e.publishedUntil).toISOString(),
      }));
  }

  /** Back to the initial key only (reset). */
  reset(): void {
    this.cache = null;
    this.entries = [{ key: this.initial, publishedUntil: null, createdAt: 0 }];
    this.activeKid = this.initial.kid;
  }

  export(): StoredKeyRing {
    return {
      activeKid: this.activeKid,
      keys: this.entries.map((e) => ({
        key: exportSigningKey(e.key),
        publishedUntil: e.publishedUntil,
        createdAt: e.createdAt,
      })),
    };
  }

  import(stored: StoredKeyRing): void {
    this.cache = null;
    this.entries = stored.keys.map((k) => ({
      key: importSigningKey(k.key),
      publishedUntil: k.publishedUntil,
      createdAt: k.createdAt,
    }));
    this.activeKid = stored.activeKid;
  }

  private prune(): void {
    const now = this.nowMs();
    this.entries = this.entries.filter((e) => e.publishedUntil === null || e.publishedUntil > now);
  }
}
