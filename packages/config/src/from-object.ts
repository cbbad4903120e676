/**
 * @module
 * The plain-object form of a configuration (for JSON and YAML users). `fromObject` checks the
 * object's shape, reporting every problem with its path in the object, then builds the same
 * construct tree the TypeScript API builds. The keys `api` and `app` mirror the addresses
 * `<tenant>/<package>/api` and `<tenant>/<package>/app`.
 */
import { z } from 'zod';
import { ctctConfigObjectSchema, ctctFromObject } from './constant-contact/from-object.js';
import { ApiIntegration } from './constructs/api-integration.js';
import { GrantformApp } from './constructs/grantform-app.js';
import { InstalledPackage } from './constructs/installed-package.js';
import { MarketingCloudApp } from './constructs/marketing-cloud-app.js';
import { type BusinessUnitProps, Tenant } from './constructs/tenant.js';
import { ConfigValidationError } from './errors.js';
import { formatJsonPath, missingFieldError } from './manifest-schema.js';
import type { Scope } from './scopes.js';
import type { ValidationIssue } from './validation/rule.js';

const secretRef = z.strictObject(
  { env: z.string() },
  {
    error: (issue) =>
      issue.code === 'invalid_type'
        ? "a secret is never written in config: refer to it by name, e.g. { env: 'MY_CLIENT_SECRET' }"
        : undefined,
  },
);

const rotation = z.strictObject({ maxAgeDays: z.number() });

const businessUnit = z.strictObject({
  mid: z.number(),
  name: z.string(),
  get children() {
    return z.array(businessUnit).optional();
  },
});

const apiIntegration = z.strictObject({
  type: z.enum(['server-to-server', 'web-app', 'public-app']),
  scopes: z.array(z.string()),
  redirectUris: z.array(z.string()).optional(),
  businessUnits: z.union([z.literal('all'), z.array(z.number())]).optional(),
  clientSecret: secretRef.optional(),
  pkce: z.enum(['optional', 'required']).optional(),
  rotation: rotation.optional(),
});

const marketingCloudApp = z.strictObject({
  loginUrl: z.string(),
  redirectUrl: z.string(),
  logoutUrl: z.string(),
  jwtSigningSecret: secretRef.optional(),
  claimsVersion: z.union([z.literal(1), z.literal(2)]).optional(),
});

const installedPackage = z.strictObject({
  name: z.string(),
  description: z.string().optional(),
  legacy: z.boolean().optional(),
  sourceMid: z.number().optional(),
  api: apiIntegration.optional(),
  app: marketingCloudApp.optional(),
});

const tenant = z.strictObject({
  name: z.string(),
  subdomain: z.string().optional(),
  stackKey: z.string().optional(),
  enterprise: businessUnit,
  packages: z.array(installedPackage).optional(),
});

/** The zod schema of the plain-object form. */
export const configObjectSchema = z.strictObject({
  /** Lets editors find the JSON Schema; ignored. */
  $schema: z.string().optional(),
  /** The app-wide rotation policy (`new GrantformApp({ rotation })`). */
  rotation: rotation.optional(),
  tenants: z.array(tenant),
  /** Constant Contact applications and partners (`constant-contact/from-object.ts`). */
  constantContact: ctctConfigObjectSchema.optional(),
});

/** The plain-object form of a configuration. */
export type GrantformConfigObject = z.input<typeof configObjectSchema>;

/** JSON Schema of the plain-object form, for editors (`$schema` in a JSON or YAML config). */
export const configObjectJsonSchema: Record<string, unknown> = {
  $id: 'https://grantform.dev/schemas/config-v1.json',
  title: 'grantform configuration (plain-object form)',
  ...z.toJSONSchema(configObjectSchema, { target: 'draft-2020-12' }),
};

function toBusinessUnitProps(unit: z.output<typeof businessUnit>): BusinessUnitProps {
  return {
    mid: unit.mid,
    name: unit.name,
    ...(unit.children === undefined ? {} : { children: unit.children.map(toBusinessUnitProps) }),
  };
}

/** Drops keys whose value is `undefined`, so defaults apply as if the key were absent. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Builds a {@link GrantformApp} from the plain-object form. Throws a
 * {@link ConfigValidationError} listing every shape problem with its path in the object
 * (e.g. `tenants[0].packages[1].api.type`); the rules on values (redirect URIs, scopes,
 * business units…) run later, in `validate` and `synth`, like for the TypeScript API.
 * @example
 * const app = fromObject(JSON.parse(await readFile('grantform.config.json', 'utf8')));
 */
export function fromObject(input: unknown): GrantformApp {
  const result = configObjectSchema.safeParse(input, { error: missingFieldError });
  if (!result.success) {
    const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
      path: formatJsonPath(issue.path),
      code: 'ERR_OBJECT_SHAPE',
      message: issue.message,
    }));
    throw new ConfigValidationError(
      issues,
      `the configuration object has ${issues.length} problem${issues.length === 1 ? '' : 's'}; fix every one listed below`,
    );
  }
  const app = new GrantformApp(defined({ rotation: result.data.rotation }));
  for (const t of result.data.tenants) {
    const tenantConstruct = new Tenant(
      app,
      t.name,
      defined({ subdomain: t.subdomain, stackKey: t.stackKey, enterprise: toBusinessUnitProps(t.enterprise) }),
    );
    for (const p of t.packages ?? []) {
      const pkg = new InstalledPackage(
        tenantConstruct,
        p.name,
        defined({ description: p.description, legacy: p.legacy, sourceMid: p.sourceMid }),
      );
      if (p.api !== undefined) {
        // Scope names are checked (with a suggestion) by the integration's rules.
        new ApiIntegration(pkg, defined({ ...p.api, scopes: p.api.scopes as readonly Scope[] }));
      }
      if (p.app !== undefined) new MarketingCloudApp(pkg, defined(p.app));
    }
  }
  if (result.data.constantContact !== undefined) {
    const issues = ctctFromObject(app, result.data.constantContact);
    if (issues.length > 0) {
      throw new ConfigValidationError(
        issues,
        `the configuration object has ${issues.length} problem${issues.length === 1 ? '' : 's'}; fix every one listed below`,
      );
    }
  }
  return app;
}
