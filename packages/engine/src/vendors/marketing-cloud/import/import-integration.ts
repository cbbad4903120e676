/**
 * @module
 * Adopts an existing integration from its client id and secret:
 * - type: `client_credentials` works → server-to-server; refused with `unauthorized_client` → a web
 *   or public app (which one cannot be told from outside: said so);
 * - scopes (a token without `scope`), business units (which candidate MIDs accept `account_id`:
 *   every BU of the tenant on the emulator; on sfmc the enterprise and source BU that
 *   `tokenContext` names plus the MIDs the user passes), endpoints.
 * On the emulator the admin API also names the package (id, name, description) so the state holds
 * real ids. The result is paste-able config code (constructs) and the state entries.
 */
import type { ApiIntegrationSpec, IntegrationType, TenantSpec } from '@grantform/config';
import { specHash } from '../../../desired-state.js';
import type { AdminClient } from '../../../drivers/admin-client.js';
import type { FetchLike } from '../../../drivers/http.js';
import { EngineError } from '../../../errors.js';
import type { JsonObject, JsonValue } from '../../../json.js';
import { isJsonObject } from '../../../json.js';
import type { ResourceState } from '../../../state/records.js';
import { clientCredentialsToken, sfmcAuthBase, tokenContext } from '../oauth-client.js';
import { probeIntegration } from '../sfmc/driver.js';
import { importCode } from './code.js';

export interface ImportOptions {
  /** The integration's address, `tenant/package/api`. */
  readonly address: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The env name the secret will be read from (goes into the config and state; never the value). */
  readonly clientSecretEnv: string;
  readonly subdomain: string;
  readonly target: 'emulator' | 'sfmc';
  readonly fetch: FetchLike;
  /** Emulator only: reads the tenant and package. */
  readonly admin?: AdminClient;
  /** sfmc: MIDs to try with `account_id`. */
  readonly candidateMids?: readonly number[];
}

export interface ImportResult {
  /** Paste-able TypeScript for grantform.config.ts. */
  readonly code: string;
  /** State entries to add, keyed by address. */
  readonly resources: Readonly<Record<string, ResourceState>>;
  /** What could not be determined. */
  readonly notes: readonly string[];
  readonly type: IntegrationType | 'web-or-public';
  readonly scopes: readonly string[];
  readonly businessUnits: readonly number[];
}

function splitAddress(address: string): { tenant: string; pkg: string } {
  const parts = address.split('/');
  if (parts.length !== 3 || parts[2] !== 'api' || parts.some((p) => p === '')) {
    throw new EngineError('ERR_USAGE', `import needs an integration address like acme/crm-sync/api, not ${address}`);
  }
  return { tenant: parts[0] ?? '', pkg: `${parts[0]}/${parts[1]}` };
}

function tenantFromAdmin(t: JsonObject, name: string): TenantSpec {
  const bus = Array.isArray(t.businessUnits) ? (t.businessUnits as JsonValue[]).filter(isJsonObject) : [];
  return {
    name: typeof t.name === 'string' ? t.name : name,
    subdomain: String(t.subdomain),
    stackKey: typeof t.stackKey === 'string' ? t.stackKey : 'S7',
    enterpriseMid: Number(t.enterpriseMid),
    businessUnits: bus.map((b) => ({
      mid: Number(b.mid),
      name: String(b.name),
      parentMid: b.parentMid === null || b.parentMid === undefined ? null : Number(b.parentMid),
    })),
  };
}

/**
 * sfmc: what a token reveals about the tenant. `GET {rest}platform/v1/tokenContext` of a token
 * without `account_id` names the enterprise (`enterprise.id`) and the BU that created the package
 * (`organization.id`); the `--mid` candidates become the enterprise's children. Names, the deeper
 * tree and the stack key are not readable from a token: placeholders, said in the notes.
 */
