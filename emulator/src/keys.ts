/**
 * @module
 * Token signing keys. A key is generated (or imported) once, synchronously, as a Node `KeyObject`,
 * and reused for every signature: no key import on the request path. ES256 is the default
 * (RS256 is ~4× slower to sign; HS256 cannot be published in a JWKS).
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import type { JWK } from 'jose';

export type SigningAlgorithm = 'ES256' | 'RS256' | 'HS256';

export interface SigningKey {
  readonly alg: SigningAlgorithm;
  /** Key id, put in every token header. */
  readonly kid: string;
  /** Signs tokens. */
  readonly privateKey: KeyObject;
  /** Verifies tokens (the secret itself for HS256). */
  readonly verifyKey: KeyObject;
  /** The public JWK for `/.well-known/jwks.json`; `null` for HS256 (a shared secret is never published). */
  readonly publicJwk: JWK | null;
}

/** Serialised form of a key, as kept in the state file. */
export interface StoredSigningKey {
  alg: SigningAlgorithm;
  kid: string;
  jwk: JWK;
}

function fromPrivate(alg: SigningAlgorithm, privateKey: KeyObject, kid?: string): SigningKey {
  if (alg === 'HS256') {
    const id = kid ?? thumb(privateKey.export());
    return { alg, kid: id, privateKey, verifyKey: privateKey, publicJwk: null };
  }
  const verifyKey = createPublicKey(privateKey);
  const jwk = verifyKey.export({ format: 'jwk' }) as JWK;
  const id = kid ?? thumb(Buffer.from(JSON.stringify(jwk)));
  return { alg, kid: id, privateKey, verifyKey, publicJwk: { ...jwk, kid: id, alg, use: 'sig' } };
}

function thumb(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('base64url').slice(0, 12);
}

/**
 * Generates a signing key.
 * @example const key = createSigningKey('ES256');
 */
export function createSigningKey(alg: SigningAlgorithm = 'ES256'): SigningKey {
  switch (alg) {
    case 'ES256':
      return fromPrivate(alg, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    case 'RS256':
      return fromPrivate(alg, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
    case 'HS256':
      return fromPrivate(alg, createSecretKey(randomBytes(32)));
  }
}

export function exportSigningKey(key: SigningKey): StoredSigningKey {
  return { alg: key.alg, kid: key.kid, jwk: key.privateKey.export({ format: 'jwk' }) as JWK };
}

export function importSigningKey(stored: StoredSigningKey): SigningKey {
  const key =
    stored.alg === 'HS256'
      ? createSecretKey(Buffer.from(String(stored.jwk.k), 'base64url'))
      : createPrivateKey({ key: stored.jwk as JsonWebKey, format: 'jwk' });
  return fromPrivate(stored.alg, key, stored.kid);
}

/** The JWKS document for a set of keys. */
export function jwks(keys: readonly SigningKey[]): { keys: JWK[] } {
  return { keys: keys.flatMap((k) => (k.publicJwk ? [k.publicJwk] : [])) };
}
