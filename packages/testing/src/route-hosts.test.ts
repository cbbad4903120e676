import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { type HostRouting, routeHosts } from './route-hosts.js';

const TSSD = 'mc563885gzs27c5t9-63k636ttgm';

function echoApp() {
  const app = new Hono();
  app.all('*', async (c) => {
    const body = c.req.method === 'GET' ? null : await c.req.text();
    return c.json(
      { method: c.req.method, url: c.req.url, host: c.req.header('host'), body, auth: c.req.header('authorization') },
      201,
      { 'x-echo': 'yes' },
    );
  });
  return app;
}

describe('routeHosts', () => {
  let routing: HostRouting | undefined;
  afterEach(() => routing?.restore());

  it('forwards fetch to a real Marketing Cloud hostname into the app, keeping URL, host, method, headers and body', async () => {
    // GIVEN an app routed under the vendor hostnames
    routing = routeHosts(echoApp());
    // WHEN application code calls the real auth host with fetch
    const res = await fetch(`https://${TSSD}.auth.marketingcloudapis.com/v2/token?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer abc' },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    // THEN the app answered it in-process
    expect(res.status).toBe(201);
    expect(res.headers.get('x-echo')).toBe('yes');
    expect(await res.json()).toEqual({
      method: 'POST',
      url: `https://${TSSD}.auth.marketingcloudapis.com/v2/token?x=1`,
      host: `${TSSD}.auth.marketingcloudapis.com`,
      body: '{"grant_type":"client_credentials"}',
      auth: 'Bearer abc',
    });
    expect(routing.requests).toEqual([
      { method: 'POST', url: `https://${TSSD}.auth.marketingcloudapis.com/v2/token?x=1`, status: 201 },
    ]);
  });

  it('keeps form bodies byte-for-byte', async () => {
    routing = routeHosts(echoApp());
    const res = await fetch(`https://${TSSD}.rest.marketingcloudapis.com/a`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&scope=email_read+email_send',
    });
    expect(((await res.json()) as { body: string }).body).toBe(
      'grant_type=client_credentials&scope=email_read+email_send',
    );
  });

  it('refuses a host that is not routed instead of reaching the network', async () => {
    // GIVEN routing is active
    routing = routeHosts(echoApp());
    // WHEN code calls an unrelated host
    const call = fetch('https://example.org/');
    // THEN it fails loudly
    await expect(call).rejects.toThrow('Nock: Disallowed net connect for "example.org:443/"');
  });
});
