import { serializeManifest, synth } from '@grantform/config';
import { afterEach, describe, expect, it } from 'vitest';
import { AdminApiError } from './admin-client.js';
import { startEmulator, type TestEmulator } from './start-emulator.js';
import { fixtureApp, SUBDOMAIN } from './testing-fixtures.js';

describe('startEmulator', () => {
  let emulator: TestEmulator | undefined;
  afterEach(() => emulator?.dispose());

  it('seeds from a manifest object or its JSON text, like from the app', async () => {
    // GIVEN the same config as an app, a manifest and JSON text
    const manifest = synth(fixtureApp());
    // WHEN each seeds an emulator
    const fromObject = await startEmulator({ manifest });
    const fromText = await startEmulator({ manifest: serializeManifest(manifest) });
    // THEN each has the same integrations
    expect(fromObject.manifest).toEqual(manifest);
    expect(fromText.credentials.all.map((c) => c.address)).toEqual(fromObject.credentials.all.map((c) => c.address));
  });

  it('refuses both a manifest and an app, a bad manifest, and options.now', async () => {
    await expect(startEmulator({ app: fixtureApp(), manifest: synth(fixtureApp()) })).rejects.toThrow(
      'startEmulator: pass either "manifest" or "app", not both',
    );
    await expect(startEmulator({ manifest: '{"apiVersion":"nope","resources":[]}' })).rejects.toMatchObject({
      code: 'ERR_MANIFEST_INVALID',
    });
    // @ts-expect-error now is not accepted in options
    await expect(startEmulator({ options: { now: () => new Date() } })).rejects.toThrow('set the clock with "clock"');
  });

  it('gives every call fresh state: new client ids, no shared tokens', async () => {
    // GIVEN two emulators from the same config
    const a = await startEmulator({ app: fixtureApp() });
    const b = await startEmulator({ app: fixtureApp() });
    // WHEN a token is issued by the first
    await a.token('acme/crm-sync/api');
    // THEN the second knows neither its client nor its token
    expect(a.credentials.get('acme/crm-sync/api').clientId).not.toBe(b.credentials.get('acme/crm-sync/api').clientId);
    expect(await b.requests()).toEqual([]);
    await expect(b.admin.call('GET', '/tokens')).resolves.toEqual({ items: [] });
  });

  it('passes emulator options through, and the admin client speaks the admin token', async () => {
    // GIVEN an emulator with an admin token
    emulator = await startEmulator({ app: fixtureApp(), options: { adminToken: 'secret-admin-token' } });
    // THEN the helpers still work, and an admin call without the token is refused
    await expect(emulator.admin.call('GET', '/health')).resolves.toMatchObject({ status: 'ok' });
    const res = await emulator.app.request('/_emulator/health');
    expect(res.status).toBe(401);
  });

  it('raises admin API errors with their code', async () => {
    emulator = await startEmulator();
    const err = await emulator.admin.call('GET', `/tenants/${SUBDOMAIN}`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AdminApiError);
    expect(err).toMatchObject({ status: 404, code: 'ERR_NOT_FOUND' });
  });

  it('routes the real host names into this emulator until disposed', async () => {
    // GIVEN a routed emulator
    emulator = await startEmulator({ app: fixtureApp() });
    const crm = emulator.credentials.get('acme/crm-sync/api', 'server-to-server');
    emulator.route();
    expect(() => emulator?.route()).toThrow('already routed');
    // WHEN application code calls the real auth host with fetch
    const res = await fetch(`${crm.authUrl}v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: crm.clientId,
        client_secret: crm.clientSecret,
      }),
    });
    // THEN the emulator answered, with host-style instance URLs
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ rest_instance_url: crm.restUrl, soap_instance_url: crm.soapUrl });
    // AND after dispose the host is no longer served
    await emulator.dispose();
    await expect(fetch(`${crm.authUrl}v2/token`, { method: 'POST' })).rejects.toThrow();
    await emulator.dispose();
  });
});
