/**
 * @module
 * Bench child process: the practical ceiling on this stack. A bare Hono + jose handler that answers the
 * same URL (path-style tenant host) and parses the same JSON body as the emulator, and signs the same
 * token: ES256 key from `generateKeyPairSync` once, the same protected header (`alg`, `kid`, `typ`,
 * `ver`), the same claims (`client_id`, `eid`, `mid`, `jti` from 18 random bytes, `iss`, `sub`, `iat`,
 * `exp`), with the same response body and cache headers. No client check, no store, no request log.
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { SignJWT } from 'jose';

// Exit on SIGTERM through process.exit, so `--cpu-prof` (when profiling a bench server) writes its profile.
process.on('SIGTERM', () => process.exit(0));

const TSSD = 'mcbenchbenchbenchbenchbench0';
const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
const kid = createHash('sha256').update(randomBytes(8)).digest('base64url').slice(0, 12);
let origin = '';
const app = new Hono();
app.post(`/${TSSD}.auth.marketingcloudapis.com/v2/token`, async (c) => {
  const body = (await c.req.json()) as { client_id: string };
  const iat = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ client_id: body.client_id, eid: 1, mid: 1 })
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT', ver: '1' })
    .setJti(randomBytes(18).toString('base64url'))
    .setIssuer(`https://${TSSD}.auth.marketingcloudapis.com/`)
    .setSubject('10000001')
    .setIssuedAt(iat)
    .setExpirationTime(iat + 1200)
    .sign(key);
  return c.json(
    {
      access_token: token,
      token_type: 'Bearer',
      expires_in: 1079,
      scope: 'email_read data_extensions_read',
      soap_instance_url: `${origin}/${TSSD}.soap.marketingcloudapis.com/`,
      rest_instance_url: `${origin}/${TSSD}.rest.marketingcloudapis.com/`,
    },
    200,
    { 'cache-control': 'no-store', pragma: 'no-cache' },
  );
});
const server = createAdaptorServer({ fetch: app.fetch });
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  const tokenUrl = `${origin}/${TSSD}.auth.marketingcloudapis.com/v2/token`;
  process.stdout.write(`${JSON.stringify({ url: origin, tokenUrl })}\n`);
});
