/**
 * @module
 * `ConstantContactApplication`: a Constant Contact v3 application (an API key with its OAuth
 * settings). Its address is `ctct/apps/<name>`.
 */
import { Construct } from 'constructs';
import { freeChildId, GRANTFORM_KIND, kindOf } from '../constructs/guards.js';
import type { AppNode } from '../constructs/nodes.js';
import { DEFAULTS, defaultPkce } from '../defaults.js';
import type { SecretRef } from '../manifest.js';
import { defaultSecretEnv } from '../naming.js';
import type { RotationPolicy } from '../rotation.js';
import { formatIssue } from '../validation/format.js';
import { rotationNotApplicableRule, rotationRules } from '../validation/rotation-rules.js';
import { runRules, toIssues, type ValidationIssue } from '../validation/rule.js';
import type { CtctApplicationType, CtctRefreshTokenMode } from './manifest.js';
import { CTCT_ADDRESS_ROOT, validateCtctApplication } from './rules.js';
import type { CtctScope } from './scopes.js';

export interface ConstantContactApplicationProps {
  /**
   * `confidential`: authorization-code (Basic client auth) and implicit flows, with a client secret.
   * `public`: PKCE and device flows, no secret.
   * @default 'confidential'
   */
  readonly type?: CtctApplicationType;
  /** The API key (= OAuth `client_id`) of an existing application. @default - assigned by the target on create */
  readonly apiKey?: string;
  /**
   * Where the client secret is kept once the target issues it: a name, never the value. Not
   * allowed for a public application.
   * @default - confidential: `{ env: 'GRANTFORM_CTCT_APPS_<NAME>_CLIENT_SECRET' }`; public: none
   */
  readonly clientSecret?: SecretRef;
  /** Exact redirect URIs. At least one for a confidential application. @default [] */
  readonly redirectUris?: readonly string[];
  /** Scopes the application may request; stored sorted and unique. */
  readonly scopes: readonly CtctScope[];
  /** PKCE (S256) on the authorization-code flow. @default - 'required' for public, 'optional' for confidential */
  readonly pkce?: 'optional' | 'required';
  /**
   * `rotating`: every refresh returns a new refresh token and invalidates all earlier ones.
   * `long-lived`: the same refresh token comes back. Either expires after 180 days unused.
   * @default 'rotating'
   */
  readonly refreshTokens?: CtctRefreshTokenMode;
  /**
   * Rotate the client secret once it is `maxAgeDays` old. Not allowed for a public application.
   * @default - the app-wide policy (`new GrantformApp({ rotation })`), else none
   */
  readonly rotation?: RotationPolicy;
}

/** Every Constant Contact application of `app`, in declaration order. */
export function ctctApplications(app: AppNode): ConstantContactApplication[] {
  return app.node.children.filter((c): c is ConstantContactApplication => kindOf(c) === 'ctct-application');
}

/**
 * A Constant Contact v3 application; its address is `ctct/apps/<name>`.
 * @example
 * const newsletter = new ConstantContactApplication(app, 'newsletter', {
 *   scopes: ['account_read', 'contact_data', 'offline_access'],
 *   redirectUris: ['https://app.example.com/ctct/callback'],
 * });
 */
export class ConstantContactApplication extends Construct {
  /** Whether `x` is a ConstantContactApplication, from any copy of this package. */
  static isConstantContactApplication(x: unknown): x is ConstantContactApplication {
    return kindOf(x) === 'ctct-application';
  }

  readonly [GRANTFORM_KIND] = 'ctct-application' as const;
  readonly app: AppNode;
  readonly name: string;
  /** The resource address, `ctct/apps/<name>`. */
  readonly address: string;
  readonly type: CtctApplicationType;
  readonly apiKey: string | undefined;
  /** The resolved secret reference; `null` for a public application. */
  readonly clientSecret: SecretRef | null;
  readonly redirectUris: readonly string[];
  readonly scopes: readonly CtctScope[];
  readonly pkce: 'optional' | 'required';
  readonly refreshTokens: CtctRefreshTokenMode;
  /** The rotation policy given to this application (not the app-wide one). */
  readonly ownRotation: RotationPolicy | undefined;
  private readonly clientSecretGiven: boolean;

  constructor(scope: AppNode, name: string, props: ConstantContactApplicationProps) {
    super(scope, freeChildId(scope, `${CTCT_ADDRESS_ROOT}/apps/${name}`));
    this.app = scope;
    this.name = name;
    this.address = `${CTCT_ADDRESS_ROOT}/apps/${name}`;
    this.type = props.type ?? DEFAULTS['ctct-application'].type;
    this.apiKey = props.apiKey;
    this.clientSecretGiven = props.clientSecret !== undefined;
    this.clientSecret =
      props.clientSecret ?? (this.type === 'public' ? null : { env: defaultSecretEnv(this.address, 'client-secret') });
    this.redirectUris = props.redirectUris ?? DEFAULTS['ctct-application'].redirectUris;
    this.scopes = props.scopes ?? [];
    this.pkce = props.pkce ?? defaultPkce(this.type);
    this.refreshTokens = props.refreshTokens ?? DEFAULTS['ctct-application'].refreshTokens;
    this.ownRotation = props.rotation;
    this.node.addValidation({ validate: () => this.validationIssues().map(formatIssue) });
  }

  /** The policy the client secret is rotated by: its own, else the app-wide one; none without a secret. */
  get rotation(): RotationPolicy | undefined {
    return this.clientSecret === null ? undefined : (this.ownRotation ?? this.app.rotation);
  }

  validationIssues(): ValidationIssue[] {
    const siblings = ctctApplications(this.app);
    const rotation =
      this.ownRotation === undefined
        ? []
        : this.type === 'public'
          ? runRules([rotationNotApplicableRule], { noSecret: 'a public application' })
          : runRules(rotationRules, { policy: this.ownRotation, lifetimeDays: null, expiring: '' });
    return toIssues(this.address, [
      ...validateCtctApplication({
        name: this.name,
        index: siblings.indexOf(this),
        siblingNames: siblings.map((a) => a.name),
        kindLabel: 'Constant Contact application',
        scopeLabel: 'the app',
        type: this.type,
        apiKey: this.apiKey,
        siblingApiKeys: siblings.map((a) => a.apiKey),
        scopes: this.scopes,
        redirectUris: this.redirectUris,
        clientSecretGiven: this.clientSecretGiven,
        clientSecret: this.clientSecret,
        defaultClientSecretEnv: defaultSecretEnv(this.address, 'client-secret'),
        pkce: this.pkce,
        refreshTokens: this.refreshTokens,
        reservedNameTaken: this.app.tenants().some((t) => t.name === CTCT_ADDRESS_ROOT),
      }),
      ...rotation,
    ]);
  }
}
