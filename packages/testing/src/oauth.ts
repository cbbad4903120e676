/**
 * @module
 * OAuth helpers that act as the browser and the client against the in-process emulator: drive
 * `/v2/authorize` (login page, consent page) for a test user, exchange codes, refresh, and get
 * client-credentials tokens. Every call goes to the vendor's real host names through `app.request`
 * (no network and no routing needed).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IntegrationCredentials, TestUser } from './credentials.js';
import type { RequestableApp } from './route-hosts.js';

/** A successful `/v2/token` answer (vendor-endpoints §1.2). */
export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: string;
  readonly expires_in: number;
  readonly scope: string;
  readonly rest_instance_url: string;
  readonly soap_instance_url: string;
  /** Present for auth-code and refresh grants when the token has `offline`. */
  readonly refresh_token?: string;
}

/** A refused token request: the HTTP status and the `{error, error_description}` body. */
export class TokenRequestError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly errorDescription: string,
  ) {
    super(`token request refused: ${status} ${error}: ${errorDescription}`);
    this.name = new.target.name;
  }
}

/** An RFC 7636 S256 pair. */
export interface Pkce {
  readonly codeVerifier: string;
  readonly codeChallenge: string;
  readonly codeChallengeMethod: 'S256';
}

/** A fresh PKCE pair (43-character verifier). @example const { codeVerifier, codeChallenge } = createPkce(); */
export function createPkce(random: (size: number) => Uint8Array = randomBytes): Pkce {
  const codeVerifier = Buffer.from(random(32)).toString('base64url');
  const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
  return { codeVerifier, codeChallenge, codeChallengeMethod: 'S256' };
}

/** Where `/v2/authorize` sent the browser back to. */
export interface AuthorizeResult {
  /** The full redirect URL (`redirect_uri?state=…&code=…`). */
  readonly location: string;
  readonly code: string | null;
  readonly state: string | null;
  /** `tssd` (AppExchange integrations only). */
  readonly tssd: string | null;
  readonly error: string | null;
  readonly errorDescription: string | null;
}

export interface CompleteAuthorizeOptions {
  /** @default the tenant's test user */
  readonly user?: TestUser;
  /** `deny` presses "Deny" on the consent page. @default 'approve' */
  readonly decision?: 'approve' | 'deny';
}

function hiddenField(html: string, name: string): string | undefined {
  const m = new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html);
  return m?.[1];
}

function formAction(html: string): string | undefined {
  return /<form[^>]*action="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
}

function resultOf(location: string): AuthorizeResult {
  const q = new URL(location).searchParams;
  return {
    location,
    code: q.get('code'),
    state: q.get('state'),
    tssd: q.get('tssd'),
    error: q.get('error'),
    errorDescription: q.get('error_description'),
  };
}

