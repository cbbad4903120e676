/**
 * @module
 * Every error the emulator throws. Each class carries a stable `code` and renders itself through
 * `getResponse()`, so `app.onError` only has to call it (see {@link renderError}).
 */

/** Where every SFMC OAuth error points (vendor-endpoints §1.4). */
export const ERROR_URI = 'https://developer.salesforce.com/docs';

/** The RFC 6749 error codes the auth host answers with. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'invalid_token'
  | 'access_denied';

/** An OAuth error in the SFMC body shape `{error, error_description, error_uri}`. */
export class OAuthError extends Error {
  readonly code: OAuthErrorCode;
  constructor(
    code: OAuthErrorCode,
    readonly status: 400 | 401 | 403,
    description: string,
  ) {
    super(description);
    this.code = code;
    this.name = new.target.name;
  }
  toBody(): { error: OAuthErrorCode; error_description: string; error_uri: string } {
    return { error: this.code, error_description: this.message, error_uri: ERROR_URI };
  }
  getResponse(): Response {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'cache-control': 'no-store' };
    if (this.code === 'invalid_token')
      headers['www-authenticate'] = `Bearer error="invalid_token", error_description="${this.message}"`;
    return new Response(JSON.stringify(this.toBody()), { status: this.status, headers });
  }
}

export class InvalidRequest extends OAuthError {
  constructor(d: string) {
    super('invalid_request', 400, d);
  }
}
export class InvalidClient extends OAuthError {
  constructor(d: string = MESSAGES.clientAuthFailed) {
    super('invalid_client', 401, d);
  }
}
export class InvalidGrant extends OAuthError {
  constructor(d: string) {
    super('invalid_grant', 400, d);
  }
}
export class UnauthorizedClient extends OAuthError {
  constructor(d: string = MESSAGES.unauthorizedClient) {
    super('unauthorized_client', 401, d);
  }
}
export class UnsupportedGrantType extends OAuthError {
  constructor(d: string = MESSAGES.unsupportedGrantType) {
    super('unsupported_grant_type', 400, d);
  }
}
export class InvalidScope extends OAuthError {
  constructor(d: string) {
    super('invalid_scope', 400, d);
  }
}
export class InvalidToken extends OAuthError {
  constructor(d = 'The access token is invalid, expired or revoked.') {
    super('invalid_token', 401, d);
  }
}

/** Vendor texts (vendor-endpoints §1.4), kept in one place so tests and docs quote the same strings. */
export const MESSAGES = {
  unknownClient: 'Invalid client ID. Use the client ID in Marketing Cloud Installed Packages.',
  clientAuthFailed:
    'Client authentication failed. Make sure that the client ID and client secret are valid and that the package is installed and enabled.',
  legacyPackage:
    'This integration is not eligible to use the /v2/token endpoint because the integration was created in a legacy package. To obtain a token for this integration, use the /v1/requestToken endpoint.',
  unsupportedGrantType:
    'Use "authorization_code" or "refresh_token" or "client_credentials" or "urn:ietf:params:oauth:grant-type:jwt-bearer" as the grant_type.',
  unauthorizedClient: 'The client is not authorized to request an authorization code using this method.',
} as const;

/** Authorize errors that go back to the (verified) redirect URI as `error`/`error_description`/`state`. */
export class AuthorizeRedirectError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    description: string,
    readonly redirectUri: string,
    readonly state: string | undefined,
  ) {
    super(description);
    this.name = new.target.name;
  }
  getResponse(): Response {
    const url = new URL(this.redirectUri);
    url.searchParams.set('error', this.code);
    url.searchParams.set('error_description', this.message);
    if (this.state !== undefined) url.searchParams.set('state', this.state);
    return new Response(null, { status: 302, headers: { location: url.href, 'cache-control': 'no-store' } });
  }
}

