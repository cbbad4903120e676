/**
 * @module
 * The few Marketing Cloud calls the engine makes (token, tokenContext, endpoints, a SOAP Retrieve), shared by
 * the sfmc driver, `import` and `verify`. Bodies are JSON with snake_case, as the vendor documents.
 * Secrets are sent, never logged or returned in errors.
 */

import { marketingCloudBase } from '@grantform/config/hosts';
import type { FetchLike } from '../../drivers/http.js';
import { fetchOrUnreachable, jsonOrNull } from '../../drivers/http.js';
import type { JsonObject, JsonValue } from '../../json.js';
import { isJsonObject } from '../../json.js';

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

/** `url` with a trailing `/` (instance URLs come with one; the docs' examples omit it). */
export function withSlash(url: string): string {
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

/** What `GET {rest}platform/v1/tokenContext` says about a token. */
export interface TokenContext {
  readonly status: number;
  /** `organization.id`: the MID (business unit) the token is for. */
  readonly mid: number | null;
  /** `enterprise.id`: the tenant's enterprise MID. */
  readonly enterpriseId: number | null;
  /** A REST error's `message` (e.g. `Not Authorized`), when the call failed. */
  readonly message: string | null;
}

function idOf(node: JsonValue | undefined): number | null {
  const id = isJsonObject(node) ? node.id : undefined;
  return typeof id === 'number' ? id : typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : null;
}

/** `GET {rest}platform/v1/tokenContext` → `{enterprise:{id}, organization:{id}, user:{id}}`. */
export async function tokenContext(fetchFn: FetchLike, restBase: string, accessToken: string): Promise<TokenContext> {
  const res = await fetchOrUnreachable(fetchFn, `${withSlash(restBase)}platform/v1/tokenContext`, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
  });
  const body = await jsonOrNull(res);
  const b: JsonObject = isJsonObject(body) ? body : {};
  if (!res.ok) {
    return {
      status: res.status,
      mid: null,
      enterpriseId: null,
      message: typeof b.message === 'string' ? b.message : null,
    };
  }
  return { status: res.status, mid: idOf(b.organization), enterpriseId: idOf(b.enterprise), message: null };
}

/** `GET {rest}platform/v1/endpoints` answered 200 with this token. */
export async function restAnswers(fetchFn: FetchLike, restBase: string, accessToken: string): Promise<number> {
  const res = await fetchOrUnreachable(fetchFn, `${withSlash(restBase)}platform/v1/endpoints`, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
  });
  await res.arrayBuffer();
  return res.status;
}

/** The SOAP envelope of a minimal `Retrieve` of `BusinessUnit` (the shape sfmc-sdk builds), token in `fueloauth`. */
export function retrieveBusinessUnitEnvelope(accessToken: string): string {
  const token = accessToken.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">',
    `<s:Header><fueloauth xmlns="http://exacttarget.com">${token}</fueloauth></s:Header>`,
    '<s:Body><RetrieveRequestMsg xmlns="http://exacttarget.com/wsdl/partnerAPI"><RetrieveRequest>',
    '<ObjectType>BusinessUnit</ObjectType><Properties>ID</Properties><Properties>Name</Properties>',
    '</RetrieveRequest></RetrieveRequestMsg></s:Body>',
    '</s:Envelope>',
  ].join('');
}

/** What the SOAP API answered to {@link retrieveBusinessUnitEnvelope}. */
export interface SoapAnswer {
  readonly status: number;
  readonly contentType: string;
  /** `OK`, `Error: …`, … from `<OverallStatus>`; `null` when the answer has none. */
  readonly overallStatus: string | null;
  /** `<faultstring>` of a SOAP fault (e.g. `Login Failed`, `Token Expired`). */
  readonly fault: string | null;
  /** The answer is a SOAP envelope (an XML content type and an `Envelope` element). */
  readonly envelope: boolean;
}

function xmlText(xml: string, element: string): string | null {
  const m = new RegExp(`<(?:[\\w.-]+:)?${element}(?:\\s[^>]*)?>([^<]*)</(?:[\\w.-]+:)?${element}>`).exec(xml);
  if (m?.[1] === undefined) return null;
  return m[1]
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/**
 * `POST {soap}Service.asmx` with `SOAPAction: Retrieve`: a minimal `Retrieve` of `BusinessUnit`
 * authenticated by the token in the `fueloauth` header.
 */
export async function soapRetrieveBusinessUnits(
  fetchFn: FetchLike,
  soapBase: string,
  accessToken: string,
): Promise<SoapAnswer> {
  const res = await fetchOrUnreachable(fetchFn, `${withSlash(soapBase)}Service.asmx`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: 'Retrieve', accept: 'text/xml' },
    body: retrieveBusinessUnitEnvelope(accessToken),
  });
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    contentType,
    overallStatus: xmlText(text, 'OverallStatus'),
    fault: xmlText(text, 'faultstring'),
    envelope: /\bxml\b/i.test(contentType) && /<(?:[\w.-]+:)?Envelope[\s>]/.test(text),
  };
}

/** The vendor's auth base URL for a tenant subdomain. */
export function sfmcAuthBase(subdomain: string): string {
  return marketingCloudBase(subdomain, 'auth');
}
