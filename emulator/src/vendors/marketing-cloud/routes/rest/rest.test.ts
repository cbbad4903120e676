import { describe, expect, it } from 'vitest';
import { ERROR_HANDLING_DOC } from '../../faults.js';
import { CHILD, ENT, REST, TSSD } from '../../testing/fixtures.js';
import {
  addCustomerTenant,
  admin,
  bearer,
  CUSTOMER_REST,
  instanceSetup,
  jsonPost,
} from '../../testing/instance-fixtures.js';

const NOT_AUTHORIZED = { documentation: ERROR_HANDLING_DOC, errorcode: 0, message: 'Not Authorized' };
const FORBIDDEN = {
  documentation: ERROR_HANDLING_DOC,
  errorcode: 20002,
  message: 'Insufficient privileges to complete this action.',
};

describe('REST instance: platform routes', () => {
  it('tokenContext reports the BU the token was issued for; endpoints list the instance URLs', async () => {
    // GIVEN a token for the child BU
    const s = await instanceSetup();
    const token = await s.token(undefined, CHILD);
    // WHEN the platform routes are called
    const ctxRes = await s.app.request(`${REST}/platform/v1/tokenContext`, bearer(token));
    const eps = await s.app.request(`${REST}/platform/v1/endpoints`, bearer(token));
    const soap = await s.app.request(`${REST}/platform/v1/endpoints/soap`, bearer(token));
    const unknown = await s.app.request(`${REST}/platform/v1/endpoints/foobar`, bearer(token));
    // THEN
    expect(await ctxRes.json()).toEqual({
      enterprise: { id: ENT },
      organization: { id: CHILD },
      user: { id: expect.any(Number) },
    });
    expect(await eps.json()).toEqual({
      page: 1,
      pageSize: 3,
      count: 3,
      items: [
        { type: 'ftp', url: `ftp://${TSSD}.ftp.marketingcloudops.com` },
        { type: 'rest', url: `${REST}/` },
        { type: 'soap', url: `http://localhost/${TSSD}.soap.marketingcloudapis.com/Service.asmx` },
      ],
    });
    expect(await soap.json()).toEqual({
      type: 'soap',
      url: `http://localhost/${TSSD}.soap.marketingcloudapis.com/Service.asmx`,
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      documentation: '',
      errorcode: 30003,
      message: "No endpoint exists for key 'foobar'.",
    });
  });

  it('answers 401 Not Authorized with WWW-Authenticate invalid_token for a missing, bad or expired token', async () => {
    // GIVEN a valid token
    const s = await instanceSetup();
    const token = await s.token();
    const url = `${REST}/data/v1/customobjectdata/key/orders/rowset`;
    // WHEN it is missing, tampered with, or the clock passes its 20-minute life
    const missing = await s.app.request(url);
    const bad = await s.app.request(url, bearer(`${token.slice(0, -4)}AAAA`));
    await admin(s.app, 'POST', '/clock', { advanceSeconds: 1200 });
    const expired = await s.app.request(url, bearer(token));
    // THEN every one is the documented 401
    for (const res of [missing, bad, expired]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer\s.+?invalid_token/);
      expect(await res.json()).toEqual(NOT_AUTHORIZED);
    }
  });
});

