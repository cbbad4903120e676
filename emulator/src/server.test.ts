import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmulatorServer } from './server.js';
import { manifest } from './testing/fixtures.js';

describe('startEmulatorServer with --state', () => {
  it('persists admin changes before acknowledging, batches tokens, and reloads everything', async () => {
    // GIVEN a server seeded with a state file
    const dir = await mkdtemp(join(tmpdir(), 'gf-emu-'));
    const statePath = join(dir, 'state.json');
    const first = await startEmulatorServer({ port: 0, statePath, seed: { ...manifest() } });
    const s2s = first.credentials.find((c) => c.type === 'server-to-server')!;
    expect((await stat(statePath)).mode & 0o777).toBe(0o600);
    const onDisk = await readFile(statePath, 'utf8');
    expect(onDisk).not.toContain(s2s.clientSecret!);
    // WHEN a token is issued and the server stops
    const res = await fetch(`${s2s.authBaseUrl}v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: s2s.clientId,
        client_secret: s2s.clientSecret,
      }),
    });
    const token = ((await res.json()) as { access_token: string }).access_token;
    await first.close();
    // THEN a new server on the same file knows the client, the secret and the token
    const second = await startEmulatorServer({ port: 0, statePath });
    const base = `${second.url}/${s2s.subdomain}.rest.marketingcloudapis.com/`;
    const tc = await fetch(`${base}platform/v1/tokenContext`, { headers: { authorization: `Bearer ${token}` } });
    expect(tc.status).toBe(200);
    const again = await fetch(`${second.url}/${s2s.subdomain}.auth.marketingcloudapis.com/v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: s2s.clientId,
        client_secret: s2s.clientSecret,
      }),
    });
    expect(again.status).toBe(200);
    await second.close();
  });

  it('refuses a corrupt state file with a clear error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gf-emu-'));
    const statePath = join(dir, 'state.json');
    await (await import('node:fs/promises')).writeFile(statePath, '{"version":9}');
    await expect(startEmulatorServer({ port: 0, statePath })).rejects.toThrow(/unknown format/);
  });
});
