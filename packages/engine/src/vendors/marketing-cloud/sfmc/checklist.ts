/**
 * @module
 * For the read-only `sfmc` target (a real tenant): the plan as a numbered checklist of Marketing
 * Cloud console steps (Setup → Platform Tools → Apps → Installed Packages → …). Pure. Each change
 * becomes steps by kind (`deleteSteps`, `tenantStep`, `packageSteps`, `integrationSteps`,
 * `appSteps`); `renderChecklist` orders them and frames them with the notes.
 */

import type { AttributeChange } from '../../../attribute-diff.js';
import { clientIdEnvFor } from '../../../credential-env.js';
import type { ChecklistOptions } from '../../../driver.js';
import { secretEnv } from '../../../issued-secrets.js';
import type { JsonObject, JsonValue } from '../../../json.js';
import { isJsonObject } from '../../../json.js';
import type { Plan, ResourceChange } from '../../../plan/types.js';

export type { ChecklistOptions } from '../../../driver.js';

export const INSTALLED_PACKAGES = 'Setup → Platform Tools → Apps → Installed Packages';

const TYPE_LABEL: Record<string, string> = {
  'server-to-server': 'Server-to-Server',
  'web-app': 'Web App',
  'public-app': 'Public App',
};

/** The order steps are made in: a package before its components. */
const KIND_ORDER: Readonly<Record<string, number>> = {
  tenant: 0,
  'installed-package': 1,
  'api-integration': 2,
  'marketing-cloud-app': 3,
};

/** `data_extensions_read` → `Data Extensions: Read (data_extensions_read)`. */
export function scopeLabel(scope: string): string {
  const i = scope.lastIndexOf('_');
  if (i <= 0) return scope;
  const words = (s: string) =>
    s
      .split('_')
      .map((w) => (w === '' ? w : `${w[0]?.toUpperCase()}${w.slice(1)}`))
      .join(' ');
  return `${words(scope.slice(0, i))}: ${words(scope.slice(i + 1))} (${scope})`;
}

function strings(v: JsonValue | undefined): string[] {
  return Array.isArray(v) ? (v as JsonValue[]).map((x) => String(x)) : [];
}

/** Numbered steps, each with indented details. */
class Steps {
  readonly lines: string[] = [];
  count = 0;

  add(text: string, ...details: string[]): void {
    this.count += 1;
    this.lines.push(`[ ] ${this.count}. ${text}`);
    for (const d of details) this.lines.push(`       ${d}`);
  }
}

/** What the steps look up: names of packages and business units, from the config (else the plan). */
class Names {
  constructor(
    private readonly plan: Plan,
    private readonly options: ChecklistOptions,
  ) {}

  private attributesOf(address: string): JsonObject | null | undefined {
    return (
      this.options.desired.resources[address]?.attributes ??
      this.plan.changes.find((c) => c.address === address)?.before
    );
  }

  packageName(address: string): string {
    const p = this.attributesOf(address);
    return typeof p?.name === 'string' ? p.name : address;
  }

  tenantOf(pkgAddress: string): string {
    const p = this.attributesOf(pkgAddress);
    return typeof p?.tenant === 'string' ? p.tenant : '';
  }

  /** `200 (Acme EU)`, or the MID alone when the tenant does not name it. */
  bu(tenantAddress: string, mid: number): string {
    const t = this.options.desired.resources[tenantAddress]?.attributes;
    const bus = Array.isArray(t?.businessUnits) ? (t.businessUnits as JsonValue[]) : [];
    const bu = bus.find((b) => isJsonObject(b) && b.mid === mid);
    return isJsonObject(bu) && typeof bu.name === 'string' ? `${mid} (${bu.name})` : String(mid);
  }

  bus(pkgAddress: string, mids: readonly JsonValue[]): string {
    return mids.map((m) => this.bu(this.tenantOf(pkgAddress), Number(m))).join(', ');
  }
}

/** Packages deleted or re-created, and tenants grantform cannot delete. */
function deleteSteps(steps: Steps, names: Names, c: ResourceChange): void {
  if (c.kind === 'installed-package') {
    const why = c.action === 'replace' ? ` (it must be re-created: ${c.reasons.join('; ')})` : '';
    steps.add(`${INSTALLED_PACKAGES} → ${names.packageName(c.address)} → Delete${why}`);
  } else if (c.kind === 'tenant') {
    steps.add(`Tenant ${c.address}: grantform cannot delete a tenant; remove it from the config or contact Salesforce`);
  }
}

