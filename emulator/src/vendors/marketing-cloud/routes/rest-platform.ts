/**
 * @module
 * The minimal REST instance routes the auth flow needs (vendor-endpoints §1.8):
 * `GET /platform/v1/tokenContext`, `GET /platform/v1/endpoints` and `GET /platform/v1/endpoints/{type}`.
 * Every other REST route is a later issue and answers 404 in the REST error shape.
 */
import type { ScopeRequirement } from '@grantform/config/scope-requirements';
import { type Context, Hono } from 'hono';
import { noteClientId } from '../../../pipeline.js';
import { usageSink } from '../../../usage/probe.js';
import type { McContext } from '../context.js';
import { REST_NOT_AUTHORIZED, RestError } from '../errors.js';
import { hostBase, vhostOf } from '../hosts.js';
import { type BearerContext, verifyBearer } from '../tokens.js';
import { enforceScope, restRequirement } from './rest/auth.js';

const TOKEN_CONTEXT = restRequirement('GET /platform/v1/tokenContext');
const ENDPOINTS = restRequirement('GET /platform/v1/endpoints');
const ENDPOINT = restRequirement('GET /platform/v1/endpoints/{type}');

export function restRoutes(ctx: McContext): Hono {
  const app = new Hono();
  /** The caller's token, or the documented 401; names the client for the request log. */
  const bearer = async (c: Context, requirement: ScopeRequirement): Promise<BearerContext> => {
    const b = await verifyBearer(
      ctx,
      c.req.header('authorization'),
      vhostOf(c, 'rest').tssd,
      usageSink(c.req.raw, ctx.usage),
    );
    if (!b) throw REST_NOT_AUTHORIZED();
    noteClientId(c, b.record.clientId);
    enforceScope(ctx, b, requirement);
    return b;
  };
  const endpoints = (c: Parameters<typeof vhostOf>[0]) => {
    const vhost = vhostOf(c, 'rest');
    return [
      { type: 'ftp', url: `ftp://${vhost.tssd}.ftp.marketingcloudops.com` },
      { type: 'rest', url: hostBase(vhost, 'rest') },
      { type: 'soap', url: `${hostBase(vhost, 'soap')}Service.asmx` },
    ];
  };

  app.get('/platform/v1/tokencontext', async (c) => {
    const { record, tenant } = await bearer(c, TOKEN_CONTEXT);
    const userId = Number(record.userId ?? ctx.store.package(record.packageId)?.appUserId ?? 0);
    return c.json({ enterprise: { id: tenant.enterpriseMid }, organization: { id: record.mid }, user: { id: userId } });
  });
  app.get('/platform/v1/endpoints', async (c) => {
    await bearer(c, ENDPOINTS);
    const items = endpoints(c);
    return c.json({ page: 1, pageSize: items.length, count: items.length, items });
  });
  app.get('/platform/v1/endpoints/:type', async (c) => {
    await bearer(c, ENDPOINT);
    const type = c.req.param('type');
    const item = endpoints(c).find((e) => e.type === type);
    if (!item) throw new RestError(404, 30003, `No endpoint exists for key '${type}'.`);
    return c.json(item);
  });
  app.all('*', () => {
    throw new RestError(404, 404, 'The emulator does not implement this REST route yet.');
  });
  return app;
}
