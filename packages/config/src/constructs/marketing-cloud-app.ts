/**
 * @module
 * The Marketing Cloud App (App Center / HubExchange) component of an installed package.
 */
import { Construct } from 'constructs';
import { DEFAULTS } from '../defaults.js';
import type { SecretRef } from '../manifest.js';
import { defaultSecretEnv } from '../naming.js';
import { validateMarketingCloudApp } from '../validation/app-rules.js';
import { formatIssue } from '../validation/format.js';
import { toIssues, type ValidationIssue } from '../validation/rule.js';
import { freeChildId, GRANTFORM_KIND, kindOf } from './guards.js';
import type { PackageNode } from './nodes.js';

export interface MarketingCloudAppProps {
  /** Where Marketing Cloud POSTs the SSO JWT (shown in an iframe); https. */
  readonly loginUrl: string;
  /** Where the app sends the user after login; https. */
  readonly redirectUrl: string;
  /** Called (browser GET) on logout and before a business-unit switch; https. */
  readonly logoutUrl: string;
  /**
   * Where the package's JWT signing secret is kept: a name, never the value.
   * @default - `{ env: 'GRANTFORM_<ADDRESS>_JWT_SIGNING_SECRET' }`, e.g. `GRANTFORM_ACME_PORTAL_APP_JWT_SIGNING_SECRET`
   */
  readonly jwtSigningSecret?: SecretRef;
  /** SSO JWT claim-set version. @default 2 */
  readonly claimsVersion?: 1 | 2;
}

/**
 * The Marketing Cloud App of an installed package; its address is `<package>/app`.
 * @example
 * new MarketingCloudApp(dashboards, {
 *   loginUrl: 'https://dash.example.com/sso/login',
 *   redirectUrl: 'https://dash.example.com/',
 *   logoutUrl: 'https://dash.example.com/sso/logout',
 * });
 */
export class MarketingCloudApp extends Construct {
  /** Whether `x` is a MarketingCloudApp, from any copy of this package. */
  static isMarketingCloudApp(x: unknown): x is MarketingCloudApp {
    return kindOf(x) === 'marketing-cloud-app';
  }

  readonly [GRANTFORM_KIND] = 'marketing-cloud-app' as const;
  readonly package: PackageNode;
  /** The resource address, `<package>/app`. */
  readonly address: string;
  readonly loginUrl: string;
  readonly redirectUrl: string;
  readonly logoutUrl: string;
  readonly jwtSigningSecret: SecretRef;
  readonly claimsVersion: 1 | 2;

  constructor(scope: PackageNode, props: MarketingCloudAppProps) {
    super(scope, freeChildId(scope, 'app'));
    this.package = scope;
    this.address = `${scope.address}/app`;
    this.loginUrl = props.loginUrl;
    this.redirectUrl = props.redirectUrl;
    this.logoutUrl = props.logoutUrl;
    this.jwtSigningSecret = props.jwtSigningSecret ?? { env: defaultSecretEnv(this.address, 'jwt-signing-secret') };
    this.claimsVersion = props.claimsVersion ?? DEFAULTS['marketing-cloud-app'].claimsVersion;
    this.node.addValidation({ validate: () => this.validationIssues().map(formatIssue) });
  }

  validationIssues(): ValidationIssue[] {
    return toIssues(
      this.address,
      validateMarketingCloudApp({
        loginUrl: this.loginUrl,
        redirectUrl: this.redirectUrl,
        logoutUrl: this.logoutUrl,
        jwtSigningSecret: this.jwtSigningSecret,
        defaultJwtSigningSecretEnv: defaultSecretEnv(this.address, 'jwt-signing-secret'),
        claimsVersion: this.claimsVersion,
      }),
    );
  }
}
