/**
 * @module
 * `verify` for the Constant Contact resources (emulator target).
 * - Each application, with its own credentials: the authorization-code flow headlessly
 *   (`login_hint` + `grantform_auto_approve=1`; parameters in the query string with an empty body,
 *   Basic auth, or PKCE with `client_id` alone for public applications; a public application with
 *   no redirect URI runs the device flow instead, its activation page approved the same way), the access token's RS256
 *   signature/issuer/audience against the identity host's JWKS, the refresh (rotating: the earlier
 *   token is refused; long-lived: the same token back) when `offline_access` is declared, a v3 call
 *   its scopes allow, and one they do not (403).
 * - Each partner: the partner token (Cognito host, Basic, empty body) and its client accounts
 *   listed with `x-api-key`, managed flags as declared.
 * On `sfmc` every check is skipped (Constant Contact is not a Marketing Cloud target).
 */
import { randomBytes } from 'node:crypto';
import type { CtctApplicationSpec, CtctClientAccountSpec, CtctPartnerSpec } from '@grantform/config';
import { CONSTANT_CONTACT_HOSTS } from '@grantform/config/hosts';
import { createRemoteJWKSet, customFetch, jwtVerify } from 'jose';
import type { DesiredResource } from '../../desired-state.js';
import { createAdminClient } from '../../drivers/admin-client.js';
import { fetchOrUnreachable } from '../../drivers/http.js';
import type { JsonObject } from '../../json.js';
import { isJsonObject } from '../../json.js';
import { pkcePair } from '../../pkce.js';
import type { CheckStatus, VerifyAttempt, VerifyCheck, VerifyOptions } from '../../verify-report.js';
import { checker as checkerOf, wanted } from '../../verify-report.js';
import type { CtctHosts } from './hosts.js';
import { ctctEmulatorHosts } from './hosts.js';
import { basic, errorText, requestJson } from './http.js';

const ISSUER = `https://${CONSTANT_CONTACT_HOSTS.identity}/oauth2/aus1lm3ry9mF7x2Ja0h8`;
const AUDIENCE = `https://${CONSTANT_CONTACT_HOSTS.api}/v3`;

/** Login names of the throwaway accounts verify creates (and deletes) on the emulator. */
export const CTCT_VERIFY_LOGIN_PREFIX = 'grantform-verify-';

/** A v3 endpoint each scope opens. */
const SCOPED_CALLS: readonly { scope: string; path: string }[] = [
  { scope: 'account_read', path: '/v3/account/summary' },
  { scope: 'contact_data', path: '/v3/contacts?limit=1' },
  { scope: 'campaign_data', path: '/v3/emails' },
];

type Outcome = { status: CheckStatus; detail: string };

/** The emulator origin: the option, else the one recorded in an application's endpoints in state. */
function originOf(o: VerifyOptions): string | undefined {
  if (o.emulatorEndpoint !== undefined) return o.emulatorEndpoint;
  for (const r of Object.values(o.state.resources)) {
    const ep = r.attributes.endpoints;
    if (r.kind === 'ctct-application' && isJsonObject(ep) && typeof ep.token === 'string') {
      const i = ep.token.indexOf(`/${CONSTANT_CONTACT_HOSTS.authz}/`);
      if (i > 0) return ep.token.slice(0, i);
    }
  }
  return undefined;
}

const json = (o: VerifyOptions, url: string, init: RequestInit) => requestJson(o.fetch, url, init);
const failure = (r: { status: number; body: unknown }) => errorText(r, { withStatus: true });

