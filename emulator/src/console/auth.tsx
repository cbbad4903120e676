/**
 * @module
 * Console access when the emulator has an admin token (`adminToken` / `--admin-token`). Accepted, in
 * order: `?token=<admin token>` once (sets an HttpOnly, SameSite=Strict cookie scoped to the console
 * and redirects to the same page without the token), that cookie, `Authorization: Bearer <token>`, or
 * Basic auth with the token as the password. Anything else gets a 401 page with a token form.
 * The cookie holds an HMAC of the token, never the token itself. Without an admin token the console
 * is open, like the rest of the admin API.
 */
import { createHmac } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { constantEquals } from '../checks/secrets.js';
import type { EmulatorContext } from '../env.js';
import { CONSOLE_PATH } from './layout.js';
import { TokenPage } from './token-page.js';

/** Name of the console session cookie. */
export const CONSOLE_COOKIE = 'grantform_console';

/** The cookie value for an admin token: HMAC-SHA256 keyed by the token, base64url. */
export function consoleCookieValue(adminToken: string): string {
  return createHmac('sha256', adminToken).update('grantform emulator console v1').digest('base64url');
}

function presentedCredential(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const bearer = /^Bearer (.+)$/i.exec(header);
  if (bearer) return bearer[1];
  const basic = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header);
  if (!basic?.[1]) return undefined;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

/** Middleware guarding every console route except the stylesheet. */
export function consoleAuth(ctx: EmulatorContext): MiddlewareHandler {
  const token = ctx.options.adminToken;
  const cookieValue = token === undefined ? undefined : consoleCookieValue(token);
  return async (c, next) => {
    if (token === undefined || cookieValue === undefined) return next();
    const url = new URL(c.req.url);
    const presented = url.searchParams.get('token');
    if (presented !== null) {
      if (!constantEquals(presented, token)) {
        return c.html(<TokenPage returnTo={url.pathname} wrong={true} />, 401);
      }
      setCookie(c, CONSOLE_COOKIE, cookieValue, { path: CONSOLE_PATH, httpOnly: true, sameSite: 'Strict' });
      url.searchParams.delete('token');
      const rest = url.searchParams.toString();
      return c.redirect(`${url.pathname}${rest ? `?${rest}` : ''}`, 303);
    }
    const cookie = getCookie(c, CONSOLE_COOKIE);
    if (cookie !== undefined && constantEquals(cookie, cookieValue)) return next();
    const credential = presentedCredential(c.req.header('authorization'));
    if (credential !== undefined && constantEquals(credential, token)) return next();
    return c.html(<TokenPage returnTo={url.pathname} wrong={false} />, 401);
  };
}
