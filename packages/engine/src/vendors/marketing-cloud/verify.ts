/**
 * @module
 * `verify` for Marketing Cloud: proves each declared API integration against the target with its
 * own credentials.
 * - server-to-server: a token without `scope` carries exactly the declared scopes; each declared
 *   business unit accepts `account_id` and `tokenContext` reports that MID; an undeclared one is
 *   refused; the instance URLs answer (REST `platform/v1/endpoints` 200, and a SOAP `Retrieve` of
 *   `BusinessUnit` with the token in `fueloauth` answers `OverallStatus` OK); on the emulator the
 *   token's signature, issuer, expiry and claims check out with jose against its JWKS.
 * - web and public apps (emulator, headless authorize): authorize → code → token → refresh (when
 *   `offline` is declared), PKCE for public apps (and a wrong verifier refused), and an
 *   unregistered redirect URI refused. On sfmc they need a browser login: reported as `skip`.
 */
import { randomBytes } from 'node:crypto';
import type { ApiIntegrationSpec, TenantSpec } from '@grantform/config';
import { marketingCloudBase } from '@grantform/config/hosts';
import { createRemoteJWKSet, customFetch, jwtVerify } from 'jose';
import { clientIdEnvFor } from '../../credential-env.js';
import { fetchOrUnreachable } from '../../drivers/http.js';
import type { JsonObject } from '../../json.js';
import { isJsonObject } from '../../json.js';
import { pkcePair } from '../../pkce.js';
import type { Check, CheckStatus, VerifyAttempt, VerifyCheck, VerifyOptions } from '../../verify-report.js';
import { checker, wanted } from '../../verify-report.js';
import type { TokenResult } from './oauth-client.js';
import {
  clientCredentialsToken,
  postToken,
  restAnswers,
  sfmcAuthBase,
  soapRetrieveBusinessUnits,
  tokenContext,
  withSlash,
} from './oauth-client.js';

