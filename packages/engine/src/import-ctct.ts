/**
 * @module
 * `grantform import` for Constant Contact: adopts an existing application (`ctct/apps/<name>`,
 * from its API key and secret) or technology partner (`ctct/partners/<name>`, from its
 * `partner_client_id` and `partner_secret`, with its application and client accounts).
 *
 * What the credentials reveal, on the emulator and on the vendor alike:
 * - application: whether the API key and secret authenticate at the token endpoint (a token request
 *   with a code that cannot exist: `invalid_grant` means the client authenticated,
 *   `invalid_client` that it did not), and so its type (a secret → confidential, none → public);
 * - partner: the partner token (Cognito host, Basic, empty body), and with it and the
 *   application's API key as `x-api-key` its client accounts (`GET /v3/partner/accounts`, once per
 *   `account_type` managed / unmanaged, following `_links.next`).
 * On the emulator the admin API (`/_emulator/ctct/*`) adds what no token shows: scopes, redirect
 * URIs, PKCE, the refresh-token mode, names, login names and contact details. Without it (the real
 * vendor) those are placeholders, and the notes say which.
 *
 * The config code is built from the same props as the constructs the import synthesizes, so the
 * pasted code plans no changes against the state written here.
 */
import type {
  ConstantContactApplicationProps,
  ConstantContactClientAccountProps,
  CtctScope,
  ManifestResource,
  SecretRef,
} from '@grantform/config';
import {
  ConfigValidationError,
  ConstantContactApplication,
  ConstantContactPartner,
  defaultPartnerSecretEnv,
  defaultSecretEnv,
  GrantformApp,
  isValidName,
  synth,
} from '@grantform/config';
import { specHash } from './desired.js';
import { diffAttributes } from './diff.js';
import { applicationAttributes } from './drivers/ctct-emulator.js';
import type { CtctHosts } from './drivers/ctct-hosts.js';
import type { AdminClient } from './drivers/emulator-driver.js';
import type { FetchLike } from './drivers/http.js';
import { fetchOrUnreachable, jsonOrNull } from './drivers/http.js';
import { EngineError } from './errors.js';
import type { JsonObject, JsonValue } from './json.js';
import { isJsonObject } from './json.js';
import type { ResourceState, StateFile } from './state/state-file.js';

export interface CtctImportOptions {
  /** `ctct/apps/<name>` or `ctct/partners/<name>`. */
  readonly address: string;
  /** The application's API key, or the partner's `partner_client_id`. */
  readonly clientId: string;
  /** The application's client secret (absent for a public application), or the `partner_secret`. */
  readonly clientSecret: string | undefined;
  /** The env name the secret is read from: it goes into the config and the secrets sink, never the value. */
  readonly clientSecretEnv: string;
  readonly fetch: FetchLike;
  /** The vendor's hosts, or the emulator's (`ctctEmulatorHosts(endpoint)`). */
  readonly hosts: CtctHosts;
  /** Emulator: reads what tokens do not show. */
  readonly admin?: AdminClient;
  /** Partner: its application's API key (`x-api-key`). @default - on the emulator, read from the admin API */
  readonly applicationApiKey?: string;
  /** The current state: a partner's application already in it keeps its address. */
  readonly state?: StateFile;
}

export interface CtctImportResult {
  readonly kind: 'ctct-application' | 'ctct-partner';
  /** Paste-able TypeScript for grantform.config.ts. */
  readonly code: string;
  /** State entries to add, keyed by address. */
  readonly resources: Readonly<Record<string, ResourceState>>;
  /** What could not be read, and placeholders to check. */
  readonly notes: readonly string[];
  /** One line for the CLI, e.g. `confidential application, 3 scopes`. */
  readonly summary: string;
  /** Secret values to put in the sink, by env name (the credentials the import was given). */
  readonly secrets: readonly { readonly env: string; readonly value: string }[];
}

interface ApplicationModel {
  readonly name: string;
  readonly props: ConstantContactApplicationProps;
  /** What the target reports (the state's target attributes). */
  readonly observed: JsonObject;
}

interface AccountModel {
  readonly name: string;
  readonly id: string;
  readonly props: ConstantContactClientAccountProps;
  readonly observed: JsonObject;
}

interface PartnerModel {
  readonly name: string;
  readonly partnerClientId: string;
  readonly partnerSecret: SecretRef;
  readonly observed: JsonObject;
  readonly accounts: readonly AccountModel[];
}

const enc = encodeURIComponent;
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

