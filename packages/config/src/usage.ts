/**
 * @module
 * `@grantform/config/usage`: least privilege from evidence. {@link UsageExport} is what the emulator
 * records per integration (`GET /_emulator/usage`): the business units its tokens were issued for,
 * the scopes they carried, and for every REST/SOAP call the scope it needed and whether the token
 * had it. {@link usageReport} sets that evidence against a manifest: per declared integration, the
 * declared scopes against the used ones, the unused ones, the calls refused for a missing scope,
 * business units declared against used, and the scopes and business units it would suggest.
 * `grantform advise` and `@grantform/testing`'s `emulator.usage()` both print this report.
 * Pure, and importing nothing but types (no zod, no constructs).
 *
 * @example
 * const report = usageReport(synth(app), await (await fetch(`${endpoint}/_emulator/usage`)).json());
 * report.integrations[0]?.unusedScopes; // ['email_read', 'list_and_subscribers_read']
 */
import type { ApiIntegrationSpec, Manifest, ManifestResource, TenantSpec } from './manifest.js';
import type { RequirementVendor } from './scope-requirements.js';

/** How often something was seen, and when first and last (ISO 8601, emulator clock). */
export interface UsageCount {
  readonly count: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

/** One call an integration made: what it needed and whether its token had it. */
export interface CallUsage extends UsageCount {
  /** `REST POST /messaging/v1/email/messages`, `SOAP Retrieve BusinessUnit` (`callName` of the requirement). */
  readonly call: string;
  /** The alternatives the call needed (least privileged first); `[]`: any valid token. */
  readonly required: readonly string[];
  readonly granted: boolean;
  /** The scope that let it through (`''` when none was needed); `null` when refused. */
  readonly grantedBy: string | null;
}

/** What the emulator recorded for one client id. */
export interface IntegrationUsage {
  readonly vendor: RequirementVendor;
  readonly clientId: string;
  /** The manifest address the emulator was seeded with, when it knows it. */
  readonly address: string | null;
  /** Marketing Cloud: the tenant subdomain; Constant Contact: `null`. */
  readonly tenant: string | null;
  /** Marketing Cloud: the package name; Constant Contact: the application name. */
  readonly package: string | null;
  /** What the emulator holds for it now; `null` when it was deleted since. */
  readonly integration: {
    readonly scopes: readonly string[];
    readonly businessUnits: 'all' | readonly string[] | null;
  } | null;
  /** Access tokens issued to it. */
  readonly tokens: UsageCount;
  /** Business units (Marketing Cloud MIDs) or accounts (Constant Contact) its tokens were issued for. */
  readonly businessUnits: readonly (UsageCount & { readonly id: string })[];
  /** Scopes its tokens carried. */
  readonly scopes: readonly (UsageCount & { readonly scope: string })[];
  readonly calls: readonly CallUsage[];
}

/** `GET /_emulator/usage`, and the file `grantform advise --usage` reads. */
export interface UsageExport {
  readonly version: 1;
  readonly generatedAt: string;
  readonly integrations: readonly IntegrationUsage[];
  /** Client ids not recorded because the emulator already tracks its maximum (bounded memory). */
  readonly droppedClients: number;
}

/** A call refused because the token lacked its scope. */
export interface MissingScope {
  /** The scope to add (the call's least privileged alternative). */
  readonly scope: string;
  readonly anyOf: readonly string[];
  readonly call: string;
  readonly count: number;
  readonly lastSeen: string;
  /** Whether the integration already declares one of the alternatives (then the token did not ask for it). */
  readonly declared: boolean;
}

/** The report for one declared integration. */
export interface IntegrationReport {
  readonly address: string;
  readonly vendor: RequirementVendor;
  /** The client ids whose usage was matched to it. */
  readonly clientIds: readonly string[];
  /** Whether any token or call was recorded for it. */
  readonly seen: boolean;
  readonly declaredScopes: readonly string[];
  /** Scopes its tokens carried. */
  readonly grantedScopes: readonly string[];
  /** Scopes that let a call through. */
  readonly usedScopes: readonly string[];
  /** Declared and never used (empty when not seen: no evidence either way). */
  readonly unusedScopes: readonly string[];
  readonly missing: readonly MissingScope[];
  /** Every distinct call, with its outcome. */
  readonly calls: readonly CallUsage[];
  /** Marketing Cloud business units (MIDs); Constant Contact accounts. */
  readonly businessUnits: {
    readonly declared: 'all' | readonly string[];
    readonly used: readonly string[];
    /** Declared (or, for `all`, in the tenant) and never used; empty when not seen. */
    readonly unused: readonly string[];
  };
  /** The scopes the evidence supports: declared − unused + missing. */
  readonly suggestedScopes: readonly string[];
  /** Marketing Cloud: the MIDs the evidence supports; `null` for Constant Contact or when not seen. */
  readonly suggestedBusinessUnits: readonly number[] | null;
}

export interface UsageReport {
  readonly integrations: readonly IntegrationReport[];
  /** Recorded client ids that match no declared integration. */
  readonly unmatched: readonly { readonly vendor: RequirementVendor; readonly clientId: string }[];
  readonly droppedClients: number;
}

export interface UsageReportOptions {
  /** Client ids by address (from the engine's state), tried before the emulator's own labels. */
  readonly clientIds?: Readonly<Record<string, string>>;
}

const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

/** A declared integration as the report and `grantform advise` see it. */
export interface DeclaredGrant {
  readonly address: string;
  readonly vendor: RequirementVendor;
  /** The installed package's name (Constant Contact: the application's name). */
  readonly packageName: string;
  readonly scopes: readonly string[];
  /** Marketing Cloud: `'all'` or the MIDs; Constant Contact: `null` (no per-application list). */
  readonly businessUnits: 'all' | readonly number[] | null;
}

interface Declared extends DeclaredGrant {
  /** Every MID of the tenant (what `'all'` means). */
  readonly tenantUnits: readonly string[];
  /** Matches a usage entry by what the emulator knows (tenant and package name, or application name). */
  matches(u: IntegrationUsage): boolean;
}

function declaredIntegrations(manifest: Manifest): Declared[] {
  const byAddress = new Map<string, ManifestResource>(manifest.resources.map((r) => [r.address, r]));
  const out: Declared[] = [];
  for (const r of manifest.resources) {
    if (r.kind === 'api-integration') {
      const spec: ApiIntegrationSpec = r.spec;
      const pkg = byAddress.get(spec.package);
      const pkgSpec = pkg?.kind === 'installed-package' ? pkg.spec : undefined;
      const tenantRes = pkgSpec === undefined ? undefined : byAddress.get(pkgSpec.tenant);
      const tenant: TenantSpec | undefined = tenantRes?.kind === 'tenant' ? tenantRes.spec : undefined;
      out.push({
        address: r.address,
        vendor: 'marketing-cloud',
        packageName: pkgSpec?.name ?? '',
        scopes: spec.scopes,
        businessUnits: spec.businessUnits,
        tenantUnits: tenant?.businessUnits.map((b) => String(b.mid)) ?? [],
        matches: (u) =>
          u.vendor === 'marketing-cloud' &&
          tenant !== undefined &&
          pkgSpec !== undefined &&
          u.tenant === tenant.subdomain &&
          u.package === pkgSpec.name,
      });
    } else if (r.kind === 'ctct-application') {
      const spec = r.spec;
      out.push({
        address: r.address,
        vendor: 'constant-contact',
        packageName: spec.name,
        scopes: spec.scopes,
        businessUnits: null,
        tenantUnits: [],
        matches: (u) =>
          u.vendor === 'constant-contact' &&
          ((spec.apiKey !== null && u.clientId === spec.apiKey) || u.package === spec.name),
      });
    }
  }
  return out;
}

/**
 * Every integration a manifest declares (Marketing Cloud API integrations, Constant Contact
 * applications), with the grants `advise` weighs.
 */
export function declaredGrants(manifest: Manifest): DeclaredGrant[] {
  return declaredIntegrations(manifest).map(({ address, vendor, packageName, scopes, businessUnits }) => ({
    address,
    vendor,
    packageName,
    scopes,
    businessUnits,
  }));
}

function merge(counts: readonly UsageCount[]): UsageCount {
  return {
    count: counts.reduce((n, c) => n + c.count, 0),
    firstSeen: counts.map((c) => c.firstSeen).sort()[0] ?? '',
    lastSeen:
      counts
        .map((c) => c.lastSeen)
        .sort()
        .at(-1) ?? '',
  };
}

function mergeCalls(entries: readonly IntegrationUsage[]): CallUsage[] {
  const byKey = new Map<string, CallUsage[]>();
  for (const u of entries) {
    for (const c of u.calls) {
      const key = `${c.call}\u0000${c.required.join(' ')}\u0000${c.grantedBy ?? '\u0001'}`;
      byKey.set(key, [...(byKey.get(key) ?? []), c]);
    }
  }
  return [...byKey.values()]
    .map((cs) => {
      const first = cs[0] as CallUsage;
      return { ...first, ...merge(cs) };
    })
    .sort((a, b) => (a.call < b.call ? -1 : a.call > b.call ? 1 : Number(a.granted) - Number(b.granted)));
}

function reportFor(d: Declared, entries: readonly IntegrationUsage[]): IntegrationReport {
  const calls = mergeCalls(entries);
  const seen = entries.some((u) => u.tokens.count > 0 || u.calls.length > 0);
  const used = sorted(
    calls.filter((c) => c.granted && c.grantedBy !== '' && c.grantedBy !== null).map((c) => c.grantedBy as string),
  );
  const unused = seen ? d.scopes.filter((s) => !used.includes(s)) : [];
  const missingByScope = new Map<string, MissingScope>();
  for (const c of calls) {
    if (c.granted) continue;
    const scope = c.required[0];
    if (scope === undefined) continue;
    const declared = c.required.some((s) => d.scopes.includes(s));
    const key = `${c.call}\u0000${scope}`;
    const prior = missingByScope.get(key);
    missingByScope.set(key, {
      scope,
      anyOf: c.required,
      call: c.call,
      count: (prior?.count ?? 0) + c.count,
      lastSeen: prior === undefined || c.lastSeen > prior.lastSeen ? c.lastSeen : prior.lastSeen,
      declared,
    });
  }
  const missing = [...missingByScope.values()];
  const usedUnits = sorted(entries.flatMap((u) => u.businessUnits.map((b) => b.id)));
  const declaredUnits: 'all' | readonly string[] =
    d.businessUnits === null || d.businessUnits === 'all' ? 'all' : d.businessUnits.map(String);
  const universe = declaredUnits === 'all' ? d.tenantUnits : declaredUnits;
  const unusedUnits = seen ? universe.filter((id) => !usedUnits.includes(id)) : [];
  const toAdd = missing.filter((m) => !m.declared).map((m) => m.scope);
  const suggestedScopes = sorted([...d.scopes.filter((s) => !unused.includes(s)), ...toAdd]);
  const suggestedBusinessUnits =
    d.vendor !== 'marketing-cloud' || !seen
      ? null
      : usedUnits
          .filter((id) => declaredUnits === 'all' || declaredUnits.includes(id))
          .map(Number)
          .sort((a, b) => a - b);
  return {
    address: d.address,
    vendor: d.vendor,
    clientIds: sorted(entries.map((u) => u.clientId)),
    seen,
    declaredScopes: [...d.scopes],
    grantedScopes: sorted(entries.flatMap((u) => u.scopes.map((s) => s.scope))),
    usedScopes: used,
    unusedScopes: unused,
    missing,
    calls,
    businessUnits: { declared: declaredUnits, used: usedUnits, unused: unusedUnits },
    suggestedScopes,
    suggestedBusinessUnits,
  };
}

/**
 * Sets recorded usage against a manifest's declared integrations. A usage entry belongs to an
 * integration by client id (`options.clientIds`, from state), else by the address the emulator was
 * seeded with, else by what the emulator knows of it (tenant subdomain and package name; the
 * Constant Contact application's API key or name).
 */
export function usageReport(manifest: Manifest, usage: UsageExport, options: UsageReportOptions = {}): UsageReport {
  const declared = declaredIntegrations(manifest);
  const claimed = new Set<IntegrationUsage>();
  const integrations = declared.map((d) => {
    const clientId = options.clientIds?.[d.address];
    const entries = usage.integrations.filter(
      (u) =>
        u.vendor === d.vendor &&
        (clientId !== undefined
          ? u.clientId === clientId
          : u.address === d.address || (u.address === null && d.matches(u))),
    );
    for (const e of entries) claimed.add(e);
    return reportFor(d, entries);
  });
  return {
    integrations,
    unmatched: usage.integrations
      .filter((u) => !claimed.has(u))
      .map((u) => ({ vendor: u.vendor, clientId: u.clientId })),
    droppedClients: usage.droppedClients,
  };
}

/**
 * The report as text: one block per integration (what `grantform advise` prints before its diff).
 * @example
 * process.stdout.write(renderUsageReport(report));
 */
export function renderUsageReport(report: UsageReport): string {
  const lines: string[] = [];
  const list = (xs: readonly string[]) => (xs.length === 0 ? '(none)' : xs.join(' '));
  for (const r of report.integrations) {
    lines.push(`${r.address} (${r.vendor}${r.clientIds.length === 0 ? '' : `, client ${r.clientIds.join(', ')}`})`);
    if (!r.seen) {
      lines.push('  no usage recorded: run the job against the emulator first', '');
      continue;
    }
    const unit = r.vendor === 'marketing-cloud' ? 'business units' : 'accounts';
    lines.push(`  declared scopes   ${list(r.declaredScopes)}`);
    lines.push(`  used scopes       ${list(r.usedScopes)}`);
    lines.push(`  unused scopes     ${list(r.unusedScopes)}`);
    for (const m of r.missing) {
      lines.push(
        `  missing scope     ${m.scope} for ${m.call} (refused ${m.count}×${m.declared ? '; declared, but the token did not request it' : ''})`,
      );
    }
    const declared = r.businessUnits.declared === 'all' ? 'all' : list(r.businessUnits.declared);
    lines.push(`  ${unit.padEnd(17)} declared ${declared}; used ${list(r.businessUnits.used)}`);
    if (r.businessUnits.unused.length > 0) lines.push(`  unused ${unit.padEnd(10)} ${list(r.businessUnits.unused)}`);
    lines.push('');
  }
  for (const u of report.unmatched) lines.push(`not in the config: ${u.vendor} client ${u.clientId}`);
  if (report.droppedClients > 0) {
    lines.push(`${report.droppedClients} client id(s) were not recorded (the emulator's usage table was full)`);
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