interface Subject {
  readonly address: string;
  readonly spec: ApiIntegrationSpec;
  readonly tenant: TenantSpec;
  /** The BU that created the package: a token without account_id is for it. */
  readonly sourceMid: number;
  readonly authBase: string;
  readonly clientId: string | undefined;
  readonly clientSecret: string | undefined;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function failText(t: TokenResult): string {
  return t.ok ? 'ok' : `HTTP ${t.status} ${t.error}${t.description === '' ? '' : `: ${t.description}`}`;
}

type Outcome = { status: CheckStatus; detail: string };
type Credentials = { readonly authBase: string; readonly clientId: string; readonly clientSecret: string };

/** A token for a declared business unit, whose `tokenContext` reports that MID. */
async function businessUnitCheck(o: VerifyOptions, creds: Credentials, mid: number): Promise<Outcome> {
  const t = await clientCredentialsToken(o.fetch, { ...creds, accountId: mid });
  if (!t.ok) return { status: 'fail', detail: `account_id ${mid} refused: ${failText(t)}` };
  if (t.restInstanceUrl === null) return { status: 'fail', detail: 'no rest_instance_url in the token response' };
  const ctx = await tokenContext(o.fetch, t.restInstanceUrl, t.accessToken);
  if (ctx.status !== 200) {
    return {
      status: 'fail',
      detail: `GET ${withSlash(t.restInstanceUrl)}platform/v1/tokenContext answered HTTP ${ctx.status}${ctx.message === null ? '' : ` (${ctx.message})`}`,
    };
  }
  return ctx.mid === mid
    ? { status: 'pass', detail: `token accepted; tokenContext reports MID ${mid}` }
    : { status: 'fail', detail: `tokenContext reports MID ${String(ctx.mid)}, expected ${mid}` };
}

/** A business unit of the tenant the integration does not declare is refused. */
async function undeclaredBusinessUnitCheck(
  o: VerifyOptions,
  creds: Credentials,
  undeclared: number | undefined,
): Promise<Outcome> {
  if (undeclared === undefined) return { status: 'skip', detail: 'every business unit of the tenant is declared' };
  const t = await clientCredentialsToken(o.fetch, { ...creds, accountId: undeclared });
  return t.ok
    ? { status: 'fail', detail: `account_id ${undeclared} was accepted but is not declared` }
    : { status: 'pass', detail: `account_id ${undeclared} refused (HTTP ${t.status} ${t.error})` };
}

/** REST `platform/v1/endpoints` answers 200, and a SOAP `Retrieve` of `BusinessUnit` answers OK. */
async function instanceUrlsCheck(o: VerifyOptions, t: TokenResult | null): Promise<Outcome> {
  if (t === null || !t.ok) return { status: 'fail', detail: 'no token' };
  if (t.restInstanceUrl === null || t.soapInstanceUrl === null)
    return { status: 'fail', detail: 'instance URLs missing' };
  const rest = await restAnswers(o.fetch, t.restInstanceUrl, t.accessToken);
  if (rest !== 200)
    return { status: 'fail', detail: `GET ${withSlash(t.restInstanceUrl)}platform/v1/endpoints answered HTTP ${rest}` };
  const soapUrl = `${withSlash(t.soapInstanceUrl)}Service.asmx`;
  const soap = await soapRetrieveBusinessUnits(o.fetch, t.soapInstanceUrl, t.accessToken);
  if (soap.status === 200 && soap.overallStatus === 'OK') {
    return { status: 'pass', detail: 'REST answered 200; SOAP Retrieve BusinessUnit answered OverallStatus OK' };
  }
  const what =
    soap.fault !== null
      ? `a SOAP fault: ${soap.fault}`
      : soap.overallStatus !== null
        ? `OverallStatus ${soap.overallStatus}`
        : soap.envelope
          ? 'a SOAP envelope without OverallStatus'
          : `no SOAP envelope (${soap.contentType === '' ? 'no content type' : soap.contentType})`;
  return {
    status: 'fail',
    detail: `POST ${soapUrl} (Retrieve BusinessUnit) answered HTTP ${soap.status} with ${what}`,
  };
}

/** Emulator: the token's signature against the tenant's JWKS, its issuer, expiry and claims. */
async function jwtCheck(o: VerifyOptions, s: Subject, t: TokenResult | null, clientId: string): Promise<Outcome> {
  if (t === null || !t.ok) return { status: 'fail', detail: 'no token' };
  const jwks = createRemoteJWKSet(new URL(`${s.authBase}.well-known/jwks.json`), {
    [customFetch]: async (url: string, init: RequestInit) => o.fetch(url, init),
  });
  const issuer = sfmcAuthBase(s.tenant.subdomain);
  try {
    const { payload } = await jwtVerify(t.accessToken, jwks, {
      issuer,
      algorithms: ['ES256', 'RS256', 'EdDSA'],
      requiredClaims: ['exp', 'iat', 'jti', 'sub'],
      currentDate: o.now?.() ?? new Date(),
    });
    if (payload.client_id !== clientId)
      return { status: 'fail', detail: `client_id claim is ${String(payload.client_id)}` };
    if (payload.eid !== s.tenant.enterpriseMid)
      return { status: 'fail', detail: `eid claim is ${String(payload.eid)}` };
    return {
      status: 'pass',
      detail: `signature valid against JWKS; iss ${issuer}; exp in the future; client_id and eid match`,
    };
  } catch (err) {
    return { status: 'fail', detail: `token does not verify: ${(err as Error).message}` };
  }
}

async function verifyServerToServer(s: Subject, o: VerifyOptions, check: Check): Promise<void> {
  const clientId = s.clientId ?? '';
  const creds: Credentials = { authBase: s.authBase, clientId, clientSecret: s.clientSecret ?? '' };
  const allMids = s.tenant.businessUnits.map((b) => b.mid);
  const declared = s.spec.businessUnits === 'all' ? allMids : [...s.spec.businessUnits];
  // Without account_id a token is for the package's source BU; when that BU is not enabled, ask for a declared one.
  const home = declared.includes(s.sourceMid) || declared[0] === undefined ? {} : { accountId: declared[0] };
  let token: TokenResult | null = null;
  await check('scopes', async () => {
    token = await clientCredentialsToken(o.fetch, { ...creds, ...home });
    if (!token.ok) return { status: 'fail', detail: `token request refused: ${failText(token)}` };
    return sameSet(token.scopes, s.spec.scopes)
      ? { status: 'pass', detail: `token carries exactly the ${s.spec.scopes.length} declared scopes` }
      : {
          status: 'fail',
          detail: `token carries [${token.scopes.join(' ')}], declared [${[...s.spec.scopes].join(' ')}]`,
        };
  });
  for (const mid of declared) await check(`business-unit ${mid}`, () => businessUnitCheck(o, creds, mid));
  const undeclared = allMids.find((m) => !declared.includes(m));
  await check('undeclared business unit refused', () => undeclaredBusinessUnitCheck(o, creds, undeclared));
  await check('instance URLs answer', () => instanceUrlsCheck(o, token));
  if (o.target === 'emulator') await check('jwt', () => jwtCheck(o, s, token, clientId));
}

async function authorize(
  o: VerifyOptions,
  s: Subject,
  redirectUri: string,
  extra: Record<string, string>,
): Promise<{ status: number; location: string | null }> {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: s.clientId ?? '',
    redirect_uri: redirectUri,
    scope: s.spec.scopes.join(' '),
    state: randomBytes(8).toString('hex'),
    login_hint: o.loginHint?.(s.tenant) ?? `admin@${s.tenant.name}`,
    grantform_auto_approve: '1',
    ...extra,
  });
  const res = await fetchOrUnreachable(o.fetch, `${s.authBase}v2/authorize?${q.toString()}`, { redirect: 'manual' });
  await res.arrayBuffer();
  return { status: res.status, location: res.headers.get('location') };
}

