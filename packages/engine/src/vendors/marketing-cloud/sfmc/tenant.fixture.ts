/**
 * @module
 * A fake Marketing Cloud tenant for tests, answered by nock (which intercepts `fetch`): the token,
 * REST and SOAP hosts of one subdomain, with the response shapes of the vendor reference
 * (vendor-endpoints §1.2–1.9). Never touches the network. Not a test file itself (no `.test.`).
 *
 * - `POST {auth}/v2/token` (JSON): unknown client → 401 `invalid_client` "Invalid client ID…"; bad
 *   secret → 401 `invalid_client` "Client authentication failed…"; a web/public app asking for
 *   `client_credentials` → 401 `unauthorized_client`; an `account_id` the integration has no access
 *   to → 401 `unauthorized_client`; success → `expires_in: 1079` and instance URLs with `https://` and
 *   a trailing `/`. `scope` absent → every scope of the integration; present → the intersection.
 * - `GET {rest}/platform/v1/tokenContext` → `{enterprise:{id},organization:{id},user:{id}}`;
 *   `GET {rest}/platform/v1/endpoints` → the documented list; a bad bearer → 401
 *   `{"documentation":…,"errorcode":0,"message":"Not Authorized"}`.
 * - `POST {soap}/Service.asmx` with the token in `<fueloauth>` → a `RetrieveResponseMsg` with
 *   `<OverallStatus>OK</OverallStatus>`; a bad token → HTTP 500 fault `q0:Security` / `Login Failed`.
 */
import nock from 'nock';

export interface FakeIntegration {
  readonly clientId: string;
  readonly clientSecret: string;
  /** @default 'server-to-server' */
  readonly type?: 'server-to-server' | 'web-app' | 'public-app';
  readonly scopes: readonly string[];
  /** Business units enabled on the package's Access tab. */
  readonly mids: readonly number[];
  /** The BU that created the package: a token without `account_id` is for it. */
  readonly sourceMid: number;
}

export interface FakeTenantOptions {
  readonly subdomain: string;
  readonly enterpriseId: number;
  readonly integrations: readonly FakeIntegration[];
  /** What `tokenContext` reports for a token of `mid`. @default mid */
  readonly tokenContextMid?: (mid: number) => number;
  /** The REST host answers 401 `Not Authorized` to every call. @default false */
  readonly restRefuses?: boolean;
  /** The SOAP host's answer. @default 'ok' */
  readonly soap?: 'ok' | 'login-failed' | 'not-found';
  /** Instance URLs as the docs' example shows them (no trailing slash). @default false */
  readonly instanceUrlsWithoutSlash?: boolean;
}

export interface FakeTenant {
  /** Every token request body received, in order (secrets included: tests only). */
  readonly tokenRequests: Record<string, unknown>[];
  /** SOAP request bodies received. */
  readonly soapRequests: string[];
  readonly scopes: readonly nock.Scope[];
  /** Changes an integration (the console edit the checklist asks for). */
  update(clientId: string, change: Partial<Pick<FakeIntegration, 'scopes' | 'mids'>>): void;
}

export const REST_NOT_AUTHORIZED = {
  documentation: 'https://developer.salesforce.com/docs/atlas.en-us.mc-apis.meta/mc-apis/error-handling.htm',
  errorcode: 0,
  message: 'Not Authorized',
};

const ERROR_URI = 'https://developer.salesforce.com/docs';

function oauthError(error: string, description: string): Record<string, string> {
  return { error, error_description: description, error_uri: ERROR_URI };
}

/** An opaque token that names its integration and MID (the fake's only way to tell tokens apart). */
function tokenFor(clientId: string, mid: number): string {
  return `fake.${Buffer.from(JSON.stringify({ c: clientId, m: mid })).toString('base64url')}.sig.opaque`;
}

function parseToken(token: string): { clientId: string; mid: number } | null {
  const m = /^fake\.([A-Za-z0-9_-]+)\.sig\.opaque$/.exec(token);
  if (m?.[1] === undefined) return null;
  try {
    const v = JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8')) as { c?: unknown; m?: unknown };
    return typeof v.c === 'string' && typeof v.m === 'number' ? { clientId: v.c, mid: v.m } : null;
  } catch {
    return null;
  }
}

function bearerOf(header: string | string[] | undefined): string {
  const h = Array.isArray(header) ? header[0] : header;
  return h?.replace(/^Bearer\s+/i, '') ?? '';
}

/**
 * Starts answering for one tenant. Call `nock.cleanAll()` after each test.
 * @example
 * const tenant = fakeSfmcTenant({ subdomain, enterpriseId: 100, integrations: [{ clientId, clientSecret, scopes, mids: [100], sourceMid: 100 }] });
 */
