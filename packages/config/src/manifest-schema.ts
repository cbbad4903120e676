/**
 * @module
 * `@grantform/config/manifest`: the manifest's zod schema, written once, for untrusted input
 * (`parseManifest`, used by the engine) and for tools that extend it (the emulator's seeding adds its
 * `x-emulator` section to {@link manifestShapeSchema}). The JSON Schema generated from it lives in
 * `manifest-json-schema.ts`, so importing this subpath costs no schema generation.
 */
import { z } from 'zod';
import {
  ctctApplicationSpec,
  ctctClientAccountSpec,
  ctctPartnerSpec,
  ctctReferenceIssues,
} from './constant-contact/manifest-schema.js';
import { type ManifestIssue, ManifestParseError } from './errors.js';
import { MARKETING_CLOUD_SUBDOMAIN_FORMAT } from './hosts.js';
import { MANIFEST_API_VERSION, type Manifest } from './manifest.js';
import { ENV_NAME_PATTERN, STACK_KEY_PATTERN, SUBDOMAIN_PATTERN } from './naming.js';
import { rotationPolicySchema } from './rotation.js';
import { ALL_SCOPES, type Scope, suggestScope } from './scopes.js';

const address = z.string().min(1, 'an address is a non-empty string such as acme/crm-sync/api');
const mid = z.number().int().positive();

const secretRef = z.strictObject({
  env: z.string().regex(ENV_NAME_PATTERN, 'an environment variable name: upper-case letters, digits and _'),
});

const scope = z.enum(ALL_SCOPES as [Scope, ...Scope[]], {
  error: (issue) => {
    const suggestion = typeof issue.input === 'string' ? suggestScope(issue.input) : undefined;
    return `unknown scope ${JSON.stringify(issue.input)}${suggestion === undefined ? '' : `: did you mean '${suggestion}'?`}`;
  },
});

const tenantSpec = z.strictObject({
  name: z.string().min(1),
  subdomain: z.string().regex(SUBDOMAIN_PATTERN, MARKETING_CLOUD_SUBDOMAIN_FORMAT),
  stackKey: z.string().regex(STACK_KEY_PATTERN, "a stack key such as 'S7'"),
  enterpriseMid: mid,
  businessUnits: z
    .array(z.strictObject({ mid, name: z.string().min(1), parentMid: mid.nullable() }))
    .min(1, 'at least the enterprise business unit'),
});

const installedPackageSpec = z.strictObject({
  tenant: address,
  name: z.string().min(1),
  description: z.string(),
  legacy: z.boolean(),
  sourceMid: mid,
});

const apiIntegrationSpec = z.strictObject({
  package: address,
  type: z.enum(['server-to-server', 'web-app', 'public-app']),
  scopes: z.array(scope),
  redirectUris: z.array(z.string().min(1)).max(10),
  businessUnits: z.union([z.literal('all'), z.array(mid)]),
  clientSecret: secretRef.nullable(),
  pkce: z.enum(['optional', 'required']),
  /**
   * A published AppExchange app, installable into other tenants (authorize then returns `tssd`).
   * Read by the emulator (`x-emulator.installations`); the engine does not set it. @default false
   */
  appExchange: z.boolean().optional(),
  rotation: rotationPolicySchema.optional(),
});

const marketingCloudAppSpec = z.strictObject({
  package: address,
  loginUrl: z.string().min(1),
  redirectUrl: z.string().min(1),
  logoutUrl: z.string().min(1),
  jwtSigningSecret: secretRef,
  claimsVersion: z.union([z.literal(1), z.literal(2)]),
});

const resource = <K extends string, S extends z.ZodType>(kind: K, spec: S) =>
  z.strictObject({ address, kind: z.literal(kind), dependsOn: z.array(address), spec });

const manifestResource = z.discriminatedUnion('kind', [
  resource('tenant', tenantSpec),
  resource('installed-package', installedPackageSpec),
  resource('api-integration', apiIntegrationSpec),
  resource('marketing-cloud-app', marketingCloudAppSpec),
  resource('ctct-application', ctctApplicationSpec),
  resource('ctct-partner', ctctPartnerSpec),
  resource('ctct-client-account', ctctClientAccountSpec),
]);

