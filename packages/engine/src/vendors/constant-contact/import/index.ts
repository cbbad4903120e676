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
import { defaultSecretEnv, isValidName } from '@grantform/config';
import { EngineError } from '../../../errors.js';
import { adminClientFor, requestedClientId } from '../../../import-request.js';
import type { JsonObject } from '../../../json.js';
import { isJsonObject } from '../../../json.js';
import type { ImportBinding, ImportOutcome, ImportRequest } from '../../../registry/vendor.js';
import type { ResourceState } from '../../../state/records.js';
import { CTCT_VENDOR_HOSTS, ctctEmulatorHosts } from '../hosts.js';
import { ctctCode } from './code.js';
import type { ApplicationModel, PartnerModel } from './models.js';
import type { CtctImportOptions, CtctImportResult } from './options.js';
import { adminGet, listClientAccounts, partnerToken, probeApplication } from './probe.js';
import { readAccounts, readApplication } from './read.js';
import { stateEntry, synthesize } from './state.js';

export type { CtctImportOptions, CtctImportResult } from './options.js';

const enc = encodeURIComponent;

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

/** A partner's application: the address the state gives it, else its target name or `<partner>-app`. */
async function partnerApplication(
  o: CtctImportOptions,
  partnerName: string,
  apiKey: string,
  notes: string[],
): Promise<{ application: ApplicationModel; address: string; inState: boolean }> {
  const inState = Object.entries(o.state?.resources ?? {}).find(
    ([, r]) => r.kind === 'ctct-application' && r.id === apiKey,
  );
  const adminApp =
    o.admin === undefined ? null : await adminGet(o.admin, `/_emulator/ctct/applications/${enc(apiKey)}`);
  const appName =
    inState?.[0].replace(/^ctct\/apps\//, '') ??
    (typeof adminApp?.name === 'string' && isValidName(adminApp.name) ? adminApp.name : `${partnerName}-app`);
  const address = `ctct/apps/${appName}`;
  const secretRef = inState?.[1].attributes.clientSecret;
  const appSecretEnv = isJsonObject(secretRef) && typeof secretRef.env === 'string' ? secretRef.env : null;
  const application = await readApplication(
    o,
    appName,
    apiKey,
    adminApp?.type === 'public' ? null : (appSecretEnv ?? defaultSecretEnv(address, 'client-secret')),
    notes,
  );
  if (inState !== undefined)
    notes.push(
      `${address} is already in state: keep its declaration (drop the one above) and pass it as the partner's application`,
    );
  else if (application.props.type !== 'public')
    notes.push(
      `${address}: its client secret is not known to this import: set ${appSecretEnv ?? defaultSecretEnv(address, 'client-secret')} (or import it first with grantform import ${address})`,
    );
  return { application, address, inState: inState !== undefined };
}

/** The state entries of an imported partner: its application (unless the state holds it), itself, its accounts. */
function partnerEntries(
  app: { application: ApplicationModel; address: string; inState: boolean },
  apiKey: string,
  partner: PartnerModel,
  address: string,
): Record<string, ResourceState> {
  const synthesized = synthesize(app.application, partner);
  const resources: Record<string, ResourceState> = {};
  const add = (addr: string, id: string, observed: JsonObject) => {
    const r = synthesized.get(addr);
    if (r === undefined) throw new Error(`unreachable: ${addr} not synthesized`);
    resources[addr] = stateEntry(r, id, observed);
  };
  if (!app.inState) {
    add(app.address, apiKey, app.application.observed);
    // Its secret was never given to this state: it is not re-issued on its own (someone holds it).
    const entry = resources[app.address];
    if (entry !== undefined && app.application.props.type !== 'public')
      resources[app.address] = { ...entry, secretsNotHeld: ['clientSecret'] };
  }
  add(address, partner.partnerClientId, partner.observed);
  for (const a of partner.accounts) add(`${address}/accounts/${a.name}`, a.id, a.observed);
  return resources;
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
  const app = await partnerApplication(o, name, apiKey, notes);
  const accounts = await readAccounts(o, o.clientId, await listClientAccounts(o, token, apiKey), notes);
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
  const managed = accounts.filter((a) => a.props.managed !== false).length;
  return {
    kind: 'ctct-partner',
    code: ctctCode(app.application, partner),
    resources: partnerEntries(app, apiKey, partner, address),
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

/** `grantform import ctct/apps/<name>` and `grantform import ctct/partners/<name>`. */
async function run(r: ImportRequest): Promise<ImportOutcome> {
  const { flags, env } = r;
  const secret = env[flags.clientSecretEnv];
  const clientId = requestedClientId(r);
  const emulator = r.target !== 'sfmc';
  const state = await r.readState();
  const result = await importCtct({
    address: r.address,
    clientId,
    clientSecret: secret === '' ? undefined : secret,
    clientSecretEnv: flags.clientSecretEnv,
    fetch: r.fetch,
    hosts: emulator ? ctctEmulatorHosts(r.endpoint) : CTCT_VENDOR_HOSTS,
    state,
    ...(flags.apiKey === undefined ? {} : { applicationApiKey: flags.apiKey }),
    ...(emulator ? { admin: adminClientFor(r) } : {}),
  });
  return {
    resources: result.resources,
    secrets: result.secrets,
    notes: result.notes,
    code: result.code,
    summary: result.summary,
    details: { kind: result.kind },
  };
}

export const constantContactImporter: ImportBinding = { claims: isCtctAddress, run };
