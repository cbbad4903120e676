/**
 * @module
 * The root of a grantform configuration.
 */
import { Construct } from 'constructs';
import { ctctSecretRefs } from '../constant-contact/synth.js';
import type { SecretRef } from '../manifest.js';
import { formatIssue } from '../validation/format.js';
import type { ValidationIssue } from '../validation/rule.js';
import { GRANTFORM_KIND, kindOf } from './guards.js';
import type { AppNode } from './nodes.js';
import { Tenant, type TenantProps } from './tenant.js';

/**
 * The root construct of a configuration: it has no parent and holds the tenants.
 * @example
 * const app = new GrantformApp();
 * const acme = new Tenant(app, 'acme', { enterprise: { mid: 100, name: 'Acme' } });
 * export default app;
 */
export class GrantformApp extends Construct implements AppNode {
  /** Whether `x` is a GrantformApp, from any copy of this package. */
  static isGrantformApp(x: unknown): x is GrantformApp {
    return kindOf(x) === 'app';
  }

  readonly [GRANTFORM_KIND] = 'app' as const;

  constructor() {
    super(undefined as unknown as Construct, '');
    this.node.addValidation({ validate: () => this.validationIssues().map(formatIssue) });
  }

  /** Adds a tenant; the same as `new Tenant(app, name, props)`. */
  addTenant(name: string, props: TenantProps): Tenant {
    return new Tenant(this, name, props);
  }

  /** The tenants, in declaration order. */
  tenants(): Tenant[] {
    return this.node.children.filter((c): c is Tenant => kindOf(c) === 'tenant');
  }

  /** App-wide issues: secret environment variables shared by two resources. */
  validationIssues(): ValidationIssue[] {
    const seen = new Map<string, string>();
    const issues: ValidationIssue[] = [];
    for (const { path, secret } of this.secretRefs()) {
      const first = seen.get(secret.env);
      if (first === undefined) {
        seen.set(secret.env, path);
        continue;
      }
      issues.push({
        path: `${path}.env`,
        code: 'ERR_SECRET_ENV_DUPLICATE',
        message: `environment variable '${secret.env}' is already used by ${first}: give every secret its own variable (omit the field to get a default name derived from the address)`,
      });
    }
    return issues;
  }

  private secretRefs(): { path: string; secret: SecretRef }[] {
    return [...this.mcSecretRefs(), ...ctctSecretRefs(this)];
  }

  private mcSecretRefs(): { path: string; secret: SecretRef }[] {
    return this.tenants().flatMap((t) =>
      t
        .packages()
        .flatMap((p) => [
          ...p
            .apiIntegrations()
            .flatMap((i) =>
              i.clientSecret === null ? [] : [{ path: `${i.address}.clientSecret`, secret: i.clientSecret }],
            ),
          ...p.apps().map((a) => ({ path: `${a.address}.jwtSigningSecret`, secret: a.jwtSigningSecret })),
        ]),
    );
  }
}
