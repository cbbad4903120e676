/**
 * @module
 * Constant Contact hosts (reference §3.1) and how they are addressed. Like the Marketing Cloud hosts
 * they are reached by `Host` header or as the first path segment
 * (`http://127.0.0.1:4010/authz.constantcontact.com/oauth2/default/v1/token`); `virtualPath` maps
 * both to `/~ctct/{host key}/{h|p}{path}`. Paths keep their case (contact ids, the issuer id).
 */
import type { Context } from 'hono';

/** Host name → the key used in virtual paths. */
export const CTCT_HOSTS: Readonly<Record<string, CtctHostKey>> = Object.assign(Object.create(null), {
  'authz.constantcontact.com': 'authz',
  'identity.constantcontact.com': 'identity',
  'api.cc.email': 'api',
  'v3api-partner.auth.us-east-1.amazoncognito.com': 'cognito',
});

export type CtctHostKey = 'authz' | 'identity' | 'api' | 'cognito';

export const CTCT_HOST_NAMES: Readonly<Record<CtctHostKey, string>> = {
  authz: 'authz.constantcontact.com',
  identity: 'identity.constantcontact.com',
  api: 'api.cc.email',
  cognito: 'v3api-partner.auth.us-east-1.amazoncognito.com',
};

/** The Okta authorization-server id in the issuer (seen in client code; UNCONFIRMED in the docs). */
export const CTCT_AUTH_SERVER_ID = 'aus1lm3ry9mF7x2Ja0h8';
/** `iss` of every user access token. */
export const CTCT_ISSUER = `https://identity.constantcontact.com/oauth2/${CTCT_AUTH_SERVER_ID}`;
/** `aud` of every user access token. */
export const CTCT_AUDIENCE = 'https://api.cc.email/v3';
/** `iss` of partner tokens from the Cognito host (UNCONFIRMED: the Cognito pool id is not public). */
export const CTCT_COGNITO_ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_grantform';
/** `iss` of partner tokens from `authz…/partners/oauth2/default/v1/token` (UNCONFIRMED). */
export const CTCT_PARTNER_ISSUER = 'https://authz.constantcontact.com/partners/oauth2/default';

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
  const p = { style: 'path' as const, origin };
  return {
    authz: ctctBase(p, 'authz'),
    identity: ctctBase(p, 'identity'),
    api: ctctBase(p, 'api'),
    cognito: ctctBase(p, 'cognito'),
  };
}