/** Runs the Constant Contact checks; an empty list when the config declares none. */
export async function verifyCtct(o: VerifyOptions): Promise<VerifyCheck[]> {
  const resources = Object.values(o.desired.resources).filter((r) => wanted(o, r.address));
  const applications = resources.filter((r) => r.kind === 'ctct-application');
  const partners = resources.filter((r) => r.kind === 'ctct-partner');
  if (applications.length + partners.length === 0) return [];
  const results: VerifyCheck[] = [];
  const checker = (address: string) => checkerOf(results, address);
  const origin = originOf(o);
  if (o.target !== 'emulator' || origin === undefined) {
    const detail =
      o.target !== 'emulator'
        ? 'Constant Contact resources are verified against the emulator only'
        : 'no emulator endpoint: apply first or pass --endpoint';
    for (const r of [...applications, ...partners])
      await checker(r.address)('constant contact', async () => ({
        status: o.target === 'emulator' ? 'fail' : 'skip',
        detail,
      }));
    return results;
  }
  const hosts = ctctEmulatorHosts(origin);
  const accounts = Object.values(o.desired.resources).filter((r) => r.kind === 'ctct-client-account');
  const throwaway = verificationAccount(o, origin);
  try {
    await verifyApplications(o, applications, hosts, throwaway, checker);
  } finally {
    await throwaway.remove();
  }
  await verifyPartners(o, partners, accounts, hosts, checker);
  return results;
}

type Checker = (address: string) => (name: string, fn: () => Promise<Outcome>) => Promise<void>;

/**
 * The account the authorization-code flow logs in as: created through the admin API on first use
 * (a random login name and password, unmanaged, no partner) and deleted when verify ends, so
 * verify leaves nothing behind (deleting it revokes the grants it made).
 */
function verificationAccount(o: VerifyOptions, origin: string) {
  const admin = createAdminClient({
    endpoint: origin,
    fetch: o.fetch,
    ...(o.adminToken === undefined ? {} : { adminToken: o.adminToken }),
  });
  let created: Promise<{ id: string; loginName: string }> | undefined;
  return {
    /** The login name (creates the account on first call). */
    login: async (): Promise<string> => {
      created ??= admin
        .call('POST', '/_emulator/ctct/accounts', {
          loginName: `${CTCT_VERIFY_LOGIN_PREFIX}${randomBytes(6).toString('hex')}`,
          password: randomBytes(18).toString('base64url'),
          contactEmail: 'verify@grantform.invalid',
          managed: false,
        })
        .then((res) => {
          const body = isJsonObject(res.body) ? res.body : {};
          return { id: String(body.encodedAccountId), loginName: String(body.loginName) };
        });
      return (await created).loginName;
    },
    remove: async (): Promise<void> => {
      if (created === undefined) return;
      const account = await created.catch(() => null);
      if (account !== null)
        await admin.call('DELETE', `/_emulator/ctct/accounts/${encodeURIComponent(account.id)}`, undefined, [404]);
    },
  };
}

/** One application under verification, with its credentials. */
interface AppUnderTest {
  readonly o: VerifyOptions;
  readonly hosts: CtctHosts;
  readonly spec: CtctApplicationSpec;
  readonly apiKey: string;
  readonly secret: string | undefined;
  readonly isPublic: boolean;
  readonly account: { login: () => Promise<string> };
}

/** What a sign-in got: the outcome of its check, and the tokens. */
interface SignedIn {
  readonly outcome: Outcome;
  readonly accessToken?: string | undefined;
  readonly refreshToken?: string | undefined;
}

const tokensOf = (body: JsonObject) => ({
  accessToken: typeof body.access_token === 'string' ? body.access_token : undefined,
  refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
});

/** A public application without a redirect URI signs in through the device flow. */
async function deviceSignIn(app: AppUnderTest): Promise<SignedIn> {
  const device = await deviceFlow(app.o, app.hosts, app.apiKey, app.spec.scopes, await app.account.login());
  if (device.status !== 200 || !isJsonObject(device.body))
    return { outcome: { status: 'fail', detail: failure(device) } };
  return {
    ...tokensOf(device.body),
    outcome: {
      status: 'pass',
      detail: `activated headlessly, token with scopes ${String(device.body.scope)}, expires_in ${String(device.body.expires_in)}`,
    },
  };
}

/**
 * The authorization-code flow, headlessly: authorize (scopes joined with `+`, PKCE when required)
 * as the verification account, then the code exchange (Basic, or `client_id` for a public one).
 */
