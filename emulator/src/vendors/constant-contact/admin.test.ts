import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../index.js';
import {
  API,
  AUTHZ,
  basic,
  COGNITO,
  ctctManifest,
  REDIRECT,
  setupCtct,
  T0,
  tokenByQuery,
  userTokens,
} from './test-fixtures.js';

const json = (method: string, body?: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

describe('Constant Contact seeding', () => {
  it('seeds applications, partners and accounts from a synthesized manifest, with credentials', async () => {
    // GIVEN / WHEN
    const s = await setupCtct();
    // THEN
    expect(s.newsletter).toEqual({
      address: 'ctct/apps/newsletter',
      apiKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'confidential',
      clientSecret: expect.any(String),
      clientSecretEnv: 'GRANTFORM_CTCT_APPS_NEWSLETTER_CLIENT_SECRET',
      redirectUris: [REDIRECT],
      scopes: ['account_read', 'contact_data', 'offline_access'],
      authorizeUrl: `${AUTHZ}/oauth2/default/v1/authorize`,
      tokenUrl: `${AUTHZ}/oauth2/default/v1/token`,
      deviceAuthorizeUrl: `${AUTHZ}/oauth2/default/v1/device/authorize`,
      jwksUrl: 'http://localhost/identity.constantcontact.com/oauth2/aus1lm3ry9mF7x2Ja0h8/v1/keys',
      apiBaseUrl: `${API}/v3`,
    });
    expect(s.desktop.clientSecret).toBeUndefined();
    expect(s.partner).toMatchObject({
      address: 'ctct/partners/agency',
      partnerSecretEnv: 'GRANTFORM_CTCT_PARTNERS_AGENCY_PARTNER_SECRET',
      applicationApiKey: '6b1f3c2e-7f9a-4c1d-9e8b-2a5d4c3b1a00',
    });
    expect(s.bakery).toMatchObject({ managed: true, loginName: 'bakery_owner', password: 'grantform' });
    expect(s.florist.managed).toBe(false);
  });

  it('re-seeding recreates the resources with fresh credentials and revokes the old tokens', async () => {
    const s = await setupCtct();
    const { access_token } = await userTokens(s, 'account_read');
    const again = await s.app.request('/_emulator/seed', json('POST', ctctManifest()));
    const fresh = ((await again.json()) as { constantContact: { applications: { apiKey: string }[] } }).constantContact;
    expect(fresh.applications.find((a) => a.apiKey === s.newsletter.apiKey)).toBeUndefined();
    const res = await s.app.request(`${API}/v3/account/summary`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(res.status).toBe(401);
  });

  it('reports every problem of a broken manifest with its path', async () => {
    const app = createEmulator();
    const m = JSON.parse(JSON.stringify(ctctManifest())) as {
      resources: { kind: string; spec: Record<string, unknown> }[];
    };
    const partner = m.resources.find((r) => r.kind === 'ctct-partner')!;
    partner.spec.application = 'ctct/apps/nope';
    const publicApp = m.resources.find((r) => r.kind === 'ctct-application' && r.spec.type === 'public')!;
    publicApp.spec.clientSecret = { env: 'X' };
    const res = await app.request('/_emulator/seed', json('POST', m));
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { issues: { path: string }[] } };
    expect(error.issues.map((i) => i.path).sort()).toEqual(
      [
        `resources.${m.resources.indexOf(publicApp)}.spec.clientSecret`,
        `resources.${m.resources.indexOf(partner)}.spec.application`,
      ].sort(),
    );
  });
});

describe('Constant Contact admin API', () => {
  it('creates an application (secret returned once), a partner and an account, and resets them', async () => {
    const app = createEmulator({ headlessAuthorize: true });
    const created = await app.request(
      '/_emulator/ctct/applications',
      json('POST', { name: 'crm', scopes: ['contact_data'], redirectUris: [REDIRECT] }),
    );
    expect(created.status).toBe(201);
    const application = (await created.json()) as {
      apiKey: string;
      secret: string;
      pkce: string;
      refreshTokens: string;
    };
    expect(application).toMatchObject({ secret: expect.any(String), pkce: 'optional', refreshTokens: 'rotating' });
    const read = (await (await app.request(`/_emulator/ctct/applications/${application.apiKey}`)).json()) as Record<
      string,
      unknown
    >;
    expect(read.secret).toBeUndefined();

    const partner = await app.request(
      '/_emulator/ctct/partners',
      json('POST', { name: 'p', applicationApiKey: application.apiKey }),
    );
    expect(partner.status).toBe(201);
    const { partnerClientId, partnerSecret } = (await partner.json()) as {
      partnerClientId: string;
      partnerSecret: string;
    };
    expect(partnerSecret).toEqual(expect.any(String));
    const dup = await app.request(
      '/_emulator/ctct/partners',
      json('POST', { name: 'q', applicationApiKey: application.apiKey }),
    );
    expect(dup.status).toBe(409);

    const account = await app.request(
      '/_emulator/ctct/accounts',
      json('POST', { partnerClientId, managed: true, loginName: 'crm_owner', contactEmail: 'o@crm.example' }),
    );
    expect(await account.json()).toMatchObject({ partnerClientId, managed: true, password: 'grantform' });
    // the account can authorize the application
    const q = new URLSearchParams({
      client_id: application.apiKey,
      redirect_uri: REDIRECT,
      response_type: 'code',
      state: 's',
      scope: 'contact_data',
      login_hint: 'crm_owner',
      grantform_auto_approve: '1',
    });
    const code = new URL(
      (await app.request(`${AUTHZ}/oauth2/default/v1/authorize?${q}`)).headers.get('location')!,
    ).searchParams.get('code')!;
    const token = await tokenByQuery(
      app,
      { code, redirect_uri: REDIRECT, grant_type: 'authorization_code' },
      basic(application.apiKey, application.secret),
    );
    expect(token.status).toBe(200);

    expect((await app.request(`/_emulator/ctct/applications/${application.apiKey}`, { method: 'DELETE' })).status).toBe(
      409,
    );
    expect((await app.request('/_emulator/reset', { method: 'POST' })).status).toBe(204);
    expect(await (await app.request('/_emulator/ctct/applications')).json()).toEqual({ items: [] });
  });

  it('validates bodies and is described in the OpenAPI document', async () => {
    const app = createEmulator();
    const bad = await app.request(
      '/_emulator/ctct/applications',
      json('POST', { name: 'x', type: 'public', pkce: 'optional', scopes: ['emial'] }),
    );
    expect(bad.status).toBe(400);
    const { error } = (await bad.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(error.code).toBe('ERR_VALIDATION');
    expect(error.issues.map((i) => i.path)).toEqual(['scopes.0']);
    const doc = (await (await app.request('/_emulator/openapi.json')).json()) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/ctct/'))).toEqual([
      '/ctct/settings',
      '/ctct/applications',
      '/ctct/applications/{apiKey}',
      '/ctct/applications/{apiKey}/secret',
      '/ctct/applications/{apiKey}/secret/stage',
      '/ctct/applications/{apiKey}/secret/activate',
      '/ctct/partners',
      '/ctct/partners/{partnerClientId}',
      '/ctct/partners/{partnerClientId}/secret',
      '/ctct/partners/{partnerClientId}/secret/stage',
      '/ctct/partners/{partnerClientId}/secret/activate',
      '/ctct/accounts',
      '/ctct/accounts/{encodedAccountId}',
    ]);
    expect(doc.components.schemas.CtctApplicationInput).toBeDefined();
  });
});

