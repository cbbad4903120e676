import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulatorServer } from '@grantform/emulator/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findTerraform,
  type TerraformRunner,
  terraformRunner,
  zipEntries,
} from '../../terraform-plugin/src/terraform-fixture.js';
import { installGrantformProvider } from './install.js';

// End to end with the real `terraform` binary: the provider installed into a temporary HOME's
// implied local mirror, an emulator started here on 127.0.0.1, and Terraform driving it through
// init, apply, plan, in-place update, replacement, drift, import, the token data source, destroy and
// validate, with no secret in any state or plan file.

const terraform = findTerraform();
if (!terraform) console.warn('terraform-provider terraform.e2e.test.ts: skipped, `terraform` is not on PATH');

/** The subdomain grantform derives from the tenant name `acme` (as `@grantform/config` does). */
const SUB = 'mcmbce3yrj2wmito8udkq2ncga7v';

/** The data sync's scopes after the scope change. */
const SCOPES_AFTER = ['data_extensions_read', 'data_extensions_write', 'email_send', 'journeys_read'];

interface Knobs {
  crmScopes?: readonly string[];
  portalType?: string;
  extra?: string;
}

/** A check block (the README's recipe) that warns when an integration's client secret expires within `hours`. */
function expiryCheck(name: string, integration: string, hours: number, message: string): string {
  return `check "${name}" {
  assert {
    condition = timecmp(
      coalesce(grantform_api_integration.${integration}.client_secret_expires_at, "9999-12-31T00:00:00Z"),
      timeadd(timestamp(), "${hours}h"),
    ) > 0
    error_message = ${JSON.stringify(message)}
  }
}`;
}

function mainTf(endpoint: string, k: Knobs = {}): string {
  return `
terraform {
  required_providers {
    grantform = { source = "grantform/grantform", version = "0.1.0" }
  }
}

provider "grantform" {
  endpoint = ${JSON.stringify(endpoint)}
}

resource "grantform_tenant" "acme" {
  name       = "acme"
  enterprise = { mid = 100, name = "Acme Corp" }
  business_units = [
    { mid = 101, name = "Acme US" },
    { mid = 102, name = "Acme EU" },
  ]
}

resource "grantform_installed_package" "crm_sync" {
  tenant_id   = grantform_tenant.acme.id
  name        = "crm-sync"
  description = "Nightly CRM sync"
}

resource "grantform_api_integration" "crm_sync" {
  package_id     = grantform_installed_package.crm_sync.id
  type           = "server-to-server"
  scopes         = ${JSON.stringify(k.crmScopes ?? ['email_send', 'data_extensions_read', 'data_extensions_write'])}
  business_units = [101, 102]
}

resource "grantform_installed_package" "portal" {
  tenant_id = grantform_tenant.acme.id
  name      = "portal"
}

resource "grantform_api_integration" "portal" {
  package_id    = grantform_installed_package.portal.id
  type          = ${JSON.stringify(k.portalType ?? 'web-app')}
  scopes        = ["offline", "email_read"]
  redirect_uris = ["https://portal.acme.example/oauth/callback"]
}

resource "grantform_installed_package" "cli" {
  tenant_id = grantform_tenant.acme.id
  name      = "cli"
}

resource "grantform_api_integration" "cli" {
  package_id    = grantform_installed_package.cli.id
  type          = "public-app"
  scopes        = ["offline", "email_read"]
  redirect_uris = ["com.acme.cli://oauth/callback"]
}

resource "grantform_installed_package" "dashboards" {
  tenant_id = grantform_tenant.acme.id
  name      = "dashboards"
}

resource "grantform_marketing_cloud_app" "dashboards" {
  package_id   = grantform_installed_package.dashboards.id
  login_url    = "https://dashboards.acme.example/sso/login"
  redirect_url = "https://dashboards.acme.example/"
  logout_url   = "https://dashboards.acme.example/sso/logout"
}

data "grantform_token" "crm_sync" {
  client_id         = grantform_api_integration.crm_sync.client_id
  client_secret_env = grantform_api_integration.crm_sync.client_secret_env
  auth_url          = grantform_api_integration.crm_sync.endpoints["auth"]
  account_id        = 101
}

output "crm_sync_business_unit" {
  value = data.grantform_token.crm_sync.business_unit
}

output "crm_sync_token_scopes" {
  value = join(" ", sort(data.grantform_token.crm_sync.scopes))
}

output "secret_dates" {
  value = {
    crm_sync_generated_at = grantform_api_integration.crm_sync.client_secret_generated_at
    crm_sync_expires_at   = grantform_api_integration.crm_sync.client_secret_expires_at
    cli_expires_at        = grantform_api_integration.cli.client_secret_expires_at
  }
}

${expiryCheck('crm_sync_secret_not_expiring', 'crm_sync', 720, 'The crm-sync client secret expires within 30 days: rotate it.')}
${expiryCheck('crm_sync_secret_outlives_200_days', 'crm_sync', 4800, 'The crm-sync client secret expires within 200 days.')}
${expiryCheck('cli_has_no_expiring_secret', 'cli', 720, 'The cli client secret expires within 30 days.')}
${k.extra ?? ''}
`;
}

