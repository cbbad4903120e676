/**
 * @module
 * Content Builder assets. The scope depends on the asset type: images and documents need
 * `documents_and_images_read|write`, everything else `saved_content_read|write` (the `cases` of
 * these routes in `@grantform/config/scope-requirements`).
 * - `POST /asset/v1/content/assets` `{name, assetType: {id?, name}, content?, customerKey?}` → 201 the asset
 * - `GET /asset/v1/content/assets/{id}` → the asset (403 when the token cannot read its type)
 * - `GET /asset/v1/content/assets` → `{count, page, pageSize, items}`: the assets the token may read
 */

import { grantingScope } from '@grantform/config/scope-requirements';
import { Hono } from 'hono';
import type { McContext } from '../../context.js';
import type { AssetRecord } from '../../store/instance-data.js';
import type { BearerContext } from '../../tokens.js';
import { badRequest, enforceScope, isObject, jsonBody, notFoundRest, restBearer, restRequirement } from './auth.js';

const CREATE = restRequirement('POST /asset/v1/content/assets');
const READ_ONE = restRequirement('GET /asset/v1/content/assets/{id}');
const LIST = restRequirement('GET /asset/v1/content/assets');

/** Asset type names that are images or documents (the vendor's asset type catalog, abridged). */
const FILE_TYPES = new Set([
  'ai',
  'psd',
  'pdd',
  'eps',
  'gif',
  'jpe',
  'jpeg',
  'jpg',
  'jp2',
  'jpx',
  'pict',
  'pct',
  'png',
  'tif',
  'tiff',
  'tga',
  'bmp',
  'wmf',
  'vsd',
  'pnm',
  'pgm',
  'pbm',
  'ppm',
  'svg',
  'webp',
  'ico',
  'image',
  'document',
  'pdf',
  'doc',
  'docx',
  'ppt',
  'pptx',
  'xls',
  'xlsx',
  'txt',
  'csv',
  'rtf',
  'zip',
  'json',
  'xml',
]);

/** The requirement case of an asset type. */
const family = (typeName: string) =>
  FILE_TYPES.has(typeName.toLowerCase()) ? 'documents-and-images' : ('saved-content' as const);

const canRead = (b: BearerContext, a: AssetRecord) =>
  grantingScope(READ_ONE, b.record.scopes, family(a.assetType.name)) !== null;

export function assetRoutes(ctx: McContext): Hono {
  const app = new Hono();
  const assets = (b: BearerContext) => ctx.data.bu(b.record.tenant, b.record.mid).assets;

  app.post('/asset/v1/content/assets', async (c) => {
    const bearer = await restBearer(ctx, c);
    const body = await jsonBody(c);
    if (!isObject(body) || typeof body.name !== 'string' || body.name === '') throw badRequest('name is required.');
    const type = body.assetType;
    if (!isObject(type) || typeof type.name !== 'string' || type.name === '') {
      throw badRequest('assetType.name is required.');
    }
    enforceScope(ctx, bearer, CREATE, family(type.name));
    const list = assets(bearer);
    const customerKey = typeof body.customerKey === 'string' && body.customerKey !== '' ? body.customerKey : undefined;
    if (customerKey !== undefined && list.some((a) => a.customerKey === customerKey)) {
      throw badRequest(`Asset with customerKey '${customerKey}' already exists.`);
    }
    const now = new Date(ctx.nowMs()).toISOString();
    const asset: AssetRecord = {
      id: ctx.data.id(),
      customerKey: customerKey ?? ctx.options.randomId(),
      objectID: ctx.options.randomId(),
      name: body.name,
      assetType: { id: typeof type.id === 'number' ? type.id : 0, name: type.name },
      ...(typeof body.content === 'string' ? { content: body.content } : {}),
      createdDate: now,
      modifiedDate: now,
    };
    list.push(asset);
    return c.json(asset, 201);
  });

  app.get('/asset/v1/content/assets/:id', async (c) => {
    const bearer = await restBearer(ctx, c);
    const id = Number(c.req.param('id'));
    const asset = assets(bearer).find((a) => a.id === id);
    if (!asset) {
      enforceScope(ctx, bearer, READ_ONE);
      throw notFoundRest(`No asset with id ${c.req.param('id')}.`);
    }
    enforceScope(ctx, bearer, READ_ONE, family(asset.assetType.name));
    return c.json(asset);
  });

  app.get('/asset/v1/content/assets', async (c) => {
    const bearer = await restBearer(ctx, c);
    enforceScope(ctx, bearer, LIST);
    const items = assets(bearer).filter((a) => canRead(bearer, a));
    return c.json({ count: items.length, page: 1, pageSize: 50, links: {}, items });
  });
  return app;
}