async function postForm(app: RequestableApp, url: string, fields: Record<string, string>): Promise<Response> {
  return app.request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

async function pageText(res: Response): Promise<string> {
  return (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

/**
 * Plays the browser for an authorize URL your app built: opens it, logs the test user in on the
 * login page, answers the consent page, and returns where the emulator redirected. Works with or
 * without the emulator's headless mode.
 * @throws Error when the emulator shows an error page (unknown client, unregistered redirect URI)
 *   or refuses the login.
 */
export async function completeAuthorize(
  app: RequestableApp,
  authorizeUrl: string | URL,
  user: TestUser,
  decision: 'approve' | 'deny' = 'approve',
): Promise<AuthorizeResult> {
  const url = String(authorizeUrl);
  let res = await app.request(url);
  if (res.status === 302) return resultOf(res.headers.get('location') ?? '');
  if (res.status !== 200) throw new Error(`authorize refused (${res.status}): ${await pageText(res)}`);
  let html = await res.text();
  const interaction = hiddenField(html, 'interaction');
  const loginAction = formAction(html);
  if (interaction === undefined || loginAction === undefined) throw new Error('authorize: no login form found');
  res = await postForm(app, loginAction, { interaction, username: user.username, password: user.password });
  html = await res.text();
  if (res.status !== 200 || html.includes('id="login-error"')) {
    throw new Error(`authorize: login as ${user.username} failed (${res.status})`);
  }
  const consentAction = formAction(html);
  if (consentAction === undefined) throw new Error('authorize: no consent form found');
  res = await postForm(app, consentAction, { interaction, decision });
  if (res.status !== 302) throw new Error(`authorize: consent failed (${res.status}): ${await pageText(res)}`);
  return resultOf(res.headers.get('location') ?? '');
}

export interface AuthorizationCodeOptions extends CompleteAuthorizeOptions {
  /** @default the integration's first redirect URI */
  readonly redirectUri?: string;
  /** Space-separated scopes; omitted = every scope on the integration (vendor rule). */
  readonly scope?: string;
  /** @default a random value, checked on the way back */
  readonly state?: string;
  /** Send a PKCE challenge. @default true for public apps, false otherwise */
  readonly pkce?: boolean;
}

export interface AuthorizationCode {
  readonly code: string;
  readonly redirectUri: string;
  readonly state: string;
  /** Present when PKCE was used: send it with the code. */
  readonly codeVerifier?: string;
  readonly result: AuthorizeResult;
}

/** Builds the authorize URL on the vendor's real auth host. */
export function authorizeUrl(
  creds: IntegrationCredentials,
  params: { redirectUri: string; scope?: string; state?: string; codeChallenge?: string },
): string {
  const url = new URL('v2/authorize', creds.authUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', creds.clientId);
  url.searchParams.set('redirect_uri', params.redirectUri);
  if (params.scope !== undefined) url.searchParams.set('scope', params.scope);
  if (params.state !== undefined) url.searchParams.set('state', params.state);
  if (params.codeChallenge !== undefined) {
    url.searchParams.set('code_challenge', params.codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
  }
  return url.href;
}

/** Runs authorize for an integration and returns the code (and PKCE verifier). */
export async function authorizationCode(
  app: RequestableApp,
  creds: IntegrationCredentials,
  o: AuthorizationCodeOptions = {},
): Promise<AuthorizationCode> {
  if (creds.type === 'server-to-server') {
    throw new Error(`${creds.address} is a server-to-server integration: use clientCredentials()`);
  }
  const redirectUri = o.redirectUri ?? creds.redirectUris[0];
  if (redirectUri === undefined) throw new Error(`${creds.address} has no redirect URI`);
  const state = o.state ?? randomBytes(12).toString('base64url');
  const pkce = (o.pkce ?? creds.type === 'public-app') ? createPkce() : undefined;
  const url = authorizeUrl(creds, {
    redirectUri,
    state,
    ...(o.scope === undefined ? {} : { scope: o.scope }),
    ...(pkce ? { codeChallenge: pkce.codeChallenge } : {}),
  });
  const result = await completeAuthorize(app, url, o.user ?? creds.user, o.decision);
  if (result.error !== null) throw new Error(`authorize redirected with ${result.error}: ${result.errorDescription}`);
  if (result.code === null) throw new Error(`authorize redirected without a code: ${result.location}`);
  if (result.state !== state) throw new Error('authorize returned a different state');
  return { code: result.code, redirectUri, state, result, ...(pkce ? { codeVerifier: pkce.codeVerifier } : {}) };
}

/** POSTs a JSON body to `{authUrl}v2/token`; throws {@link TokenRequestError} unless 200. */
export async function requestToken(
  app: RequestableApp,
  creds: IntegrationCredentials,
  body: Record<string, string | number>,
): Promise<TokenResponse> {
  const res = await app.request(new URL('v2/token', creds.authUrl).href, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json: unknown = await res.json().catch(() => ({}));
  if (res.status !== 200) {
    const o = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
    throw new TokenRequestError(res.status, String(o.error ?? 'unknown'), String(o.error_description ?? ''));
  }
  return json as TokenResponse;
}

const secretOf = (c: IntegrationCredentials): Record<string, string> =>
  c.type === 'public-app' ? {} : { client_secret: c.clientSecret };

export interface TokenOptions {
  /** MID of the business unit (`account_id`). */
  readonly accountId?: number;
  /** Space-separated scopes. */
  readonly scope?: string;
}

/** Exchanges a code (with the verifier when PKCE was used). */
export function exchangeCode(
  app: RequestableApp,
  creds: IntegrationCredentials,
  code: Pick<AuthorizationCode, 'code' | 'redirectUri' | 'codeVerifier'>,
  o: TokenOptions = {},
): Promise<TokenResponse> {
  return requestToken(app, creds, {
    grant_type: 'authorization_code',
    client_id: creds.clientId,
    ...secretOf(creds),
    code: code.code,
    redirect_uri: code.redirectUri,
    ...(code.codeVerifier === undefined ? {} : { code_verifier: code.codeVerifier }),
    ...(o.accountId === undefined ? {} : { account_id: o.accountId }),
    ...(o.scope === undefined ? {} : { scope: o.scope }),
  });
}

/** Refreshes a token (rotating: the old refresh token is spent). */
export function refreshToken(
  app: RequestableApp,
  creds: IntegrationCredentials,
  token: string,
  o: TokenOptions = {},
): Promise<TokenResponse> {
  return requestToken(app, creds, {
    grant_type: 'refresh_token',
    client_id: creds.clientId,
    ...secretOf(creds),
    refresh_token: token,
    ...(o.accountId === undefined ? {} : { account_id: o.accountId }),
    ...(o.scope === undefined ? {} : { scope: o.scope }),
  });
}

/** A client-credentials token for a server-to-server integration. */
export function clientCredentials(
  app: RequestableApp,
  creds: IntegrationCredentials,
  o: TokenOptions = {},
): Promise<TokenResponse> {
  return requestToken(app, creds, {
    grant_type: 'client_credentials',
    client_id: creds.clientId,
    ...secretOf(creds),
    ...(o.accountId === undefined ? {} : { account_id: o.accountId }),
    ...(o.scope === undefined ? {} : { scope: o.scope }),
  });
}
