/**
 * @module
 * Secret handling: secrets are stored only as SHA-256 digests and compared in constant time.
 */
import * as crypto from 'node:crypto';

/** SHA-256 as raw bytes: the one-shot `crypto.hash` (Node ≥ 20.12, no Hash object) where it exists. */
const sha256Bytes: (value: string) => Buffer =
  typeof crypto.hash === 'function'
    ? (value) => crypto.hash('sha256', value, 'buffer')
    : (value) => crypto.createHash('sha256').update(value).digest();

export function sha256(value: string): string {
  return sha256Bytes(value).toString('base64url');
}

/** Decoded stored digests, keyed by the stored (base64url) form: decoded once, not on every request. */
const decodedDigests = new Map<string, Buffer>();

function decodedDigest(digest: string): Buffer {
  let bytes = decodedDigests.get(digest);
  if (bytes === undefined) {
    if (decodedDigests.size >= 4096) decodedDigests.clear();
    bytes = Buffer.from(digest, 'base64url');
    decodedDigests.set(digest, bytes);
  }
  return bytes;
}

/**
 * Constant-time comparison of a presented secret against a stored digest: the presented secret is
 * hashed (raw 32 bytes, no re-encoding) and compared with `timingSafeEqual` against the stored digest,
 * whose decoded bytes are cached (the cache is keyed by stored data, never by what a client sends).
 */
export function matchesDigest(presented: string, digest: string | null): boolean {
  if (digest === null) return false;
  const a = sha256Bytes(presented);
  const b = decodedDigest(digest);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** Constant-time string equality (pads to equal length first). */
export function constantEquals(a: string, b: string): boolean {
  const x = Buffer.from(sha256(a));
  const y = Buffer.from(sha256(b));
  return crypto.timingSafeEqual(x, y) && a.length === b.length;
}
