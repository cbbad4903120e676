/**
 * @module
 * Data extension rows (scopes: `@grantform/config/scope-requirements`):
 * - `POST /data/v1/async/dataextensions/key:{key}/rows` `{items:[{…}]}` → 202 `{requestId, resultMessages: []}`
 * - `POST /hub/v1/dataevents/key:{key}/rowset` `[{keys, values}]` → 200, the rows echoed (upsert by keys)
 * - `GET /data/v1/customobjectdata/key/{key}/rowset` → the rows written so far, field names lower-cased
 *   as the vendor returns them; an unknown key → 404.
 * A data extension appears on its first write. Keys are case-insensitive (fuel-rest lower-cases paths).
 */
import { Hono } from 'hono';
import type { McContext } from '../../context.js';
import type { DataExtensionRecord, DataExtensionRow } from '../../store/instance-data.js';
import type { BearerContext } from '../../tokens.js';
import { badRequest, enforceScope, isObject, jsonBody, notFoundRest, restBearer, restRequirement } from './auth.js';

const INSERT = restRequirement('POST /data/v1/async/dataextensions/{ref}/rows');
const UPSERT = restRequirement('POST /hub/v1/dataevents/{ref}/rowset');
const READ = restRequirement('GET /data/v1/customobjectdata/key/{key}/rowset');

const lower = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));

function keyOf(ref: string): string {
  const key = ref.startsWith('key:') ? ref.slice(4) : ref;
  if (key === '') throw badRequest('The data extension key is empty.');
  return decodeURIComponent(key).toLowerCase();
}

export function dataExtensionRoutes(ctx: McContext): Hono {
  const app = new Hono();
  const extension = (b: BearerContext, key: string, create: boolean): DataExtensionRecord | undefined => {
    const data = ctx.data.bu(b.record.tenant, b.record.mid);
    let de = data.dataExtensions.find((d) => d.key === key);
    if (!de && create) {
      de = { key, id: ctx.options.randomId(), rows: [] };
      data.dataExtensions.push(de);
    }
    return de;
  };
  const upsert = (de: DataExtensionRecord, row: DataExtensionRow) => {
    const keys = JSON.stringify(row.keys);
    const i = Object.keys(row.keys).length === 0 ? -1 : de.rows.findIndex((r) => JSON.stringify(r.keys) === keys);
    if (i >= 0) de.rows[i] = { keys: row.keys, values: { ...de.rows[i]?.values, ...row.values } };
    else de.rows.push(row);
  };

  app.post('/data/v1/async/dataextensions/:ref/rows', async (c) => {
    const bearer = await restBearer(ctx, c);
    enforceScope(ctx, bearer, INSERT);
    const body = await jsonBody(c);
    const items = isObject(body) && Array.isArray(body.items) ? body.items : null;
    if (!items || items.length === 0 || !items.every(isObject))
      throw badRequest('items must be a non-empty array of objects.');
    const de = extension(bearer, keyOf(c.req.param('ref')), true)!;
    for (const item of items) de.rows.push({ keys: {}, values: lower(item) });
    return c.json({ requestId: ctx.options.randomId(), resultMessages: [] }, 202);
  });

  app.post('/hub/v1/dataevents/:ref/rowset', async (c) => {
    const bearer = await restBearer(ctx, c);
    enforceScope(ctx, bearer, UPSERT);
    const body = await jsonBody(c);
    if (!Array.isArray(body) || body.length === 0)
      throw badRequest('The body must be a non-empty array of {keys, values}.');
    const rows = body.map((r, i) => {
      if (!isObject(r) || !isObject(r.keys)) throw badRequest(`Row ${i} needs a keys object.`);
      return { keys: lower(r.keys), values: isObject(r.values) ? lower(r.values) : {} };
    });
    const de = extension(bearer, keyOf(c.req.param('ref')), true)!;
    for (const row of rows) upsert(de, row);
    return c.json(body);
  });

  app.get('/data/v1/customobjectdata/key/:key/rowset', async (c) => {
    const bearer = await restBearer(ctx, c);
    enforceScope(ctx, bearer, READ);
    const key = keyOf(c.req.param('key'));
    const de = extension(bearer, key, false);
    if (!de) throw notFoundRest(`No data extension with key '${key}'.`);
    const items = de.rows.map((r) => ({ keys: r.keys, values: { ...r.keys, ...r.values } }));
    return c.json({
      links: { self: `/v1/customobjectdata/key/${key}/rowset?$page=1` },
      customObjectId: de.id,
      customObjectKey: key,
      pageSize: 2500,
      page: 1,
      count: items.length,
      items,
    });
  });
  return app;
}
