/**
 * @module
 * Transactional email sends (`email_send`): `POST /messaging/v1/email/messages/{messageKey}` (one
 * recipient), `POST /messaging/v1/email/messages` (batch) → 202 `{requestId, errorcode: 0,
 * responses: [{messageKey}]}`; `GET /messaging/v1/email/messages/{messageKey}` (`email_send` or
 * `email_read`) returns the send's status, so a read after a write sees it.
 */
import { Hono } from 'hono';
import type { McContext } from '../../context.js';
import type { EmailSendRecord } from '../../store/instance-data.js';
import { badRequest, enforceScope, isObject, jsonBody, notFoundRest, restBearer, restRequirement } from './auth.js';

const SEND_ONE = restRequirement('POST /messaging/v1/email/messages/{messageKey}');
const SEND_BATCH = restRequirement('POST /messaging/v1/email/messages');
const READ = restRequirement('GET /messaging/v1/email/messages/{messageKey}');

interface Recipient {
  contactKey: string;
  to: string;
  attributes: Record<string, unknown>;
  messageKey: string | undefined;
}

function recipient(v: unknown, path: string): Recipient {
  if (!isObject(v)) throw badRequest(`${path} must be an object.`);
  const contactKey = typeof v.contactKey === 'string' ? v.contactKey : '';
  const to = typeof v.to === 'string' ? v.to : '';
  if (contactKey === '' && to === '') throw badRequest(`${path} needs a contactKey or a to address.`);
  return {
    contactKey: contactKey || to,
    to,
    attributes: isObject(v.attributes) ? v.attributes : {},
    messageKey: typeof v.messageKey === 'string' ? v.messageKey : undefined,
  };
}

export function messagingRoutes(ctx: McContext): Hono {
  const app = new Hono();

  const send = (tenant: string, mid: number, definitionKey: string, r: Recipient, messageKey: string) => {
    const data = ctx.data.bu(tenant, mid);
    if (data.sends.some((s) => s.messageKey.toLowerCase() === messageKey.toLowerCase())) {
      throw badRequest(`A message with key '${messageKey}' was already sent.`);
    }
    const record: EmailSendRecord = {
      messageKey,
      definitionKey,
      contactKey: r.contactKey,
      to: r.to,
      attributes: r.attributes,
      requestId: ctx.options.randomId(),
      createdAt: ctx.nowMs(),
    };
    data.sends.push(record);
    return record;
  };
  const definitionKeyOf = (body: unknown): string => {
    if (!isObject(body) || typeof body.definitionKey !== 'string' || body.definitionKey === '') {
      throw badRequest('definitionKey is required.');
    }
    return body.definitionKey;
  };

  app.post('/messaging/v1/email/messages/:messageKey', async (c) => {
    const bearer = await restBearer(ctx, c);
    enforceScope(ctx, bearer, SEND_ONE);
    const body = await jsonBody(c);
    const definitionKey = definitionKeyOf(body);
    const r = recipient(isObject(body) ? body.recipient : undefined, 'recipient');
    const { record } = bearer;
    const sent = send(record.tenant, record.mid, definitionKey, r, c.req.param('messageKey'));
    return c.json({ requestId: sent.requestId, errorcode: 0, responses: [{ messageKey: sent.messageKey }] }, 202);
  });

  app.post('/messaging/v1/email/messages', async (c) => {
    const bearer = await restBearer(ctx, c);
    enforceScope(ctx, bearer, SEND_BATCH);
    const body = await jsonBody(c);
    const definitionKey = definitionKeyOf(body);
    const list = isObject(body) && Array.isArray(body.recipients) ? body.recipients : null;
    if (!list || list.length === 0) throw badRequest('recipients must be a non-empty array.');
    const recipients = list.map((v, i) => recipient(v, `recipients[${i}]`));
    const requestId = ctx.options.randomId();
    const responses = recipients.map((r) => {
      const key = r.messageKey ?? ctx.options.randomId();
      send(bearer.record.tenant, bearer.record.mid, definitionKey, r, key);
      return { messageKey: key };
    });
    return c.json({ requestId, errorcode: 0, responses }, 202);
  });

  app.get('/messaging/v1/email/messages/:messageKey', async (c) => {
    const bearer = await restBearer(ctx, c);
    enforceScope(ctx, bearer, READ);
    const key = c.req.param('messageKey');
    const sent = ctx.data
      .bu(bearer.record.tenant, bearer.record.mid)
      .sends.find((s) => s.messageKey.toLowerCase() === key.toLowerCase());
    if (!sent) throw notFoundRest(`No message with key '${key}'.`);
    return c.json({
      requestId: sent.requestId,
      eventCategoryType: 'TransactionalSendEvents.EmailSent',
      timestamp: new Date(sent.createdAt).toISOString(),
      compositeId: `${sent.requestId}.${sent.messageKey}`,
      info: { messageKey: sent.messageKey, contactKey: sent.contactKey, to: sent.to },
    });
  });
  return app;
}
