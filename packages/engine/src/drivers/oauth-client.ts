/**
 * @module
 * The few Marketing Cloud OAuth calls the engine makes (token, tokenContext, endpoints), shared by
 * the sfmc driver, `import` and `verify`. Bodies are JSON with snake_case, as the vendor documents.
 * Secrets are sent, never logged or returned in errors.
 */
import type { JsonObject } from '../json.js';
import { isJsonObject } from '../json.js';
import type { FetchLike } from './http.js';
import { fetchOrUnreachable, jsonOrNull } from './http.js';

export interface TokenRequest {
  /** Auth base URL with a trailing slash, e.g. `https://{tssd}.auth.marketingcloudapis.com/`. */
  readonly authBase: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly accountId?: number;
  /** Space-separated; omitted = every scope on the integration. */
  readonly scope?: string;
}

export interface TokenSuccess {
  readonly ok: true;
  readonly status: number;
  readonly accessToken: string;
  readonly scopes: readonly string[];
  readonly restInstanceUrl: string | null;
  readonly soapInstanceUrl: string | null;
  readonly refreshToken: string | null;
  readonly expiresIn: number | null;
}

export interface TokenFailure {
  readonly ok: false;
  readonly status: number;
  /** OAuth `error`, e.g. `invalid_client`, `unauthorized_client`. */
  readonly error: string;
  readonly description: string;
}

export type TokenResult = TokenSuccess | TokenFailure;

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

export function parseTokenResponse(status: number, body: unknown): TokenResult {
  const b: JsonObject = isJsonObject(body) ? body : {};
  if (status >= 200 && status < 300 && typeof b.access_token === 'string') {
    return {
      ok: true,
      status,
      accessToken: b.access_token,
      scopes: typeof b.scope === 'string' ? b.scope.split(/[\s+]+/).filter((s) => s !== '') : [],
      restInstanceUrl: typeof b.rest_instance_url === 'string' ? b.rest_instance_url : null,
      soapInstanceUrl: typeof b.soap_instance_url === 'string' ? b.soap_instance_url : null,
      refreshToken: typeof b.refresh_token === 'string' ? b.refresh_token : null,
      expiresIn: typeof b.expires_in === 'number' ? b.expires_in : null,
    };
  }
  return {
    ok: false,
    status,
    error: typeof b.error === 'string' ? b.error : `http_${status}`,
    description: typeof b.error_description === 'string' ? b.error_description : '',
  };
}

/** `POST {auth}v2/token` with grant_type=client_credentials. */
export async function clientCredentialsToken(fetchFn: FetchLike, r: TokenRequest): Promise<TokenResult> {
  const body: Record<string, string | number> = { grant_type: 'client_credentials', client_id: r.clientId };
  if (r.clientSecret !== undefined) body.client_secret = r.clientSecret;
  if (r.accountId !== undefined) body.account_id = r.accountId;
  if (r.scope !== undefined) body.scope = r.scope;
  return postToken(fetchFn, r.authBase, body);
}

export async function postToken(
  fetchFn: FetchLike,
  authBase: string,
  body: Record<string, string | number>,
): Promise<TokenResult> {
  const res = await fetchOrUnreachable(fetchFn, `${withSlash(authBase)}v2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return parseTokenResponse(res.status, await jsonOrNull(res));
}

/** `GET {rest}platform/v1/tokenContext` → the MID the token is for (`organization.id`). */
export async function tokenContextMid(
  fetchFn: FetchLike,
  restBase: string,
  accessToken: string,
): Promise<number | null> {
  const res = await fetchOrUnreachable(fetchFn, `${withSlash(restBase)}platform/v1/tokenContext`, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
  });
  const body = await jsonOrNull(res);
  if (!res.ok || !isJsonObject(body) || !isJsonObject(body.organization)) return null;
  const id = body.organization.id;
  return typeof id === 'number' ? id : typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : null;
}

/** `GET {rest}platform/v1/endpoints` answered 200 with this token. */
export async function restAnswers(fetchFn: FetchLike, restBase: string, accessToken: string): Promise<number> {
  const res = await fetchOrUnreachable(fetchFn, `${withSlash(restBase)}platform/v1/endpoints`, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
  });
  await res.arrayBuffer();
  return res.status;
}

/** The vendor's auth base URL for a tenant subdomain. */
export function sfmcAuthBase(subdomain: string): string {
  return `https://${subdomain}.auth.marketingcloudapis.com/`;
}

/**
 * The env var holding an integration's client id, derived from its client secret's env name:
 * a trailing `_CLIENT_SECRET` or `_SECRET` becomes `_CLIENT_ID` (`CRM_SYNC_CLIENT_SECRET` →
 * `CRM_SYNC_CLIENT_ID`); any other name gets `_CLIENT_ID` appended.
 */
export function clientIdEnvFor(secretEnv: string): string {
  const m = /^(.*?)(?:_CLIENT)?_SECRET$/.exec(secretEnv);
  return `${m?.[1] ?? secretEnv}_CLIENT_ID`;
}
