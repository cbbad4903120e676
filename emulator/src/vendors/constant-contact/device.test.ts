import { describe, expect, it } from 'vitest';
import { AUTHZ, setupCtct, tokenByForm, tokenByQuery } from './test-fixtures.js';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

async function start(s: Awaited<ReturnType<typeof setupCtct>>, scope = 'contact_data offline_access') {
  const res = await s.app.request(
    `${AUTHZ}/oauth2/default/v1/device/authorize?${new URLSearchParams({ client_id: s.desktop.apiKey, scope })}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
  );
  expect(res.status).toBe(200);
  return (await res.json()) as {
    device_code: string;
    user_code: string;
    verification_uri: string;
    verification_uri_complete: string;
    expires_in: number;
    interval: number;
  };
}

describe('Constant Contact device flow', () => {
  it('polls authorization_pending → slow_down → approved on the activation page → tokens', async () => {
    // GIVEN a device authorization (query string, empty body)
    const s = await setupCtct();
    const d = await start(s);
    expect(d).toEqual({
      device_code: expect.any(String),
      user_code: expect.stringMatching(/^[B-Z]{4}-[B-Z]{4}$/),
      verification_uri: 'http://localhost/authz.constantcontact.com/activate',
      verification_uri_complete: `http://localhost/authz.constantcontact.com/activate?user_code=${d.user_code}`,
      expires_in: 600,
      interval: 5,
    });
    const poll = () =>
      tokenByQuery(s.app, { client_id: s.desktop.apiKey, device_code: d.device_code, grant_type: DEVICE_GRANT });
    // WHEN polled at once, then again too soon
    const first = await poll();
    const tooSoon = await poll();
    // THEN
    expect(first.status).toBe(400);
    expect(await first.json()).toEqual({
      error: 'authorization_pending',
      error_description: 'The device authorization is pending. Please try again later.',
    });
    expect(await tooSoon.json()).toEqual({
      error: 'slow_down',
      error_description: 'You are polling faster than the specified interval of 5 seconds.',
    });
    // the interval grew to 10 s: 5 s later is still too soon, 10 s later is pending
    s.advance(5);
    expect(((await (await poll()).json()) as { error: string }).error).toBe('slow_down');
    s.advance(15);
    expect(((await (await poll()).json()) as { error: string }).error).toBe('authorization_pending');

    // WHEN the user approves on the activation page
    const page = await s.app.request(d.verification_uri_complete);
    expect(await page.text()).toContain(`value="${d.user_code}"`);
    const approve = await s.app.request(`${AUTHZ}/activate`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        user_code: d.user_code,
        username: 'bakery_owner',
        password: 'grantform',
        decision: 'allow',
      }).toString(),
    });
    expect(await approve.text()).toContain('Device activated');
    s.advance(20);
    const tokens = await poll();
    // THEN
    expect(tokens.status).toBe(200);
    expect(await tokens.json()).toEqual({
      token_type: 'Bearer',
      expires_in: 86400,
      access_token: expect.any(String),
      scope: 'contact_data offline_access',
      refresh_token: expect.any(String),
    });
    // the device code is single use
    s.advance(20);
    expect(await (await poll()).json()).toEqual({
      error: 'invalid_grant',
      error_description: "The 'device_code' is invalid.",
    });
  });

  it('expires after 600 seconds and reports a denial', async () => {
    const s = await setupCtct();
    const expired = await start(s);
    const denied = await start(s);
    await s.app.request(`${AUTHZ}/activate`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user_code: denied.user_code, decision: 'deny' }).toString(),
    });
    const poll = (code: string) =>
      tokenByForm(s.app, { client_id: s.desktop.apiKey, device_code: code, grant_type: DEVICE_GRANT });
    expect(((await (await poll(denied.device_code)).json()) as { error: string }).error).toBe('access_denied');
    s.advance(601);
    expect(await (await poll(expired.device_code)).json()).toEqual({
      error: 'expired_token',
      error_description: 'The device code has expired.',
    });
  });

  it('approves headlessly and refuses confidential applications and unknown scopes', async () => {
    const s = await setupCtct();
    const d = await start(s, 'contact_data');
    const headless = await s.app.request(
      `${d.verification_uri_complete}&login_hint=bakery_owner&grantform_auto_approve=1`,
    );
    expect(headless.status).toBe(200);
    const res = await tokenByForm(s.app, {
      client_id: s.desktop.apiKey,
      device_code: d.device_code,
      grant_type: DEVICE_GRANT,
    });
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ scope: 'contact_data' });
    expect(body.refresh_token).toBeUndefined();

    const confidential = await s.app.request(`${AUTHZ}/oauth2/default/v1/device/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `client_id=${s.newsletter.apiKey}&scope=contact_data`,
    });
    expect(((await confidential.json()) as { error: string }).error).toBe('unauthorized_client');
    const scope = await s.app.request(`${AUTHZ}/oauth2/default/v1/device/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `client_id=${s.desktop.apiKey}&scope=billing_data`,
    });
    expect(await scope.json()).toEqual({
      error: 'invalid_scope',
      error_description: 'One or more scopes are not configured for the authorization server resource.',
    });
  });
});
