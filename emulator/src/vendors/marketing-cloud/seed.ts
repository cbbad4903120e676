/**
 * @module
 * Marketing Cloud's part of seeding a manifest (`../../seed.ts` runs it): its problems and how it
 * applies `tenant`, `installed-package`, `api-integration` and `marketing-cloud-app` resources.
 * Tenants are upserted, same-named packages are recreated with fresh credentials, and each tenant
 * gets one test user `admin@{tenant name}` / `grantform`. The references and vendor rules are
 * seeding's own (those the admin API applies to the same records).
 *
 * Its `x-emulator` field (not part of the manifest format): `installations: [{ package, tenant,
 * businessUnits? }]` installs seeded AppExchange packages (or legacy packages with an app) into
 * seeded customer tenants, as `PUT /_emulator/packages/{id}/installations/{subdomain}` does.
 * Addresses refer to this manifest.
 */
import { z } from 'zod';
import { issuesOf } from '../../admin/validation.js';
import type { SeedManifest } from '../../env.js';
import type { AdminIssue } from '../../errors.js';
import { appBody } from './admin/schemas.js';
import {
  createPackage,
  createUser,
  deletePackage,
  integrationProblems,
  putApp,
  putIntegration,
  tenantProblems,
} from './admin/service.js';
import { allows } from './checks/business-unit.js';
import type { McContext } from './context.js';
import { tenantEndpoints } from './hosts.js';
import { installPackage } from './installations.js';
import type { TenantRecord } from './store/records.js';

export const TEST_USER_PASSWORD = 'grantform';
export const testUsername = (tenantName: string): string => `admin@${tenantName}`;

const mid = z.number().int().positive();
/** Its fields of `x-emulator`: seeding only the emulator understands (the manifest format has no such resources). */
export const seedExtension = {
  /** AppExchange-style installations of a seeded package into a seeded customer tenant. */
  installations: z
    .array(
      z.strictObject({
        /** Address of an `installed-package` resource of this manifest. */
        package: z.string().min(1),
        /** Address of the customer's `tenant` resource of this manifest. */
        tenant: z.string().min(1),
        /** The customer's Access tab. @default 'all' */
        businessUnits: z.union([z.literal('all'), z.array(mid)]).default('all'),
      }),
    )
    .default([]),
} satisfies z.ZodRawShape;

type Installation = z.infer<(typeof seedExtension)['installations']>[number];
/** The installations of a manifest (parsed with {@link seedExtension}: defaults applied). */
const installationsOf = (m: SeedManifest): Installation[] =>
  (m['x-emulator']?.installations as Installation[] | undefined) ?? [];

type SeedResource = SeedManifest['resources'][number];
type Of<K extends SeedResource['kind']> = Extract<SeedResource, { kind: K }>;
/** An `api-integration` spec as the admin API's integration body (`appExchange` resolved). */
const integrationBodyOf = (spec: Of<'api-integration'>['spec']) => ({
  ...spec,
  appExchange: spec.appExchange ?? false,
});

/** One integration's credentials, as written to `--credentials-out` (mode 0600). */
export interface CredentialsEntry {
  address: string;
  type: 'server-to-server' | 'web-app' | 'public-app';
  clientId: string;
  clientSecret?: string;
  /** Name of the environment variable the manifest stores the secret under (emulator extension). */
  clientSecretEnv: string | null;
  /** Address of the tenant resource. */
  tenant: string;
  subdomain: string;
  packageId: string;
  authBaseUrl: string;
  restBaseUrl: string;
  soapBaseUrl: string;
  /** MIDs the integration can get tokens for (`all` resolved). */
  businessUnits: number[];
  redirectUris: string[];
  users: { username: string; password: string }[];
  /** Customer tenants the package is installed into (`x-emulator.installations`); absent when none. */
  installations?: InstallationCredentials[];
}

/** Where an installed package is used for one customer tenant: its hosts, BUs and test user. */
export interface InstallationCredentials {
  /** Address of the customer's tenant resource. */
  tenant: string;
  subdomain: string;
  authBaseUrl: string;
  restBaseUrl: string;
  soapBaseUrl: string;
  /** Customer MIDs the package may get tokens for (the Access tab, `all` resolved). */
  businessUnits: number[];
  users: { username: string; password: string }[];
}

