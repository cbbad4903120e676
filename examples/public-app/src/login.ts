/**
 * @module
 * Public-app login for a command-line tool (RFC 7636 PKCE, RFC 8252 native apps): build the
 * authorize URL with an S256 challenge and a `state`, let the user's browser do the login, take the
 * redirect URL the operating system hands back, check `state`, and exchange the code with the
 * verifier. There is no client secret anywhere.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface CliLoginOptions {
  readonly clientId: string;
  /** `https://{tssd}.auth.marketingcloudapis.com/` */
  readonly authUrl: string;
  /** The registered native-scheme (or loopback) redirect URI. */
  readonly redirectUri: string;
  /** Space-separated scopes. @default every scope on the integration */
  readonly scope?: string;
  /**
   * Shows `authorizeUrl` to the user (opens a browser, prints it…) and resolves with the URL the
   * browser was redirected to (delivered by the OS for a native scheme, or pasted by the user).
   */
  readonly openBrowser: (authorizeUrl: string) => Promise<string>;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** @default node:crypto randomBytes */
  readonly randomBytes?: (size: number) => Uint8Array;
}

export interface CliTokens {
  readonly accessToken: string;
  readonly refreshToken: string | undefined;
  readonly expiresIn: number;
  readonly scope: string;
  readonly restUrl: string;
}

/** A login that did not complete: the user refused, the state did not match, or a token call failed. */
export class CliLoginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  scope: string;
  rest_instance_url: string;
}

async function tokenCall(http: typeof fetch, authUrl: string, body: Record<string, string>): Promise<CliTokens> {
  const res = await http(new URL('v2/token', authUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new CliLoginError(`token request failed: ${res.status} ${await res.text()}`);
  const t = (await res.json()) as TokenResponse;
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    expiresIn: t.expires_in,
    scope: t.scope,
    restUrl: t.rest_instance_url,
  };
}

/** Runs the whole login. */
export async function login(o: CliLoginOptions): Promise<CliTokens> {
  const random = o.randomBytes ?? randomBytes;
  const verifier = Buffer.from(random(32)).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = Buffer.from(random(16)).toString('base64url');

  const url = new URL('v2/authorize', o.authUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', o.clientId);
  url.searchParams.set('redirect_uri', o.redirectUri);
  if (o.scope !== undefined) url.searchParams.set('scope', o.scope);
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');

  const back = new URL(await o.openBrowser(url.href));
  const q = back.searchParams;
  if (q.get('state') !== state) throw new CliLoginError('the redirect carries a different state: not our login');
  const error = q.get('error');
  if (error) throw new CliLoginError(`login refused: ${error}: ${q.get('error_description') ?? ''}`);
  const code = q.get('code');
  if (!code) throw new CliLoginError('the redirect carries no code');

  return tokenCall(o.fetch ?? globalThis.fetch, o.authUrl, {
    grant_type: 'authorization_code',
    client_id: o.clientId,
    code,
    redirect_uri: o.redirectUri,
    code_verifier: verifier,
  });
}

/** Swaps a refresh token (spent by this call) for a new pair. */
export function refresh(
  o: Pick<CliLoginOptions, 'clientId' | 'authUrl' | 'fetch'>,
  refreshToken: string,
): Promise<CliTokens> {
  return tokenCall(o.fetch ?? globalThis.fetch, o.authUrl, {
    grant_type: 'refresh_token',
    client_id: o.clientId,
    refresh_token: refreshToken,
  });
}

/** `GET {rest}platform/v1/tokenContext`: which business unit the CLI is acting in. */
export async function whoAmI(tokens: CliTokens, http: typeof fetch = globalThis.fetch): Promise<number> {
  const res = await http(new URL('platform/v1/tokenContext', tokens.restUrl), {
    headers: { authorization: `Bearer ${tokens.accessToken}` },
  });
  if (!res.ok) throw new CliLoginError(`tokenContext failed: ${res.status}`);
  return ((await res.json()) as { organization: { id: number } }).organization.id;
}
