/**
 * @module
 * Marketing Cloud's part of fault injection: its host kinds (`auth`, `rest`, `soap`, `legacy`), what
 * a virtual path addresses, the client id in a SOAP body, and the vendor-shaped answers a fault rule
 * produces per host kind (vendor-endpoints §1.4, §1.8, §1.9, §2.1): OAuth bodies on auth hosts,
 * `{message, errorcode, documentation}` on REST and the legacy endpoint (429 → errorcode 50100 with
 * `retryAfter`), SOAP faults (429 → the `Rate Limited` fault).
 */

import type { FaultAction, FaultContribution, FaultTarget } from '../../control/faults.js';
import { claimClientId } from '../../control/faults-stage.js';
import { ERROR_URI } from './errors.js';
import { faultEnvelope, SOAP_HEADERS } from './routes/soap/envelope.js';

export const ERROR_HANDLING_DOC =
  'https://developer.salesforce.com/docs/atlas.en-us.mc-apis.meta/mc-apis/error-handling.htm';

type ErrorAction = Extract<FaultAction, { type: 'error' }>;

const OAUTH_DEFAULTS: Record<number, [string, string]> = {
  400: ['invalid_grant', 'The grant is invalid (injected fault).'],
  401: ['invalid_client', 'Client authentication failed (injected fault).'],
  429: ['rate_limit_exceeded', 'Rate limit exceeded.'],
  500: ['server_error', 'Internal Server Error'],
  503: ['temporarily_unavailable', 'Service Unavailable'],
};

const REST_DEFAULTS: Record<number, [number, string]> = {
  400: [10000, 'Bad Request'],
  401: [0, 'Not Authorized'],
  403: [20002, 'Insufficient privileges to complete this action.'],
  404: [404, 'Not Found'],
  429: [50100, 'Rate limit exceeded'],
  500: [0, 'Internal Server Error'],
  503: [50300, 'Service Unavailable'],
};

/** The response for an `error` fault on `target`'s host. */
export function errorFaultResponse(target: FaultTarget, a: ErrorAction): Response {
  const retryAfter = a.retryAfter ?? (a.status === 429 ? 5 : undefined);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  if (a.body !== undefined) return new Response(JSON.stringify(a.body), { status: a.status, headers });

  if (target.host === 'soap') {
    const xml =
      a.status === 429
        ? faultEnvelope({ faultcode: 'soap:Server', faultstring: 'Rate Limited', detail: { ErrorCode: '17' } })
        : faultEnvelope({ faultcode: 'soap:Server', faultstring: a.description ?? 'Internal Server Error' });
    const soapHeaders: Record<string, string> = { ...SOAP_HEADERS };
    if (retryAfter !== undefined) soapHeaders['retry-after'] = String(retryAfter);
    return new Response(xml, { status: 500, headers: soapHeaders });
  }
  if (target.host === 'auth' && !target.path.startsWith('/v1/')) {
    const [error, description] = OAUTH_DEFAULTS[a.status] ?? ['server_error', `HTTP ${a.status} (injected fault)`];
    const body = { error: a.error ?? error, error_description: a.description ?? description, error_uri: ERROR_URI };
    headers['cache-control'] = 'no-store';
    return new Response(JSON.stringify(body), { status: a.status, headers });
  }
  // REST instance and the legacy /v1/requestToken share the `{message, errorcode, documentation}` shape.
  const legacyUnauthorized = target.path.startsWith('/v1/') && a.status === 401;
  const [errorcode, message] = legacyUnauthorized
    ? [1, 'Unauthorized']
    : (REST_DEFAULTS[a.status] ?? [0, `HTTP ${a.status} (injected fault)`]);
  const body: Record<string, unknown> = {
    message: a.description ?? message,
    errorcode,
    documentation: legacyUnauthorized ? '' : ERROR_HANDLING_DOC,
  };
  if (a.status === 429 && retryAfter !== undefined) body.retryAfter = retryAfter;
  if (a.status === 401 && target.host === 'rest') {
    headers['www-authenticate'] =
      'Bearer realm="marketingcloudapis.com", error="invalid_token", error_description="The access token is invalid or expired"';
  }
  return new Response(JSON.stringify(body), { status: a.status, headers });
}

/** Truncated JSON (or XML on SOAP hosts) with a 200 status. */
export function malformedResponse(target: FaultTarget): Response {
  if (target.host === 'soap') {
    return new Response('<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap=', {
      status: 200,
      headers: SOAP_HEADERS,
    });
  }
  return new Response('{"access_token":"eyJhbGciOi', { status: 200, headers: { 'content-type': 'application/json' } });
}

const VIRTUAL = /^\/~(auth|rest|soap|legacy)\/([^/]+)\/[hp](\/.*)?$/;

/** Marketing Cloud's hosts as fault rules see them. */
export const marketingCloudFaults: FaultContribution = {
  hostKinds: ['auth', 'rest', 'soap', 'legacy'],
  target(virtualPath, method) {
    const m = VIRTUAL.exec(virtualPath);
    if (!m) return undefined;
    const host = m[1]!;
    return { host, tenant: host === 'legacy' ? undefined : m[2], path: m[3] ?? '/', method };
  },
  clientIdFromBody(target, text) {
    if (target.host !== 'soap') return undefined;
    const token = /<(?:\w+:)?(?:fueloauth|oAuthToken)[^>]*>([^<]+)</.exec(text)?.[1];
    return token ? claimClientId(token.trim()) : undefined;
  },
  errorResponse: errorFaultResponse,
  malformedResponse,
};
