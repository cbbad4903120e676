/**
 * @module
 * For a read-only target (a real tenant): the plan as a numbered checklist of Marketing Cloud
 * console steps (Setup → Platform Tools → Apps → Installed Packages → …). Pure.
 */
import type { DesiredState } from './desired.js';
import type { Diagnostic } from './diagnostics.js';
import type { AttributeChange } from './diff.js';
import { clientIdEnvFor } from './drivers/oauth-client.js';
import type { JsonObject, JsonValue } from './json.js';
import { isJsonObject } from './json.js';
import type { Plan, ResourceChange } from './plan.js';

export const INSTALLED_PACKAGES = 'Setup → Platform Tools → Apps → Installed Packages';

const TYPE_LABEL: Record<string, string> = {
  'server-to-server': 'Server-to-Server',
  'web-app': 'Web App',
  'public-app': 'Public App',
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

function env(attrs: JsonObject | null, key: string): string | null {
  const ref = attrs?.[key];
  return isJsonObject(ref) && typeof ref.env === 'string' ? ref.env : null;
}

export interface ChecklistOptions {
  readonly desired: DesiredState;
  /** Notes from reading the tenant (missing or refused credentials). */
  readonly notes?: readonly Diagnostic[];
}

/**
 * @example
 * io.stdout(renderChecklist(plan, { desired }));
 */
export function renderChecklist(plan: Plan, options: ChecklistOptions): string {
  const { desired } = options;
  const lines: string[] = [];
  let n = 0;
  const step = (text: string, ...details: string[]) => {
    n += 1;
    lines.push(`[ ] ${n}. ${text}`);
    for (const d of details) lines.push(`       ${d}`);
  };
  const buLabel = (tenantAddress: string, mid: number): string => {
    const t = desired.resources[tenantAddress]?.attributes;
    const bus = Array.isArray(t?.businessUnits) ? (t.businessUnits as JsonValue[]) : [];
    const bu = bus.find((b) => isJsonObject(b) && b.mid === mid);
    return isJsonObject(bu) && typeof bu.name === 'string' ? `${mid} (${bu.name})` : String(mid);
  };
  const packageName = (address: string): string => {
    const p = desired.resources[address]?.attributes ?? plan.changes.find((c) => c.address === address)?.before;
    return typeof p?.name === 'string' ? p.name : address;
  };
  const tenantOf = (pkgAddress: string): string => {
    const p = desired.resources[pkgAddress]?.attributes ?? plan.changes.find((c) => c.address === pkgAddress)?.before;
    return typeof p?.tenant === 'string' ? p.tenant : '';
  };

  const createPackage = (a: JsonObject) =>
    step(`${INSTALLED_PACKAGES} → New`, `Name: ${String(a.name)}`, `Description: ${String(a.description)}`, 'Save');

  const createIntegration = (c: ResourceChange, a: JsonObject) => {
    const pkg = String(a.package);
    const type = String(a.type);
    const details = [`Scopes (tick exactly these): ${strings(a.scopes).map(scopeLabel).join(', ') || '(none)'}`];
    if (type !== 'server-to-server') details.push(`Redirect URIs: ${strings(a.redirectUris).join(', ')}`);
    details.push('Save');
    step(
      `${INSTALLED_PACKAGES} → ${packageName(pkg)} → Add Component → API Integration → ${TYPE_LABEL[type] ?? type} → Next`,
      ...details,
    );
    const bus = a.businessUnits;
    step(
      `${INSTALLED_PACKAGES} → ${packageName(pkg)} → Access → Manage`,
      bus === 'all'
        ? 'Enable every business unit'
        : `Enable exactly: ${strings(bus)
            .map((m) => buLabel(tenantOf(pkg), Number(m)))
            .join(', ')}`,
    );
    const secretEnv = env(a, 'clientSecret');
    if (secretEnv !== null) {
      step(
        `Copy the Client Id into ${clientIdEnvFor(secretEnv)} and the Client Secret into ${secretEnv} (never into git)`,
      );
    } else step(`Copy the Client Id for ${c.address} into your app's configuration`);
  };

  const createApp = (a: JsonObject) => {
    const pkg = String(a.package);
    step(
      `${INSTALLED_PACKAGES} → ${packageName(pkg)} → Add Component → Marketing Cloud App`,
      `Login Endpoint: ${String(a.loginUrl)}`,
      `Redirect URL: ${String(a.redirectUrl)}`,
      `Logout Endpoint: ${String(a.logoutUrl)}`,
      'Save',
    );
    const jwtEnv = env(a, 'jwtSigningSecret');
    if (jwtEnv !== null) step(`Copy the package's JWT Signing Secret (Summary tab) into ${jwtEnv}`);
  };

  const updateIntegration = (c: ResourceChange, a: JsonObject) => {
    const pkg = String(a.package);
    const edit = `${INSTALLED_PACKAGES} → ${packageName(pkg)} → API Integration → Edit`;
    const byName = new Map<string, AttributeChange>(c.attributes.map((x) => [x.name, x]));
    const scopes = byName.get('scopes');
    if (scopes !== undefined) {
      const details: string[] = [];
      if ((scopes.added ?? []).length > 0)
        details.push(`Tick: ${(scopes.added ?? []).map((s) => scopeLabel(String(s))).join(', ')}`);
      if ((scopes.removed ?? []).length > 0)
        details.push(`Untick: ${(scopes.removed ?? []).map((s) => scopeLabel(String(s))).join(', ')}`);
      step(edit, ...details, 'Save');
    }
    const uris = byName.get('redirectUris');
    if (uris !== undefined) {
      const details: string[] = [];
      if ((uris.added ?? []).length > 0)
        details.push(`Add redirect URIs: ${(uris.added ?? []).map(String).join(', ')}`);
      if ((uris.removed ?? []).length > 0)
        details.push(`Remove redirect URIs: ${(uris.removed ?? []).map(String).join(', ')}`);
      step(edit, ...details, 'Save');
    }
    const bus = byName.get('businessUnits');
    if (bus !== undefined) {
      const access = `${INSTALLED_PACKAGES} → ${packageName(pkg)} → Access → Manage`;
      if (bus.after === 'all') step(access, 'Enable every business unit');
      else if (bus.added !== undefined && bus.removed !== undefined) {
        const details: string[] = [];
        const t = tenantOf(pkg);
        if (bus.added.length > 0) details.push(`Enable: ${bus.added.map((m) => buLabel(t, Number(m))).join(', ')}`);
        if (bus.removed.length > 0)
          details.push(`Disable: ${bus.removed.map((m) => buLabel(t, Number(m))).join(', ')}`);
        step(access, ...details);
      } else
        step(
          access,
          `Enable exactly: ${strings(bus.after)
            .map((m) => buLabel(tenantOf(pkg), Number(m)))
            .join(', ')}`,
        );
    }
    if (byName.has('pkce')) {
      step(`${c.address}: PKCE is ${String(a.pkce)} in the config; Marketing Cloud has no PKCE setting to change`);
    }
    const secret = byName.get('clientSecret');
    if (secret !== undefined) {
      const to = env(a, 'clientSecret');
      if (to !== null)
        step(
          `Copy the Client Secret of ${packageName(pkg)} into ${to} (or rotate it on the API Integration and copy the new one)`,
        );
    }
  };

  const order = (c: ResourceChange) =>
    ({
      tenant: 0,
      'installed-package': 1,
      'api-integration': 2,
      'marketing-cloud-app': 3,
      'ctct-application': 4,
      'ctct-partner': 5,
      'ctct-client-account': 6,
    })[c.kind];
  const deletes = plan.changes.filter((c) => c.action === 'delete' || c.action === 'replace');
  const creates = plan.changes.filter((c) => c.action !== 'delete');

  for (const c of deletes) {
    if (c.kind === 'installed-package') {
      const why = c.action === 'replace' ? ` (it must be re-created: ${c.reasons.join('; ')})` : '';
      step(`${INSTALLED_PACKAGES} → ${packageName(c.address)} → Delete${why}`);
    } else if (c.kind === 'tenant') {
      step(`Tenant ${c.address}: grantform cannot delete a tenant; remove it from the config or contact Salesforce`);
    }
  }
  for (const c of [...creates].sort((a, b) => order(a) - order(b) || (a.address < b.address ? -1 : 1))) {
    const a = c.after;
    if (a === null) continue;
    const fresh = c.action === 'create' || c.action === 'replace';
    switch (c.kind) {
      case 'tenant':
        step(
          `Tenant ${c.address} (${String(a.subdomain)}): grantform cannot ${fresh ? 'create a tenant' : 'change business units'}; ${fresh ? 'check the subdomain in Setup → Apps → Installed Packages → (any package) → API Integration' : 'change them in Setup → Company Settings → Business Units'}`,
        );
        break;
      case 'installed-package':
        if (fresh) createPackage(a);
        else
          step(
            `${INSTALLED_PACKAGES} → ${String(c.before?.name ?? a.name)} → Edit`,
            ...c.attributes.map((x) => `${x.name === 'name' ? 'Name' : 'Description'}: ${String(x.after)}`),
            'Save',
          );
        break;
      case 'api-integration':
        if (fresh) createIntegration(c, a);
        else updateIntegration(c, a);
        break;
      case 'marketing-cloud-app':
        if (fresh) createApp(a);
        else
          step(
            `${INSTALLED_PACKAGES} → ${packageName(String(a.package))} → Marketing Cloud App → Edit`,
            ...c.attributes.filter((x) => x.name !== 'jwtSigningSecret').map((x) => `${x.name}: ${String(x.after)}`),
            'Save',
          );
        break;
    }
  }

  const out: string[] = [];
  for (const d of options.notes ?? []) out.push(`Note: ${d.address === undefined ? '' : `${d.address}: `}${d.message}`);
  for (const d of plan.diagnostics) out.push(`${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.message}`);
  if (n === 0) {
    out.push('No changes. The tenant matches the configuration (as far as the credentials can tell).');
    return `${out.join('\n')}\n`;
  }
  out.push(
    `Marketing Cloud has no API for installed packages: make these ${n} change${n === 1 ? '' : 's'} in the console.`,
    '',
    ...lines,
    '',
    'Changes take up to 5 minutes to take effect. Then run: grantform verify --target sfmc --wait 5m',
  );
  return `${out.join('\n')}\n`;
}