interface AdminPackage {
  readonly id: string;
  readonly name: string;
  readonly integration: { readonly clientId: string; readonly type: string; readonly scopes: string[] } | null;
  readonly app: { readonly loginUrl: string } | null;
}

describe.skipIf(!terraform)('the grantform provider under the real terraform', { timeout: 120_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'tf-grantform-'));
  const home = join(root, 'home');
  const work = join(root, 'work');
  let emulator: RunningEmulator;
  let tf: TerraformRunner;
  const write = (k: Knobs = {}) => writeFileSync(join(work, 'main.tf'), mainTf(emulator.url, k));
  const admin = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${emulator.url}/_emulator${path}`, {
      ...init,
      headers: { 'content-type': 'application/json' },
    });
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${res.status} ${await res.text()}`);
    return (res.status === 204 ? null : await res.json()) as T;
  };
  const packages = async () =>
    (await admin<{ items: AdminPackage[] }>(`/tenants/${SUB}/packages`)).items.sort((a, b) =>
      a.name.localeCompare(b.name),
    );
  const packageNamed = async (name: string) => {
    const found = (await packages()).find((p) => p.name === name);
    if (!found) throw new Error(`no package ${name}`);
    return found;
  };
  const sink = (): Record<string, string> =>
    JSON.parse(readFileSync(join(work, '.grantform/terraform.secrets.json'), 'utf8'));
  /** Every secret the sink has held during the run. */
  const secretsSeen = new Set<string>();
  const savedPlans: string[] = [];
  /** The configuration of the package and integration imported (set by the import test). */
  let legacyExtra = '';
  const rememberSecrets = () => {
    for (const v of Object.values(sink())) secretsSeen.add(v);
  };

  beforeAll(async () => {
    emulator = await startEmulatorServer({ port: 0, host: '127.0.0.1' });
    tf = terraformRunner(terraform!, home, work);
    await installGrantformProvider({ home });
    write();
  }, 120_000);

  afterAll(async () => {
    await emulator?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('init finds the provider offline in the implied local mirror', async () => {
    const r = await tf(['init']);
    expect(r.status, r.all).toBe(0);
    expect(r.stdout).toContain('- Installing grantform/grantform v0.1.0...');
    expect(r.stdout).toContain('Terraform has been successfully initialized!');
  });

  it('terraform providers schema -json answers with every resource, the data source and the ephemeral resource', async () => {
    const r = await tf(['providers', 'schema', '-json']);
    expect(r.status, r.all).toBe(0);
    const schema = JSON.parse(r.all.split('\n')[0] ?? '') as {
      provider_schemas: Record<
        string,
        {
          provider: { block: { attributes: Record<string, unknown> } };
          resource_schemas: Record<string, unknown>;
          data_source_schemas: Record<string, unknown>;
          ephemeral_resource_schemas: Record<string, unknown>;
        }
      >;
    };
    const p = schema.provider_schemas['registry.terraform.io/grantform/grantform'];
    expect(Object.keys(p?.provider.block.attributes ?? {}).sort()).toEqual([
      'admin_token_env',
      'endpoint',
      'secrets_env_file',
      'secrets_file',
      'target',
    ]);
    expect(Object.keys(p?.resource_schemas ?? {}).sort()).toEqual([
      'grantform_api_integration',
      'grantform_ctct_application',
      'grantform_ctct_client_account',
      'grantform_ctct_partner',
      'grantform_installed_package',
      'grantform_marketing_cloud_app',
      'grantform_tenant',
    ]);
    expect(Object.keys(p?.data_source_schemas ?? {})).toEqual(['grantform_token']);
    expect(Object.keys(p?.ephemeral_resource_schemas ?? {})).toEqual(['grantform_client_secret']);
  });

  it('apply creates the tenant, one package of each integration type and a Marketing Cloud App; the token proves the integration', async () => {
    const r = await tf(['apply', '-auto-approve']);
    expect(r.status, r.all).toBe(0);
    expect(r.stdout).toContain('Apply complete! Resources: 9 added, 0 changed, 0 destroyed.');
    expect(r.stdout).toContain('crm_sync_business_unit = 101');
    expect(r.stdout).toContain('crm_sync_token_scopes = "data_extensions_read data_extensions_write email_send"');
    const tenant = await admin<{ name: string; businessUnits: { mid: number; name: string }[] }>(`/tenants/${SUB}`);
    expect(tenant.name).toBe('acme');
    expect(tenant.businessUnits.map((b) => [b.mid, b.name])).toEqual([
      [100, 'Acme Corp'],
      [101, 'Acme US'],
      [102, 'Acme EU'],
    ]);
    expect((await packages()).map((p) => [p.name, p.integration?.type ?? null, p.app?.loginUrl ?? null])).toEqual([
      ['cli', 'public-app', null],
      ['crm-sync', 'server-to-server', null],
      ['dashboards', null, 'https://dashboards.acme.example/sso/login'],
      ['portal', 'web-app', null],
    ]);
    expect(Object.keys(sink()).sort()).toEqual([
      'GRANTFORM_ACME_CRM_SYNC_API_CLIENT_SECRET',
      'GRANTFORM_ACME_DASHBOARDS_APP_JWT_SIGNING_SECRET',
      'GRANTFORM_ACME_PORTAL_API_CLIENT_SECRET',
    ]);
    rememberSecrets();
    // AND the state shows the client secret's dates: it expires 180 days after it was generated
    // (a public app has no secret, so no expiry), and the 30-day expiry check passes
    const dates = JSON.parse((await tf(['output', '-json', 'secret_dates'])).stdout) as Record<string, string | null>;
    expect(dates.cli_expires_at).toBeNull();
    expect(Date.parse(dates.crm_sync_expires_at ?? '') - Date.parse(dates.crm_sync_generated_at ?? '')).toBe(
      180 * 86_400_000,
    );
    // (it expires within 200 days: that check warns, and only that one)
    expect(r.all).not.toContain('crm_sync_secret_not_expiring');
    expect(r.all).not.toContain('cli_has_no_expiring_secret');
    expect(r.all).toContain('The crm-sync client secret expires within 200 days.');
  });

  it('plan right after apply: no changes (exit 0)', async () => {
    const r = await tf(['plan', '-detailed-exitcode']);
    expect(r.status, r.all).toBe(0);
    expect(r.stdout).toContain('No changes.');
  });

  it('reordering scopes is no change (a set)', async () => {
    write({ crmScopes: ['data_extensions_write', 'email_send', 'data_extensions_read'] });
    const r = await tf(['plan', '-detailed-exitcode']);
    expect(r.status, r.all).toBe(0);
  });

  it('a scope change is an in-place update naming the scope; applied, the emulator reports the new scopes', async () => {
    write({ crmScopes: ['data_extensions_read', 'data_extensions_write', 'email_send', 'journeys_read'] });
    const r = await tf(['plan', '-detailed-exitcode', '-out=scope.tfplan']);
    savedPlans.push('scope.tfplan');
    expect(r.status, r.all).toBe(2);
    expect(r.stdout).toContain('# grantform_api_integration.crm_sync will be updated in-place');
    expect(r.stdout).toContain('~ update in-place');
    expect(r.stdout).toContain('~ scopes = [ + "journeys_read", # (3 unchanged elements hidden) ]');
    expect(r.stdout).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    const applied = await tf(['apply', 'scope.tfplan']);
    expect(applied.status, applied.all).toBe(0);
    expect(applied.stdout).toContain(
      'crm_sync_token_scopes = "data_extensions_read data_extensions_write email_send journeys_read"',
    );
    expect((await packageNamed('crm-sync')).integration?.scopes).toEqual([
      'data_extensions_read',
      'data_extensions_write',
      'email_send',
      'journeys_read',
    ]);
    expect((await tf(['plan', '-detailed-exitcode'])).status).toBe(0);
  });

  it('an integration type change must be replaced (and warns that its package must go too)', async () => {
    write({
      crmScopes: ['data_extensions_read', 'data_extensions_write', 'email_send', 'journeys_read'],
      portalType: 'public-app',
    });
    const r = await tf(['plan', '-detailed-exitcode']);
    expect(r.status, r.all).toBe(2);
    expect(r.stdout).toContain('# grantform_api_integration.portal must be replaced');
    expect(r.stdout).toContain('~ type = "web-app" -> "public-app" # forces replacement');
    expect(r.stdout).toContain('Warning: The package must be replaced too');
  });

  it('a package deleted through the emulator admin API is planned for re-creation', async () => {
    write({ crmScopes: ['data_extensions_read', 'data_extensions_write', 'email_send', 'journeys_read'] });
    await admin(`/packages/${(await packageNamed('cli')).id}`, { method: 'DELETE' });
    const r = await tf(['plan', '-detailed-exitcode']);
    expect(r.status, r.all).toBe(2);
    expect(r.stdout).toContain('# grantform_installed_package.cli will be created');
    expect(r.stdout).toContain('# grantform_api_integration.cli will be created');
    expect(r.stdout).toContain('Plan: 2 to add, 0 to change, 0 to destroy.');
    const applied = await tf(['apply', '-auto-approve']);
    expect(applied.status, applied.all).toBe(0);
    expect((await packageNamed('cli')).integration?.type).toBe('public-app');
    expect((await tf(['plan', '-detailed-exitcode'])).status).toBe(0);
  });

  it('a scope removed through the emulator admin API is drift: planned as an in-place update that restores it', async () => {
    // GIVEN the data sync's integration changed behind Terraform's back
    const crm = await packageNamed('crm-sync');
    await admin(`/packages/${crm.id}/integration`, {
      method: 'PUT',
      body: JSON.stringify({
        type: 'server-to-server',
        scopes: ['data_extensions_read', 'data_extensions_write', 'email_send'],
        redirectUris: [],
        businessUnits: [101, 102],
        pkce: 'optional',
      }),
    });
    // WHEN planned
    const plan = await tf(['plan', '-detailed-exitcode']);
    // THEN the refresh saw it, and the plan puts the scope back in place
    expect(plan.status, plan.all).toBe(2);
    expect(plan.stdout).toContain('# grantform_api_integration.crm_sync will be updated in-place');
    expect(plan.stdout).toContain('~ scopes = [ + "journeys_read", # (3 unchanged elements hidden) ]');
    expect((await tf(['apply', '-auto-approve'])).status).toBe(0);
    expect((await packageNamed('crm-sync')).integration?.scopes).toEqual(SCOPES_AFTER);
  });

  it('imports a package (import block) and its integration (terraform import) created outside Terraform', async () => {
    // GIVEN a package and integration made through the admin API, not by Terraform
    const pkg = await admin<{ id: string }>(`/tenants/${SUB}/packages`, {
      method: 'POST',
      body: JSON.stringify({ name: 'legacy-sync', description: 'made by hand' }),
    });
    const integration = await admin<{ clientId: string }>(`/packages/${pkg.id}/integration`, {
      method: 'PUT',
      body: JSON.stringify({
        type: 'server-to-server',
        scopes: ['email_read', 'email_send'],
        redirectUris: [],
        businessUnits: [101],
        pkce: 'optional',
      }),
    });
    legacyExtra = `
import {
  to = grantform_installed_package.legacy_sync
  id = "${SUB}/${pkg.id}"
}

resource "grantform_installed_package" "legacy_sync" {
  tenant_id   = grantform_tenant.acme.id
  name        = "legacy-sync"
  description = "made by hand"
}

resource "grantform_api_integration" "legacy_sync" {
  package_id     = grantform_installed_package.legacy_sync.id
  type           = "server-to-server"
  scopes         = ["email_send", "email_read"]
  business_units = [101]
}
`;
    write({ crmScopes: SCOPES_AFTER, extra: legacyExtra });
    // WHEN the integration is imported by id and the rest planned
    const imported = await tf(['import', 'grantform_api_integration.legacy_sync', `${pkg.id}/${integration.clientId}`]);
    expect(imported.status, imported.all).toBe(0);
    expect(imported.stdout).toContain('Import successful!');
    const plan = await tf(['plan', '-detailed-exitcode', '-out=import.tfplan']);
    savedPlans.push('import.tfplan');
    // THEN the package is imported, the integration only gains where its secret goes (it was imported without one)
    expect(plan.status, plan.all).toBe(2);
    expect(plan.stdout).toContain('# grantform_installed_package.legacy_sync will be imported');
    expect(plan.stdout).toContain('+ client_secret_env = (known after apply)');
    expect(plan.stdout).toContain('Plan: 1 to import, 0 to add, 1 to change, 0 to destroy.');
    const applied = await tf(['apply', 'import.tfplan']);
    expect(applied.status, applied.all).toBe(0);
    expect(Object.keys(sink())).toContain('GRANTFORM_ACME_LEGACY_SYNC_API_CLIENT_SECRET');
    rememberSecrets();
    // AND then Terraform manages it: no changes, and the client id is the one made by hand
    expect((await tf(['plan', '-detailed-exitcode'])).status).toBe(0);
    expect((await packageNamed('legacy-sync')).integration?.clientId).toBe(integration.clientId);
  });

  it('ephemeral grantform_client_secret hands a secret to a provisioner for one run', async () => {
    // GIVEN a provisioner that receives the data sync's client secret through the ephemeral resource
    write({
      crmScopes: SCOPES_AFTER,
      extra: `${legacyExtra}
ephemeral "grantform_client_secret" "crm_sync" {
  env = grantform_api_integration.crm_sync.client_secret_env
}

resource "terraform_data" "uses_secret" {
  provisioner "local-exec" {
    command     = "printf %s \\"$SECRET\\" > secret.out"
    environment = { SECRET = ephemeral.grantform_client_secret.crm_sync.value }
  }
}
`,
    });
    // WHEN planned to a file and applied
    const plan = await tf(['plan', '-out=ephemeral.tfplan']);
    savedPlans.push('ephemeral.tfplan');
    expect(plan.status, plan.all).toBe(0);
    const applied = await tf(['apply', 'ephemeral.tfplan']);
    // THEN the provisioner got the secret the sink holds (and the state and plan grep below finds it nowhere)
    expect(applied.status, applied.all).toBe(0);
    expect(applied.stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
    expect(readFileSync(join(work, 'secret.out'), 'utf8')).toBe(sink().GRANTFORM_ACME_CRM_SYNC_API_CLIENT_SECRET);
    rmSync(join(work, 'secret.out'));
  });

  it('no secret the sink holds appears in any state file or saved plan', async () => {
    rememberSecrets();
    expect(secretsSeen.size).toBeGreaterThanOrEqual(4);
    const stateFiles = readdirSync(work).filter((f) => f.startsWith('terraform.tfstate'));
    expect(stateFiles.sort()).toEqual(['terraform.tfstate', 'terraform.tfstate.backup']);
    const files: [string, Buffer][] = stateFiles.map((f) => [f, readFileSync(join(work, f))]);
    for (const plan of savedPlans) {
      for (const [name, data] of zipEntries(readFileSync(join(work, plan)))) files.push([`${plan}:${name}`, data]);
    }
    expect(files.length).toBeGreaterThan(stateFiles.length + savedPlans.length);
    for (const [name, data] of files) {
      for (const secret of secretsSeen) expect(data.includes(secret), `${name} holds a secret`).toBe(false);
    }
    // The env names are there (state knows where the secret is, not what it is).
    expect(readFileSync(join(work, 'terraform.tfstate'), 'utf8')).toContain(
      'GRANTFORM_ACME_CRM_SYNC_API_CLIENT_SECRET',
    );
  });

  it('destroy leaves the emulator empty and the secrets sink empty', async () => {
    const r = await tf(['destroy', '-auto-approve']);
    expect(r.status, r.all).toBe(0);
    expect(r.stdout).toContain('Destroy complete! Resources: 12 destroyed.');
    expect(await admin<{ items: unknown[] }>('/tenants')).toEqual({ items: [] });
    expect(sink()).toEqual({});
  });

  it("a bad attribute (unknown scope, localhost redirect) fails terraform validate with grantform's messages", async () => {
    const dir = join(root, 'bad');
    const bad = terraformRunner(terraform!, home, dir);
    writeFileSync(
      join(dir, 'main.tf'),
      `
terraform {
  required_providers {
    grantform = { source = "grantform/grantform", version = "0.1.0" }
  }
}

resource "grantform_api_integration" "x" {
  package_id    = "p"
  type          = "web-app"
  scopes        = ["email_read", "emails_raed"]
  redirect_uris = ["https://localhost/cb"]
}
`,
    );
    expect((await bad(['init'])).status).toBe(0);
    const r = await bad(['validate']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'Error: Invalid grantform configuration with grantform_api_integration.x, on main.tf line 11, in resource "grantform_api_integration" "x": 11: scopes = ["email_read", "emails_raed"] unknown scope \'emails_raed\': did you mean \'email_read\'? [ERR_SCOPE_UNKNOWN]',
    );
    expect(r.stderr).toContain(
      'Error: Invalid grantform configuration with grantform_api_integration.x, on main.tf line 12, in resource "grantform_api_integration" "x": 12: redirect_uris = ["https://localhost/cb"] \'https://localhost/cb\' uses localhost, which Marketing Cloud rejects: use 127.0.0.1, e.g. \'https://127.0.0.1/cb\' [ERR_REDIRECT_URI_LOCALHOST]',
    );
  });
});

function ctctTf(endpoint: string, scopes: readonly string[]): string {
  return `
terraform {
  required_providers {
    grantform = { source = "grantform/grantform", version = "0.1.0" }
  }
}

provider "grantform" {
  endpoint = ${JSON.stringify(endpoint)}
}

resource "grantform_ctct_application" "crm" {
  name          = "crm"
  scopes        = ${JSON.stringify(scopes)}
  redirect_uris = ["https://crm.example.com/callback"]
}

resource "grantform_ctct_partner" "agency" {
  name           = "agency"
  application_id = grantform_ctct_application.crm.id
}

resource "grantform_ctct_client_account" "bakery" {
  partner_id    = grantform_ctct_partner.agency.id
  name          = "bakery"
  login_name    = "bakery-owner"
  contact_email = "owner@bakery.example"
  state_code    = "MA"
}
`;
}

describe.skipIf(!terraform)('the Constant Contact resources under the real terraform', { timeout: 120_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'tf-grantform-ctct-'));
  const home = join(root, 'home');
  const work = join(root, 'work');
  let emulator: RunningEmulator;
  let tf: TerraformRunner;
  const admin = async <T>(path: string): Promise<T> =>
    (await (await fetch(`${emulator.url}/_emulator${path}`)).json()) as T;

  beforeAll(async () => {
    emulator = await startEmulatorServer({ port: 0, host: '127.0.0.1' });
    tf = terraformRunner(terraform!, home, work);
    await installGrantformProvider({ home });
  }, 120_000);

  afterAll(async () => {
    await emulator?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('an application, its partner and a client account: apply, no changes, scope update in place, destroy', async () => {
    // GIVEN the three resources
    writeFileSync(join(work, 'main.tf'), ctctTf(emulator.url, ['contact_data', 'offline_access']));
    expect((await tf(['init'])).status).toBe(0);
    // WHEN applied
    const applied = await tf(['apply', '-auto-approve']);
    expect(applied.status, applied.all).toBe(0);
    expect(applied.stdout).toContain('Apply complete! Resources: 3 added, 0 changed, 0 destroyed.');
    // THEN the emulator has them, the secrets are in the sink under grantform's env names, and nothing changes after
    const apps = await admin<{ items: { apiKey: string; name: string; scopes: string[] }[] }>('/ctct/applications');
    expect(apps.items.map((a) => [a.name, a.scopes])).toEqual([['crm', ['contact_data', 'offline_access']]]);
    const partners = await admin<{ items: { name: string; applicationApiKey: string }[] }>('/ctct/partners');
    expect(partners.items.map((p) => [p.name, p.applicationApiKey])).toEqual([['agency', apps.items[0]?.apiKey]]);
    const accounts = await admin<{ items: { loginName: string; organizationName: string; stateCode: string }[] }>(
      '/ctct/accounts',
    );
    expect(accounts.items.map((a) => [a.loginName, a.organizationName, a.stateCode])).toEqual([
      ['bakery-owner', 'bakery', 'MA'],
    ]);
    expect(
      Object.keys(JSON.parse(readFileSync(join(work, '.grantform/terraform.secrets.json'), 'utf8')) as object),
    ).toEqual(['GRANTFORM_CTCT_APPS_CRM_CLIENT_SECRET', 'GRANTFORM_CTCT_PARTNERS_AGENCY_PARTNER_SECRET']);
    // AND the state carries each secret's dates as the emulator reports them
    type Dates = { secretStatus: { active: { createdAt: string; expiresAt: string | null } } };
    const [app] = (await admin<{ items: Dates[] }>('/ctct/applications')).items;
    const [partner] = (await admin<{ items: Dates[] }>('/ctct/partners')).items;
    const shown = JSON.parse((await tf(['show', '-json'])).stdout) as {
      values: { root_module: { resources: { type: string; values: Record<string, unknown> }[] } };
    };
    const stateOf = (type: string) => shown.values.root_module.resources.find((r) => r.type === type)?.values ?? {};
    const appState = stateOf('grantform_ctct_application');
    const partnerState = stateOf('grantform_ctct_partner');
    expect([appState.client_secret_generated_at, appState.client_secret_expires_at]).toEqual([
      app?.secretStatus.active.createdAt,
      app?.secretStatus.active.expiresAt,
    ]);
    expect([partnerState.partner_secret_generated_at, partnerState.partner_secret_expires_at]).toEqual([
      partner?.secretStatus.active.createdAt,
      partner?.secretStatus.active.expiresAt,
    ]);
    expect(typeof appState.client_secret_generated_at).toBe('string');
    expect(typeof partnerState.partner_secret_generated_at).toBe('string');
    expect((await tf(['plan', '-detailed-exitcode'])).status).toBe(0);
    // AND a scope added is an in-place update of the application, applied to the emulator
    writeFileSync(join(work, 'main.tf'), ctctTf(emulator.url, ['contact_data', 'offline_access', 'campaign_data']));
    const plan = await tf(['plan', '-detailed-exitcode']);
    expect(plan.status, plan.all).toBe(2);
    expect(plan.stdout).toContain('# grantform_ctct_application.crm will be updated in-place');
    expect(plan.stdout).toContain('~ scopes = [ + "campaign_data", # (2 unchanged elements hidden) ]');
    expect((await tf(['apply', '-auto-approve'])).status).toBe(0);
    expect((await admin<{ items: { scopes: string[] }[] }>('/ctct/applications')).items.map((a) => a.scopes)).toEqual([
      ['campaign_data', 'contact_data', 'offline_access'],
    ]);
    // AND destroy removes all three
    const destroyed = await tf(['destroy', '-auto-approve']);
    expect(destroyed.status, destroyed.all).toBe(0);
    expect(destroyed.stdout).toContain('Destroy complete! Resources: 3 destroyed.');
    expect(await admin('/ctct/applications')).toEqual({ items: [] });
    expect(await admin('/ctct/partners')).toEqual({ items: [] });
    expect(await admin('/ctct/accounts')).toEqual({ items: [] });
  }, 120_000);
});