async function sfmcTenant(
  o: ImportOptions,
  tenantAddress: string,
  authBase: string,
): Promise<{ tenant: TenantSpec; sourceMid: number | null; notes: string[] }> {
  const notes: string[] = [];
  const mids = [...new Set(o.candidateMids ?? [])];
  const creds = { authBase, clientId: o.clientId, clientSecret: o.clientSecret };
  let context: { enterpriseId: number | null; mid: number | null } | null = null;
  let sourceMid: number | null = null;
  const contextOf = async (accountId?: number) => {
    const t = await clientCredentialsToken(o.fetch, accountId === undefined ? creds : { ...creds, accountId });
    if (t.ok && t.restInstanceUrl !== null) {
      const c = await tokenContext(o.fetch, t.restInstanceUrl, t.accessToken);
      if (c.status === 200) return { enterpriseId: c.enterpriseId, mid: c.mid };
    }
    if (!t.ok && t.error === 'invalid_client') {
      throw new EngineError(
        'ERR_IMPORT_FAILED',
        `the target refused these credentials (${t.error}${t.description === '' ? '' : `: ${t.description}`})`,
      );
    }
    return null;
  };
  context = await contextOf();
  if (context !== null) sourceMid = context.mid;
  for (const mid of mids) {
    if (context !== null && context.enterpriseId !== null) break;
    context = await contextOf(mid);
  }
  const enterpriseMid = context?.enterpriseId ?? mids[0] ?? null;
  if (enterpriseMid === null) {
    throw new EngineError(
      'ERR_IMPORT_FAILED',
      "no token of this integration names the enterprise (tokenContext); a web or public app gets none: pass the tenant's MIDs with --mid (the first is the enterprise)",
    );
  }
  if (context === null || context.enterpriseId === null)
    notes.push(`tokenContext did not answer: the enterprise MID ${enterpriseMid} is the first --mid`);
  const children = [...mids, ...(sourceMid === null ? [] : [sourceMid])].filter((m) => m !== enterpriseMid);
  const all = [enterpriseMid, ...new Set(children)];
  if (mids.length === 0)
    notes.push(
      "no --mid given: only the enterprise and the package's own business unit were probed; pass the tenant's other MIDs with --mid",
    );
  notes.push(
    'business unit names, the tree below the enterprise and the stack key are not readable from a token: check the tenant block',
  );
  return {
    tenant: {
      name: tenantAddress,
      subdomain: o.subdomain,
      stackKey: 'S7',
      enterpriseMid,
      businessUnits: all.map((mid) => ({
        mid,
        name: `BU ${mid}`,
        parentMid: mid === enterpriseMid ? null : enterpriseMid,
      })),
    },
    sourceMid,
    notes,
  };
}

/** What the target holds around the integration: the tenant, its auth base, and (emulator) the package. */
interface Holder {
  readonly tenant: TenantSpec;
  readonly tenantEndpoints: JsonValue;
  readonly authBase: string;
  /** The package holding this client id, as the admin API reports it (emulator only). */
  readonly pkg: JsonObject | null;
  /** sfmc: the business unit that created the package (tokenContext), when it answered. */
  readonly sourceMid: number | null;
  readonly notes: readonly string[];
}

/** Emulator: the tenant, and the package whose integration has this client id, from the admin API. */
async function emulatorHolder(o: ImportOptions, tenantAddress: string): Promise<Holder> {
  if (o.admin === undefined) throw new EngineError('ERR_USAGE', 'importing from the emulator needs its admin client');
  const t = await o.admin.call('GET', `/_emulator/tenants/${encodeURIComponent(o.subdomain)}`, undefined, [404]);
  if (t.status === 404 || !isJsonObject(t.body))
    throw new EngineError('ERR_IMPORT_FAILED', `no tenant ${o.subdomain} on the emulator`);
  const endpoints = t.body.endpoints;
  const list = await o.admin.call('GET', `/_emulator/tenants/${encodeURIComponent(o.subdomain)}/packages`);
  const items = isJsonObject(list.body) && Array.isArray(list.body.items) ? (list.body.items as JsonValue[]) : [];
  return {
    tenant: tenantFromAdmin(t.body, tenantAddress),
    tenantEndpoints: endpoints ?? null,
    authBase:
      isJsonObject(endpoints) && typeof endpoints.auth === 'string' ? endpoints.auth : sfmcAuthBase(o.subdomain),
    pkg:
      items.filter(isJsonObject).find((p) => isJsonObject(p.integration) && p.integration.clientId === o.clientId) ??
      null,
    sourceMid: null,
    notes: [],
  };
}

/** The integration's settings, from what the probe revealed (and, for a web or public app, the admin API). */
interface Settings {
  readonly type: IntegrationType | 'web-or-public';
  readonly scopes: string[];
  readonly businessUnits: number[] | 'all';
  readonly endpoints: JsonValue;
  readonly redirectUris: string[];
  readonly pkce: 'optional' | 'required';
}

function settingsFrom(
  o: ImportOptions,
  probe: Awaited<ReturnType<typeof probeIntegration>>,
  holder: Holder,
  notes: string[],
): Settings {
  if (probe.kind === 'rejected') {
    throw new EngineError(
      'ERR_IMPORT_FAILED',
      `the target refused these credentials (${probe.error}${probe.description === '' ? '' : `: ${probe.description}`})`,
    );
  }
  if (probe.kind === 'server-to-server') {
    // The config refuses `offline` on a server-to-server integration (client_credentials never gets
    // refresh tokens), but the console lets it be ticked and tokens then list it.
    const scopes = probe.scopes.filter((sc) => sc !== 'offline');
    if (scopes.length < probe.scopes.length)
      notes.push(
        'the integration has the offline scope ticked, which a server-to-server integration never uses: left out of the config (plan shows unticking it)',
      );
    const all = holder.tenant.businessUnits.map((b) => b.mid);
    const everyBu = o.target === 'emulator' && all.length > 0 && all.every((m) => probe.businessUnits.includes(m));
    return {
      type: 'server-to-server',
      scopes,
      businessUnits: everyBu ? 'all' : probe.businessUnits,
      endpoints: probe.endpoints,
      redirectUris: [],
      pkce: 'optional',
    };
  }
  const admin = isJsonObject(holder.pkg?.integration) ? holder.pkg.integration : null;
  const type = admin !== null && typeof admin.type === 'string' ? (admin.type as IntegrationType) : 'web-or-public';
  if (type === 'web-or-public') {
    notes.push(
      'client_credentials is refused: this is a web app or a public app, which cannot be told apart without a user login; set the type, scopes and redirect URIs by hand',
    );
  } else notes.push(`client_credentials is refused: a ${type}; its settings come from the emulator's admin API`);
  return {
    type,
    scopes: admin !== null && Array.isArray(admin.scopes) ? admin.scopes.map(String) : [],
    businessUnits:
      admin?.businessUnits === 'all'
        ? 'all'
        : admin !== null && Array.isArray(admin.businessUnits)
          ? admin.businessUnits.map(Number)
          : [],
    redirectUris: admin !== null && Array.isArray(admin.redirectUris) ? admin.redirectUris.map(String) : [],
    pkce: admin?.pkce === 'required' ? 'required' : 'optional',
    endpoints: admin?.endpoints ?? { auth: holder.authBase },
  };
}

