/**
 * @module
 * The `sfmc` target: a real Marketing Cloud tenant, read-only. Marketing Cloud has no public API
 * to create or change installed packages, so this driver only reads what an integration's own
 * credentials reveal, and every write refuses with `ERR_TARGET_READ_ONLY` (the plan is printed as a
 * console checklist instead).
 *
 * Credentials come from the environment: the client secret from the integration's `clientSecret.env`
 * and the client id from {@link clientIdEnvFor} of it (`CRM_SYNC_CLIENT_SECRET` → `CRM_SYNC_CLIENT_ID`).
 * What is read per integration:
 * - type: `client_credentials` works → server-to-server; refused with `unauthorized_client` → not s2s;
 * - scopes: a token requested without `scope` carries every scope the integration has;
 * - business units: which of the tenant's MIDs accept `account_id`;
 * - endpoints: the instance URLs the token response returns.
 * Packages, apps and tenants cannot be read: they are taken as configured (`unverified`).
 */
import type { ApiIntegrationSpec, TenantSpec } from '@grantform/config';
import { clientIdEnvFor } from '../../../credential-env.js';
import type { DesiredResource, DesiredState } from '../../../desired-state.js';
import type { Diagnostic } from '../../../diagnostics.js';
import { warningDiagnostic } from '../../../diagnostics.js';
import type {
  KindDriver,
  KindDrivers,
  ObservedResource,
  ObservedState,
  ReadOnlyTarget,
  ResourceDriver,
} from '../../../driver.js';
import type { FetchLike } from '../../../drivers/http.js';
import { EngineError } from '../../../errors.js';
import type { JsonObject } from '../../../json.js';
import { apiIntegration } from '../api-integration.js';
import { installedPackage } from '../installed-package.js';
import { marketingCloudApp } from '../marketing-cloud-app.js';
import { clientCredentialsToken, sfmcAuthBase } from '../oauth-client.js';
import { tenant } from '../tenant.js';
import { renderChecklist } from './checklist.js';
import { renderRotationSteps } from './rotation-steps.js';

export interface SfmcDriverOptions {
  /** @default globalThis.fetch */
  readonly fetch?: FetchLike;
  /** Where credentials are read from. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Auth base for a subdomain. @default https://{subdomain}.auth.marketingcloudapis.com/ */
  readonly authBase?: (subdomain: string) => string;
  /**
   * The kinds it answers for (all read-only; other vendors' are planned as configured, never
   * applied here). @default Marketing Cloud's
   */
  readonly kinds?: readonly string[];
}

export interface SfmcDriver extends ResourceDriver {
  /** What could not be read during the last `observe()` (missing credentials, refused ones). */
  readonly notes: Diagnostic[];
  readonly manual: ReadOnlyTarget;
}

function readOnly(): never {
  throw new EngineError(
    'ERR_TARGET_READ_ONLY',
    'the sfmc target is read-only: Marketing Cloud has no API to create or change installed packages; follow the checklist `grantform plan --target sfmc` prints',
  );
}

function readOnlyKind(): KindDriver {
  return {
    read: async () => null,
    create: async () => readOnly(),
    update: async () => readOnly(),
    delete: async () => readOnly(),
  };
}

/** Reads one integration through its own credentials. `null`: it does not exist (or cannot be read). */
export async function probeIntegration(
  fetchFn: FetchLike,
  args: {
    readonly authBase: string;
    readonly clientId: string;
    readonly clientSecret: string;
    /** MIDs to try with `account_id`. */
    readonly candidateMids: readonly number[];
  },
): Promise<
  | {
      readonly kind: 'server-to-server';
      readonly scopes: string[];
      readonly businessUnits: number[];
      readonly endpoints: JsonObject;
    }
  | { readonly kind: 'not-server-to-server'; readonly error: string }
  | { readonly kind: 'rejected'; readonly error: string; readonly description: string }
> {
  const base = { authBase: args.authBase, clientId: args.clientId, clientSecret: args.clientSecret };
  const results = await Promise.all(
    args.candidateMids.map(async (mid) => ({
      mid,
      token: await clientCredentialsToken(fetchFn, { ...base, accountId: mid }),
    })),
  );
  const accepted = results.filter((r) => r.token.ok).map((r) => r.mid);
  // Without account_id the token is for the BU that created the integration, which may not be enabled:
  // fall back to a token for an accepted BU before concluding anything.
  let first = await clientCredentialsToken(fetchFn, base);
  if (!first.ok) {
    const other = results.find((r) => r.token.ok);
    if (other === undefined) {
      if (first.error === 'unauthorized_client' || first.error === 'unsupported_grant_type') {
        return { kind: 'not-server-to-server', error: first.error };
      }
      return { kind: 'rejected', error: first.error, description: first.description };
    }
    first = other.token;
  }
  if (!first.ok) return { kind: 'rejected', error: first.error, description: first.description };
  const authBase = args.authBase;
  return {
    kind: 'server-to-server',
    scopes: [...first.scopes].sort(),
    businessUnits: [...accepted].sort((a, b) => a - b),
    endpoints: { auth: authBase, rest: first.restInstanceUrl, soap: first.soapInstanceUrl },
  };
}

const asConfigured = (r: DesiredResource): ObservedResource => ({
  id: r.address,
  attributes: r.attributes,
  unverified: Object.keys(r.attributes),
});

