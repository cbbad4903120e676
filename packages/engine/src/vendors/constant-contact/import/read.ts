/**
 * @module
 * The models of a Constant Contact import: an application as the admin API reports it (or
 * placeholders on the real vendor), and client accounts named after their organization (or login),
 * unique in the partner.
 */
import type { ConstantContactApplicationProps, ConstantContactClientAccountProps, CtctScope } from '@grantform/config';
import { defaultSecretEnv, isValidName } from '@grantform/config';
import { EngineError } from '../../../errors.js';
import type { JsonObject, JsonValue } from '../../../json.js';
import { isJsonObject } from '../../../json.js';
import { accountAttributes, applicationAttributes } from '../emulator.js';
import type { AccountModel, ApplicationModel } from './models.js';
import type { CtctImportOptions } from './options.js';
import type { Listed } from './probe.js';
import { adminGet } from './probe.js';

const enc = encodeURIComponent;

const strings = (v: JsonValue | undefined): string[] => (Array.isArray(v) ? v.map(String) : []);

/** The application as the admin API reports it, or placeholders (real vendor). */
export async function readApplication(
  o: CtctImportOptions,
  name: string,
  apiKey: string,
  secretEnv: string | null,
  notes: string[],
): Promise<ApplicationModel> {
  const address = `ctct/apps/${name}`;
  const clientSecret =
    secretEnv === null || secretEnv === defaultSecretEnv(address, 'client-secret') ? undefined : { env: secretEnv };
  const view = o.admin === undefined ? null : await adminGet(o.admin, `/_emulator/ctct/applications/${enc(apiKey)}`);
  if (o.admin !== undefined && view === null)
    throw new EngineError(
      'ERR_IMPORT_FAILED',
      `no Constant Contact application with API key ${apiKey} on the emulator`,
    );
  if (view === null) {
    const type = secretEnv === null ? 'public' : 'confidential';
    notes.push(
      `${address}: scopes, redirect URIs, PKCE and the refresh-token mode are not readable from the vendor without a user login: the code has placeholders (scopes ['account_read']${type === 'confidential' ? ", redirect URI 'http://localhost/callback'" : ''}); set them as the developer portal shows`,
    );
    const props: ConstantContactApplicationProps = {
      apiKey,
      ...(type === 'public' ? { type } : {}),
      ...(clientSecret === undefined ? {} : { clientSecret }),
      scopes: ['account_read'],
      ...(type === 'confidential' ? { redirectUris: ['http://localhost/callback'] } : {}),
    };
    return { name, props, observed: { clientId: apiKey, endpoints: null } };
  }
  const type = view.type === 'public' ? 'public' : 'confidential';
  if (typeof view.name === 'string' && view.name !== name)
    notes.push(`${address}: the application is named '${view.name}' on the target: the plan renames it to '${name}'`);
  const pkce = view.pkce === 'required' ? 'required' : 'optional';
  const props: ConstantContactApplicationProps = {
    apiKey,
    ...(type === 'public' ? { type } : {}),
    ...(type === 'confidential' && clientSecret !== undefined ? { clientSecret } : {}),
    scopes: strings(view.scopes).sort() as CtctScope[],
    ...(strings(view.redirectUris).length > 0 ? { redirectUris: strings(view.redirectUris).sort() } : {}),
    ...(pkce === (type === 'public' ? 'required' : 'optional') ? {} : { pkce }),
    ...(view.refreshTokens === 'long-lived' ? { refreshTokens: 'long-lived' as const } : {}),
  };
  return { name, props, observed: applicationAttributes(view) };
}

function slug(s: string): string {
  const x = s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^[0-9-]+/, '');
  return x.slice(0, 50).replace(/-+$/, '');
}

/** Account names: the organization (or login) as a resource name, unique in the partner. */
function accountName(candidates: readonly string[], taken: Set<string>, fallback: string): string {
  const base = candidates.map(slug).find((c) => c !== '' && isValidName(c)) ?? fallback;
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  taken.add(name);
  return name;
}

export async function readAccounts(
  o: CtctImportOptions,
  partnerClientId: string,
  listed: readonly Listed[],
  notes: string[],
): Promise<AccountModel[]> {
  const details = new Map<string, JsonObject>();
  if (o.admin !== undefined) {
    const res = await o.admin.call('GET', `/_emulator/ctct/accounts?partner=${enc(partnerClientId)}`);
    const items = isJsonObject(res.body) && Array.isArray(res.body.items) ? res.body.items.filter(isJsonObject) : [];
    for (const a of items) details.set(String(a.encodedAccountId), a);
  } else if (listed.length > 0) {
    notes.push(
      'client accounts: login names, contact emails, countries and states are not in the partner API: the code has placeholders (login account_<id>, owner@<id>.invalid, US/MA); set them from the account owners',
    );
  }
  const taken = new Set<string>();
  const sorted = [...listed].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sorted
    .map((l, i) => {
      const d = details.get(l.id);
      const text = (v: JsonValue | undefined, dflt: string) => (typeof v === 'string' ? v : dflt);
      const [first = '', ...rest] = l.siteOwnerName.split(/\s+/).filter((x) => x !== '');
      const loginName = text(d?.loginName, `account_${l.id.toLowerCase()}`);
      const name = accountName([l.organizationName, loginName], taken, `account-${i + 1}`);
      const organizationName = text(d?.organizationName, l.organizationName);
      const countryCode = text(d?.countryCode, 'US');
      const stateCode = text(d?.stateCode, d === undefined ? 'MA' : '');
      const firstName = text(d?.firstName, first);
      const lastName = text(d?.lastName, rest.join(' '));
      const props: ConstantContactClientAccountProps = {
        ...(l.managed ? {} : { managed: false }),
        loginName,
        contactEmail: text(d?.contactEmail, `owner@${l.id.toLowerCase()}.invalid`),
        ...(organizationName === name ? {} : { organizationName }),
        ...(countryCode === 'US' ? {} : { countryCode }),
        ...(stateCode === '' ? {} : { stateCode }),
        ...(firstName === '' ? {} : { firstName }),
        ...(lastName === '' ? {} : { lastName }),
      };
      const observed: JsonObject =
        d === undefined ? { managed: l.managed, organizationName: l.organizationName } : accountAttributes(d);
      return { name, id: l.id, props, observed };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