/** Authorize errors that must not redirect (unknown client, unverified redirect URI): shown as a page. */
export class AuthorizePageError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    description: string,
    readonly status: 400 | 401 = 400,
  ) {
    super(description);
    this.name = new.target.name;
  }
  getResponse(): Response {
    const esc = escapeHtml;
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Marketing Cloud: authorization error</title></head><body><main><h1>Authorization error</h1><p id="error">${esc(this.code)}</p><p id="error_description">${esc(this.message)}</p></main></body></html>`;
    return new Response(html, {
      status: this.status,
      headers: { 'content-type': 'text/html; charset=UTF-8', 'cache-control': 'no-store' },
    });
  }
}

/** Errors on the REST instance host, in the REST shape `{documentation, errorcode, message}` (§1.8). */
export class RestError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404,
    readonly errorcode: number,
    message: string,
    readonly documentation = '',
  ) {
    super(message);
    this.name = new.target.name;
  }
  getResponse(): Response {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.status === 401) {
      headers['www-authenticate'] =
        'Bearer realm="marketingcloudapis.com", error="invalid_token", error_description="The access token is invalid or expired"';
    }
    const body = { documentation: this.documentation, errorcode: this.errorcode, message: this.message };
    return new Response(JSON.stringify(body), { status: this.status, headers });
  }
}

export const REST_NOT_AUTHORIZED = (): RestError =>
  new RestError(
    401,
    0,
    'Not Authorized',
    'https://developer.salesforce.com/docs/atlas.en-us.mc-apis.meta/mc-apis/error-handling.htm',
  );

/** Stable codes of the admin API (ADMIN-API.md), with their HTTP status. */
const ADMIN_STATUS = {
  ERR_VALIDATION: 400,
  ERR_NOT_FOUND: 404,
  ERR_CONFLICT: 409,
  ERR_COMPONENT_NOT_REMOVABLE: 409,
  ERR_UNAUTHORIZED: 401,
  /** The request's `Host` is not one of the emulator's own names (DNS rebinding); admin API and console. */
  ERR_HOST_NOT_ALLOWED: 403,
  /** A state-changing request from a foreign `Origin` (or `Sec-Fetch-Site: cross-site`); admin API and console. */
  ERR_CROSS_ORIGIN: 403,
  /** A state-changing admin request whose body is not sent as `application/json`. */
  ERR_UNSUPPORTED_MEDIA_TYPE: 415,
} as const satisfies Record<string, 400 | 401 | 403 | 404 | 409 | 415>;

export type AdminErrorCode = keyof typeof ADMIN_STATUS;

/** Every admin error code (the OpenAPI document lists them). */
export const ADMIN_ERROR_CODES = Object.keys(ADMIN_STATUS) as readonly AdminErrorCode[];

export interface AdminIssue {
  readonly path: string;
  readonly message: string;
}

/** An admin API error: `{"error":{"code","message","path","issues"?}}`. `path` is filled in by the error handler. */
export class AdminError extends Error {
  readonly status: (typeof ADMIN_STATUS)[AdminErrorCode];
  path = '';
  constructor(
    readonly code: AdminErrorCode,
    message: string,
    readonly issues?: readonly AdminIssue[],
  ) {
    super(message);
    this.name = new.target.name;
    this.status = ADMIN_STATUS[code];
  }
  getResponse(): Response {
    const error: Record<string, unknown> = { code: this.code, message: this.message, path: this.path };
    if (this.issues) error.issues = this.issues;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.code === 'ERR_UNAUTHORIZED') headers['www-authenticate'] = 'Bearer realm="grantform-emulator"';
    return new Response(JSON.stringify({ error }), { status: this.status, headers });
  }
}

export const notFound = (message: string): AdminError => new AdminError('ERR_NOT_FOUND', message);
export const validationError = (issues: readonly AdminIssue[], message = 'the request is invalid'): AdminError =>
  new AdminError('ERR_VALIDATION', message, issues);

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