/** Why web and public apps are not verified on a real tenant. */
export const SFMC_BROWSER_SKIP =
  'needs a user login in a browser: Marketing Cloud has no headless authorize; sign in through your app once after the change';

/** The checks a web or public app gets (on the emulator they run; on sfmc they are skipped). */
function webOrPublicChecks(spec: ApiIntegrationSpec): string[] {
  const usePkce = spec.type === 'public-app' || spec.pkce === 'required';
  return ['authorization code flow', 'refresh', ...(usePkce ? ['pkce'] : []), 'wrong redirect URI refused'];
}

/** A web or public app under verification on the emulator. */
interface WebApp {
  readonly s: Subject;
  readonly o: VerifyOptions;
  readonly redirectUri: string;
  readonly usePkce: boolean;
  /** `client_secret` for a web app; nothing for a public one. */
  readonly secretPart: Record<string, string>;
}

/** The code exchange (`code_verifier` when given). */
function exchangeCode(app: WebApp, code: string, verifier: string | undefined): Promise<TokenResult> {
  return postToken(app.o.fetch, app.s.authBase, {
    grant_type: 'authorization_code',
    code,
    client_id: app.s.clientId ?? '',
    redirect_uri: app.redirectUri,
    ...app.secretPart,
    ...(verifier === undefined ? {} : { code_verifier: verifier }),
  });
}