function ctctAddress(address: string): { kind: 'apps' | 'partners'; name: string } {
  const m = /^ctct\/(apps|partners)\/([^/]+)$/.exec(address);
  if (m?.[1] === undefined || m[2] === undefined || !isValidName(m[2])) {
    throw new EngineError(
      'ERR_USAGE',
      `import needs a Constant Contact address like ctct/apps/newsletter or ctct/partners/agency, not ${address}`,
    );
  }
  return { kind: m[1] as 'apps' | 'partners', name: m[2] };
}

// ── code ─────────────────────────────────────────────────────────────────────
function tsString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function tsValue(v: unknown): string {
  if (typeof v === 'string') return tsString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(tsValue).join(', ')}]`;
  if (typeof v === 'object' && v !== null)
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${k}: ${tsValue(x)}`)
      .join(', ')} }`;
  return 'undefined';
}

/** `{ a: 1, b: 'x' }` over several lines, without `undefined` values, in key order. */
function propsBlock(props: object, extra: readonly string[] = []): string {
  const lines = [
    ...extra,
    ...Object.entries(props)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}: ${tsValue(v)}`),
  ];
  return `{\n${lines.map((l) => `  ${l},`).join('\n')}\n}`;
}

const RESERVED = new Set([
  'app',
  'new',
  'class',
  'const',
  'default',
  'delete',
  'function',
  'import',
  'export',
  'in',
  'var',
]);

function camel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Variable names for the application and the partner: `agencyApp`, `agency`. */
function varNames(appName: string, partnerName: string): { appVar: string; partnerVar: string } {
  const a = camel(appName);
  const appVar = a.endsWith('App') || a === 'app' ? (a === 'app' ? 'application' : a) : `${a}App`;
  const p = camel(partnerName);
  return { appVar, partnerVar: RESERVED.has(p) || p === appVar ? `${p}Partner` : p };
}

function ctctCode(application: ApplicationModel, partner: PartnerModel | null): string {
  const imports = [
    'ConstantContactApplication',
    ...(partner === null ? [] : ['ConstantContactPartner']),
    'GrantformApp',
  ];
  const lines = [`import { ${imports.join(', ')} } from '@grantform/config';`, '', 'const app = new GrantformApp();'];
  if (partner === null) {
    lines.push(`new ConstantContactApplication(app, ${tsString(application.name)}, ${propsBlock(application.props)});`);
  } else {
    const { appVar, partnerVar } = varNames(application.name, partner.name);
    lines.push(
      `const ${appVar} = new ConstantContactApplication(app, ${tsString(application.name)}, ${propsBlock(application.props)});`,
      `const ${partnerVar} = new ConstantContactPartner(app, ${tsString(partner.name)}, ${propsBlock(
        partnerProps(partner),
        [`application: ${appVar}`],
      )});`,
      ...partner.accounts.map((a) => `${partnerVar}.addClientAccount(${tsString(a.name)}, ${propsBlock(a.props)});`),
    );
  }
  lines.push('', 'export default app;', '');
  return lines.join('\n');
}

function partnerProps(p: PartnerModel): { partnerClientId: string; partnerSecret?: SecretRef } {
  const address = `ctct/partners/${p.name}`;
  return {
    partnerClientId: p.partnerClientId,
    ...(p.partnerSecret.env === defaultPartnerSecretEnv(address) ? {} : { partnerSecret: p.partnerSecret }),
  };
}

/** The manifest resources of the models: the same constructs the code declares. */
function synthesize(application: ApplicationModel, partner: PartnerModel | null): Map<string, ManifestResource> {
  const app = new GrantformApp();
  const a = new ConstantContactApplication(app, application.name, application.props);
  if (partner !== null) {
    const p = new ConstantContactPartner(app, partner.name, { application: a, ...partnerProps(partner) });
    for (const acct of partner.accounts) p.addClientAccount(acct.name, acct.props);
  }
  try {
    return new Map(synth(app).resources.map((r) => [r.address, r]));
  } catch (err) {
    if (err instanceof ConfigValidationError) {
      throw new EngineError('ERR_IMPORT_FAILED', 'what the target reports is not a valid configuration', {
        issues: err.issues.map((i) => ({ path: i.path, message: i.message })),
      });
    }
    throw err;
  }
}

/**
 * The state entry of an imported resource: the spec with what the target reports on top. Its spec
 * hash describes what the target holds, so a value that differs from the code (a name the
 * target spells otherwise) shows as a change in the plan rather than being hidden.
 */