async function codeSignIn(app: AppUnderTest, redirectUri: string): Promise<SignedIn> {
  const { o, hosts, spec, apiKey, isPublic } = app;
  const { verifier, challenge } = pkcePair();
  const pkce = isPublic || spec.pkce === 'required';
  const state = randomBytes(8).toString('hex');
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: apiKey,
    redirect_uri: redirectUri,
    state,
    login_hint: await app.account.login(),
    grantform_auto_approve: '1',
    ...(pkce ? { code_challenge: challenge, code_challenge_method: 'S256' } : {}),
  });
  // Scopes joined with a literal '+', as real clients send them.
  const res = await fetchOrUnreachable(
    o.fetch,
    `${hosts.authz}/oauth2/default/v1/authorize?${q}&scope=${spec.scopes.join('+')}`,
    { redirect: 'manual' },
  );
  await res.arrayBuffer();
  const location = res.headers.get('location');
  const code = location === null ? null : new URL(location).searchParams.get('code');
  if (code === null)
    return { outcome: { status: 'fail', detail: `authorize answered HTTP ${res.status} ${location ?? ''}`.trim() } };
  const params = new URLSearchParams({
    code,
    redirect_uri: redirectUri,
    grant_type: 'authorization_code',
    ...(isPublic ? { client_id: apiKey } : {}),
    ...(pkce ? { code_verifier: verifier } : {}),
  });
  const token = await json(o, `${hosts.authz}/oauth2/default/v1/token?${params}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      ...(isPublic ? {} : { authorization: basic(apiKey, app.secret ?? '') }),
    },
  });
  if (token.status !== 200 || !isJsonObject(token.body)) return { outcome: { status: 'fail', detail: failure(token) } };
  return {
    ...tokensOf(token.body),
    outcome: {
      status: 'pass',
      detail: `${pkce ? 'PKCE, ' : ''}token with scopes ${String(token.body.scope)}, expires_in ${String(token.body.expires_in)}`,
    },
  };
}

/** The access token's RS256 signature, issuer and audience against the identity host's JWKS; `cid` is the API key. */
async function jwtCheck(
  app: AppUnderTest,
  bearer: string,
  jwks: ReturnType<typeof createRemoteJWKSet>,
): Promise<Outcome> {
  const { payload, protectedHeader } = await jwtVerify(bearer, jwks, {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ['RS256'],
    ...(app.o.now ? { currentDate: app.o.now() } : {}),
  });
  if (payload.cid !== app.apiKey) return { status: 'fail', detail: `cid claim is ${String(payload.cid)}` };
  return {
    status: 'pass',
    detail: `${protectedHeader.alg} signature valid against JWKS; iss and aud match; cid is the API key`,
  };
}

/** Rotating: a new refresh token and the earlier one refused; long-lived: the same one back. */
async function refreshCheck(app: AppUnderTest, refreshToken: string | undefined): Promise<Outcome> {
  const { o, hosts, spec, apiKey, isPublic } = app;
  if (!spec.scopes.includes('offline_access')) return { status: 'skip', detail: 'offline_access is not declared' };
  if (refreshToken === undefined)
    return { status: 'fail', detail: 'no refresh token although offline_access is declared' };
  const refresh = (token: string) =>
    json(o, `${hosts.authz}/oauth2/default/v1/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(isPublic ? {} : { authorization: basic(apiKey, app.secret ?? '') }),
      },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: token,
        ...(isPublic ? { client_id: apiKey } : {}),
      }).toString(),
    });
  const first = await refresh(refreshToken);
  if (first.status !== 200 || !isJsonObject(first.body)) return { status: 'fail', detail: failure(first) };
  const next = first.body.refresh_token;
  if (spec.refreshTokens === 'long-lived') {
    return next === refreshToken
      ? { status: 'pass', detail: 'long-lived: the same refresh token came back' }
      : { status: 'fail', detail: 'long-lived application returned a new refresh token' };
  }
  if (next === refreshToken) return { status: 'fail', detail: 'rotating application returned the same refresh token' };
  const reuse = await refresh(refreshToken);
  return reuse.status === 400
    ? { status: 'pass', detail: 'rotating: a new refresh token, and the earlier one is refused' }
    : { status: 'fail', detail: `the rotated-out refresh token still works (${failure(reuse)})` };
}