/** authorize (headless, PKCE S256 when it applies) → code → token, with the declared scopes. */
async function codeFlowCheck(app: WebApp): Promise<Outcome & { refreshToken: string | null }> {
  const { s, o, redirectUri, usePkce } = app;
  const pkce = pkcePair();
  const a = await authorize(
    o,
    s,
    redirectUri,
    usePkce ? { code_challenge: pkce.challenge, code_challenge_method: 'S256' } : {},
  );
  const code = a.location === null ? null : new URL(a.location).searchParams.get('code');
  if (a.status !== 302 || code === null) {
    return {
      status: 'fail',
      detail: `authorize answered HTTP ${a.status}${a.location === null ? '' : ` → ${a.location.split('?')[0]}`} without a code (is the emulator in headless mode?)`,
      refreshToken: null,
    };
  }
  const t = await exchangeCode(app, code, usePkce ? pkce.verifier : undefined);
  if (!t.ok) return { status: 'fail', detail: `code exchange refused: ${failText(t)}`, refreshToken: null };
  if (!sameSet(t.scopes, s.spec.scopes))
    return { status: 'fail', detail: `token carries [${t.scopes.join(' ')}]`, refreshToken: t.refreshToken };
  return {
    status: 'pass',
    detail: `authorize → code → token${usePkce ? ' (PKCE S256)' : ''}; scopes as declared`,
    refreshToken: t.refreshToken,
  };
}

/** The refresh-token grant, when `offline` is declared. */
async function refreshCheck(app: WebApp, refreshToken: string | null): Promise<Outcome> {
  const { s, o } = app;
  if (!s.spec.scopes.includes('offline'))
    return { status: 'skip', detail: 'offline is not declared: no refresh token' };
  if (refreshToken === null) return { status: 'fail', detail: 'no refresh token although offline is declared' };
  const t = await postToken(o.fetch, s.authBase, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: s.clientId ?? '',
    ...app.secretPart,
  });
  return t.ok
    ? { status: 'pass', detail: 'refresh_token grant returned a new access token' }
    : { status: 'fail', detail: failText(t) };
}

/** A code exchanged with a wrong `code_verifier` is refused. */
async function pkceCheck(app: WebApp): Promise<Outcome> {
  const { s, o, redirectUri } = app;
  const pkce = pkcePair();
  const a = await authorize(o, s, redirectUri, { code_challenge: pkce.challenge, code_challenge_method: 'S256' });
  const code = a.location === null ? null : new URL(a.location).searchParams.get('code');
  if (code === null) return { status: 'fail', detail: `authorize answered HTTP ${a.status} without a code` };
  const t = await exchangeCode(app, code, pkcePair().verifier);
  return t.ok
    ? { status: 'fail', detail: 'a wrong code_verifier was accepted' }
    : { status: 'pass', detail: `a wrong code_verifier is refused (HTTP ${t.status} ${t.error})` };
}

/** authorize never sends a code to a redirect URI the integration does not list. */
async function wrongRedirectCheck(app: WebApp): Promise<Outcome> {
  const wrong = 'https://wrong.invalid/callback';
  const a = await authorize(app.o, app.s, wrong, {});
  const redirectedThere = a.location?.startsWith(wrong) === true && a.location.includes('code=');
  return redirectedThere
    ? { status: 'fail', detail: 'authorize issued a code to an unregistered redirect URI' }
    : { status: 'pass', detail: `an unregistered redirect URI is refused (HTTP ${a.status}, no redirect)` };
}

async function verifyWebOrPublic(s: Subject, o: VerifyOptions, check: Check): Promise<void> {
  const isPublic = s.spec.type === 'public-app';
  const redirectUri = s.spec.redirectUris[0];
  if (o.target !== 'emulator') {
    for (const name of webOrPublicChecks(s.spec))
      await check(name, async () => ({ status: 'skip', detail: SFMC_BROWSER_SKIP }));
    return;
  }
  if (redirectUri === undefined) {
    await check('authorization code flow', async () => ({ status: 'fail', detail: 'no redirect URI declared' }));
    return;
  }
  const app: WebApp = {
    s,
    o,
    redirectUri,
    usePkce: isPublic || s.spec.pkce === 'required',
    secretPart: isPublic ? {} : { client_secret: s.clientSecret ?? '' },
  };
  let refreshToken: string | null = null;
  await check('authorization code flow', async () => {
    const { refreshToken: got, ...outcome } = await codeFlowCheck(app);
    refreshToken = got;
    return outcome;
  });
  await check('refresh', () => refreshCheck(app, refreshToken));
  if (app.usePkce) await check('pkce', () => pkceCheck(app));
  await check('wrong redirect URI refused', () => wrongRedirectCheck(app));
}

