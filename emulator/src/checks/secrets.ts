/**
 * @module
 * Secret handling: secrets are stored only as SHA-256 digests (base64url) and compared in constant
 * time.
 */
import * as crypto from 'node:crypto';

/**
 * SHA-256, base64url. The one-shot `crypto.hash` (Node ≥ 20.12) encodes straight to a string, which is
 * about three times cheaper than a Hash object or a Buffer result; `createHash` where it is missing.
 */
export const sha256: (value: string) => string =
  typeof crypto.hash === 'function'
    ? (value) => crypto.hash('sha256', value, 'base64url')
    : (value) => crypto.createHash('sha256').update(value).digest('base64url');

/**
 * Equality of two digests in time that depends only on their length (public: 43 characters for
 * SHA-256): every character is compared, with no early exit. A client cannot choose the bytes of a
 * digest, so what it could time is not under its control either.
 */
function equalDigests(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Whether a presented secret matches a stored digest (constant time; `null` matches nothing). */
export function matchesDigest(presented: string, digest: string | null): boolean {
  return digest !== null && equalDigests(sha256(presented), digest);
}

/** Constant-time string equality (compares the digests of both, then the lengths). */
export function constantEquals(a: string, b: string): boolean {
  return equalDigests(sha256(a), sha256(b)) && a.length === b.length;
}
