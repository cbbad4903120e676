/**
 * @module
 * Test fixtures shared by the emulator's tests: a manifest with one tenant (two BUs), a
 * server-to-server, a web and a public integration, a controllable clock and deterministic randomness.
 */
import type { Manifest } from '@grantform/config';
import type { CredentialsEntry } from '../../../index.js';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../../index.js';

export const TSSD = 'mc563885gzs27c5t9-63k636ttgm';
export const ENT = 100_000_001;
export const CHILD = 100_000_002;
export const OTHER = 100_000_003;
export const AUTH = `http://localhost/${TSSD}.auth.marketingcloudapis.com`;
export const REST = `http://localhost/${TSSD}.rest.marketingcloudapis.com`;
export const REDIRECT = 'https://app.example.com/callback';
export const T0 = '2026-01-01T00:00:00.000Z';

export function manifest(): Manifest {
  return {
    apiVersion: 'grantform.dev/v1',
    resources: [
      {
        address: 'acme',
        kind: 'tenant',
        dependsOn: [],
        spec: {
          name: 'acme',
          subdomain: TSSD,
          stackKey: 'S7',
          enterpriseMid: ENT,
          businessUnits: [
            { mid: ENT, name: 'Acme', parentMid: null },
            { mid: CHILD, name: 'Acme EU', parentMid: ENT },
            { mid: OTHER, name: 'Acme Labs', parentMid: ENT },
          ],
        },
      },
      {
        address: 'acme/sync',
        kind: 'installed-package',
        dependsOn: ['acme'],
        spec: { tenant: 'acme', name: 'sync', description: 'CRM sync', legacy: false, sourceMid: ENT },
      },
      {
        address: 'acme/sync/api',
        kind: 'api-integration',
        dependsOn: ['acme/sync'],
        spec: {
          package: 'acme/sync',
          type: 'server-to-server',
          scopes: ['data_extensions_read', 'data_extensions_write', 'email_read'],
          redirectUris: [],
          businessUnits: [ENT, CHILD],
          clientSecret: { env: 'SYNC_SECRET' },
          pkce: 'optional',
        },
      },
      {
        address: 'acme/web',
        kind: 'installed-package',
        dependsOn: ['acme'],
        spec: { tenant: 'acme', name: 'web', description: '', legacy: false, sourceMid: ENT },
      },
      {
        address: 'acme/web/api',
        kind: 'api-integration',
        dependsOn: ['acme/web'],
        spec: {
          package: 'acme/web',
          type: 'web-app',
          scopes: ['email_read', 'offline'],
          redirectUris: [REDIRECT],
          businessUnits: 'all',
          clientSecret: { env: 'WEB_SECRET' },
          pkce: 'optional',
        },
      },
      {
        address: 'acme/spa',
        kind: 'installed-package',
        dependsOn: ['acme'],
        spec: { tenant: 'acme', name: 'spa', description: '', legacy: false, sourceMid: ENT },
      },
      {
        address: 'acme/spa/api',
        kind: 'api-integration',
        dependsOn: ['acme/spa'],
        spec: {
          package: 'acme/spa',
          type: 'public-app',
          scopes: ['email_read', 'offline'],
          redirectUris: [REDIRECT],
          businessUnits: [ENT],
          clientSecret: null,
          pkce: 'required',
        },
      },
    ],
  };
}

export interface Setup {
  app: Emulator;
  s2s: CredentialsEntry;
  web: CredentialsEntry;
  spa: CredentialsEntry;
  /** Moves the emulator clock. */
  advance(seconds: number): void;
}

/** A seeded emulator with a fixed clock. */
export async function setup(options: EmulatorOptions = {}): Promise<Setup> {
  let now = Date.parse(T0);
  const app = createEmulator({ now: () => new Date(now), headlessAuthorize: true, ...options });
  const res = await app.request('/_emulator/seed', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(manifest()),
  });
  if (res.status !== 200) throw new Error(`seed failed: ${res.status} ${await res.text()}`);
  const { credentials } = (await res.json()) as { credentials: CredentialsEntry[] };
  const by = (a: string) => credentials.find((c) => c.address === a)!;
  return {
    app,
    s2s: by('acme/sync/api'),
    web: by('acme/web/api'),
    spa: by('acme/spa/api'),
    advance: (s) => {
      now += s * 1000;
    },
  };
}

/** POSTs a JSON token request to the tenant's auth host. */
export function tokenRequest(app: Emulator, body: unknown, base = AUTH): Promise<Response> {
  return Promise.resolve(
    app.request(`${base}/v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

/** Runs a headless authorize and returns the redirect URL. */
export async function authorize(app: Emulator, query: Record<string, string>, base = AUTH): Promise<URL> {
  const q = new URLSearchParams({ response_type: 'code', redirect_uri: REDIRECT, ...query });
  const res = await app.request(`${base}/v2/authorize?${q}`);
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`authorize: ${res.status} ${await res.text()}`);
  return new URL(location);
}

export const headless = { login_hint: 'admin@acme', grantform_auto_approve: '1' };
