/**
 * @module
 * Adopts an existing integration from its client id and secret:
 * - type: `client_credentials` works → server-to-server; refused with `unauthorized_client` → a web
 *   or public app (which one cannot be told from outside: said so);
 * - scopes (a token without `scope`), business units (which candidate MIDs accept `account_id`:
 *   every BU of the tenant on the emulator, the MIDs the user passes on sfmc), endpoints.
 * On the emulator the admin API also names the package (id, name, description) so the state holds
 * real ids. The result is paste-able config code (constructs) and the state entries.
 */
import type { ApiIntegrationSpec, BusinessUnitSpec, IntegrationType, TenantSpec } from '@grantform/config';
import { specHash } from './desired.js';
import type { AdminClient } from './drivers/emulator-driver.js';
import type { FetchLike } from './drivers/http.js';
import { sfmcAuthBase } from './drivers/oauth-client.js';
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
    `${varName}.addPackage(${tsString(pkgName)}, { description: ${tsString(pkgDescription)} }).addApiIntegration({`,
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
    const mids = o.candidateMids ?? [];
    if (mids.length === 0)
      notes.push("no --mid given: business units were not probed; pass the tenant's MIDs with --mid");
    tenant = {
      name: tenantAddress,
      subdomain: o.subdomain,
      stackKey: 'S7',
      enterpriseMid: mids[0] ?? 0,
      businessUnits: mids.map((mid, i) => ({ mid, name: `BU ${mid}`, parentMid: i === 0 ? null : (mids[0] ?? null) })),
    };
    notes.push('stack key, business unit names and the tree are not readable from a token: check the tenant block');
  }
  const candidateMids = o.target === 'emulator' ? tenant.businessUnits.map((b) => b.mid) : (o.candidateMids ?? []);
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
    scopes = probe.scopes;
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
    sourceMid: typeof pkg?.sourceMid === 'number' ? pkg.sourceMid : tenant.enterpriseMid,
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
    code: importCode(tenant, pkgName, description, integration),
    resources,
    notes,
    type,
    scopes: integration.scopes,
    businessUnits: businessUnits === 'all' ? tenant.businessUnits.map((b) => b.mid) : businessUnits,
  };
}
