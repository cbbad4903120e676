/**
 * @module
 * `GET /v2/userinfo` (vendor-endpoints §1.6): the nested `user` / `organization` / `rest` /
 * `application` shape. A client_credentials token answers as the package's "app user" (emulator
 * choice; the vendor creates such a user per package).
 */
import { Hono } from 'hono';
import { noteClientId } from '../../../pipeline.js';
import { usageSink } from '../../../usage/probe.js';
import type { McContext } from '../context.js';
import { InvalidToken } from '../errors.js';
import { hostBase, vhostOf } from '../hosts.js';
import { verifyBearer } from '../tokens.js';

const TIMEZONE = { longName: '(GMT-06:00) Central Time (US & Canada)', shortName: 'CST', offset: -6, dst: true };

export function userinfoRoutes(ctx: McContext): Hono {
  const app = new Hono();
  app.get('/v2/userinfo', async (c) => {
    const vhost = vhostOf(c, 'auth');
    const bearer = await verifyBearer(ctx, c.req.header('authorization'), vhost.tssd, usageSink(c.req.raw, ctx.usage));
    if (!bearer) throw new InvalidToken();
    const { record, pkg, tenant } = bearer;
    noteClientId(c, record.clientId);
    const user = record.userId === null ? undefined : ctx.store.userById(tenant.subdomain, record.userId);
    const bu = tenant.businessUnits.find((b) => b.mid === record.mid);
    return c.json({
      exp: Math.floor(record.expiresAt / 1000),
      iss: 'https://mc.exacttarget.com',
      user: {
        sub: user?.id ?? pkg.appUserId,
        name: user?.name ?? `${pkg.name} app user`,
        preferred_username: user?.username ?? `app-user-${pkg.appUserId}@${tenant.name}`,
        email: user?.email ?? '',
        locale: 'en-US',
        zoneinfo: 'America/Chicago',
        timezone: TIMEZONE,
      },
      organization: {
        member_id: record.mid,
        enterprise_id: tenant.enterpriseMid,
        enterprise_name: tenant.name,
        account_type: record.mid === tenant.enterpriseMid ? 'enterprise' : 'business_unit',
        business_unit_name: bu?.name ?? '',
        stack_key: tenant.stackKey,
        region: 'NA1',
        locale: 'en-US',
        zoneinfo: 'America/Chicago',
        timezone: TIMEZONE,
      },
      rest: { rest_instance_url: hostBase(vhost, 'rest'), soap_instance_url: hostBase(vhost, 'soap') },
      application: {
        id: pkg.id,
        name: pkg.name,
        redirectUrl: pkg.integration?.redirectUris ?? [],
        appScopes: ['openid', ...(pkg.integration?.scopes ?? [])],
      },
      permissions: [],
    });
  });
  return app;
}
