/**
 * @module
 * Constant Contact errors, each rendering itself (`getResponse()`):
 * - {@link OktaError}: the flat `{error, error_description}` OAuth body of the Okta-style hosts
 *   (reference §3.2, §4 item 16), the emulator's one OAuth error family in {@link OKTA_OAUTH} wording
 *   (authorize errors: `AuthorizeRedirectError`, and {@link ctctPageError} when the redirect URI
 *   cannot be trusted);
 * - {@link V3Error}: the v3 API's JSON **array** `[{error_key, error_message}]` (§3.4).
 */
import { AuthorizePageError, type OAuthDialect, OAuthError } from '../../errors.js';

export type OktaErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_scope'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'access_denied'
  | 'authorization_pending'
  | 'slow_down'
  | 'expired_token';

/** Okta wording (UNCONFIRMED for Constant Contact except the refresh-token text, phpfui#19). */
export const CTCT_MESSAGES = {
  unknownClient: "Invalid value for 'client_id' parameter.",
  clientAuthFailed: 'Client authentication failed. Either the client or the client credentials are invalid.',
  badCode: 'The authorization code is invalid or has expired.',
  pkceFailed: 'PKCE verification failed.',
  badRefresh: 'The refresh token is invalid or expired.',
  redirectMismatch: "The 'redirect_uri' does not match the redirection URI used in the authorization request.",
  pending: 'The device authorization is pending. Please try again later.',
  slowDown: (interval: number) => `You are polling faster than the specified interval of ${interval} seconds.`,
  expiredDevice: 'The device code has expired.',
  deniedDevice: 'The resource owner or authorization server denied the request.',
  badDevice: "The 'device_code' is invalid.",
  unsupportedGrant: (grant: string) => `The grant type '${grant}' is not supported.`,
  unknownScope: 'One or more scopes are not configured for the authorization server resource.',
  noScope: "The authorization server resource does not have any configured default scopes, 'scope' must be provided.",
} as const;

/** Okta's OAuth errors: the flat `{error, error_description}`; a 401 carries a Basic challenge. */
export const OKTA_OAUTH: OAuthDialect = {
  extraFields: {},
  challenge: (_code, status) => (status === 401 ? 'Basic realm="Constant Contact"' : undefined),
  pageTitle: 'Constant Contact: error',
  pageHeading: 'Something went wrong',
};

/** An OAuth error of the Okta-style hosts. */
export class OktaError extends OAuthError<OktaErrorCode> {
  constructor(code: OktaErrorCode, status: 400 | 401 | 403, description: string) {
    super(OKTA_OAUTH, code, status, description);
  }
}

export const oktaInvalidRequest = (d: string): OktaError => new OktaError('invalid_request', 400, d);
export const oktaInvalidClient = (d: string = CTCT_MESSAGES.clientAuthFailed): OktaError =>
  new OktaError('invalid_client', 401, d);
export const oktaInvalidGrant = (d: string): OktaError => new OktaError('invalid_grant', 400, d);

/** `415 Unsupported Media Type` from the Cognito partner token host when a required header is missing. */
export class UnsupportedMediaType extends Error {
  constructor(description: string) {
    super(description);
    this.name = new.target.name;
  }
  getResponse(): Response {
    const body = { error: 'invalid_request', error_description: this.message };
    return new Response(JSON.stringify(body), { status: 415, headers: { 'content-type': 'application/json' } });
  }
}

/** A v3 API error: a JSON array of `{error_key, error_message}`. */
export class V3Error extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 415 | 429,
    readonly errors: readonly { error_key: string; error_message: string }[],
  ) {
    super(errors.map((e) => e.error_message).join('; '));
    this.name = new.target.name;
  }
  static of(status: V3Error['status'], errorKey: string, message: string): V3Error {
    return new V3Error(status, [{ error_key: errorKey, error_message: message }]);
  }
  getResponse(): Response {
    return new Response(JSON.stringify(this.errors), {
      status: this.status,
      headers: { 'content-type': 'application/json' },
    });
  }
}

export const V3_UNAUTHORIZED = (): V3Error => V3Error.of(401, 'unauthorized', 'Unauthorized');
export const V3_THROTTLED = (): V3Error => V3Error.of(429, 'throttled', 'Too Many Requests');
export const V3_QUOTA = (): V3Error => V3Error.of(429, 'quota_exceeded', 'Limit Exceeded');

/** An authorize or device-activation error shown as a page (unknown client, unregistered redirect URI). */
export const ctctPageError = (code: OktaErrorCode, description: string, status: 400 | 401 | 403 = 400) =>
  new AuthorizePageError(OKTA_OAUTH, code, description, status);
