/**
 * @module
 * Contacts (scopes: `@grantform/config/scope-requirements`):
 * - `POST /contacts/v1/contacts` `{contactKey, attributeSets}` → 200 the vendor's operation status
 * - `GET /contacts/v1/contacts/key:{contactKey}` → `{contactKey, contactId, attributeSets}`
 *   (emulator read-back route; the vendor reads contacts through search APIs)
 */
import { Hono } from 'hono';
import type { McContext } from '../../context.js';
import { badRequest, enforceScope, isObject, jsonBody, notFoundRest, restBearer, restRequirement } from './auth.js';

const UPSERT = restRequirement('POST /contacts/v1/contacts');
const READ = restRequirement('GET /contacts/v1/contacts/{ref}');

export function contactRoutes(ctx: McContext): Hono {
  const app = new Hono();

  app.post('/contacts/v1/contacts', async (c) => {
    const bearer = await restBearer(ctx, c);
    enforceScope(ctx, bearer, UPSERT);
    const body = await jsonBody(c);
    if (!isObject(body) || typeof body.contactKey !== 'string' || body.contactKey === '') {
      throw badRequest('contactKey is required.');
    }
    const attributeSets = Array.isArray(body.attributeSets) ? body.attributeSets : [];
    const contacts = ctx.data.bu(bearer.record.tenant, bearer.record.mid).contacts;
    const key = body.contactKey;
    let contact = contacts.find((x) => x.contactKey === key);
    const isNew = contact === undefined;
    if (contact) contact.attributeSets = attributeSets;
    else {
      contact = { contactKey: key, contactId: ctx.data.id(), attributeSets, createdAt: ctx.nowMs() };
      contacts.push(contact);
    }
    const id = ctx.options.randomId();
    return c.json({
      operationStatus: 'OK',
      rowsAffected: 1,
      contactKey: contact.contactKey,
      contactId: contact.contactId,
      contactTypeId: 0,
      isNewContactKey: isNew,
      requestServiceMessageID: id,
      hasErrors: false,
      resultMessages: [],
      serviceMessageID: id,
    });
  });

  app.get('/contacts/v1/contacts/:ref', async (c) => {
    const bearer = await restBearer(ctx, c);
    enforceScope(ctx, bearer, READ);
    const ref = decodeURIComponent(c.req.param('ref'));
    const key = ref.startsWith('key:') ? ref.slice(4) : ref;
    const contacts = ctx.data.bu(bearer.record.tenant, bearer.record.mid).contacts;
    // fuel-rest lower-cases paths, so keys compare case-insensitively.
    const contact = contacts.find((x) => x.contactKey.toLowerCase() === key.toLowerCase());
    if (!contact) throw notFoundRest(`No contact with key '${key}'.`);
    return c.json({
      contactKey: contact.contactKey,
      contactId: contact.contactId,
      attributeSets: contact.attributeSets,
    });
  });
  return app;
}
