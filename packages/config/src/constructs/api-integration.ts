/**
 * @module
 * The API integration component of an installed package.
 */
import { Construct } from 'constructs';
import { DEFAULTS, defaultPkce } from '../defaults.js';
import type { IntegrationType, SecretRef } from '../manifest.js';
import { defaultSecretEnv } from '../naming.js';
import type { Scope } from '../scopes.js';
import { formatIssue } from '../validation/format.js';
import { validateApiIntegration } from '../validation/integration-rules.js';
import { toIssues, type ValidationIssue } from '../validation/rule.js';
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
    this.node.addValidation({ validate: () => this.validationIssues().map(formatIssue) });
  }

  validationIssues(): ValidationIssue[] {
    const tenant = this.package.tenant;
    return toIssues(
      this.address,
      validateApiIntegration({
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
    );
  }
}