function stateEntry(r: ManifestResource, id: string, observed: JsonObject): ResourceState {
  const spec = r.spec as unknown as JsonObject;
  const attributes = { ...spec, ...observed };
  const differs = diffAttributes(r.kind, attributes, spec).changes.length > 0;
  const held = Object.fromEntries(Object.keys(spec).map((k) => [k, attributes[k] ?? null]));
  return {
    kind: r.kind,
    id,
    attributes,
    specHash: specHash(differs ? held : spec),
    dependsOn: [...r.dependsOn],
  };
}

// ── reading ──────────────────────────────────────────────────────────────────
async function request(
  o: CtctImportOptions,
  url: string,
  init: RequestInit,
): Promise<{ status: number; body: JsonValue | null }> {
  const res = await fetchOrUnreachable(o.fetch, url, init);
  return { status: res.status, body: (await jsonOrNull(res)) as JsonValue | null };
}

function errorText(r: { status: number; body: JsonValue | null }): string {
  const b = r.body;
  if (isJsonObject(b) && typeof b.error === 'string')
    return `${b.error}${typeof b.error_description === 'string' ? `: ${b.error_description}` : ''}`;
  if (Array.isArray(b) && isJsonObject(b[0])) return `${String(b[0].error_key)}: ${String(b[0].error_message)}`;
  return `HTTP ${r.status}`;
}

/**
 * Proves an application's credentials at the token endpoint with a code that cannot exist:
 * `invalid_grant` → the client authenticated; `invalid_client` → refused.
 */