export function fakeSfmcTenant(options: FakeTenantOptions): FakeTenant {
  const host = (kind: string) => `https://${options.subdomain}.${kind}.marketingcloudapis.com`;
  const slash = options.instanceUrlsWithoutSlash === true ? '' : '/';
  const integrations = new Map(options.integrations.map((i) => [i.clientId, { ...i }]));
  const tokenRequests: Record<string, unknown>[] = [];
  const soapRequests: string[] = [];
  const live = (token: string) => {
    const t = parseToken(token);
    const i = t === null ? undefined : integrations.get(t.clientId);
    return t !== null && i?.mids.includes(t.mid) === true ? t : null;
  };

  const auth = nock(host('auth'))
    .persist()
    .post('/v2/token')
    .reply((_uri, body) => {
      const b = (typeof body === 'string' ? JSON.parse(body) : body) as Record<string, unknown>;
      tokenRequests.push(b);
      const i = typeof b.client_id === 'string' ? integrations.get(b.client_id) : undefined;
      if (i === undefined) {
        return [
          401,
          oauthError('invalid_client', 'Invalid client ID. Use the client ID in Marketing Cloud Installed Packages.'),
        ];
      }
      if (b.client_secret !== i.clientSecret) {
        return [
          401,
          oauthError(
            'invalid_client',
            'Client authentication failed. Make sure that the client ID and client secret are valid and that the package is installed and enabled.',
          ),
        ];
      }
      if (b.grant_type !== 'client_credentials' || (i.type ?? 'server-to-server') !== 'server-to-server') {
        return [
          401,
          oauthError(
            'unauthorized_client',
            'The client is not authorized to request an authorization code using this method.',
          ),
        ];
      }
      const mid = b.account_id === undefined ? i.sourceMid : Number(b.account_id);
      if (!i.mids.includes(mid)) {
        return [401, oauthError('unauthorized_client', `The client is not authorized to access account ${mid}.`)];
      }
      const requested =
        typeof b.scope === 'string' ? b.scope.split(' ').filter((s) => s !== '' && i.scopes.includes(s)) : i.scopes;
      return [
        200,
        {
          access_token: tokenFor(i.clientId, mid),
          token_type: 'Bearer',
          expires_in: 1079,
          scope: requested.join(' '),
          soap_instance_url: `${host('soap')}${slash}`,
          rest_instance_url: `${host('rest')}${slash}`,
        },
      ];
    });

  const notAuthorized = [
    401,
    REST_NOT_AUTHORIZED,
    { 'www-authenticate': 'Bearer realm="example.com", error="invalid_token"' },
  ] as const;
  const rest = nock(host('rest'))
    .persist()
    .get('/platform/v1/tokenContext')
    .reply(function (this: nock.ReplyFnContext) {
      const t = live(bearerOf(this.req.headers.authorization));
      if (t === null || options.restRefuses === true) return notAuthorized;
      const reported = options.tokenContextMid?.(t.mid) ?? t.mid;
      return [200, { enterprise: { id: options.enterpriseId }, organization: { id: reported }, user: { id: 7000001 } }];
    })
    .get('/platform/v1/endpoints')
    .reply(function (this: nock.ReplyFnContext) {
      const t = live(bearerOf(this.req.headers.authorization));
      if (t === null || options.restRefuses === true) return notAuthorized;
      return [
        200,
        {
          page: 1,
          pageSize: 3,
          count: 3,
          items: [
            { type: 'ftp', url: `ftp://${options.subdomain}.ftp.marketingcloudops.com` },
            { type: 'rest', url: `${host('rest')}/` },
            { type: 'soap', url: `${host('soap')}/Service.asmx` },
          ],
        },
      ];
    });

  const soapXml = { 'content-type': 'text/xml; charset=utf-8' };
  const soap = nock(host('soap'))
    .persist()
    .post('/Service.asmx')
    .reply((_uri, body) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      soapRequests.push(text);
      if (options.soap === 'not-found') return [404, { message: 'Not Found' }];
      const token = /<fueloauth[^>]*>([^<]*)<\/fueloauth>/.exec(text)?.[1]?.trim() ?? '';
      const t = live(token);
      if (t === null || options.soap === 'login-failed') {
        return [
          500,
          `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode xmlns:q0="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">q0:Security</faultcode><faultstring>Login Failed</faultstring><faultactor>${host('soap')}/Service.asmx</faultactor></soap:Fault></soap:Body></soap:Envelope>`,
          soapXml,
        ];
      }
      return [
        200,
        `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Header><wsa:Action xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing">RetrieveResponse</wsa:Action></soap:Header><soap:Body><RetrieveResponseMsg xmlns="http://exacttarget.com/wsdl/partnerAPI"><OverallStatus>OK</OverallStatus><RequestID>3c5a0b5e-0b7e-4d8e-9a51-5f0c8e0f2d11</RequestID><Results xsi:type="BusinessUnit"><ID>${t.mid}</ID><Name>BU ${t.mid}</Name></Results></RetrieveResponseMsg></soap:Body></soap:Envelope>`,
        soapXml,
      ];
    });

  return {
    tokenRequests,
    soapRequests,
    scopes: [auth, rest, soap],
    update(clientId, change) {
      const i = integrations.get(clientId);
      if (i === undefined) throw new Error(`no integration ${clientId}`);
      integrations.set(clientId, { ...i, ...change });
    },
  };
}
