/**
 * @module
 * Secret handling: secrets are stored only as SHA-256 digests and compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** Constant-time comparison of a presented secret against a stored digest. */
export function matchesDigest(presented: string, digest: string | null): boolean {
  if (digest === null) return false;
  const a = Buffer.from(sha256(presented));
  const b = Buffer.from(digest);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Constant-time string equality (pads to equal length first). */
export function constantEquals(a: string, b: string): boolean {
  const x = Buffer.from(sha256(a));
  const y = Buffer.from(sha256(b));
  return timingSafeEqual(x, y) && a.length === b.length;
}
