import { type AppCenterClaimsV2, signAppCenterJwt, verifyAppCenterJwt } from '@grantform/emulator/app-center';
import { decodeProtectedHeader, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';

const SECRET = 'package-jwt-signing-secret-0123456789';
const NOW = new Date('2026-01-01T00:00:00Z');
const claims: AppCenterClaimsV2 = {
  exp: NOW.getTime() / 1000 + 300,
  jti: 'j1',
  request: {
    claimsVersion: 2,
    user: {
      id: 1,
      email: 'a@b.c',
      culture: 'en-US',
      timezone: { longName: 'UTC', shortName: 'UTC', offset: 0, dst: false },
    },
    organization: { id: 7, enterpriseId: 7, dataContext: 'enterprise', stackKey: 'S7', region: 'NA1' },
    application: { id: 'p', package: 'com.x.y', redirectUrl: 'https://x/', features: {}, userPermissions: [] },
    rest: { authEndpoint: 'https://x/v1/requestToken', apiEndpointBase: 'https://y/' },
  },
};
const now = () => NOW;

describe('verifyAppCenterJwt (importable as @grantform/emulator/app-center)', () => {
  it('verifies and decodes a token signed with the package secret', async () => {
    // GIVEN a token signed as Marketing Cloud signs it
    const jwt = await signAppCenterJwt(claims, SECRET);
    expect(decodeProtectedHeader(jwt)).toEqual({ typ: 'JWT', alg: 'HS256' });
    // WHEN / THEN
    expect(await verifyAppCenterJwt(jwt, SECRET, { now })).toEqual(claims);
  });

  it('refuses expired tokens, other algorithms, wrong secrets and tokens without request', async () => {
    const jwt = await signAppCenterJwt(claims, SECRET);
    const later = () => new Date(NOW.getTime() + 300_000);
    await expect(verifyAppCenterJwt(jwt, SECRET, { now: later })).rejects.toMatchObject({
      code: 'ERR_APP_CENTER_JWT_EXPIRED',
    });
    expect(await verifyAppCenterJwt(jwt, SECRET, { now: later, clockTolerance: 5 })).toEqual(claims);
    await expect(verifyAppCenterJwt(jwt, 'other', { now })).rejects.toMatchObject({
      code: 'ERR_APP_CENTER_JWT_INVALID',
    });
    const hs512 = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS512' })
      .sign(new TextEncoder().encode(SECRET));
    await expect(verifyAppCenterJwt(hs512, SECRET, { now })).rejects.toMatchObject({
      code: 'ERR_APP_CENTER_JWT_INVALID',
    });
    const bare = await new SignJWT({ exp: claims.exp })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(SECRET));
    await expect(verifyAppCenterJwt(bare, SECRET, { now })).rejects.toMatchObject({
      code: 'ERR_APP_CENTER_JWT_INVALID',
    });
    await expect(verifyAppCenterJwt(jwt, '', { now })).rejects.toThrow(TypeError);
  });
});
