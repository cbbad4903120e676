import './vitest.js';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { isNetworkGuarded } from './net-guard.js';
import { routeHosts } from './route-hosts.js';
import { startEmulator } from './start-emulator.js';

describe('@grantform/testing/vitest', () => {
  it('closes the network for the file', async () => {
    expect(isNetworkGuarded()).toBe(true);
    await expect(fetch('https://example.org/')).rejects.toThrow('Disallowed net connect');
  });

  it('leaves a nock scope in place during a test…', () => {
    nock('https://api.example.test').get('/x').reply(200, 'ok');
    expect(nock.pendingMocks()).toEqual(['GET https://api.example.test:443/x']);
  });

  it('…and cleans it after the test', () => {
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('keeps the network closed after a routing is undone, and other scopes survive it', async () => {
    // GIVEN a routing and an unrelated scope
    const emulator = await startEmulator();
    const routing = routeHosts(emulator.app);
    nock('https://api.example.test').get('/y').reply(200, 'still here');
    // WHEN the routing is undone
    routing.restore();
    // THEN the unrelated scope still answers and the network stays closed
    expect(await (await fetch('https://api.example.test/y')).text()).toBe('still here');
    await expect(fetch('https://example.org/')).rejects.toThrow('Disallowed net connect');
  });
});
