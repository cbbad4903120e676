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
import type { ApiIntegrationSpec, BusinessUnitSpec, IntegrationType, TenantSpec } from '@grantform/config';
import { specHash } from './desired.js';
import type { AdminClient } from './drivers/emulator-driver.js';
import type { FetchLike } from './drivers/http.js';
import { clientCredentialsToken, sfmcAuthBase, tokenContext } from './drivers/oauth-client.js';
import { probeIntegration } from './drivers/sfmc-driver.js';
import { EngineError } from './errors.js';
import type { JsonObject, JsonValue } from './json.js';
import { isJsonObject } from './json.js';
import type { ResourceState } from './state/state-file.js';

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

function tsString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function buTreeCode(bus: readonly BusinessUnitSpec[], enterpriseMid: number, indent: string): string {
  const node = (mid: number, depth: string): string => {
    const bu = bus.find((b) => b.mid === mid);
    const kids = bus.filter((b) => b.parentMid === mid);
    const name = tsString(bu?.name ?? String(mid));
    if (kids.length === 0) return `{ mid: ${mid}, name: ${name} }`;
    return `{\n${depth}  mid: ${mid},\n${depth}  name: ${name},\n${depth}  children: [\n${kids.map((k) => `${depth}    ${node(k.mid, `${depth}    `)},`).join('\n')}\n${depth}  ],\n${depth}}`;
  };
  return node(enterpriseMid, indent);
}