/** A v3 endpoint a declared scope opens answers 200. */
async function scopedCallCheck(app: AppUnderTest, bearer: string): Promise<Outcome> {
  const allowed = SCOPED_CALLS.find((c) => app.spec.scopes.includes(c.scope));
  if (allowed === undefined) return { status: 'skip', detail: 'no declared scope opens a v3 endpoint grantform knows' };
  const res = await json(app.o, `${app.hosts.api}${allowed.path}`, { headers: { authorization: `Bearer ${bearer}` } });
  return res.status === 200
    ? { status: 'pass', detail: `GET ${allowed.path.replace(/\?.*/, '')} answers 200 (${allowed.scope})` }
    : { status: 'fail', detail: `GET ${allowed.path} ${failure(res)}` };
}

/** A v3 endpoint only an undeclared scope opens is refused (403). */
async function undeclaredScopeCheck(app: AppUnderTest, bearer: string): Promise<Outcome> {
  const denied = SCOPED_CALLS.find((c) => !app.spec.scopes.includes(c.scope));
  if (denied === undefined) return { status: 'skip', detail: 'every scope grantform can probe is declared' };
  const res = await json(app.o, `${app.hosts.api}${denied.path}`, { headers: { authorization: `Bearer ${bearer}` } });
  return res.status === 403
    ? {
        status: 'pass',
        detail: `GET ${denied.path.replace(/\?.*/, '')} refused with 403 (${denied.scope} not declared)`,
      }
    : { status: 'fail', detail: `GET ${denied.path} answered HTTP ${res.status}, expected 403` };
}

async function verifyApplications(
  o: VerifyOptions,
  applications: readonly DesiredResource[],
  hosts: CtctHosts,
  account: { login: () => Promise<string> },
  checker: Checker,
): Promise<void> {
  const jwks = createRemoteJWKSet(new URL(`${hosts.identity}/oauth2/aus1lm3ry9mF7x2Ja0h8/v1/keys`), {
    [customFetch]: (url: string, init: RequestInit) => Promise.resolve(o.fetch(url, init)),
  });
  for (const r of applications) {
    const spec = r.attributes as unknown as CtctApplicationSpec;
    const check = checker(r.address);
    const apiKey = o.state.resources[r.address]?.id ?? spec.apiKey ?? undefined;
    const secretEnv = spec.clientSecret?.env;
    const secret = secretEnv === undefined ? undefined : (o.env[secretEnv] ?? (await o.secret(secretEnv)));
    const isPublic = spec.type === 'public';
    if (apiKey === undefined || (!isPublic && secret === undefined)) {
      await check('credentials', async () => ({
        status: 'fail',
        detail: `API key or secret not found: apply first so the state and the secrets sink hold them${secretEnv === undefined ? '' : `, or set ${secretEnv}`}`,
      }));
      continue;
    }
    const app: AppUnderTest = { o, hosts, spec, apiKey, secret, isPublic, account };
    const redirectUri = spec.redirectUris[0];
    const deviceOnly = redirectUri === undefined && isPublic;
    let signedIn: SignedIn = { outcome: { status: 'skip', detail: 'no redirect URI declared' } };
    await check(deviceOnly ? 'device flow' : 'authorization code flow', async () => {
      if (deviceOnly) signedIn = await deviceSignIn(app);
      else if (redirectUri !== undefined) signedIn = await codeSignIn(app, redirectUri);
      return signedIn.outcome;
    });
    const bearer = signedIn.accessToken;
    if (bearer === undefined) continue;
    await check('jwt', () => jwtCheck(app, bearer, jwks));
    await check('refresh', () => refreshCheck(app, signedIn.refreshToken));
    await check('scoped v3 call', () => scopedCallCheck(app, bearer));
    await check('undeclared scope refused', () => undeclaredScopeCheck(app, bearer));
  }
}

