/**
 * @module
 * Constant Contact hosts (reference §3.1, names from `@grantform/config/hosts`) and how they are
 * addressed. Like every vendor host they are reached by `Host` header or as the first path segment
 * (`http://127.0.0.1:4010/authz.constantcontact.com/oauth2/default/v1/token`); the core's
 * `virtualPath` maps both to `/~ctct/{host key}/{h|p}{path}` ({@link ctctHosts}). Paths keep their
 * case (contact ids, the issuer id).
 */
import { CONSTANT_CONTACT_HOSTS, type ConstantContactHostKey, constantContactBaseUrls } from '@grantform/config/hosts';
import type { Context } from 'hono';
import type { HostRule } from '../../addressing.js';
import type { ServedHostPattern } from '../../tls/hosts.js';

export type CtctHostKey = ConstantContactHostKey;

/** Host name → the key used in virtual paths. */
export const CTCT_HOSTS: Readonly<Record<string, CtctHostKey>> = Object.assign(
  Object.create(null),
  Object.fromEntries(Object.entries(CONSTANT_CONTACT_HOSTS).map(([key, host]) => [host, key])),
);

export const CTCT_HOST_NAMES: Readonly<Record<CtctHostKey, string>> = CONSTANT_CONTACT_HOSTS;

/** The Constant Contact hosts, mounted at `/~ctct/{authz|identity|api|cognito}`; paths keep their case. */
export const ctctHosts: HostRule = {
  foldCase: false,
  mount(name) {
    const key = CTCT_HOSTS[name.toLowerCase()];
    return key === undefined ? undefined : `/~ctct/${key}`;
  },
  hostname: (first, key) =>
    first === 'ctct' && Object.hasOwn(CTCT_HOST_NAMES, key) ? CTCT_HOST_NAMES[key as CtctHostKey] : undefined,
};

/** The Constant Contact hosts as the TLS side serves them: each name exactly. */
export const ctctTlsHosts: readonly ServedHostPattern[] = Object.values(CONSTANT_CONTACT_HOSTS).map((name) => ({
  display: name,
  subtree: name,
  matches: (h: string) => h === name,
}));

/** The Okta authorization-server id in the issuer (seen in client code; UNCONFIRMED in the docs). */
export const CTCT_AUTH_SERVER_ID = 'aus1lm3ry9mF7x2Ja0h8';
/** `iss` of every user access token. */
export const CTCT_ISSUER = `https://${CONSTANT_CONTACT_HOSTS.identity}/oauth2/${CTCT_AUTH_SERVER_ID}`;
/** `aud` of every user access token. */
export const CTCT_AUDIENCE = `https://${CONSTANT_CONTACT_HOSTS.api}/v3`;
/** `iss` of partner tokens from the Cognito host (UNCONFIRMED: the Cognito pool id is not public). */
export const CTCT_COGNITO_ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_grantform';
/** `iss` of partner tokens from `authz…/partners/oauth2/default/v1/token` (UNCONFIRMED). */
export const CTCT_PARTNER_ISSUER = `https://${CONSTANT_CONTACT_HOSTS.authz}/partners/oauth2/default`;

/** Where the routes of `host` are mounted: `/~ctct/{host}/:style`. */
export const ctctMount = (host: CtctHostKey): string => `/~ctct/${host}/:style`;

/** How a request reached a Constant Contact host. */
export interface CtctVhost {
  readonly host: CtctHostKey;
  readonly style: 'host' | 'path';
  /** `scheme://host[:port]` of the request. */
  readonly origin: string;
}

/** Reads how the request reached `host` (routes are mounted under `/~ctct/{host}/:style`). */
export function ctctVhost(c: Context, host: CtctHostKey): CtctVhost {
  const url = c.req.url;
  const start = url.indexOf('://') + 3;
  const end = url.indexOf('/', start);
  return {
    host,
    style: c.req.param('style') === 'h' ? 'host' : 'path',
    origin: end < 0 ? url : url.slice(0, end),
  };
}

/** The base URL of `host` (no trailing slash) in the form the request used. */
export function ctctBase(vhost: Pick<CtctVhost, 'style' | 'origin'>, host: CtctHostKey): string {
  const name = CTCT_HOST_NAMES[host];
  return vhost.style === 'host' ? `https://${name}` : `${vhost.origin}/${name}`;
}

/** Path-style base URLs of every Constant Contact host on an emulator at `origin`. */
export function ctctEndpoints(origin: string): Record<CtctHostKey, string> {
  return constantContactBaseUrls(origin);
}
