import { describe, expect, it } from 'vitest';
import { createEmulator } from '../index.js';

const SUB = 'mcbbbbbbbbbbbbbbbbbbbbbbbbbb';

/** A JSON request whose body arrives in a later tick (as a slow client's would). */
function slowJson(method: string, body: unknown): RequestInit & { duplex: 'half' } {
  const text = new TextEncoder().encode(JSON.stringify(body));
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((r) => setTimeout(r, 5));
      controller.enqueue(text);
      controller.close();
    },
  });
  return { method, headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' };
}

describe('concurrent admin writes to one package', () => {
  it('an integration and an app put at the same time both stay (no lost update)', async () => {
    // GIVEN a package
    const app = createEmulator();
    await app.request(`/_emulator/tenants/${SUB}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'beta',
        stackKey: 'S1',
        enterpriseMid: 500,
        businessUnits: [{ mid: 500, name: 'Beta', parentMid: null }],
      }),
    });
    const pkg = (await (
      await app.request(`/_emulator/tenants/${SUB}/packages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'p' }),
      })
    ).json()) as { id: string };
    // WHEN its integration, its app and its description are written at once, bodies arriving late
    const results = await Promise.all([
      app.request(`/_emulator/packages/${pkg.id}/integration`, slowJson('PUT', { type: 'server-to-server' })),
      app.request(
        `/_emulator/packages/${pkg.id}/app`,
        slowJson('PUT', {
          loginUrl: 'https://a.example.com/l',
          redirectUrl: 'https://a.example.com/r',
          logoutUrl: 'https://a.example.com/o',
        }),
      ),
      app.request(`/_emulator/packages/${pkg.id}`, slowJson('PATCH', { description: 'd2' })),
    ]);
    // THEN every write is kept
    expect(results.map((r) => r.status)).toEqual([201, 201, 200]);
    const after = (await (await app.request(`/_emulator/packages/${pkg.id}`)).json()) as {
      description: string;
      integration: unknown;
      app: unknown;
    };
    expect(after.description).toBe('d2');
    expect(after.integration).not.toBeNull();
    expect(after.app).not.toBeNull();
  });
});