/** The config code for an imported tenant/package/integration. */
export function importCode(
  tenant: TenantSpec,
  pkgName: string,
  pkgDescription: string,
  integration: Pick<ApiIntegrationSpec, 'type' | 'scopes' | 'redirectUris' | 'businessUnits' | 'clientSecret' | 'pkce'>,
  sourceMid: number = tenant.enterpriseMid,
): string {
  const props: string[] = [
    `  type: ${tsString(integration.type)},`,
    `  scopes: [${integration.scopes.map(tsString).join(', ')}],`,
  ];
  if (integration.redirectUris.length > 0)
    props.push(`  redirectUris: [${integration.redirectUris.map(tsString).join(', ')}],`);
  props.push(
    `  businessUnits: ${integration.businessUnits === 'all' ? "'all'" : `[${integration.businessUnits.join(', ')}]`},`,
  );
  if (integration.clientSecret !== null)
    props.push(`  clientSecret: { env: ${tsString(integration.clientSecret.env)} },`);
  if (integration.pkce === 'required' && integration.type !== 'public-app') props.push(`  pkce: 'required',`);
  const varName = tenant.name.replace(/[^A-Za-z0-9_$]/g, '_');
  return [
    "import { GrantformApp, Tenant } from '@grantform/config';",
    '',
    'const app = new GrantformApp();',
    `const ${varName} = new Tenant(app, ${tsString(tenant.name)}, {`,
    `  subdomain: ${tsString(tenant.subdomain)},`,
    `  stackKey: ${tsString(tenant.stackKey)},`,
    `  enterprise: ${buTreeCode(tenant.businessUnits, tenant.enterpriseMid, '  ')},`,
    '});',
    `${varName}.addPackage(${tsString(pkgName)}, { description: ${tsString(pkgDescription)}${sourceMid === tenant.enterpriseMid ? '' : `, sourceMid: ${sourceMid}`} }).addApiIntegration({`,
    ...props,
    '});',
    '',
    'export default app;',
    '',
  ].join('\n');
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

/**
 * @example
 * const result = await importIntegration({ address: 'acme/crm-sync/api', clientId, clientSecret, clientSecretEnv: 'CRM_SYNC_CLIENT_SECRET', subdomain, target: 'emulator', fetch, admin });
 */
export async function importIntegration(o: ImportOptions): Promise<ImportResult> {
  const { tenant: tenantAddress, pkg: pkgAddress } = splitAddress(o.address);
  const notes: string[] = [];
  let tenant: TenantSpec;
  let tenantEndpoints: JsonValue = null;
  let pkg: JsonObject | null = null;
  let authBase = sfmcAuthBase(o.subdomain);
  let sfmcSourceMid: number | null = null;
  if (o.target === 'emulator') {
    if (o.admin === undefined) throw new EngineError('ERR_USAGE', 'importing from the emulator needs its admin client');
    const t = await o.admin.call('GET', `/_emulator/tenants/${encodeURIComponent(o.subdomain)}`, undefined, [404]);
    if (t.status === 404 || !isJsonObject(t.body))
      throw new EngineError('ERR_IMPORT_FAILED', `no tenant ${o.subdomain} on the emulator`);
    tenant = tenantFromAdmin(t.body, tenantAddress);
    tenantEndpoints = t.body.endpoints ?? null;
    if (isJsonObject(t.body.endpoints) && typeof t.body.endpoints.auth === 'string') authBase = t.body.endpoints.auth;
    const list = await o.admin.call('GET', `/_emulator/tenants/${encodeURIComponent(o.subdomain)}/packages`);
    const items = isJsonObject(list.body) && Array.isArray(list.body.items) ? (list.body.items as JsonValue[]) : [];
    pkg =
      items.filter(isJsonObject).find((p) => isJsonObject(p.integration) && p.integration.clientId === o.clientId) ??
      null;
  } else {
    const found = await sfmcTenant(o, tenantAddress, authBase);
    tenant = found.tenant;
    sfmcSourceMid = found.sourceMid;
    notes.push(...found.notes);
  }
  const candidateMids = tenant.businessUnits.map((b) => b.mid);
  const probe = await probeIntegration(o.fetch, {
    authBase,
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    candidateMids,
  });
  if (probe.kind === 'rejected') {
    throw new EngineError(
      'ERR_IMPORT_FAILED',
      `the target refused these credentials (${probe.error}${probe.description === '' ? '' : `: ${probe.description}`})`,
    );
  }
  const admin = isJsonObject(pkg?.integration) ? pkg.integration : null;
  let type: IntegrationType | 'web-or-public';
  let scopes: string[];
  let businessUnits: number[] | 'all';
  let endpoints: JsonValue;
  let redirectUris: string[] = [];
  let pkce: 'optional' | 'required' = 'optional';
  if (probe.kind === 'server-to-server') {
    type = 'server-to-server';
    // The config refuses `offline` on a server-to-server integration (client_credentials never gets
    // refresh tokens), but the console lets it be ticked and tokens then list it.
    scopes = probe.scopes.filter((sc) => sc !== 'offline');
    if (scopes.length < probe.scopes.length)
      notes.push(
        'the integration has the offline scope ticked, which a server-to-server integration never uses: left out of the config (plan shows unticking it)',
      );
    const all = tenant.businessUnits.map((b) => b.mid);
    businessUnits =
      o.target === 'emulator' && all.length > 0 && all.every((m) => probe.businessUnits.includes(m))
        ? 'all'
        : probe.businessUnits;
    endpoints = probe.endpoints;
  } else {
    type = admin !== null && typeof admin.type === 'string' ? (admin.type as IntegrationType) : 'web-or-public';
    if (type === 'web-or-public') {
      notes.push(
        'client_credentials is refused: this is a web app or a public app, which cannot be told apart without a user login; set the type, scopes and redirect URIs by hand',
      );
    } else notes.push(`client_credentials is refused: a ${type}; its settings come from the emulator's admin API`);
    scopes = admin !== null && Array.isArray(admin.scopes) ? admin.scopes.map(String) : [];
    businessUnits =
      admin?.businessUnits === 'all'
        ? 'all'
        : admin !== null && Array.isArray(admin.businessUnits)
          ? admin.businessUnits.map(Number)
          : [];
    redirectUris = admin !== null && Array.isArray(admin.redirectUris) ? admin.redirectUris.map(String) : [];
    pkce = admin?.pkce === 'required' ? 'required' : 'optional';
    endpoints = admin?.endpoints ?? { auth: authBase };
  }
  const pkgName = typeof pkg?.name === 'string' ? pkg.name : (pkgAddress.split('/')[1] ?? pkgAddress);
  const description = typeof pkg?.description === 'string' ? pkg.description : '';
  if (pkg === null && o.target === 'emulator') notes.push('no package on the emulator holds this client id');
  if (o.target === 'sfmc') notes.push('package name and description are not readable from a token: check them');
  const specType: IntegrationType = type === 'web-or-public' ? 'web-app' : type;
  const integration: ApiIntegrationSpec = {
    package: pkgAddress,
    type: specType,
    scopes: [...scopes].sort(),
    redirectUris,
    businessUnits,
    clientSecret: specType === 'public-app' ? null : { env: o.clientSecretEnv },
    pkce: specType === 'public-app' ? 'required' : pkce,
  };
  const pkgSpec = {
    tenant: tenantAddress,
    name: pkgName,
    description,
    legacy: pkg?.legacy === true,
    sourceMid: typeof pkg?.sourceMid === 'number' ? pkg.sourceMid : (sfmcSourceMid ?? tenant.enterpriseMid),
  };
  const tenantAttrs = tenant as unknown as JsonObject;
  const integrationAttrs = integration as unknown as JsonObject;
  const resources: Record<string, ResourceState> = {
    [tenantAddress]: {
      kind: 'tenant',
      id: tenant.subdomain,
      attributes: { ...tenantAttrs, endpoints: tenantEndpoints },
      specHash: specHash(tenantAttrs),
      dependsOn: [],
    },
    [pkgAddress]: {
      kind: 'installed-package',
      id: typeof pkg?.id === 'string' ? pkg.id : `unknown:${o.clientId}`,
      attributes: pkgSpec,
      specHash: specHash(pkgSpec),
      dependsOn: [tenantAddress],
    },
    [o.address]: {
      kind: 'api-integration',
      id: o.clientId,
      attributes: { ...integrationAttrs, clientId: o.clientId, endpoints },
      specHash: specHash(integrationAttrs),
      dependsOn: [pkgAddress],
    },
  };
  return {
    code: importCode(tenant, pkgName, description, integration, pkgSpec.sourceMid),
    resources,
    notes,
    type,
    scopes: integration.scopes,
    businessUnits: businessUnits === 'all' ? tenant.businessUnits.map((b) => b.mid) : businessUnits,
  };
}