/** The problems of a (shape-valid) manifest's Marketing Cloud resources and installations. */
export function seedProblems(m: SeedManifest): AdminIssue[] {
  const issues: AdminIssue[] = [];
  const byAddress = new Map<string, { r: SeedResource; i: number }>();
  m.resources.forEach((r, i) => {
    if (byAddress.has(r.address))
      issues.push({ path: `resources.${i}.address`, message: `duplicate address ${r.address}` });
    byAddress.set(r.address, { r, i });
  });
  const ref = <K extends SeedResource['kind']>(address: string, kind: K, path: string): Of<K> | undefined => {
    const hit = byAddress.get(address)?.r;
    if (hit?.kind === kind) return hit as Of<K>;
    issues.push({ path, message: `must be the address of a ${kind} resource in this manifest (got ${address})` });
    return undefined;
  };
  const subdomains = new Set<string>();
  const packageNames = new Set<string>();
  const components = new Set<string>();
  m.resources.forEach((r, i) => {
    const at = `resources.${i}.spec`;
    switch (r.kind) {
      case 'tenant':
        if (subdomains.has(r.spec.subdomain)) issues.push({ path: `${at}.subdomain`, message: 'duplicate subdomain' });
        subdomains.add(r.spec.subdomain);
        issues.push(...tenantProblems(r.spec, at));
        break;
      case 'installed-package': {
        const t = ref(r.spec.tenant, 'tenant', `${at}.tenant`);
        const key = `${r.spec.tenant}\u0000${r.spec.name}`;
        if (packageNames.has(key))
          issues.push({ path: `${at}.name`, message: 'duplicate package name in this tenant' });
        packageNames.add(key);
        const src = r.spec.sourceMid;
        if (t && src !== undefined && !t.spec.businessUnits.some((b) => b.mid === src)) {
          issues.push({ path: `${at}.sourceMid`, message: `no business unit ${src} in tenant ${t.address}` });
        }
        break;
      }
      case 'api-integration':
      case 'marketing-cloud-app': {
        if (r.kind === 'marketing-cloud-app') {
          // The admin API's URL rules (https only), as `PUT /_emulator/packages/{id}/app` applies them.
          const { loginUrl, redirectUrl, logoutUrl, claimsVersion } = r.spec;
          issues.push(...issuesOf(appBody, { loginUrl, redirectUrl, logoutUrl, claimsVersion }, at));
        }
        const p = ref(r.spec.package, 'installed-package', `${at}.package`);
        const key = `${r.kind}\u0000${r.spec.package}`;
        if (components.has(key)) issues.push({ path: `${at}.package`, message: `a package has at most one ${r.kind}` });
        components.add(key);
        if (r.kind === 'api-integration' && p) {
          const t = byAddress.get(p.spec.tenant)?.r;
          if (t?.kind === 'tenant') issues.push(...integrationProblems({ ...t.spec }, integrationBodyOf(r.spec), at));
          if ((r.spec.type === 'public-app') !== (r.spec.clientSecret === null)) {
            issues.push({
              path: `${at}.clientSecret`,
              message: 'public apps have no secret; the others need a secret reference',
            });
          }
        }
        break;
      }
    }
  });
  installationsOf(m).forEach((inst, i) => {
    const at = `x-emulator.installations.${i}`;
    const pkg = ref(inst.package, 'installed-package', `${at}.package`);
    const tenant = ref(inst.tenant, 'tenant', `${at}.tenant`);
    const earlier = installationsOf(m).findIndex((o) => o.package === inst.package && o.tenant === inst.tenant);
    if (earlier !== undefined && earlier < i) {
      issues.push({ path: at, message: `duplicate installation (same as x-emulator.installations.${earlier})` });
    }
    if (!pkg || !tenant) return;
    if (pkg.spec.tenant === inst.tenant) {
      issues.push({ path: `${at}.tenant`, message: 'a package is already available in its own tenant' });
    }
    const component = (kind: 'api-integration' | 'marketing-cloud-app') =>
      m.resources.find((r) => r.kind === kind && r.spec.package === inst.package);
    const api = component('api-integration');
    const appExchange = api?.kind === 'api-integration' && api.spec.appExchange;
    if (!appExchange && !(pkg.spec.legacy && component('marketing-cloud-app'))) {
      issues.push({
        path: `${at}.package`,
        message:
          'only AppExchange packages (an api-integration with appExchange: true) or legacy packages with a marketing-cloud-app can be installed into other tenants',
      });
    }
    if (inst.businessUnits !== 'all') {
      inst.businessUnits.forEach((mid, j) => {
        if (!tenant.spec.businessUnits.some((b) => b.mid === mid)) {
          issues.push({
            path: `${at}.businessUnits.${j}`,
            message: `no business unit ${mid} in tenant ${inst.tenant}`,
          });
        }
      });
    }
  });
  return issues;
}