describe('Constant Contact secret lifecycle (emulator choices: no expiry, a staged secret accepted at once)', () => {
  /** A token request that proves an application secret: a code that cannot exist → invalid_grant once authenticated. */
  const probeApp = async (s: Awaited<ReturnType<typeof setupCtct>>, secret: string) =>
    (
      (await (
        await tokenByQuery(
          s.app,
          { code: 'no-such-code', redirect_uri: REDIRECT, grant_type: 'authorization_code' },
          basic(s.newsletter.apiKey, secret),
        )
      ).json()) as { error: string }
    ).error;
  const partnerToken = async (s: Awaited<ReturnType<typeof setupCtct>>, secret: string) =>
    (
      await s.app.request(`${COGNITO}/oauth2/token?grant_type=client_credentials&scope=v3api/general.partner`, {
        method: 'POST',
        headers: {
          authorization: basic(s.partner.partnerClientId, secret),
          'content-type': 'application/x-www-form-urlencoded',
        },
      })
    ).status;

  it('reports when a secret was generated, stages one beside it and activates it', async () => {
    // GIVEN a seeded application
    const s = await setupCtct();
    const base = `/_emulator/ctct/applications/${s.newsletter.apiKey}`;
    const view = (await (await s.app.request(base)).json()) as { secretStatus: unknown };
    expect(view.secretStatus).toEqual({
      active: { createdAt: T0, expiresAt: null, expired: false },
      staged: null,
      lastActivatedAt: null,
      nextStageAt: null,
    });
    // WHEN a secret is staged a minute later
    s.advance(60);
    const staged = await s.app.request(`${base}/secret/stage`, json('POST'));
    expect(staged.status).toBe(201);
    const stagedBody = (await staged.json()) as { secret: string; staged: unknown };
    expect(stagedBody.staged).toEqual({
      createdAt: '2026-03-02T12:01:00.000Z',
      acceptedFrom: '2026-03-02T12:01:00.000Z',
      expiresAt: null,
      accepted: true,
      activatableFrom: '2026-03-02T12:01:00.000Z',
    });
    // THEN both secrets authenticate the application at once
    expect(await probeApp(s, s.newsletter.clientSecret!)).toBe('invalid_grant');
    expect(await probeApp(s, stagedBody.secret)).toBe('invalid_grant');
    // WHEN it is activated
    const activated = await s.app.request(`${base}/secret/activate`, json('POST'));
    expect(await activated.json()).toEqual({
      active: { createdAt: '2026-03-02T12:01:00.000Z', expiresAt: null, expired: false },
      staged: null,
      lastActivatedAt: '2026-03-02T12:01:00.000Z',
      nextStageAt: null,
    });
    // THEN the old one is refused at once and the new one works
    expect(await probeApp(s, s.newsletter.clientSecret!)).toBe('invalid_client');
    expect(await probeApp(s, stagedBody.secret)).toBe('invalid_grant');
    // AND nothing is left to activate
    const again = await s.app.request(`${base}/secret/activate`, json('POST'));
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toBe(
      `application ${s.newsletter.apiKey} has no staged secret to activate`,
    );
  });

  it('rotates the partner secret the same way; a public application has none', async () => {
    const s = await setupCtct();
    const base = `/_emulator/ctct/partners/${s.partner.partnerClientId}`;
    const { partnerSecret } = (await (await s.app.request(`${base}/secret/stage`, json('POST'))).json()) as {
      partnerSecret: string;
    };
    expect(await partnerToken(s, s.partner.partnerSecret)).toBe(200);
    expect(await partnerToken(s, partnerSecret)).toBe(200);
    await s.app.request(`${base}/secret/activate`, json('POST'));
    expect(await partnerToken(s, s.partner.partnerSecret)).toBe(400);
    expect(await partnerToken(s, partnerSecret)).toBe(200);
    const status = (await (await s.app.request(`${base}/secret`)).json()) as { active: { createdAt: string } };
    expect(status.active.createdAt).toBe(T0);
    const desktop = await s.app.request(`/_emulator/ctct/applications/${s.desktop.apiKey}/secret/stage`, json('POST'));
    expect(desktop.status).toBe(409);
    expect(
      (
        (await (await s.app.request(`/_emulator/ctct/applications/${s.desktop.apiKey}`)).json()) as {
          secretStatus: unknown;
        }
      ).secretStatus,
    ).toBeNull();
  });
});
