/**
 * @module
 * Where the Constant Contact hosts are: the real ones, or the emulator's (host as the first path
 * segment of its origin, so one port serves every vendor host).
 */

/** Base URLs (no trailing slash) of the Constant Contact hosts grantform calls. */
export interface CtctHosts {
  /** `authz.constantcontact.com`: authorize, token, device authorize. */
  readonly authz: string;
  /** `identity.constantcontact.com`: the issuer and its JWKS. */
  readonly identity: string;
  /** `api.cc.email`: the v3 API (and `/v3/partner/*`). */
  readonly api: string;
  /** The documented partner token host (Amazon Cognito). */
  readonly cognito: string;
}

const HOSTS = {
  authz: 'authz.constantcontact.com',
  identity: 'identity.constantcontact.com',
  api: 'api.cc.email',
  cognito: 'v3api-partner.auth.us-east-1.amazoncognito.com',
} as const;

/** The vendor's own hosts (`https://…`). */
export const CTCT_VENDOR_HOSTS: CtctHosts = {
  authz: `https://${HOSTS.authz}`,
  identity: `https://${HOSTS.identity}`,
  api: `https://${HOSTS.api}`,
  cognito: `https://${HOSTS.cognito}`,
};

/**
 * The hosts on an emulator origin.
 * @example ctctEmulatorHosts('http://127.0.0.1:4010').api // 'http://127.0.0.1:4010/api.cc.email'
 */
export function ctctEmulatorHosts(origin: string): CtctHosts {
  const o = origin.replace(/\/+$/, '');
  return {
    authz: `${o}/${HOSTS.authz}`,
    identity: `${o}/${HOSTS.identity}`,
    api: `${o}/${HOSTS.api}`,
    cognito: `${o}/${HOSTS.cognito}`,
  };
}
