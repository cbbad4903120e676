import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type TestEmulator } from './start-emulator.js';
import { fixtureApp, SUBDOMAIN } from './testing-fixtures.js';

const TOKEN_CONTEXT = `https://${SUBDOMAIN}.rest.marketingcloudapis.com/platform/v1/tokenContext`;

function claims(jwt: string): { iat: number; exp: number } {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

describe('clock', () => {
  let emulator: TestEmulator;
  afterEach(() => emulator?.dispose());

  it('starts frozen at a given instant and stamps tokens with it', async () => {
    // GIVEN a frozen clock
    emulator = await startEmulator({ app: fixtureApp(), clock: '2030-01-01T00:00:00Z' });
    // WHEN a token is issued
    const { access_token } = await emulator.token('acme/crm-sync/api');
    // THEN
    expect(emulator.clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(claims(access_token)).toMatchObject({ iat: 1893456000, exp: 1893456000 + 1200 });
  });

  it('advance() expires a token exactly at its lifetime', async () => {
    emulator = await startEmulator({ app: fixtureApp(), clock: new Date('2030-01-01T00:00:00Z') });
    const { access_token } = await emulator.token('acme/crm-sync/api');
    const call = () => emulator.app.request(TOKEN_CONTEXT, { headers: { authorization: `Bearer ${access_token}` } });
    // WHEN the clock moves 1199 s, then 1 s more
    expect(await emulator.clock.advance(1199)).toEqual(new Date('2030-01-01T00:19:59Z'));
    expect((await call()).status).toBe(200);
    await emulator.clock.advance(1);
    // THEN
    expect((await call()).status).toBe(401);
  });

  it('set() moves the clock to an instant; a function source is used as the base', async () => {
    let base = Date.parse('2030-01-01T00:00:00Z');
    emulator = await startEmulator({ clock: () => new Date(base) });
    base += 5000;
    expect(emulator.clock.now().toISOString()).toBe('2030-01-01T00:00:05.000Z');
    expect(await emulator.clock.set('2031-06-01T12:00:00Z')).toEqual(new Date('2031-06-01T12:00:00Z'));
    expect(emulator.clock.now().toISOString()).toBe('2031-06-01T12:00:00.000Z');
  });

  it('refuses bad input', async () => {
    await expect(startEmulator({ clock: 'not a date' })).rejects.toThrow('"clock" is not a valid date');
    emulator = await startEmulator();
    expect(() => emulator.clock.advance(Number.NaN)).toThrow('finite number');
    expect(() => emulator.clock.set('yesterday')).toThrow('not a valid date');
  });
});
