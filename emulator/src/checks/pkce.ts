/**
 * @module
 * PKCE (RFC 7636), S256 only. Verified whenever authorize received a challenge; required at authorize
 * when the integration says `pkce: 'required'`.
 */
import { createHash } from 'node:crypto';

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export function isValidChallenge(challenge: string): boolean {
  return CHALLENGE.test(challenge);
}

export function isValidVerifier(verifier: string): boolean {
  return VERIFIER.test(verifier);
}

/** `BASE64URL(SHA256(verifier)) === challenge`. */
export function verifyPkce(verifier: string, challenge: string): boolean {
  return isValidVerifier(verifier) && createHash('sha256').update(verifier).digest('base64url') === challenge;
}
