/**
 * @module
 * `POST /v2/token` on a tenant auth host. A checklist: parse body → grant type supported → client
 * authenticated → client type may use the grant → grant handler. Every failure is an OAuth error
 * body; nothing a client sends becomes a 500.
 */
import { Hono } from 'hono';
import { noteClientId } from '../../../pipeline.js';
import { usageSink } from '../../../usage/probe.js';
import { authenticateClient } from '../checks/client-auth.js';
import type { McContext } from '../context.js';
import { InvalidRequest, UnauthorizedClient, UnsupportedGrantType } from '../errors.js';
import { grants } from '../grants/index.js';
import { vhostOf } from '../hosts.js';
import { MAX_BODY_BYTES, parseTokenBody } from '../params.js';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export function tokenRoutes(ctx: McContext): Hono {
  const app = new Hono();
  app.post('/v2/token', async (c) => {
    const length = Number(c.req.header('content-length') ?? '0');
    if (length > MAX_BODY_BYTES) throw new InvalidRequest('The request body is too large.');
    let text: string;
    try {
      text = await c.req.text();
    } catch {
      throw new InvalidRequest('The request body could not be read.');
    }
    const params = parseTokenBody(c.req.header('content-type'), text);
    const grantType = params.string('grant_type');
    if (grantType === JWT_BEARER) {
      throw new UnsupportedGrantType('The emulator does not implement the JWT bearer grant yet.');
    }
    const grant = grantType === undefined ? undefined : grants.get(grantType);
    if (!grant) throw new UnsupportedGrantType();
    const vhost = vhostOf(c, 'auth');
    const client = authenticateClient(ctx, vhost.tssd, params);
    noteClientId(c, client.integration.clientId);
    if (!grant.clientTypes.has(client.integration.type)) throw new UnauthorizedClient();
    const usage = usageSink(c.req.raw, ctx.usage);
    const body = await grant.handler({ ctx, vhost, client, params: params.only(grant.parameters), usage });
    return c.json(body, 200, { 'cache-control': 'no-store', pragma: 'no-cache' });
  });
  return app;
}
