/**
 * @module
 * The API integration component of an installed package.
 */
import { Construct } from 'constructs';
import { DEFAULTS, defaultPkce } from '../defaults.js';
import type { IntegrationType, SecretRef } from '../manifest.js';
import { defaultSecretEnv } from '../naming.js';
import { MARKETING_CLOUD_SECRET_LIFETIME_DAYS, type RotationPolicy } from '../rotation.js';
import type { Scope } from '../scopes.js';
import { formatIssue } from '../validation/format.js';
import { validateApiIntegration } from '../validation/integration-rules.js';
import { rotationNotApplicableRule, rotationRules } from '../validation/rotation-rules.js';
import { runRules, toIssues, type ValidationIssue } from '../validation/rule.js';
import { freeChildId, GRANTFORM_KIND, kindOf } from './guards.js';
import type { PackageNode } from './nodes.js';

export interface ApiIntegrationProps {
  /**
   * How the integration gets tokens: `server-to-server` (client_credentials), `web-app`
   * (authorization code with a client secret) or `public-app` (authorization code, no secret).
   */
  readonly type: IntegrationType;
  /** Scopes assigned to the integration; stored sorted and without duplicates. See {@link scopes}. */
  readonly scopes: readonly Scope[];
  /** Exact redirect URIs (web-app and public-app only, 1 to 10). @default [] */
  readonly redirectUris?: readonly string[];
  /** The business units the integration may get tokens for: `'all'` or a list of MIDs. @default 'all' */
  readonly businessUnits?: 'all' | readonly number[];
  /**
   * Where the client secret is kept once Marketing Cloud issues it: a name, never the value.
   * Not allowed for a public app.
   * @default - server-to-server and web-app: `{ env: 'GRANTFORM_<ADDRESS>_CLIENT_SECRET' }`, e.g.
   * `GRANTFORM_ACME_CRM_SYNC_API_CLIENT_SECRET`; public-app: none
   */
  readonly clientSecret?: SecretRef;
  /** Whether the authorization-code flow must carry a PKCE (S256) challenge. @default - 'required' for public-app, 'optional' otherwise */
  readonly pkce?: 'optional' | 'required';
  /**
   * Rotate the client secret once it is `maxAgeDays` old (below 180: Marketing Cloud client secrets
   * expire 180 days after they are generated). Not allowed for a public app.
   * @default - the app-wide policy (`new GrantformApp({ rotation })`), else none
   */
  readonly rotation?: RotationPolicy;
}

/**
 * The API integration of an installed package; its address is `<package>/api`.
 * @example
 * new ApiIntegration(crmSync, {
 *   type: 'server-to-server',
 *   scopes: [...scopes.group('dataExtensions'), 'email_send'],
 *   businessUnits: [101, 102],
 * });
 */
export class ApiIntegration extends Construct {
  /** Whether `x` is an ApiIntegration, from any copy of this package. */
  static isApiIntegration(x: unknown): x is ApiIntegration {
    return kindOf(x) === 'api-integration';
  }

  readonly [GRANTFORM_KIND] = 'api-integration' as const;
  readonly package: PackageNode;
  /** The resource address, `<package>/api`. */
  readonly address: string;
  readonly type: IntegrationType;
  readonly scopes: readonly Scope[];
  readonly redirectUris: readonly string[];
  readonly businessUnits: 'all' | readonly number[];
  /** The resolved secret reference; `null` for a public app. */
  readonly clientSecret: SecretRef | null;
  readonly pkce: 'optional' | 'required';
  /** The rotation policy given to this integration (not the app-wide one). */
  readonly ownRotation: RotationPolicy | undefined;
  private readonly clientSecretGiven: boolean;

  constructor(scope: PackageNode, props: ApiIntegrationProps) {
    super(scope, freeChildId(scope, 'api'));
    this.package = scope;
    this.address = `${scope.address}/api`;
    this.type = props.type;
    this.scopes = props.scopes ?? [];
    this.redirectUris = props.redirectUris ?? DEFAULTS['api-integration'].redirectUris;
    this.businessUnits = props.businessUnits ?? DEFAULTS['api-integration'].businessUnits;
    this.clientSecretGiven = props.clientSecret !== undefined;
    this.clientSecret =
      props.clientSecret ??
      (props.type === 'public-app' ? null : { env: defaultSecretEnv(this.address, 'client-secret') });
    this.pkce = props.pkce ?? defaultPkce(props.type);
    this.ownRotation = props.rotation;
    this.node.addValidation({ validate: () => this.validationIssues().map(formatIssue) });
  }

  /** The policy the client secret is rotated by: its own, else the app-wide one; none without a secret. */
  get rotation(): RotationPolicy | undefined {
    return this.clientSecret === null ? undefined : (this.ownRotation ?? this.package.tenant.app.rotation);
  }

  validationIssues(): ValidationIssue[] {
    const tenant = this.package.tenant;
    const rotation =
      this.ownRotation === undefined
        ? []
        : this.type === 'public-app'
          ? runRules([rotationNotApplicableRule], { noSecret: 'a public app' })
          : runRules(rotationRules, {
              policy: this.ownRotation,
              lifetimeDays: MARKETING_CLOUD_SECRET_LIFETIME_DAYS,
              expiring: 'Marketing Cloud client secrets',
            });
    return toIssues(this.address, [
      ...validateApiIntegration({
        type: this.type,
        scopes: this.scopes,
        redirectUris: this.redirectUris,
        businessUnits: this.businessUnits,
        clientSecretGiven: this.clientSecretGiven,
        clientSecret: this.clientSecret,
        defaultClientSecretEnv: defaultSecretEnv(this.address, 'client-secret'),
        pkce: this.pkce,
        tenantName: tenant.name,
        tenantMids: tenant.mids(),
      }),
      ...rotation,
    ]);
  }
}
