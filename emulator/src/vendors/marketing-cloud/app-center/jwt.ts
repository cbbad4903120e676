/**
 * @module
 * `@grantform/emulator/app-center`: the App Center / HubExchange single sign-on JWT (vendor-endpoints
 * §2.2). Marketing Cloud POSTs it (form field `jwt`) to a legacy app's Login URL, HS256-signed with
 * the package's JWT Signing Secret. {@link verifyAppCenterJwt} is for app developers: it verifies and
 * decodes such a token (HS256 only, `exp` required, on an injectable clock). {@link signAppCenterJwt}
 * is what the emulator's app launch uses. Depends on `jose` only.
 *
 * @example
 * const claims = await verifyAppCenterJwt(form.get('jwt'), process.env.APP_SIGNATURE!, { now: () => new Date() });
 * const mid = claims.request.organization.id;
 */
import { errors, jwtVerify, SignJWT } from 'jose';

export interface AppCenterTimezone {
  longName: string;
  shortName: string;
  offset: number;
  dst: boolean;
}

interface BaseRequest {
  organization: {
    id: number;
    enterpriseId: number;
    dataContext: 'core' | 'reseller' | 'tiered' | 'enterprise';
    stackKey: string;
  };
}

/** Claim set v1 (`claimsVersion: 1`): tokens ride in `request.user`. */
export interface AppCenterClaimsV1 {
  exp: number;
  iss: string;
  request: BaseRequest & {
    claimsVersion: 1;
    user: {
      id: number;
      email: string;
      culture: string;
      timezone: AppCenterTimezone;
      /** 1-hour REST token. */
      oauthToken?: string;
      /** The SOAP "legacyToken". */
      internalOauthToken?: string;
      refreshToken?: string;
      expiresIn?: number;
    };
    application: { id: string; customerEnvironment: string; redirectUrl: string };
  };
}

/** Claim set v2 (the default). */
export interface AppCenterClaimsV2 {
  exp: number;
  jti: string;
  request: BaseRequest & {
    claimsVersion: 2;
    user: { id: number; email: string; culture: string; timezone: AppCenterTimezone };
    organization: BaseRequest['organization'] & { region: string };
    application: {
      id: string;
      package: string;
      redirectUrl: string;
      features: Record<string, unknown>;
      userPermissions: unknown[];
    };
    rest: { authEndpoint: string; apiEndpointBase: string; refreshToken?: string };
  };
}

export type AppCenterClaims = AppCenterClaimsV1 | AppCenterClaimsV2;

export interface VerifyAppCenterJwtOptions {
  /** The clock. @default () => new Date() */
  readonly now?: () => Date;
  /** Seconds of clock skew tolerated on `exp`. @default 0 */
  readonly clockTolerance?: number;
}

/** Thrown for any token that is not a valid, unexpired App Center JWT for this secret. */
export class AppCenterJwtError extends Error {
  readonly code: 'ERR_APP_CENTER_JWT_EXPIRED' | 'ERR_APP_CENTER_JWT_INVALID';
  constructor(code: AppCenterJwtError['code'], message: string) {
    super(message);
    this.code = code;
    this.name = new.target.name;
  }
}

const encode = (secret: string) => new TextEncoder().encode(secret);

/**
 * Verifies an App Center SSO JWT (HS256 only) and returns its claims.
 * @throws {AppCenterJwtError} `ERR_APP_CENTER_JWT_EXPIRED` or `ERR_APP_CENTER_JWT_INVALID`
 */
export async function verifyAppCenterJwt(
  jwt: string,
  secret: string,
  options: VerifyAppCenterJwtOptions = {},
): Promise<AppCenterClaims> {
  if (secret === '') throw new TypeError('verifyAppCenterJwt needs the package JWT signing secret');
  try {
    const { payload } = await jwtVerify(jwt, encode(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'request'],
      currentDate: (options.now ?? (() => new Date()))(),
      clockTolerance: options.clockTolerance ?? 0,
    });
    const request = payload.request as { claimsVersion?: unknown } | undefined;
    if (typeof request !== 'object' || request === null)
      throw new AppCenterJwtError('ERR_APP_CENTER_JWT_INVALID', 'missing request claim');
    return payload as unknown as AppCenterClaims;
  } catch (err) {
    if (err instanceof AppCenterJwtError) throw err;
    if (err instanceof errors.JWTExpired)
      throw new AppCenterJwtError('ERR_APP_CENTER_JWT_EXPIRED', 'the JWT has expired');
    throw new AppCenterJwtError('ERR_APP_CENTER_JWT_INVALID', err instanceof Error ? err.message : 'invalid JWT');
  }
}

/** Signs claims as Marketing Cloud does: header `{"typ":"JWT","alg":"HS256"}`. */
export function signAppCenterJwt(claims: AppCenterClaims, secret: string): Promise<string> {
  return new SignJWT({ ...claims }).setProtectedHeader({ typ: 'JWT', alg: 'HS256' }).sign(encode(secret));
}