/**
 * The device flow, headlessly: device authorization (`client_id`, `scope`), the activation page
 * approved as the verification account (`login_hint` + `grantform_auto_approve=1`), then one token
 * poll, which the approval answers at once. Returns the token response (or the first refusal).
 */
async function deviceFlow(
  o: VerifyOptions,
  hosts: CtctHosts,
  apiKey: string,
  scopes: readonly string[],
  login: string,
): Promise<{ status: number; body: unknown }> {
  const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  const started = await json(o, `${hosts.authz}/oauth2/default/v1/device/authorize`, {
    method: 'POST',
    headers: form,
    body: new URLSearchParams({ client_id: apiKey, scope: scopes.join(' ') }).toString(),
  });
  if (started.status !== 200 || !isJsonObject(started.body) || typeof started.body.device_code !== 'string') {
    return started;
  }
  const activate = new URLSearchParams({
    user_code: String(started.body.user_code),
    login_hint: login,
    grantform_auto_approve: '1',
  });
  const page = await fetchOrUnreachable(o.fetch, `${hosts.authz}/activate?${activate}`, {});
  await page.arrayBuffer();
  if (page.status !== 200) return { status: page.status, body: null };
  return json(o, `${hosts.authz}/oauth2/default/v1/token`, {
    method: 'POST',
    headers: form,
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: started.body.device_code,
      client_id: apiKey,
    }).toString(),
  });
}

async function verifyPartners(
  o: VerifyOptions,
  partners: readonly DesiredResource[],
  accounts: readonly DesiredResource[],
  hosts: CtctHosts,
  checker: Checker,
): Promise<void> {
  for (const r of partners) {
    const spec = r.attributes as unknown as CtctPartnerSpec;
    const check = checker(r.address);
    const id = o.state.resources[r.address]?.id ?? spec.partnerClientId ?? undefined;
    const secret = o.env[spec.partnerSecret.env] ?? (await o.secret(spec.partnerSecret.env));
    const apiKey = o.state.resources[spec.application]?.id;
    if (id === undefined || secret === undefined || apiKey === undefined) {
      await check('credentials', async () => ({
        status: 'fail',
        detail: `partner client id, secret or application API key not found: apply first, or set ${spec.partnerSecret.env}`,
      }));
      continue;
    }
    let token: string | undefined;
    await check('partner token', async () => {
      const res = await json(
        o,
        `${hosts.cognito}/oauth2/token?grant_type=client_credentials&scope=v3api/general.partner`,
        {
          method: 'POST',
          headers: { authorization: basic(id, secret), 'content-type': 'application/x-www-form-urlencoded' },
        },
      );
      if (res.status !== 200 || !isJsonObject(res.body) || typeof res.body.access_token !== 'string') {
        return { status: 'fail', detail: failure(res) };
      }
      token = res.body.access_token;
      return { status: 'pass', detail: `partner token, expires_in ${String(res.body.expires_in)}` };
    });
    if (token === undefined) continue;
    const bearer = token;
    await check('client accounts', async () => {
      const res = await json(o, `${hosts.api}/v3/partner/accounts?limit=50`, {
        headers: { authorization: `Bearer ${bearer}`, 'x-api-key': apiKey },
      });
      if (res.status !== 200 || !isJsonObject(res.body) || !Array.isArray(res.body.site_owner_list)) {
        return { status: 'fail', detail: failure(res) };
      }
      const listed = new Set(res.body.site_owner_list.filter(isJsonObject).map((a) => String(a.encoded_account_id)));
      const mine = accounts.filter((a) => (a.attributes as unknown as CtctClientAccountSpec).partner === r.address);
      const missing = mine.filter((a) => !listed.has(o.state.resources[a.address]?.id ?? ''));
      return missing.length === 0
        ? { status: 'pass', detail: `${mine.length} declared client account(s) listed with x-api-key` }
        : { status: 'fail', detail: `not listed: ${missing.map((a) => a.address).join(', ')}` };
    });
  }
}

/** The Constant Contact checks, run afresh on every attempt (each makes its own throwaway account). */
export async function verifyConstantContact(o: VerifyOptions): Promise<VerifyAttempt> {
  return () => verifyCtct(o);
}
