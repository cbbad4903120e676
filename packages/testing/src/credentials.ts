/**
 * @module
 * The seeded integrations' credentials, typed by integration type and looked up by address. Base URLs
 * are the vendor's **real** host names (`https://{tssd}.auth.marketingcloudapis.com/`), which
 * {@link routeHosts} sends to the in-process emulator.
 */
import { type MarketingCloudHostKind, marketingCloudBase } from '@grantform/config/hosts';
import type { CredentialsEntry } from '@grantform/emulator';

/** The documented test user every seeded tenant gets (`admin@{tenant name}` / `grantform`). */
export interface TestUser {
  readonly username: string;
  readonly password: string;
}

interface CommonCredentials {
  /** The integration's address (`acme/crm-sync/api`). */
  readonly address: string;
  /** Address of the package holding it (`acme/crm-sync`). */
  readonly packageAddress: string;
  readonly clientId: string;
  /** Address of the tenant resource (`acme`). */
  readonly tenant: string;
  /** The 28-character tenant subdomain (TSSD). */
  readonly subdomain: string;
  /** The emulator's id of the installed package. */
  readonly packageId: string;
  /** `https://{tssd}.auth.marketingcloudapis.com/` (trailing slash, as the vendor returns it). */
  readonly authUrl: string;
  /** `https://{tssd}.rest.marketingcloudapis.com/` */
  readonly restUrl: string;
  /** `https://{tssd}.soap.marketingcloudapis.com/` */
  readonly soapUrl: string;
  /** MIDs the integration may get tokens for (`'all'` resolved). */
  readonly businessUnits: readonly number[];
  readonly redirectUris: readonly string[];
  /** The tenant's test user, for authorization-code flows. */
  readonly user: TestUser;
}

export interface ServerToServerCredentials extends CommonCredentials {
  readonly type: 'server-to-server';
  readonly clientSecret: string;
  /** Environment variable name the config stores the secret under. */
  readonly clientSecretEnv: string | null;
}

export interface WebAppCredentials extends CommonCredentials {
  readonly type: 'web-app';
  readonly clientSecret: string;
  readonly clientSecretEnv: string | null;
}

export interface PublicAppCredentials extends CommonCredentials {
  readonly type: 'public-app';
  readonly clientSecret?: undefined;
  readonly clientSecretEnv: null;
}

export type IntegrationCredentials = ServerToServerCredentials | WebAppCredentials | PublicAppCredentials;
export type IntegrationType = IntegrationCredentials['type'];
type CredentialsOf<T extends IntegrationType> = Extract<IntegrationCredentials, { type: T }>;

/** Host-style base URL of a tenant host. */
export function vendorBaseUrl(subdomain: string, kind: MarketingCloudHostKind): string {
  return marketingCloudBase(subdomain, kind);
}

/** Turns a seed response entry into typed credentials with real vendor URLs. */
export function toCredentials(e: CredentialsEntry): IntegrationCredentials {
  const common: CommonCredentials = {
    address: e.address,
    packageAddress: e.address.replace(/\/[^/]+$/, ''),
    clientId: e.clientId,
    tenant: e.tenant,
    subdomain: e.subdomain,
    packageId: e.packageId,
    authUrl: vendorBaseUrl(e.subdomain, 'auth'),
    restUrl: vendorBaseUrl(e.subdomain, 'rest'),
    soapUrl: vendorBaseUrl(e.subdomain, 'soap'),
    businessUnits: [...e.businessUnits],
    redirectUris: [...e.redirectUris],
    user: e.users[0] ?? { username: '', password: '' },
  };
  if (e.type === 'public-app') return { ...common, type: 'public-app', clientSecretEnv: null };
  if (e.clientSecret === undefined) throw new Error(`seed returned no client secret for ${e.address}`);
  return { ...common, type: e.type, clientSecret: e.clientSecret, clientSecretEnv: e.clientSecretEnv };
}

/**
 * The seeded credentials: iterate them, or look one up by integration or package address.
 *
 * @example
 * const crm = emulator.credentials.get('acme/crm-sync/api', 'server-to-server');
 * crm.clientSecret; // string: narrowed by the expected type
 */
export class CredentialsSet implements Iterable<IntegrationCredentials> {
  readonly #byAddress: ReadonlyMap<string, IntegrationCredentials>;

  constructor(readonly all: readonly IntegrationCredentials[]) {
    const map = new Map<string, IntegrationCredentials>();
    for (const c of all) {
      map.set(c.address, c);
      map.set(c.packageAddress, c);
    }
    this.#byAddress = map;
  }

  [Symbol.iterator](): Iterator<IntegrationCredentials> {
    return this.all[Symbol.iterator]();
  }

  /** Whether an integration (or its package) with this address was seeded. */
  has(address: string): boolean {
    return this.#byAddress.has(address);
  }

  /**
   * The credentials of the integration at `address` (or of the package at `address`). With `type`,
   * throws unless the integration is of that type, and narrows the result.
   * @throws Error naming the known addresses when there is none.
   */
  get<T extends IntegrationType>(address: string, type: T): CredentialsOf<T>;
  get(address: string): IntegrationCredentials;
  get(address: string, type?: IntegrationType): IntegrationCredentials {
    const hit = this.#byAddress.get(address);
    if (!hit) {
      const known = this.all.map((c) => c.address).join(', ') || 'none';
      throw new Error(`no seeded integration at "${address}" (known: ${known})`);
    }
    if (type !== undefined && hit.type !== type) {
      throw new Error(`integration "${hit.address}" is a ${hit.type}, not a ${type}`);
    }
    return hit;
  }

  /**
   * Environment variables as the config names them (`clientSecret.env` → secret), plus
   * `<same name with _CLIENT_SECRET → _CLIENT_ID>` → client id, for code that reads its credentials
   * from the environment. Pass to your app, never to `process.env` of a shared process.
   */
  env(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const c of this.all) {
      if (c.type === 'public-app' || c.clientSecretEnv === null) continue;
      out[c.clientSecretEnv] = c.clientSecret;
      out[clientIdEnvFor(c.clientSecretEnv)] = c.clientId;
    }
    return out;
  }
}

/** `CRM_SYNC_CLIENT_SECRET` → `CRM_SYNC_CLIENT_ID` (the engine's convention). */
export function clientIdEnvFor(secretEnv: string): string {
  if (secretEnv.endsWith('_CLIENT_SECRET')) return `${secretEnv.slice(0, -'_CLIENT_SECRET'.length)}_CLIENT_ID`;
  if (secretEnv.endsWith('_SECRET')) return `${secretEnv.slice(0, -'_SECRET'.length)}_CLIENT_ID`;
  return `${secretEnv}_CLIENT_ID`;
}