/** The state entries of the tenant, the package and the integration (spec plus what the target assigned). */
function stateEntries(
  o: ImportOptions,
  addresses: { readonly tenant: string; readonly pkg: string },
  holder: Holder,
  pkgSpec: JsonObject,
  integration: ApiIntegrationSpec,
  endpoints: JsonValue,
): Record<string, ResourceState> {
  const tenantAttrs = holder.tenant as unknown as JsonObject;
  const integrationAttrs = integration as unknown as JsonObject;
  return {
    [addresses.tenant]: {
      kind: 'tenant',
      id: holder.tenant.subdomain,
      attributes: { ...tenantAttrs, endpoints: holder.tenantEndpoints },
      specHash: specHash(tenantAttrs),
      dependsOn: [],
    },
    [addresses.pkg]: {
      kind: 'installed-package',
      id: typeof holder.pkg?.id === 'string' ? holder.pkg.id : `unknown:${o.clientId}`,
      attributes: pkgSpec,
      specHash: specHash(pkgSpec),
      dependsOn: [addresses.tenant],
    },
    [o.address]: {
      kind: 'api-integration',
      id: o.clientId,
      attributes: { ...integrationAttrs, clientId: o.clientId, endpoints },
      specHash: specHash(integrationAttrs),
      dependsOn: [addresses.pkg],
    },
  };
}

/**
 * @example
 * const result = await importIntegration({ address: 'acme/crm-sync/api', clientId, clientSecret, clientSecretEnv: 'CRM_SYNC_CLIENT_SECRET', subdomain, target: 'emulator', fetch, admin });
 */
export async function importIntegration(o: ImportOptions): Promise<ImportResult> {
  const addresses = splitAddress(o.address);
  const holder =
    o.target === 'emulator'
      ? await emulatorHolder(o, addresses.tenant)
      : await sfmcTenant(o, addresses.tenant, sfmcAuthBase(o.subdomain)).then(
          (found): Holder => ({ ...found, tenantEndpoints: null, authBase: sfmcAuthBase(o.subdomain), pkg: null }),
        );
  const notes: string[] = [...holder.notes];
  const { tenant, pkg } = holder;
  const probe = await probeIntegration(o.fetch, {
    authBase: holder.authBase,
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    candidateMids: tenant.businessUnits.map((b) => b.mid),
  });
  const settings = settingsFrom(o, probe, holder, notes);
  const pkgName = typeof pkg?.name === 'string' ? pkg.name : (addresses.pkg.split('/')[1] ?? addresses.pkg);
  const description = typeof pkg?.description === 'string' ? pkg.description : '';
  if (pkg === null && o.target === 'emulator') notes.push('no package on the emulator holds this client id');
  if (o.target === 'sfmc') notes.push('package name and description are not readable from a token: check them');
  const specType: IntegrationType = settings.type === 'web-or-public' ? 'web-app' : settings.type;
  const integration: ApiIntegrationSpec = {
    package: addresses.pkg,
    type: specType,
    scopes: [...settings.scopes].sort(),
    redirectUris: settings.redirectUris,
    businessUnits: settings.businessUnits,
    clientSecret: specType === 'public-app' ? null : { env: o.clientSecretEnv },
    pkce: specType === 'public-app' ? 'required' : settings.pkce,
  };
  const sourceMid = typeof pkg?.sourceMid === 'number' ? pkg.sourceMid : (holder.sourceMid ?? tenant.enterpriseMid);
  const pkgSpec = { tenant: addresses.tenant, name: pkgName, description, legacy: pkg?.legacy === true, sourceMid };
  return {
    code: importCode(tenant, pkgName, description, integration, sourceMid),
    resources: stateEntries(o, addresses, holder, pkgSpec, integration, settings.endpoints),
    notes,
    type: settings.type,
    scopes: integration.scopes,
    businessUnits: settings.businessUnits === 'all' ? tenant.businessUnits.map((b) => b.mid) : settings.businessUnits,
  };
}
