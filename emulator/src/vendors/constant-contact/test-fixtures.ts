/**
 * @module
 * Test fixtures of the Constant Contact emulation: a manifest synthesized from `@grantform/config`
 * constructs (a confidential, a long-lived and a public application, a partner with a managed and
 * an unmanaged account), a seeded emulator on a controllable clock, and request helpers.
 */
import { createHash } from 'node:crypto';
import {
  ConstantContactApplication,
  ConstantContactPartner,
  GrantformApp,
  type Manifest,
  synth,
} from '@grantform/config';
import { createEmulator, createSigningKey, type Emulator, type EmulatorOptions, type SigningKey } from '../../index.js';
import type { CtctCredentials } from './seed.js';

export const T0 = '2026-03-02T12:00:00.000Z';
export const REDIRECT = 'https://app.example.com/ctct/callback';
export const NATIVE_REDIRECT = 'http://127.0.0.1:53682/callback';
export const AUTHZ = 'http://localhost/authz.constantcontact.com';
export const IDENTITY = 'http://localhost/identity.constantcontact.com';
export const API = 'http://localhost/api.cc.email';
export const COGNITO = 'http://localhost/v3api-partner.auth.us-east-1.amazoncognito.com';
export const TOKEN = `${AUTHZ}/oauth2/default/v1/token`;
export const PARTNER_API_KEY = '6b1f3c2e-7f9a-4c1d-9e8b-2a5d4c3b1a00';

export function ctctManifest(): Manifest {
  const app = new GrantformApp();
  new ConstantContactApplication(app, 'newsletter', {
    scopes: ['account_read', 'contact_data', 'offline_access'],
    redirectUris: [REDIRECT],
  });
  new ConstantContactApplication(app, 'reports', {
    scopes: ['account_read', 'offline_access'],
    redirectUris: [REDIRECT],
    refreshTokens: 'long-lived',
  });
  new ConstantContactApplication(app, 'desktop', {
    type: 'public',
    scopes: ['contact_data', 'campaign_data', 'offline_access'],
    redirectUris: [NATIVE_REDIRECT],
  });
  const agencyApp = new ConstantContactApplication(app, 'agency-app', {
    apiKey: PARTNER_API_KEY,
    scopes: ['account_read', 'contact_data', 'offline_access'],
    redirectUris: ['https://agency.example.com/cb'],
  });
  const agency = new ConstantContactPartner(app, 'agency', { application: agencyApp });
  agency.addClientAccount('bakery', {
    loginName: 'bakery_owner',
    contactEmail: 'owner@bakery.example',
    stateCode: 'MA',
  });
  agency.addClientAccount('florist', {
    managed: false,
    loginName: 'florist_owner',
    contactEmail: 'owner@florist.example',
    countryCode: 'GB',
  });
  return synth(app);
}

type Apps = CtctCredentials['applications'][number];

export interface CtctSetup {
  app: Emulator;
  creds: CtctCredentials;
  newsletter: Apps;
  reports: Apps;
  desktop: Apps;
  agencyApp: Apps;
  partner: CtctCredentials['partners'][number];
  bakery: CtctCredentials['accounts'][number];
  florist: CtctCredentials['accounts'][number];
  /** Moves the emulator clock. */
  advance(seconds: number): void;
}

let sharedKey: SigningKey | undefined;

/** A seeded emulator with a fixed clock and headless authorize (one RS256 key shared by the tests). */
export async function setupCtct(options: EmulatorOptions = {}): Promise<CtctSetup> {
  let now = Date.parse(T0);
  sharedKey ??= createSigningKey('RS256');
  const app = createEmulator({
    now: () => new Date(now),
    headlessAuthorize: true,
    ...options,
    constantContact: { signingKey: sharedKey, ...options.constantContact },
  });
  const res = await app.request('/_emulator/seed', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ctctManifest()),
  });
  if (res.status !== 200) throw new Error(`seed failed: ${res.status} ${await res.text()}`);
  const { constantContact: creds } = (await res.json()) as { constantContact: CtctCredentials };
  const app_ = (address: string) => creds.applications.find((a) => a.address === address)!;
  const account = (address: string) => creds.accounts.find((a) => a.address === address)!;
  return {
    app,
    creds,
    newsletter: app_('ctct/apps/newsletter'),
    reports: app_('ctct/apps/reports'),
    desktop: app_('ctct/apps/desktop'),
    agencyApp: app_('ctct/apps/agency-app'),
    partner: creds.partners[0]!,
    bakery: account('ctct/partners/agency/accounts/bakery'),
    florist: account('ctct/partners/agency/accounts/florist'),
    advance: (s) => {
      now += s * 1000;
    },
  };
}

export const basic = (id: string, secret: string): string =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

export const s256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');
export const VERIFIER = `${'a'.repeat(20) + 'B'.repeat(20)}0123456789`;

/** Runs a headless authorize and returns the redirect URL. */
export async function authorize(
  app: Emulator,
  query: Record<string, string>,
  loginHint = 'bakery_owner',
): Promise<URL> {
  const q = new URLSearchParams({
    response_type: 'code',
    redirect_uri: REDIRECT,
    state: 'st4te',
    login_hint: loginHint,
    grantform_auto_approve: '1',
    ...query,
  });
  const res = await app.request(`${AUTHZ}/oauth2/default/v1/authorize?${q}`);
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`authorize: ${res.status} ${await res.text()}`);
  return new URL(location);
}

/** POSTs a token request with the parameters in the query string and an empty body (the documented style). */
export function tokenByQuery(app: Emulator, params: Record<string, string>, authorization?: string): Promise<Response> {
  return Promise.resolve(
    app.request(`${TOKEN}?${new URLSearchParams(params)}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        ...(authorization ? { authorization } : {}),
      },
    }),
  );
}

/** POSTs a token request with a form body. */
export function tokenByForm(app: Emulator, params: Record<string, string>, authorization?: string): Promise<Response> {
  return Promise.resolve(
    app.request(TOKEN, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization ? { authorization } : {}) },
      body: new URLSearchParams(params).toString(),
    }),
  );
}

/** A user token for `bakery_owner` on the newsletter app via the authorization-code flow. */
export async function userTokens(
  s: CtctSetup,
  scope = 'account_read+contact_data+offline_access',
  loginHint = 'bakery_owner',
  application: Apps = s.newsletter,
): Promise<{ access_token: string; refresh_token?: string; scope: string; expires_in: number }> {
  const url = await authorize(s.app, { client_id: application.apiKey, scope }, loginHint);
  const res = await tokenByQuery(
    s.app,
    { code: url.searchParams.get('code')!, redirect_uri: REDIRECT, grant_type: 'authorization_code' },
    basic(application.apiKey, application.clientSecret!),
  );
  if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
  return (await res.json()) as { access_token: string; refresh_token?: string; scope: string; expires_in: number };
}