function tenantStep(steps: Steps, c: ResourceChange, a: JsonObject, fresh: boolean): void {
  steps.add(
    `Tenant ${c.address} (${String(a.subdomain)}): grantform cannot ${fresh ? 'create a tenant' : 'change business units'}; ${fresh ? 'check the subdomain in Setup → Apps → Installed Packages → (any package) → API Integration' : 'change them in Setup → Company Settings → Business Units'}`,
  );
}

function packageSteps(steps: Steps, c: ResourceChange, a: JsonObject, fresh: boolean): void {
  if (fresh) {
    steps.add(
      `${INSTALLED_PACKAGES} → New`,
      `Name: ${String(a.name)}`,
      `Description: ${String(a.description)}`,
      'Save',
    );
    return;
  }
  steps.add(
    `${INSTALLED_PACKAGES} → ${String(c.before?.name ?? a.name)} → Edit`,
    ...c.attributes.map((x) => `${x.name === 'name' ? 'Name' : 'Description'}: ${String(x.after)}`),
    'Save',
  );
}

function createIntegrationSteps(steps: Steps, names: Names, c: ResourceChange, a: JsonObject): void {
  const pkg = String(a.package);
  const type = String(a.type);
  const details = [`Scopes (tick exactly these): ${strings(a.scopes).map(scopeLabel).join(', ') || '(none)'}`];
  if (type !== 'server-to-server') details.push(`Redirect URIs: ${strings(a.redirectUris).join(', ')}`);
  details.push('Save');
  steps.add(
    `${INSTALLED_PACKAGES} → ${names.packageName(pkg)} → Add Component → API Integration → ${TYPE_LABEL[type] ?? type} → Next`,
    ...details,
  );
  const bus = a.businessUnits;
  steps.add(
    `${INSTALLED_PACKAGES} → ${names.packageName(pkg)} → Access → Manage`,
    bus === 'all' ? 'Enable every business unit' : `Enable exactly: ${names.bus(pkg, strings(bus))}`,
  );
  const env = secretEnv(a, 'clientSecret');
  if (env !== null) {
    steps.add(`Copy the Client Id into ${clientIdEnvFor(env)} and the Client Secret into ${env} (never into git)`);
  } else steps.add(`Copy the Client Id for ${c.address} into your app's configuration`);
}

/** `Tick:`/`Untick:` style details for a set attribute's added and removed elements. */
function setDetails(change: AttributeChange, add: string, remove: string, label: (v: JsonValue) => string): string[] {
  const details: string[] = [];
  if ((change.added ?? []).length > 0) details.push(`${add}: ${(change.added ?? []).map(label).join(', ')}`);
  if ((change.removed ?? []).length > 0) details.push(`${remove}: ${(change.removed ?? []).map(label).join(', ')}`);
  return details;
}

function businessUnitStep(steps: Steps, names: Names, pkg: string, bus: AttributeChange): void {
  const access = `${INSTALLED_PACKAGES} → ${names.packageName(pkg)} → Access → Manage`;
  if (bus.after === 'all') steps.add(access, 'Enable every business unit');
  else if (bus.added !== undefined && bus.removed !== undefined) {
    const t = names.tenantOf(pkg);
    steps.add(access, ...setDetails(bus, 'Enable', 'Disable', (m) => names.bu(t, Number(m))));
  } else steps.add(access, `Enable exactly: ${names.bus(pkg, strings(bus.after))}`);
}

