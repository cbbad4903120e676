/**
 * @module
 * Error bodies of the legacy `/v1/requestToken` endpoint (vendor-endpoints §2.1, OBS):
 * `{message, errorcode, documentation}`.
 */

export const LEGACY_MESSAGES = {
  enhancedPackage:
    'This integration is not eligible to use the legacy /v1/requestToken endpoint because the integration uses enhanced OAuth 2.0 functionality. To obtain a token for this integration, use the applicable Marketing Cloud OAuth 2.0 endpoint for authentication. For a web or public app, use /v2/authorize and then /v2/token. For a server-to-server integration, use /v2/token.',
} as const;

export class LegacyError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly errorcode: number,
    message: string,
    readonly documentation = '',
  ) {
    super(message);
    this.name = new.target.name;
  }
  getResponse(): Response {
    const body = { message: this.message, errorcode: this.errorcode, documentation: this.documentation };
    return new Response(JSON.stringify(body), {
      status: this.status,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    });
  }
}

/** Bad credentials, unknown/spent refresh token: 401 `{"message":"Unauthorized","errorcode":1,"documentation":""}`. */
export const legacyUnauthorized = (): LegacyError => new LegacyError(401, 1, 'Unauthorized');
/** An enhanced package on v1: errorcode 10007 (HTTP status UNCONFIRMED upstream; 401 here). */
export const enhancedPackageRefused = (): LegacyError => new LegacyError(401, 10007, LEGACY_MESSAGES.enhancedPackage);
/** An unreadable body (emulator choice). */
export const legacyBadRequest = (message: string): LegacyError => new LegacyError(400, 0, message);
