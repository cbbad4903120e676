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