/** Seeds a (checked) manifest's Marketing Cloud resources; returns one credentials entry per API integration. */
export function seedMarketingCloud(
  ctx: McContext,
  m: SeedManifest,
  origin: string,
): { credentials: CredentialsEntry[] } {
  const tenants = new Map<string, TenantRecord>();
  const packages = new Map<string, string>();
  for (const r of m.resources) {
    if (r.kind !== 'tenant') continue;
    const { subdomain, ...rest } = r.spec;
    const existing = ctx.store.tenant(subdomain);
    for (const pkg of existing ? ctx.store.packages(subdomain) : []) {
      if (!rest.businessUnits.some((b) => b.mid === pkg.sourceMid)) deletePackage(ctx, pkg);
    }
    ctx.store.putTenant({
      subdomain,
      ...rest,
      businessUnits: rest.businessUnits.map((b) => ({ ...b })),
      owner: existing?.owner ?? null,
    });
    const tenant = ctx.store.tenant(subdomain)!;
    tenants.set(r.address, tenant);
    createUser(
      ctx,
      tenant,
      { username: testUsername(tenant.name), password: TEST_USER_PASSWORD, businessUnits: 'all' },
      true,
    );
  }
  for (const r of m.resources) {
    if (r.kind !== 'installed-package') continue;
    const tenant = tenants.get(r.spec.tenant)!;
    const old = ctx.store.packageByName(tenant.subdomain, r.spec.name);
    if (old) deletePackage(ctx, old);
    const { pkg } = createPackage(ctx, tenant, r.spec);
    packages.set(r.address, pkg.id);
  }
  const credentials: CredentialsEntry[] = [];
  for (const r of m.resources) {
    if (r.kind === 'marketing-cloud-app') {
      const pkg = ctx.store.package(packages.get(r.spec.package)!)!;
      putApp(ctx, pkg, r.spec);
    }
    if (r.kind !== 'api-integration') continue;
    const pkg = ctx.store.package(packages.get(r.spec.package)!)!;
    const { integration, secret } = putIntegration(ctx, pkg, integrationBodyOf(r.spec));
    ctx.usage.label(integration.clientId, r.address);
    const tenant = ctx.store.tenant(pkg.tenant)!;
    const tenantAddress = [...tenants].find(([, t]) => t.subdomain === tenant.subdomain)?.[0] ?? tenant.subdomain;
    const ep = tenantEndpoints(origin, tenant.subdomain);
    credentials.push({
      address: r.address,
      type: integration.type,
      clientId: integration.clientId,
      ...(secret === undefined ? {} : { clientSecret: secret }),
      clientSecretEnv: r.spec.clientSecret?.env ?? null,
      tenant: tenantAddress,
      subdomain: tenant.subdomain,
      packageId: pkg.id,
      authBaseUrl: ep.auth,
      restBaseUrl: ep.rest,
      soapBaseUrl: ep.soap,
      businessUnits: tenant.businessUnits.map((b) => b.mid).filter((mid) => allows(integration.businessUnits, mid)),
      redirectUris: integration.redirectUris,
      users: [{ username: testUsername(tenant.name), password: TEST_USER_PASSWORD }],
    });
  }
  for (const inst of installationsOf(m)) {
    const pkg = ctx.store.package(packages.get(inst.package)!)!;
    const customer = tenants.get(inst.tenant)!;
    const { installation } = installPackage(ctx, pkg, customer, inst.businessUnits);
    const entry = credentials.find((c) => c.packageId === pkg.id);
    if (!entry) continue; // a legacy package with an app only: no API credentials to extend
    const ep = tenantEndpoints(origin, customer.subdomain);
    const access = installation.businessUnits;
    entry.installations = [
      ...(entry.installations ?? []),
      {
        tenant: inst.tenant,
        subdomain: customer.subdomain,
        authBaseUrl: ep.auth,
        restBaseUrl: ep.rest,
        soapBaseUrl: ep.soap,
        businessUnits: customer.businessUnits.map((b) => b.mid).filter((mid) => allows(access, mid)),
        users: [{ username: testUsername(customer.name), password: TEST_USER_PASSWORD }],
      },
    ];
  }
  return { credentials };
}