function updateIntegrationSteps(steps: Steps, names: Names, c: ResourceChange, a: JsonObject): void {
  const pkg = String(a.package);
  const edit = `${INSTALLED_PACKAGES} → ${names.packageName(pkg)} → API Integration → Edit`;
  const byName = new Map<string, AttributeChange>(c.attributes.map((x) => [x.name, x]));
  const scopes = byName.get('scopes');
  if (scopes !== undefined)
    steps.add(edit, ...setDetails(scopes, 'Tick', 'Untick', (s) => scopeLabel(String(s))), 'Save');
  const uris = byName.get('redirectUris');
  if (uris !== undefined) {
    steps.add(edit, ...setDetails(uris, 'Add redirect URIs', 'Remove redirect URIs', String), 'Save');
  }
  const bus = byName.get('businessUnits');
  if (bus !== undefined) businessUnitStep(steps, names, pkg, bus);
  if (byName.has('pkce')) {
    steps.add(`${c.address}: PKCE is ${String(a.pkce)} in the config; Marketing Cloud has no PKCE setting to change`);
  }
  const to = byName.has('clientSecret') ? secretEnv(a, 'clientSecret') : null;
  if (to !== null) {
    steps.add(
      `Copy the Client Secret of ${names.packageName(pkg)} into ${to} (or rotate it on the API Integration and copy the new one)`,
    );
  }
}

function appSteps(steps: Steps, names: Names, c: ResourceChange, a: JsonObject, fresh: boolean): void {
  const pkg = String(a.package);
  if (!fresh) {
    steps.add(
      `${INSTALLED_PACKAGES} → ${names.packageName(pkg)} → Marketing Cloud App → Edit`,
      ...c.attributes.filter((x) => x.name !== 'jwtSigningSecret').map((x) => `${x.name}: ${String(x.after)}`),
      'Save',
    );
    return;
  }
  steps.add(
    `${INSTALLED_PACKAGES} → ${names.packageName(pkg)} → Add Component → Marketing Cloud App`,
    `Login Endpoint: ${String(a.loginUrl)}`,
    `Redirect URL: ${String(a.redirectUrl)}`,
    `Logout Endpoint: ${String(a.logoutUrl)}`,
    'Save',
  );
  const jwtEnv = secretEnv(a, 'jwtSigningSecret');
  if (jwtEnv !== null) steps.add(`Copy the package's JWT Signing Secret (Summary tab) into ${jwtEnv}`);
}

/** The steps of one create, replace or update (other vendors' kinds have none). */
function changeSteps(steps: Steps, names: Names, c: ResourceChange): void {
  const a = c.after;
  if (a === null) return;
  const fresh = c.action === 'create' || c.action === 'replace';
  switch (c.kind) {
    case 'tenant':
      tenantStep(steps, c, a, fresh);
      break;
    case 'installed-package':
      packageSteps(steps, c, a, fresh);
      break;
    case 'api-integration':
      if (fresh) createIntegrationSteps(steps, names, c, a);
      else updateIntegrationSteps(steps, names, c, a);
      break;
    case 'marketing-cloud-app':
      appSteps(steps, names, c, a, fresh);
      break;
  }
}

/**
 * @example
 * io.stdout(renderChecklist(plan, { desired }));
 */
export function renderChecklist(plan: Plan, options: ChecklistOptions): string {
  const steps = new Steps();
  const names = new Names(plan, options);
  const order = (c: ResourceChange) => KIND_ORDER[c.kind] ?? Number.MAX_SAFE_INTEGER;
  for (const c of plan.changes.filter((x) => x.action === 'delete' || x.action === 'replace')) {
    deleteSteps(steps, names, c);
  }
  const creates = plan.changes.filter((c) => c.action !== 'delete');
  for (const c of [...creates].sort((a, b) => order(a) - order(b) || (a.address < b.address ? -1 : 1))) {
    changeSteps(steps, names, c);
  }

  const out: string[] = [];
  for (const d of options.notes ?? []) out.push(`Note: ${d.address === undefined ? '' : `${d.address}: `}${d.message}`);
  for (const d of plan.diagnostics) out.push(`${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.message}`);
  if (steps.count === 0) {
    out.push('No changes. The tenant matches the configuration (as far as the credentials can tell).');
    return `${out.join('\n')}\n`;
  }
  const n = steps.count;
  out.push(
    `Marketing Cloud has no API for installed packages: make these ${n} change${n === 1 ? '' : 's'} in the console.`,
    '',
    ...steps.lines,
    '',
    'Changes take up to 5 minutes to take effect. Then run: grantform verify --target sfmc --wait 5m',
  );
  return `${out.join('\n')}\n`;
}
