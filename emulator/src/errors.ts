/**
 * @module
 * Every error the emulator throws. Each class carries a stable `code` and renders itself through
 * `getResponse()`, so `app.onError` only has to call it. The OAuth errors are one family
 * ({@link OAuthError}, {@link AuthorizeRedirectError}, {@link AuthorizePageError}) parameterised by
 * each vendor's {@link OAuthDialect}.
 */

/**
 * How one vendor's OAuth endpoints word an error: what the JSON body carries besides `error` and
 * `error_description`, the `WWW-Authenticate` challenge (if any) and the error page's title. One
 * {@link OAuthError} family serves every vendor; each passes its dialect.
 */
export interface OAuthDialect {
  /** Body fields after `error` and `error_description` (Marketing Cloud: `error_uri`). */
  readonly extraFields: Readonly<Record<string, string>>;
  /** The `WWW-Authenticate` header of an error response; `undefined` for none. */
  challenge(code: string, status: number, description: string): string | undefined;
  /** `<title>` of the page an authorize error is shown on (when it must not redirect). */
  readonly pageTitle: string;
  /** Heading of that page. */
  readonly pageHeading: string;
}

/** An OAuth error (RFC 6749 §5.2) as JSON: `{error, error_description, …dialect fields}`, never cached. */
export class OAuthError<C extends string = string> extends Error {
  constructor(
    readonly dialect: OAuthDialect,
    readonly code: C,
    readonly status: 400 | 401 | 403,
    description: string,
  ) {
    super(description);
    this.name = new.target.name;
  }
  toBody(): { error: C; error_description: string } & Readonly<Record<string, string>> {
    return { error: this.code, error_description: this.message, ...this.dialect.extraFields };
  }
  getResponse(): Response {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'cache-control': 'no-store' };
    const challenge = this.dialect.challenge(this.code, this.status, this.message);
    if (challenge !== undefined) headers['www-authenticate'] = challenge;
    return new Response(JSON.stringify(this.toBody()), { status: this.status, headers });
  }
}

/**
 * An authorize error sent back to a verified redirect URI as `error`, `error_description` and
 * `state`: in the query, or in the fragment (the implicit flow).
 */
export class AuthorizeRedirectError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    description: string,
    readonly redirectUri: string,
    readonly state: string | undefined,
    readonly inFragment = false,
  ) {
    super(description);
    this.name = new.target.name;
  }
  getResponse(): Response {
    const url = new URL(this.redirectUri);
    const params = this.inFragment ? new URLSearchParams() : url.searchParams;
    params.set('error', this.code);
    params.set('error_description', this.message);
    if (this.state !== undefined) params.set('state', this.state);
    if (this.inFragment) url.hash = params.toString();
    return new Response(null, { status: 302, headers: { location: url.href, 'cache-control': 'no-store' } });
  }
}

/** An authorize error that must not redirect (unknown client, unverified redirect URI): a page. */
export class AuthorizePageError<C extends string = string> extends Error {
  constructor(
    readonly dialect: OAuthDialect,
    readonly code: C,
    description: string,
    readonly status: 400 | 401 | 403 = 400,
  ) {
    super(description);
    this.name = new.target.name;
  }
  getResponse(): Response {
    const esc = escapeHtml;
    const { pageTitle, pageHeading } = this.dialect;
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(pageTitle)}</title></head><body><main><h1>${esc(pageHeading)}</h1><p id="error">${esc(this.code)}</p><p id="error_description">${esc(this.message)}</p></main></body></html>`;
    return new Response(html, {
      status: this.status,
      headers: { 'content-type': 'text/html; charset=UTF-8', 'cache-control': 'no-store' },
    });
  }
}

/** Where every SFMC OAuth error points (vendor-endpoints §1.4). */
export const ERROR_URI = 'https://developer.salesforce.com/docs';

/** The RFC 6749 error codes the auth host answers with. */
export type SfmcOAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'invalid_token'
  | 'access_denied';

/** Marketing Cloud's OAuth errors: `{error, error_description, error_uri}` (§1.4); a bad token says so in a Bearer challenge. */
export const SFMC_OAUTH: OAuthDialect = {
  extraFields: { error_uri: ERROR_URI },
  challenge: (code, _status, description) =>
    code === 'invalid_token' ? `Bearer error="invalid_token", error_description="${description}"` : undefined,
  pageTitle: 'Marketing Cloud: authorization error',
  pageHeading: 'Authorization error',
};

/** An OAuth error of the Marketing Cloud auth host. */
export class SfmcOAuthError extends OAuthError<SfmcOAuthErrorCode> {
  constructor(code: SfmcOAuthErrorCode, status: 400 | 401 | 403, description: string) {
    super(SFMC_OAUTH, code, status, description);
  }
}

export class InvalidRequest extends SfmcOAuthError {
  constructor(d: string) {
    super('invalid_request', 400, d);
  }
}
export class InvalidClient extends SfmcOAuthError {
  constructor(d: string = MESSAGES.clientAuthFailed) {
    super('invalid_client', 401, d);
  }
}
export class InvalidGrant extends SfmcOAuthError {
  constructor(d: string) {
    super('invalid_grant', 400, d);
  }
}
export class UnauthorizedClient extends SfmcOAuthError {
  constructor(d: string = MESSAGES.unauthorizedClient) {
    super('unauthorized_client', 401, d);
  }
}
export class UnsupportedGrantType extends SfmcOAuthError {
  constructor(d: string = MESSAGES.unsupportedGrantType) {
    super('unsupported_grant_type', 400, d);
  }
}
export class InvalidScope extends SfmcOAuthError {
  constructor(d: string) {
    super('invalid_scope', 400, d);
  }
}
export class InvalidToken extends SfmcOAuthError {
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
