import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { constantEquals, matchesDigest, sha256 } from './secrets.js';

describe('sha256', () => {
  it('is the base64url SHA-256 of the UTF-8 string', () => {
    // GIVEN the FIPS 180-2 test vector "abc" and a non-ASCII string
    // WHEN hashed
    // THEN the digests are the known ones, base64url without padding
    expect(sha256('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
    expect(sha256('é')).toBe(
      createHash('sha256')
        .update(Buffer.from([0xc3, 0xa9]))
        .digest('base64url'),
    );
  });
});

describe('matchesDigest', () => {
  const secret = 's3cr3t-value-of-sixty-four-characters-xxxxxxxxxxxxxxxxxxxxxxxxxxx';
  const digest = sha256(secret);
  it('accepts exactly the secret the digest was made from', () => {
    // GIVEN a stored digest WHEN the same secret, a one-character change, a prefix, '' and null are presented
    // THEN only the same secret matches
    expect(matchesDigest(secret, digest)).toBe(true);
    expect(matchesDigest(`${secret.slice(0, -1)}y`, digest)).toBe(false);
    expect(matchesDigest(secret.slice(0, -1), digest)).toBe(false);
    expect(matchesDigest('', digest)).toBe(false);
    expect(matchesDigest(secret, null)).toBe(false);
  });
  it('rejects a stored value that is not a digest of the same length', () => {
    // GIVEN a malformed stored digest (truncated, or the secret itself)
    // WHEN the secret is presented THEN it does not match
    expect(matchesDigest(secret, digest.slice(0, -1))).toBe(false);
    expect(matchesDigest(secret, secret)).toBe(false);
  });
});

describe('constantEquals', () => {
  it('is string equality', () => {
    // GIVEN pairs of equal and unequal strings WHEN compared THEN only equal strings are equal
    expect(constantEquals('token-1', 'token-1')).toBe(true);
    expect(constantEquals('token-1', 'token-2')).toBe(false);
    expect(constantEquals('token', 'token-1')).toBe(false);
    expect(constantEquals('', '')).toBe(true);
  });
});
