/**
 * @module
 * Marketing Cloud's errors: its OAuth wording ({@link SFMC_OAUTH}: `{error, error_description,
 * error_uri}`, a Bearer challenge for a bad token) on the emulator's one OAuth error family, one class
 * per RFC code it answers with, the vendor texts, and the REST instance error shape.
 */
import { type OAuthDialect, OAuthError } from '../../errors.js';

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
