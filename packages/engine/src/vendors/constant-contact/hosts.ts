/**
 * @module
 * Where the Constant Contact hosts are: the real ones, or the emulator's (host as the first path
 * segment of its origin, so one port serves every vendor host). The host names come from
 * `@grantform/config/hosts`.
 */
import { type ConstantContactBaseUrls, constantContactBaseUrls } from '@grantform/config/hosts';

/**
 * Base URLs (no trailing slash) of the Constant Contact hosts grantform calls: `authz` (authorize,
 * token, device authorize), `identity` (the issuer and its JWKS), `api` (the v3 API and
 * `/v3/partner/*`), `cognito` (the documented partner token host).
 */
export type CtctHosts = ConstantContactBaseUrls;

/** The vendor's own hosts (`https://…`). */
export const CTCT_VENDOR_HOSTS: CtctHosts = constantContactBaseUrls();

/**
 * The hosts on an emulator origin.
 * @example ctctEmulatorHosts('http://127.0.0.1:4010').api // 'http://127.0.0.1:4010/api.cc.email'
 */
export function ctctEmulatorHosts(origin: string): CtctHosts {
  return constantContactBaseUrls(origin);
}