async function probeApplication(o: CtctImportOptions, apiKey: string, secret: string | undefined): Promise<void> {
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

async function adminGet(admin: AdminClient, path: string): Promise<JsonObject | null> {
  const res = await admin.call('GET', path, undefined, [404]);
  return res.status === 404 || !isJsonObject(res.body) ? null : res.body;
}

const strings = (v: JsonValue | undefined): string[] => (Array.isArray(v) ? v.map(String) : []);

/** The application as the admin API reports it, or placeholders (real vendor). */
async function readApplication(
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

interface Listed {
  readonly id: string;
  readonly managed: boolean;
  readonly organizationName: string;
  readonly siteOwnerName: string;
}

/** `GET /v3/partner/accounts` for managed and unmanaged accounts, following `_links.next`. */
async function listClientAccounts(o: CtctImportOptions, token: string, apiKey: string): Promise<Listed[]> {
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

async function readAccounts(
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
        d === undefined
          ? { managed: l.managed, organizationName: l.organizationName }
          : {
              managed: d.managed ?? null,
              loginName: d.loginName ?? null,
              contactEmail: d.contactEmail ?? null,
              organizationName: d.organizationName ?? null,
              countryCode: d.countryCode ?? null,
              stateCode: d.stateCode ?? null,
              firstName: d.firstName ?? null,
              lastName: d.lastName ?? null,
            };
      return { name, id: l.id, props, observed };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

// ── the two imports ──────────────────────────────────────────────────────────
async function importApplication(o: CtctImportOptions, name: string): Promise<CtctImportResult> {
  const notes: string[] = [];
  const address = `ctct/apps/${name}`;
  const secret = o.clientSecret === '' ? undefined : o.clientSecret;
  await probeApplication(o, o.clientId, secret);
  const model = await readApplication(o, name, o.clientId, secret === undefined ? null : o.clientSecretEnv, notes);
  const isPublic = model.props.type === 'public';
  if (isPublic && secret !== undefined)
    throw new EngineError(
      'ERR_IMPORT_FAILED',
      `${o.clientId} is a public application, which has no secret: unset ${o.clientSecretEnv}`,
    );
  if (isPublic) notes.push(`a public application has no client secret: ${o.clientSecretEnv} is not used`);
  const resources = synthesize(model, null);
  const r = resources.get(address);
  if (r === undefined) throw new Error(`unreachable: ${address} not synthesized`);
  const scopes = model.props.scopes;
  return {
    kind: 'ctct-application',
    code: ctctCode(model, null),
    resources: { [address]: stateEntry(r, o.clientId, model.observed) },
    notes,
    summary: `${isPublic ? 'public' : 'confidential'} application, ${scopes.length} scope${scopes.length === 1 ? '' : 's'}`,
    secrets: secret === undefined ? [] : [{ env: o.clientSecretEnv, value: secret }],
  };
}

async function partnerToken(o: CtctImportOptions): Promise<string> {
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

async function importPartner(o: CtctImportOptions, name: string): Promise<CtctImportResult> {
  const notes: string[] = [];
  const address = `ctct/partners/${name}`;
  const token = await partnerToken(o);
  const view = o.admin === undefined ? null : await adminGet(o.admin, `/_emulator/ctct/partners/${enc(o.clientId)}`);
  if (o.admin !== undefined && view === null)
    throw new EngineError('ERR_IMPORT_FAILED', `no Constant Contact partner ${o.clientId} on the emulator`);
  const apiKey =
    o.applicationApiKey ?? (typeof view?.applicationApiKey === 'string' ? view.applicationApiKey : undefined);
  if (apiKey === undefined)
    throw new EngineError(
      'ERR_USAGE',
      "pass --api-key: the partner application's API key (sent as x-api-key; a partner token does not name it)",
    );
  if (typeof view?.name === 'string' && view.name !== name)
    notes.push(`${address}: the partner is named '${view.name}' on the target: the plan renames it to '${name}'`);
  // The application keeps the address the state already gives it; otherwise its target name or <partner>-app.
  const inState = Object.entries(o.state?.resources ?? {}).find(
    ([, r]) => r.kind === 'ctct-application' && r.id === apiKey,
  );
  const adminApp =
    o.admin === undefined ? null : await adminGet(o.admin, `/_emulator/ctct/applications/${enc(apiKey)}`);
  const appName =
    inState?.[0].replace(/^ctct\/apps\//, '') ??
    (typeof adminApp?.name === 'string' && isValidName(adminApp.name) ? adminApp.name : `${name}-app`);
  const appAddress = `ctct/apps/${appName}`;
  const secretRef = inState?.[1].attributes.clientSecret;
  const appSecretEnv = isJsonObject(secretRef) && typeof secretRef.env === 'string' ? secretRef.env : null;
  const application = await readApplication(
    o,
    appName,
    apiKey,
    adminApp?.type === 'public' ? null : (appSecretEnv ?? defaultSecretEnv(appAddress, 'client-secret')),
    notes,
  );
  if (inState !== undefined)
    notes.push(
      `${appAddress} is already in state: keep its declaration (drop the one above) and pass it as the partner's application`,
    );
  else if (application.props.type !== 'public')
    notes.push(
      `${appAddress}: its client secret is not known to this import: set ${appSecretEnv ?? defaultSecretEnv(appAddress, 'client-secret')} (or import it first with grantform import ${appAddress})`,
    );
  const listed = await listClientAccounts(o, token, apiKey);
  const accounts = await readAccounts(o, o.clientId, listed, notes);
  const partner: PartnerModel = {
    name,
    partnerClientId: o.clientId,
    partnerSecret: { env: o.clientSecretEnv },
    observed: {
      name: typeof view?.name === 'string' ? view.name : name,
      clientId: o.clientId,
      endpoints: view?.endpoints ?? null,
    },
    accounts,
  };
  const synthesized = synthesize(application, partner);
  const resources: Record<string, ResourceState> = {};
  const add = (addr: string, id: string, observed: JsonObject) => {
    const r = synthesized.get(addr);
    if (r === undefined) throw new Error(`unreachable: ${addr} not synthesized`);
    resources[addr] = stateEntry(r, id, observed);
  };
  if (inState === undefined) {
    add(appAddress, apiKey, application.observed);
    // Its secret was never given to this state: it is not re-issued on its own (someone holds it).
    const entry = resources[appAddress];
    if (entry !== undefined && application.props.type !== 'public')
      resources[appAddress] = { ...entry, secretsNotHeld: ['clientSecret'] };
  }
  add(address, o.clientId, partner.observed);
  for (const a of accounts) add(`${address}/accounts/${a.name}`, a.id, a.observed);
  const managed = accounts.filter((a) => a.props.managed !== false).length;
  return {
    kind: 'ctct-partner',
    code: ctctCode(application, partner),
    resources,
    notes,
    summary: `partner of application ${apiKey}, ${accounts.length} client account${accounts.length === 1 ? '' : 's'} (${managed} managed)`,
    secrets: [{ env: o.clientSecretEnv, value: o.clientSecret ?? '' }],
  };
}

/** Whether `address` names a Constant Contact resource (`ctct/…`). */
export function isCtctAddress(address: string): boolean {
  return address.startsWith('ctct/');
}

/**
 * @example
 * const result = await importCtct({
 *   address: 'ctct/apps/newsletter', clientId: apiKey, clientSecret, clientSecretEnv: 'NEWSLETTER_SECRET',
 *   fetch, hosts: ctctEmulatorHosts(endpoint), admin: createAdminClient({ endpoint, fetch }),
 * });
 */
export async function importCtct(o: CtctImportOptions): Promise<CtctImportResult> {
  const { kind, name } = ctctAddress(o.address);
  return kind === 'apps' ? importApplication(o, name) : importPartner(o, name);
}