/** An integration's credentials from the environment, or `null` with a note saying what is missing. */
function credentialsOf(
  r: DesiredResource,
  spec: ApiIntegrationSpec,
  env: SfmcDriverOptions['env'],
  notes: Diagnostic[],
): { clientId: string; clientSecret: string; idEnv: string; secretEnv: string } | null {
  const secretEnv = spec.clientSecret?.env;
  if (secretEnv === undefined) {
    notes.push(
      warningDiagnostic(
        'WARN_CANNOT_READ',
        'a public app has no client secret: it cannot be read; verify it in Setup',
        r.address,
      ),
    );
    return null;
  }
  const idEnv = clientIdEnvFor(secretEnv);
  const clientId = env[idEnv];
  const clientSecret = env[secretEnv];
  if (clientId === undefined || clientSecret === undefined || clientId === '' || clientSecret === '') {
    notes.push(
      warningDiagnostic(
        'WARN_CANNOT_READ',
        `set ${idEnv} and ${secretEnv} to read this integration; without them it is planned as new`,
        r.address,
      ),
    );
    return null;
  }
  return { clientId, clientSecret, idEnv, secretEnv };
}

/** The integration as its probe reveals it (what cannot be read: `unverified`). */
function observedIntegration(
  r: DesiredResource,
  spec: ApiIntegrationSpec,
  tenantSpec: TenantSpec,
  clientId: string,
  probe: Exclude<Awaited<ReturnType<typeof probeIntegration>>, { kind: 'rejected' }>,
  notes: Diagnostic[],
): ObservedResource {
  if (probe.kind === 'not-server-to-server') {
    const attributes: JsonObject =
      spec.type === 'server-to-server'
        ? { ...r.attributes, type: 'web-app or public-app', clientId }
        : { ...r.attributes, clientId };
    if (spec.type !== 'server-to-server') {
      notes.push(
        warningDiagnostic(
          'WARN_CANNOT_READ',
          'web and public apps cannot be read without a user login; scopes, redirect URIs and business units are unverified',
          r.address,
        ),
      );
    }
    return { id: clientId, attributes, unverified: ['scopes', 'redirectUris', 'businessUnits', 'pkce'] };
  }
  const allMids = tenantSpec.businessUnits.map((b) => b.mid);
  const everyBu = allMids.length > 0 && allMids.every((m) => probe.businessUnits.includes(m));
  return {
    id: clientId,
    attributes: {
      type: 'server-to-server',
      scopes: probe.scopes,
      businessUnits: spec.businessUnits === 'all' && everyBu ? 'all' : probe.businessUnits,
      redirectUris: [],
      pkce: spec.pkce,
      clientId,
      endpoints: probe.endpoints,
    },
    unverified: ['pkce'],
  };
}

/**
 * @example
 * const driver = createSfmcDriver({ env: process.env });
 */
export function createSfmcDriver(options: SfmcDriverOptions): SfmcDriver {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const authBaseOf = options.authBase ?? sfmcAuthBase;
  const notes: Diagnostic[] = [];
  const kinds = options.kinds ?? [tenant, installedPackage, apiIntegration, marketingCloudApp].map((k) => k.kind);
  const resources = Object.fromEntries(kinds.map((kind) => [kind, readOnlyKind()])) as KindDrivers;

  /** Reads one integration with its own credentials; its package is then known to exist. */
  async function readIntegration(
    r: DesiredResource,
    desired: DesiredState,
    out: Record<string, ObservedResource | null>,
  ) {
    const spec = r.attributes as unknown as ApiIntegrationSpec;
    const pkg = desired.resources[spec.package];
    const tenantRes = pkg === undefined ? undefined : desired.resources[String(pkg.attributes.tenant)];
    if (pkg === undefined || tenantRes === undefined) return;
    const tenantSpec = tenantRes.attributes as unknown as TenantSpec;
    const creds = credentialsOf(r, spec, options.env, notes);
    if (creds === null) return;
    const probe = await probeIntegration(fetchFn, {
      authBase: authBaseOf(tenantSpec.subdomain),
      clientId: creds.clientId,
      clientSecret: creds.clientSecret,
      candidateMids: tenantSpec.businessUnits.map((b) => b.mid),
    });
    if (probe.kind === 'rejected') {
      notes.push(
        warningDiagnostic(
          'WARN_CREDENTIALS_REJECTED',
          `the tenant refused ${creds.idEnv}/${creds.secretEnv} (${probe.error}${probe.description === '' ? '' : `: ${probe.description}`}); planned as new`,
          r.address,
        ),
      );
      return;
    }
    out[pkg.address] = asConfigured(pkg);
    out[r.address] = observedIntegration(r, spec, tenantSpec, creds.clientId, probe, notes);
  }

  async function observe(_state: unknown, desired: DesiredState): Promise<ObservedState> {
    notes.length = 0;
    const out: Record<string, ObservedResource | null> = {};
    const all = Object.values(desired.resources);
    // Tenants exist on a real target; they are taken as configured.
    for (const r of all) if (r.kind === 'tenant') out[r.address] = asConfigured(r);
    await Promise.all(all.filter((r) => r.kind === 'api-integration').map((r) => readIntegration(r, desired, out)));
    // Apps can't be read: taken as configured when their package is known to exist.
    for (const r of all) {
      if (r.kind !== 'marketing-cloud-app') continue;
      const pkg = r.attributes.package;
      if (typeof pkg === 'string' && out[pkg] !== undefined) out[r.address] = asConfigured(r);
    }
    return out;
  }

  return {
    name: 'sfmc',
    readOnly: true,
    manual: SFMC_MANUAL,
    notes,
    resources,
    observe: (state, desired) => observe(state, desired),
  };
}

/** What the sfmc target says instead of applying: the console checklist. */
export const SFMC_MANUAL: ReadOnlyTarget = {
  reason: 'Marketing Cloud has no API to create or change installed packages',
  instead: 'run `grantform plan --target sfmc` and follow the checklist in Setup',
  afterChecklist: 'make the changes above in the console, then run `grantform verify --target sfmc`',
  renderChecklist,
  renderRotationSteps,
};
