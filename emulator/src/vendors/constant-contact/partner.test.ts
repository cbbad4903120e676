import { describe, expect, it } from 'vitest';
import { API, AUTHZ, basic, COGNITO, PARTNER_API_KEY, setupCtct, userTokens } from './test-fixtures.js';

type Setup = Awaited<ReturnType<typeof setupCtct>>;

async function partnerToken(s: Setup): Promise<string> {
  const res = await s.app.request(`${COGNITO}/oauth2/token?grant_type=client_credentials&scope=v3api/general.partner`, {
    method: 'POST',
    headers: {
      authorization: basic(s.partner.partnerClientId, s.partner.partnerSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

const partnerCall = (
  s: Setup,
  token: string,
  path: string,
  init: { method?: string; body?: unknown; apiKey?: string | null } = {},
) =>
  s.app.request(`${API}/v3/partner${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.apiKey === null ? {} : { 'x-api-key': init.apiKey ?? PARTNER_API_KEY }),
      'content-type': 'application/json',
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });

describe('Constant Contact partner token', () => {
  it('issues a 1-hour, non-refreshable token with Basic auth and an empty body', async () => {
    const s = await setupCtct();
    const res = await s.app.request(
      `${COGNITO}/oauth2/token?grant_type=client_credentials&scope=v3api/general.partner`,
      {
        method: 'POST',
        headers: {
          authorization: basic(s.partner.partnerClientId, s.partner.partnerSecret),
          'content-type': 'application/x-www-form-urlencoded',
        },
      },
    );
    expect(await res.json()).toEqual({ access_token: expect.any(String), expires_in: 3600, token_type: 'Bearer' });
  });

  it('answers 415 when a header is missing and invalid_client for bad credentials', async () => {
    const s = await setupCtct();
    const url = `${COGNITO}/oauth2/token?grant_type=client_credentials`;
    const auth = basic(s.partner.partnerClientId, s.partner.partnerSecret);
    expect((await s.app.request(url, { method: 'POST', headers: { authorization: auth } })).status).toBe(415);
    expect(
      (await s.app.request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } }))
        .status,
    ).toBe(415);
    const bad = await s.app.request(url, {
      method: 'POST',
      headers: {
        authorization: basic(s.partner.partnerClientId, 'wrong'),
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'invalid_client' });
  });

  it('is also issued by authz.constantcontact.com/partners/oauth2/default/v1/token', async () => {
    const s = await setupCtct();
    const res = await s.app.request(`${AUTHZ}/partners/oauth2/default/v1/token`, {
      method: 'POST',
      headers: {
        authorization: basic(s.partner.partnerClientId, s.partner.partnerSecret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(await res.json()).toEqual({
      access_token: expect.any(String),
      expires_in: 3600,
      token_type: 'Bearer',
      scope: 'v3api/general.partner',
    });
  });
});

describe('Constant Contact partner API', () => {
  it('needs both the bearer token and the x-api-key of the partner application', async () => {
    const s = await setupCtct();
    const token = await partnerToken(s);
    expect((await partnerCall(s, token, '/accounts', { apiKey: null })).status).toBe(401);
    expect((await partnerCall(s, token, '/accounts', { apiKey: s.newsletter.apiKey })).status).toBe(401);
    const user = await userTokens(s, 'account_read');
    const res = await partnerCall(s, user.access_token, '/accounts');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual([{ error_key: 'unauthorized', error_message: 'Unauthorized' }]);
    // the partner token lives one hour
    s.advance(3600);
    expect((await partnerCall(s, token, '/accounts')).status).toBe(401);
  });

  it('lists client accounts with account_type and validates the query', async () => {
    const s = await setupCtct();
    const token = await partnerToken(s);
    const all = (await (await partnerCall(s, token, '/accounts')).json()) as {
      site_owner_list: { encoded_account_id: string }[];
    };
    expect(all.site_owner_list.map((a) => a.encoded_account_id)).toEqual([
      s.bakery.encodedAccountId,
      s.florist.encodedAccountId,
    ]);
    const managed = (await (await partnerCall(s, token, '/accounts?account_type=managed')).json()) as {
      site_owner_list: unknown[];
      _links: object;
    };
    expect(managed).toEqual({
      site_owner_list: [
        {
          encoded_account_id: s.bakery.encodedAccountId,
          subscriber_count: 0,
          organization_name: 'bakery',
          site_owner_name: '',
          billing_status: 'Trial',
          last_login_date: null,
        },
      ],
      _links: {},
    });
    const bad = await partnerCall(s, token, '/accounts?limit=5&account_type=some');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual([
      { error_key: 'partner.api.validation.error', error_message: 'limit must be an integer from 10 to 50.' },
      {
        error_key: 'partner.api.validation.error',
        error_message: "account_type must be 'all', 'managed' or 'unmanaged'.",
      },
    ]);
  });

  it('creates client accounts: 400 with every problem, 201, then 409 for the same login name', async () => {
    const s = await setupCtct();
    const token = await partnerToken(s);
    const invalid = await partnerCall(s, token, '/accounts', {
      method: 'POST',
      body: { login_name: 'abc', country_code: 'usa' },
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual([
      { error_key: 'partner.api.validation.error', error_message: 'contact_email is required.' },
      { error_key: 'partner.api.validation.error', error_message: 'state_code is required.' },
      { error_key: 'partner.api.validation.error', error_message: 'country_code must be an ISO 3166-1 alpha-2 code.' },
      { error_key: 'partner.api.validation.error', error_message: 'login_name must be 6 to 50 characters.' },
      {
        error_key: 'partner.api.validation.error',
        error_message: 'password is required unless external_id and external_provider are given.',
      },
    ]);
    const body = {
      contact_email: 'owner@cafe.example',
      country_code: 'US',
      state_code: 'NY',
      login_name: 'cafe_owner',
      password: 'correct horse',
      organization_name: 'Cafe',
      managed_site_owner: true,
    };
    const created = await partnerCall(s, token, '/accounts', { method: 'POST', body });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({
      encoded_account_id: expect.any(String),
      provision_uuid: expect.any(String),
    });
    const conflict = await partnerCall(s, token, '/accounts', { method: 'POST', body });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toEqual([
      { error_key: 'partner.account.conflict', error_message: 'The login name cafe_owner is already in use.' },
    ]);
  });

  it('syncs a contact into a managed account, which then reads it back with its own token', async () => {
    // GIVEN a partner token
    const s = await setupCtct();
    const token = await partnerToken(s);
    // WHEN the partner creates a contact in bakery through the pass-through (payload is a JSON string)
    const payload = JSON.stringify({
      email_address: { address: 'zoe@example.com' },
      first_name: 'Zoe',
      create_source: 'Account',
    });
    const sync = await partnerCall(s, token, `/accounts/${s.bakery.encodedAccountId}/account_operations/sync`, {
      method: 'POST',
      body: {
        account_operation_url: '/contacts',
        account_operation_method: 'POST',
        account_operation_payload: payload,
      },
    });
    // THEN the inner call's response comes back as is
    expect(sync.status).toBe(201);
    const contact = (await sync.json()) as { contact_id: string };
    expect(contact).toMatchObject({ email_address: { address: 'zoe@example.com' }, first_name: 'Zoe' });
    // and the partner can read it with path parameters
    const read = await partnerCall(s, token, `/accounts/${s.bakery.encodedAccountId}/account_operations/sync`, {
      method: 'POST',
      body: {
        account_operation_url: '/contacts/{contact_id}',
        account_operation_method: 'GET',
        account_operation_path_parameters: [{ path_param_key: 'contact_id', path_param_value: contact.contact_id }],
      },
    });
    expect(await read.json()).toEqual(contact);
    // WHEN the bakery owner authorizes the newsletter app and reads its contacts with its own token
    const own = await userTokens(s, 'contact_data', 'bakery_owner');
    const list = await s.app.request(`${API}/v3/contacts?email=zoe@example.com`, {
      headers: { authorization: `Bearer ${own.access_token}` },
    });
    // THEN
    expect(await list.json()).toEqual({ contacts: [contact], contacts_count: 1, _links: {} });
  });

  it('refuses the pass-through for unmanaged and foreign accounts and a non-string payload', async () => {
    const s = await setupCtct({ constantContact: { rateLimits: false } });
    const token = await partnerToken(s);
    const sync = (id: string, body: Record<string, unknown>) =>
      partnerCall(s, token, `/accounts/${id}/account_operations/sync`, { method: 'POST', body });
    const op = { account_operation_url: '/account/summary', account_operation_method: 'GET' };
    const unmanaged = await sync(s.florist.encodedAccountId, op);
    expect(unmanaged.status).toBe(403);
    expect(await unmanaged.json()).toEqual([
      {
        error_key: 'partner.account.not.managed',
        error_message: 'Account operations are only allowed on managed client accounts.',
      },
    ]);
    // an account of no partner (created through the admin API) is foreign
    const own = await s.app.request('/_emulator/ctct/accounts', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ loginName: 'solo_owner', contactEmail: 'solo@example.com', managed: true }),
    });
    const { encodedAccountId } = (await own.json()) as { encodedAccountId: string };
    expect((await sync(encodedAccountId, op)).status).toBe(404);
    expect((await sync('nope', op)).status).toBe(404);
    const object = await sync(s.bakery.encodedAccountId, {
      account_operation_url: '/contacts',
      account_operation_method: 'POST',
      account_operation_payload: { email_address: { address: 'x@example.com' } },
    });
    expect(await object.json()).toEqual([
      {
        error_key: 'partner.api.validation.error',
        error_message: 'account_operation_payload must be a string (the JSON body, escaped), not an object.',
      },
    ]);
    // the inner call's 404 comes back too
    expect(
      (await sync(s.bakery.encodedAccountId, { account_operation_url: '/nothing', account_operation_method: 'GET' }))
        .status,
    ).toBe(404);
  });
});
