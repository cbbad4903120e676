/**
 * @module
 * The root of a grantform configuration.
 */
import { Construct } from 'constructs';
import { ctctSecretRefs } from '../constant-contact/synth.js';
import type { SecretRef } from '../manifest.js';
import { MARKETING_CLOUD_SECRET_LIFETIME_DAYS, type RotationPolicy } from '../rotation.js';
import { formatIssue } from '../validation/format.js';
import { rotationRules } from '../validation/rotation-rules.js';
import { runRules, toIssues, type ValidationIssue } from '../validation/rule.js';
import { GRANTFORM_KIND, kindOf } from './guards.js';
import type { AppNode } from './nodes.js';
import { Tenant, type TenantProps } from './tenant.js';

export interface GrantformAppProps {
  /**
   * The rotation policy of every secret-bearing integration (Marketing Cloud API integrations,
   * Constant Contact applications and partners) that sets none of its own. Below 180 days when it
   * applies to a Marketing Cloud client secret (they expire 180 days after they are generated).
   * @default - none: secrets are rotated only when asked (`grantform rotate`)
   */
  readonly rotation?: RotationPolicy;
}

/**
 * The root construct of a configuration: it has no parent and holds the tenants.
 * @example
 * const app = new GrantformApp({ rotation: { maxAgeDays: 150 } });
 * const acme = new Tenant(app, 'acme', { enterprise: { mid: 100, name: 'Acme' } });
 * export default app;
 */
export class GrantformApp extends Construct implements AppNode {
  /** Whether `x` is a GrantformApp, from any copy of this package. */
  static isGrantformApp(x: unknown): x is GrantformApp {
    return kindOf(x) === 'app';
  }

  readonly [GRANTFORM_KIND] = 'app' as const;
  /** The app-wide rotation policy. */
  readonly rotation: RotationPolicy | undefined;

  constructor(props: GrantformAppProps = {}) {
    super(undefined as unknown as Construct, '');
    this.rotation = props.rotation;
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

  /** App-wide issues: secret environment variables shared by two resources, the app-wide rotation policy. */
  validationIssues(): ValidationIssue[] {
    const seen = new Map<string, string>();
    const issues: ValidationIssue[] = [...this.rotationIssues()];
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

  /** The app-wide policy, held to Marketing Cloud's 180 days when one of its client secrets inherits it. */
  private rotationIssues(): ValidationIssue[] {
    if (this.rotation === undefined) return [];
    const marketingCloudInherits = this.tenants().some((t) =>
      t.packages().some((p) => p.apiIntegrations().some((i) => i.clientSecret !== null && i.ownRotation === undefined)),
    );
    return toIssues(
      '',
      runRules(rotationRules, {
        policy: this.rotation,
        lifetimeDays: marketingCloudInherits ? MARKETING_CLOUD_SECRET_LIFETIME_DAYS : null,
        expiring: 'Marketing Cloud client secrets',
      }),
    );
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
