import { describe, expect, it } from 'vitest';
import { API, setupCtct, userTokens } from './test-fixtures.js';

const get = (s: Awaited<ReturnType<typeof setupCtct>>, path: string, token?: string) =>
  s.app.request(`${API}${path}`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

describe('Constant Contact v3 API', () => {
  it('answers /v3/account/summary with account_read', async () => {
    const s = await setupCtct();
    const { access_token } = await userTokens(s, 'account_read');
    const res = await get(s, '/v3/account/summary', access_token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      encoded_account_id: s.bakery.encodedAccountId,
      first_name: '',
      last_name: '',
      contact_email: 'owner@bakery.example',
      contact_phone: '',
      country_code: 'US',
      state_code: 'MA',
      organization_name: 'bakery',
      time_zone_id: 'US/Eastern',
      website: '',
    });
  });

  it('creates, lists and reads contacts with contact_data; 409 on a duplicate email; 400 lists every problem', async () => {
    const s = await setupCtct({ constantContact: { rateLimits: false } });
    const { access_token } = await userTokens(s, 'contact_data');
    const post = (body: unknown) =>
      s.app.request(`${API}/v3/contacts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const created = await post({
      email_address: { address: 'ann@example.com', permission_to_send: 'implicit' },
      first_name: 'Ann',
      create_source: 'Account',
    });
    expect(created.status).toBe(201);
    const contact = (await created.json()) as { contact_id: string };
    expect(contact).toMatchObject({
      email_address: { address: 'ann@example.com' },
      first_name: 'Ann',
      create_source: 'Account',
    });
    expect((await (await get(s, `/v3/contacts/${contact.contact_id}`, access_token)).json()) as object).toEqual(
      contact,
    );
    expect(await (await get(s, '/v3/contacts', access_token)).json()).toEqual({
      contacts: [contact],
      contacts_count: 1,
      _links: {},
    });
    const dup = await post({ email_address: { address: 'ANN@example.com' }, create_source: 'Contact' });
    expect(dup.status).toBe(409);
    expect(await dup.json()).toEqual([
      {
        error_key: 'contacts.api.conflict',
        error_message: `Validation failed: Email already exists for contact ${contact.contact_id}`,
      },
    ]);
    const bad = await post({ email_address: {}, first_name: 3 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as unknown[]).length).toBe(3);
    const missing = await get(s, '/v3/contacts/nope', access_token);
    expect(missing.status).toBe(404);
  });

  it('refuses a missing scope with 403 and a bad token with 401, as JSON arrays', async () => {
    const s = await setupCtct();
    const { access_token } = await userTokens(s, 'account_read');
    const forbidden = await get(s, '/v3/contacts', access_token);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual([
      {
        error_key: 'forbidden',
        error_message: 'The access token does not include the scope required by this endpoint: contact_data.',
      },
    ]);
    for (const token of [undefined, 'garbage', `${access_token.slice(0, -4)}AAAA`]) {
      const res = await get(s, '/v3/account/summary', token);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual([{ error_key: 'unauthorized', error_message: 'Unauthorized' }]);
    }
    // expired after 24 h
    s.advance(86_400);
    expect((await get(s, '/v3/account/summary', access_token)).status).toBe(401);
  });

  it('limits 4 requests per second per API key (throttled) on the emulator clock', async () => {
    const s = await setupCtct();
    const { access_token } = await userTokens(s, 'account_read');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await get(s, '/v3/account/summary', access_token)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const res = await get(s, '/v3/account/summary', access_token);
    expect(await res.json()).toEqual([{ error_key: 'throttled', error_message: 'Too Many Requests' }]);
    s.advance(1);
    expect((await get(s, '/v3/account/summary', access_token)).status).toBe(200);
  });

  it('limits requests per day (quota_exceeded), resetting at 00:00 UTC, and can be switched off', async () => {
    // GIVEN a 3-per-day quota (10,000 by default)
    const s = await setupCtct({ constantContact: { requestsPerDay: 3 } });
    const { access_token } = await userTokens(s, 'account_read');
    for (let i = 0; i < 3; i++) {
      s.advance(1);
      expect((await get(s, '/v3/account/summary', access_token)).status).toBe(200);
    }
    s.advance(1);
    const over = await get(s, '/v3/account/summary', access_token);
    expect(over.status).toBe(429);
    expect(await over.json()).toEqual([{ error_key: 'quota_exceeded', error_message: 'Limit Exceeded' }]);
    // T0 is 12:00 UTC: 12 hours later is the next day
    s.advance(12 * 3600);
    expect((await get(s, '/v3/account/summary', access_token)).status).toBe(200);
    // WHEN switched off through the admin API
    const off = await s.app.request('/_emulator/ctct/settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rateLimits: false }),
    });
    expect(await off.json()).toEqual({ rateLimits: false });
    for (let i = 0; i < 10; i++) expect((await get(s, '/v3/account/summary', access_token)).status).toBe(200);
  });
});
