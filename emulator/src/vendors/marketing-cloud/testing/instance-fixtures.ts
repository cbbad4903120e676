/**
 * @module
 * Fixtures for the instance-API, legacy and test-control tests: the seeded {@link setup} plus a
 * server-to-server integration holding every resource scope, a legacy package with an app, and a
 * second (customer) tenant. Everything goes through the admin API, as a CI pipeline would.
 */
import type { Emulator, EmulatorOptions } from '../../../index.js';
import { AUTH, ENT, type Setup, setup, TSSD, tokenRequest } from './fixtures.js';

export const CUSTOMER = 'mc0customer0000000000000000a';
export const CUSTOMER_ENT = 200_000_001;
export const CUSTOMER_CHILD = 200_000_002;
export const CUSTOMER_AUTH = `http://localhost/${CUSTOMER}.auth.marketingcloudapis.com`;
export const CUSTOMER_REST = `http://localhost/${CUSTOMER}.rest.marketingcloudapis.com`;
export const SOAP = `http://localhost/${TSSD}.soap.marketingcloudapis.com`;
export const CUSTOMER_SOAP = `http://localhost/${CUSTOMER}.soap.marketingcloudapis.com`;
export const LOGIN_URL = 'https://app.example.com/login';

export const RESOURCE_SCOPES = [
  'email_send',
  'email_read',
  'data_extensions_read',
  'data_extensions_write',
  'saved_content_read',
  'saved_content_write',
  'documents_and_images_read',
  'documents_and_images_write',
  'list_and_subscribers_read',
  'list_and_subscribers_write',
];

export async function admin(app: Emulator, method: string, path: string, body?: unknown): Promise<Response> {
  const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
  if (body !== undefined) init.body = JSON.stringify(body);
  return app.request(`http://localhost/_emulator${path}`, init);
}

export async function adminJson<T = Record<string, unknown>>(
  app: Emulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await admin(app, method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface Client {
  packageId: string;
  clientId: string;
  secret: string;
  jwtSigningSecret: string;
}

/** Creates a package + integration (+ app) in `tenant` through the admin API. */
export async function createClient(
  app: Emulator,
  tenant: string,
  pkg: { name: string; legacy?: boolean },
  integration: Record<string, unknown>,
  appBody?: Record<string, unknown>,
): Promise<Client> {
  const p = await adminJson<{ id: string; jwtSigningSecret: string }>(app, 'POST', `/tenants/${tenant}/packages`, pkg);
  const i = await adminJson<{ clientId: string; secret: string }>(
    app,
    'PUT',
    `/packages/${p.id}/integration`,
    integration,
  );
  if (appBody) await adminJson(app, 'PUT', `/packages/${p.id}/app`, appBody);
  return { packageId: p.id, clientId: i.clientId, secret: i.secret, jwtSigningSecret: p.jwtSigningSecret };
}

export interface InstanceSetup extends Setup {
  full: Client;
  /** A client_credentials access token of `full` (all resource scopes unless `scope` says otherwise). */
  token(scope?: string, accountId?: number): Promise<string>;
}

export async function instanceSetup(options: EmulatorOptions = {}): Promise<InstanceSetup> {
  const s = await setup(options);
  const full = await createClient(
    s.app,
    TSSD,
    { name: 'full' },
    { type: 'server-to-server', scopes: RESOURCE_SCOPES, businessUnits: 'all' },
  );
  const token = async (scope?: string, accountId?: number) => {
    const body: Record<string, unknown> = {
      grant_type: 'client_credentials',
      client_id: full.clientId,
      client_secret: full.secret,
      account_id: accountId ?? ENT,
    };
    if (scope !== undefined) body.scope = scope;
    const res = await tokenRequest(s.app, body, AUTH);
    const json = (await res.json()) as { access_token?: string };
    if (!json.access_token) throw new Error(`token: ${res.status} ${JSON.stringify(json)}`);
    return json.access_token;
  };
  return { ...s, full, token };
}

/** Adds the customer tenant (two BUs) with its test user `admin@customer` / `pw`. */
export async function addCustomerTenant(app: Emulator): Promise<void> {
  await adminJson(app, 'PUT', `/tenants/${CUSTOMER}`, {
    name: 'customer',
    stackKey: 'S10',
    enterpriseMid: CUSTOMER_ENT,
    businessUnits: [
      { mid: CUSTOMER_ENT, name: 'Customer', parentMid: null },
      { mid: CUSTOMER_CHILD, name: 'Customer Shop', parentMid: CUSTOMER_ENT },
    ],
  });
  await adminJson(app, 'POST', `/tenants/${CUSTOMER}/users`, { username: 'admin@customer', password: 'pw' });
}

export const bearer = (token: string): RequestInit => ({ headers: { authorization: `Bearer ${token}` } });

export const jsonPost = (token: string, body: unknown, method = 'POST'): RequestInit => ({
  method,
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
