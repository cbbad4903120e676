/**
 * @module
 * What a Constant Contact import asks the vendor's hosts (and, on the emulator, its admin API): the
 * application's credentials at the token endpoint, a partner token, and the partner's client
 * accounts.
 */
import type { AdminClient } from '../../../drivers/admin-client.js';
import { EngineError } from '../../../errors.js';
import type { JsonObject } from '../../../json.js';
import { isJsonObject } from '../../../json.js';
import { basic, errorText, requestJson } from '../http.js';
import type { CtctImportOptions } from './options.js';

const enc = encodeURIComponent;

const request = (o: CtctImportOptions, url: string, init: RequestInit) => requestJson(o.fetch, url, init);

/**
 * Proves an application's credentials at the token endpoint with a code that cannot exist:
 * `invalid_grant` → the client authenticated; `invalid_client` → refused.
 */
export async function probeApplication(
  o: CtctImportOptions,
  apiKey: string,
  secret: string | undefined,
): Promise<void> {
  const params = new URLSearchParams({
    grant_type: 'authorization_code',
    code: 'grantform-import-probe',
    redirect_uri: 'https://grantform.invalid/callback',
    ...(secret === undefined ? { client_id: apiKey } : {}),
  });
  const res = await request(o, `${o.hosts.authz}/oauth2/default/v1/token?${params}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      ...(secret === undefined ? {} : { authorization: basic(apiKey, secret) }),
    },
  });
  if (isJsonObject(res.body) && res.body.error === 'invalid_grant') return;
  const hint = secret === undefined ? ` (a confidential application needs its secret: set ${o.clientSecretEnv})` : '';
  throw new EngineError('ERR_IMPORT_FAILED', `the target refused these credentials (${errorText(res)})${hint}`);
}

export async function adminGet(admin: AdminClient, path: string): Promise<JsonObject | null> {
  const res = await admin.call('GET', path, undefined, [404]);
  return res.status === 404 || !isJsonObject(res.body) ? null : res.body;
}

export async function partnerToken(o: CtctImportOptions): Promise<string> {
  const secret = o.clientSecret ?? '';
  if (secret === '') throw new EngineError('ERR_USAGE', `set ${o.clientSecretEnv} to the partner secret`);
  const res = await request(
    o,
    `${o.hosts.cognito}/oauth2/token?grant_type=client_credentials&scope=${enc('v3api/general.partner')}`,
    {
      method: 'POST',
      headers: { authorization: basic(o.clientId, secret), 'content-type': 'application/x-www-form-urlencoded' },
    },
  );
  if (res.status !== 200 || !isJsonObject(res.body) || typeof res.body.access_token !== 'string')
    throw new EngineError('ERR_IMPORT_FAILED', `the target refused these partner credentials (${errorText(res)})`);
  return res.body.access_token;
}

export interface Listed {
  readonly id: string;
  readonly managed: boolean;
  readonly organizationName: string;
  readonly siteOwnerName: string;
}

/** `GET /v3/partner/accounts` for managed and unmanaged accounts, following `_links.next`. */
export async function listClientAccounts(o: CtctImportOptions, token: string, apiKey: string): Promise<Listed[]> {
  const out: Listed[] = [];
  for (const type of ['managed', 'unmanaged'] as const) {
    let url: string | null = `${o.hosts.api}/v3/partner/accounts?limit=50&offset=0&account_type=${type}`;
    for (let page = 0; url !== null && page < 1000; page++) {
      const res = await request(o, url, { headers: { authorization: `Bearer ${token}`, 'x-api-key': apiKey } });
      if (res.status !== 200 || !isJsonObject(res.body) || !Array.isArray(res.body.site_owner_list)) {
        throw new EngineError(
          'ERR_IMPORT_FAILED',
          `GET /v3/partner/accounts was refused (${errorText(res)}): is ${apiKey} the partner application's API key?`,
        );
      }
      for (const a of res.body.site_owner_list.filter(isJsonObject)) {
        out.push({
          id: String(a.encoded_account_id),
          managed: type === 'managed',
          organizationName: typeof a.organization_name === 'string' ? a.organization_name : '',
          siteOwnerName: typeof a.site_owner_name === 'string' ? a.site_owner_name : '',
        });
      }
      const links = res.body._links;
      const next = isJsonObject(links) && isJsonObject(links.next) ? links.next.href : undefined;
      url = typeof next === 'string' ? new URL(next.replace(/^\/(?!\/)/, ''), `${o.hosts.api}/`).href : null;
    }
  }
  return out;
}