/**
 * The shape of a manifest: its version and every resource kind's spec, without the cross-resource
 * checks of {@link manifestSchema}. For tools that extend the manifest with an `x-` section of their
 * own and check references their own way (the emulator's seeding).
 */
export const manifestShapeSchema = z.strictObject({
  apiVersion: z.literal(MANIFEST_API_VERSION),
  resources: z.array(manifestResource),
});

export { MANIFEST_API_VERSION } from './manifest.js';

/** The zod schema of a manifest, with cross-resource checks (unique addresses, known references). */
export const manifestSchema = manifestShapeSchema.superRefine((manifest, ctx) => {
  const kinds = new Map<string, string>();
  manifest.resources.forEach((r, i) => {
    if (kinds.has(r.address)) {
      ctx.addIssue({
        code: 'custom',
        path: ['resources', i, 'address'],
        message: `duplicate address '${r.address}'`,
      });
    }
    kinds.set(r.address, r.kind);
  });
  const tenantMids = new Map<string, readonly number[]>();
  for (const r of manifest.resources) {
    if (r.kind === 'tenant')
      tenantMids.set(
        r.address,
        r.spec.businessUnits.map((u) => u.mid),
      );
  }
  const packageTenant = new Map<string, string>();
  for (const r of manifest.resources) if (r.kind === 'installed-package') packageTenant.set(r.address, r.spec.tenant);
  const expectKind = (i: number, field: string, target: string, kind: string) => {
    if (kinds.get(target) !== kind) {
      ctx.addIssue({
        code: 'custom',
        path: ['resources', i, 'spec', field],
        message: `'${target}' is not the address of ${kind === 'tenant' ? 'a tenant' : 'an installed-package'} resource in this manifest`,
      });
    }
  };
  manifest.resources.forEach((r, i) => {
    r.dependsOn.forEach((dep, j) => {
      if (!kinds.has(dep)) {
        ctx.addIssue({ code: 'custom', path: ['resources', i, 'dependsOn', j], message: `unknown address '${dep}'` });
      }
    });
    if (r.kind === 'installed-package') expectKind(i, 'tenant', r.spec.tenant, 'tenant');
    if (r.kind === 'api-integration' || r.kind === 'marketing-cloud-app') {
      expectKind(i, 'package', r.spec.package, 'installed-package');
    }
    if (r.kind === 'api-integration' && r.spec.businessUnits !== 'all') {
      const mids = tenantMids.get(packageTenant.get(r.spec.package) ?? '');
      r.spec.businessUnits.forEach((m, j) => {
        if (mids !== undefined && !mids.includes(m)) {
          ctx.addIssue({
            code: 'custom',
            path: ['resources', i, 'spec', 'businessUnits', j],
            message: `business unit ${m} is not in the package's tenant`,
          });
        }
      });
    }
  });
  for (const issue of ctctReferenceIssues(manifest.resources, kinds)) ctx.addIssue({ code: 'custom', ...issue });
});

/** A copy of `value` without its top-level `x-*` extension keys (anything else is returned as is). */
export function withoutExtensions(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('x-')));
}

/** Per-parse error text: a missing field says "required" instead of "received undefined". */
export function missingFieldError(issue: { code?: string; input?: unknown; expected?: unknown }): string | undefined {
  return issue.code === 'invalid_type' && issue.input === undefined
    ? `required: expected ${String(issue.expected)}`
    : undefined;
}

/** `['resources', 2, 'spec', 'scopes', 0]` → `resources[2].spec.scopes[0]`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * Parses untrusted input (JSON text or an already-parsed value) into a {@link Manifest}.
 * Throws a {@link ManifestParseError} (code `ERR_MANIFEST_INVALID`) listing every problem with
 * its JSON path.
 * @example const manifest = parseManifest(await readFile('manifest.json', 'utf8'));
 */
export function parseManifest(input: unknown): Manifest {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new ManifestParseError([{ path: '(root)', message: `not valid JSON: ${reason}` }]);
    }
  }
  const result = manifestSchema.safeParse(withoutExtensions(value), { error: missingFieldError });
  if (!result.success) {
    const issues: ManifestIssue[] = result.error.issues.map((issue) => ({
      path: formatJsonPath(issue.path),
      message: issue.message,
    }));
    throw new ManifestParseError(issues);
  }
  return result.data;
}
