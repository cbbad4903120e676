/**
 * @module
 * PKCE (RFC 7636) for the checks `verify` makes: a random verifier and its S256 challenge.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A fresh S256 pair (43-character verifier). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}