function subjects(o: VerifyOptions): Promise<Subject[]> {
  const out: Promise<Subject>[] = [];
  for (const r of Object.values(o.desired.resources)) {
    if (r.kind !== 'api-integration') continue;
    if (!wanted(o, r.address)) continue;
    const spec = r.attributes as unknown as ApiIntegrationSpec;
    const pkg = o.desired.resources[spec.package];
    const tenantRes =
      typeof pkg?.attributes.tenant === 'string' ? o.desired.resources[pkg.attributes.tenant] : undefined;
    if (tenantRes === undefined) continue;
    const tenant = tenantRes.attributes as unknown as TenantSpec;
    const inState = o.state.resources[r.address];
    const endpoints = inState?.attributes.endpoints;
    const stateAuth = isJsonObject(endpoints) && typeof endpoints.auth === 'string' ? endpoints.auth : null;
    const authBase =
      o.target === 'sfmc'
        ? sfmcAuthBase(tenant.subdomain)
        : o.emulatorEndpoint !== undefined
          ? marketingCloudBase(tenant.subdomain, 'auth', o.emulatorEndpoint)
          : (stateAuth ?? sfmcAuthBase(tenant.subdomain));
    const secretEnv = spec.clientSecret?.env;
    out.push(
      (async () => {
        const envId = secretEnv === undefined ? undefined : o.env[clientIdEnvFor(secretEnv)];
        const stateId = inState === undefined ? undefined : (inState.attributes as JsonObject).clientId;
        const clientId = envId ?? (typeof stateId === 'string' ? stateId : undefined);
        const clientSecret = secretEnv === undefined ? undefined : (o.env[secretEnv] ?? (await o.secret(secretEnv)));
        return {
          address: r.address,
          spec,
          tenant,
          sourceMid: typeof pkg?.attributes.sourceMid === 'number' ? pkg.attributes.sourceMid : tenant.enterpriseMid,
          authBase: authBase.endsWith('/') ? authBase : `${authBase}/`,
          clientId,
          clientSecret,
        };
      })(),
    );
  }
  return Promise.all(out);
}

async function verifyOnce(o: VerifyOptions, list: readonly Subject[]): Promise<VerifyCheck[]> {
  const results: VerifyCheck[] = [];
  await Promise.all(
    list.map(async (s) => {
      const mine: VerifyCheck[] = [];
      const check = checker(mine, s.address);
      if (o.target === 'sfmc' && s.spec.type !== 'server-to-server') {
        // Credentials or not, a real tenant's web and public apps need a browser login.
        await verifyWebOrPublic(s, o, check);
      } else if (s.clientId === undefined || (s.spec.type !== 'public-app' && s.clientSecret === undefined)) {
        const env = s.spec.clientSecret === null ? null : s.spec.clientSecret.env;
        await check('credentials', async () => ({
          status: 'fail',
          detail:
            env === null
              ? 'client id not found in state'
              : `client id or secret not found: set ${clientIdEnvFor(env)} and ${env}, or apply first so the secrets sink holds it`,
        }));
      } else if (s.spec.type === 'server-to-server') await verifyServerToServer(s, o, check);
      else await verifyWebOrPublic(s, o, check);
      results.push(...mine);
    }),
  );
  return results.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/**
 * The Marketing Cloud checks: credentials are read once, then every attempt runs the checks (an
 * empty list when the config declares no API integration).
 */
export async function verifyMarketingCloud(o: VerifyOptions): Promise<VerifyAttempt> {
  const list = await subjects(o);
  return () => verifyOnce(o, list);
}