describe('REST instance: scope-enforced resources', () => {
  it('sends an email with email_send and reads it back; without the scope → 403 20002', async () => {
    const s = await instanceSetup();
    const token = await s.token();
    const send = await s.app.request(
      `${REST}/messaging/v1/email/messages/msg-1`,
      jsonPost(token, { definitionKey: 'welcome', recipient: { contactKey: 'c1', to: 'c1@example.com' } }),
    );
    expect(send.status).toBe(202);
    const sent = (await send.json()) as { requestId: string };
    expect(sent).toEqual({ requestId: expect.any(String), errorcode: 0, responses: [{ messageKey: 'msg-1' }] });
    const read = await s.app.request(`${REST}/messaging/v1/email/messages/msg-1`, bearer(token));
    expect(await read.json()).toEqual({
      requestId: sent.requestId,
      eventCategoryType: 'TransactionalSendEvents.EmailSent',
      timestamp: '2026-01-01T00:00:00.000Z',
      compositeId: `${sent.requestId}.msg-1`,
      info: { messageKey: 'msg-1', contactKey: 'c1', to: 'c1@example.com' },
    });
    // a token without email_send
    const readOnly = await s.token('email_read data_extensions_read');
    const denied = await s.app.request(
      `${REST}/messaging/v1/email/messages/msg-2`,
      jsonPost(readOnly, { definitionKey: 'welcome', recipient: { contactKey: 'c1' } }),
    );
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual(FORBIDDEN);
    const batch = await s.app.request(
      `${REST}/messaging/v1/email/messages`,
      jsonPost(token, {
        definitionKey: 'welcome',
        recipients: [
          { contactKey: 'a', messageKey: 'b1' },
          { to: 'x@example.com', messageKey: 'b2' },
        ],
      }),
    );
    expect(await batch.json()).toEqual({
      requestId: expect.any(String),
      errorcode: 0,
      responses: [{ messageKey: 'b1' }, { messageKey: 'b2' }],
    });
    const invalid = await s.app.request(`${REST}/messaging/v1/email/messages/m3`, jsonPost(token, { recipient: {} }));
    expect(await invalid.json()).toEqual({
      documentation: ERROR_HANDLING_DOC,
      errorcode: 10000,
      message: 'definitionKey is required.',
    });
  });

  it('writes data extension rows (async and sync upsert) and reads them back; scopes are enforced both ways', async () => {
    const s = await instanceSetup();
    const token = await s.token();
    const async = await s.app.request(
      `${REST}/data/v1/async/dataextensions/key:Orders/rows`,
      jsonPost(token, { items: [{ OrderId: '1', Total: 10 }] }),
    );
    expect(async.status).toBe(202);
    expect(await async.json()).toEqual({ requestId: expect.any(String), resultMessages: [] });
    const sync = await s.app.request(
      `${REST}/hub/v1/dataevents/key:orders/rowset`,
      jsonPost(token, [{ keys: { OrderId: '2' }, values: { Total: 20 } }]),
    );
    expect(sync.status).toBe(200);
    await s.app.request(
      `${REST}/hub/v1/dataevents/key:orders/rowset`,
      jsonPost(token, [{ keys: { OrderId: '2' }, values: { Total: 25 } }]),
    );
    const read = await s.app.request(`${REST}/data/v1/customobjectdata/key/ORDERS/rowset`, bearer(token));
    expect(await read.json()).toEqual({
      links: { self: '/v1/customobjectdata/key/orders/rowset?$page=1' },
      customObjectId: expect.any(String),
      customObjectKey: 'orders',
      pageSize: 2500,
      page: 1,
      count: 2,
      items: [
        { keys: {}, values: { orderid: '1', total: 10 } },
        { keys: { orderid: '2' }, values: { orderid: '2', total: 25 } },
      ],
    });
    const readOnly = await s.token('data_extensions_read');
    const writeDenied = await s.app.request(
      `${REST}/data/v1/async/dataextensions/key:orders/rows`,
      jsonPost(readOnly, { items: [{ OrderId: '3' }] }),
    );
    expect(writeDenied.status).toBe(403);
    expect(await writeDenied.json()).toEqual(FORBIDDEN);
    const writeOnly = await s.token('data_extensions_write');
    const readDenied = await s.app.request(`${REST}/data/v1/customobjectdata/key/orders/rowset`, bearer(writeOnly));
    expect(await readDenied.json()).toEqual(FORBIDDEN);
    const unknown = await s.app.request(`${REST}/data/v1/customobjectdata/key/nope/rowset`, bearer(token));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      documentation: '',
      errorcode: 404,
      message: "No data extension with key 'nope'.",
    });
  });

  it('creates assets under the scope of their type and reads them back', async () => {
    const s = await instanceSetup();
    const token = await s.token();
    const html = await s.app.request(
      `${REST}/asset/v1/content/assets`,
      jsonPost(token, { name: 'Welcome', assetType: { id: 208, name: 'htmlemail' }, customerKey: 'welcome' }),
    );
    expect(html.status).toBe(201);
    const created = (await html.json()) as { id: number };
    expect(created).toEqual({
      id: expect.any(Number),
      customerKey: 'welcome',
      objectID: expect.any(String),
      name: 'Welcome',
      assetType: { id: 208, name: 'htmlemail' },
      createdDate: '2026-01-01T00:00:00.000Z',
      modifiedDate: '2026-01-01T00:00:00.000Z',
    });
    const read = await s.app.request(`${REST}/asset/v1/content/assets/${created.id}`, bearer(token));
    expect(await read.json()).toEqual(created);
    // images need documents_and_images_write
    const contentOnly = await s.token('saved_content_write saved_content_read');
    const image = await s.app.request(
      `${REST}/asset/v1/content/assets`,
      jsonPost(contentOnly, { name: 'Logo', assetType: { id: 28, name: 'png' } }),
    );
    expect(image.status).toBe(403);
    expect(await image.json()).toEqual(FORBIDDEN);
    const png = (await (
      await s.app.request(
        `${REST}/asset/v1/content/assets`,
        jsonPost(token, { name: 'Logo', assetType: { id: 28, name: 'png' } }),
      )
    ).json()) as { id: number };
    // a saved-content-only token lists only what it may read and cannot open the image
    const list = (await (await s.app.request(`${REST}/asset/v1/content/assets`, bearer(contentOnly))).json()) as {
      count: number;
    };
    expect(list.count).toBe(1);
    expect((await s.app.request(`${REST}/asset/v1/content/assets/${png.id}`, bearer(contentOnly))).status).toBe(403);
    const none = await s.token('email_read');
    expect((await s.app.request(`${REST}/asset/v1/content/assets`, bearer(none))).status).toBe(403);
  });

  it('upserts contacts with list_and_subscribers_write and reads them with _read', async () => {
    const s = await instanceSetup();
    const token = await s.token();
    const body = { contactKey: 'Alice', attributeSets: [{ name: 'Email Addresses', items: [{ values: [] }] }] };
    const first = await s.app.request(`${REST}/contacts/v1/contacts`, jsonPost(token, body));
    expect(await first.json()).toEqual({
      operationStatus: 'OK',
      rowsAffected: 1,
      contactKey: 'Alice',
      contactId: expect.any(Number),
      contactTypeId: 0,
      isNewContactKey: true,
      requestServiceMessageID: expect.any(String),
      hasErrors: false,
      resultMessages: [],
      serviceMessageID: expect.any(String),
    });
    const again = (await (await s.app.request(`${REST}/contacts/v1/contacts`, jsonPost(token, body))).json()) as {
      isNewContactKey: boolean;
    };
    expect(again.isNewContactKey).toBe(false);
    const reader = await s.token('list_and_subscribers_read');
    const read = await s.app.request(`${REST}/contacts/v1/contacts/key:Alice`, bearer(reader));
    expect(await read.json()).toEqual({
      contactKey: 'Alice',
      contactId: expect.any(Number),
      attributeSets: body.attributeSets,
    });
    const denied = await s.app.request(`${REST}/contacts/v1/contacts`, jsonPost(reader, body));
    expect(await denied.json()).toEqual(FORBIDDEN);
  });

  it('keeps data per business unit and per tenant: a token never reaches another BU or tenant', async () => {
    // GIVEN rows written with an enterprise-BU token
    const s = await instanceSetup();
    await addCustomerTenant(s.app);
    const ent = await s.token(undefined, ENT);
    await s.app.request(`${REST}/data/v1/async/dataextensions/key:orders/rows`, jsonPost(ent, { items: [{ a: 1 }] }));
    // WHEN a child-BU token reads the same key, and the enterprise token calls another tenant's REST host
    const child = await s.token(undefined, CHILD);
    const fromChild = await s.app.request(`${REST}/data/v1/customobjectdata/key/orders/rowset`, bearer(child));
    const foreign = await s.app.request(`${CUSTOMER_REST}/platform/v1/tokenContext`, bearer(ent));
    // THEN the child BU does not see the enterprise BU's data, and the other tenant refuses the token
    expect(fromChild.status).toBe(404);
    expect(foreign.status).toBe(401);
    expect(await foreign.json()).toEqual(NOT_AUTHORIZED);
  });
});
