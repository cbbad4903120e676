/**
 * @module
 * `ConstantContactPartner` (a technology partner: partner credentials and its application) and
 * `ConstantContactClientAccount` (a client account the partner created, managed or not).
 * Addresses: `ctct/partners/<name>` and `ctct/partners/<name>/accounts/<account>`.
 */
import { Construct } from 'constructs';
import { freeChildId, GRANTFORM_KIND, kindOf } from '../constructs/guards.js';
import type { AppNode } from '../constructs/nodes.js';
import { DEFAULTS } from '../defaults.js';
import type { SecretRef } from '../manifest.js';
import { defaultPartnerSecretEnv } from '../naming.js';
import type { RotationPolicy } from '../rotation.js';
import { formatIssue } from '../validation/format.js';
import { rotationRules } from '../validation/rotation-rules.js';
import { runRules, toIssues, type ValidationIssue } from '../validation/rule.js';
import { type ConstantContactApplication, ctctApplications } from './application.js';
import { CTCT_ADDRESS_ROOT, validateCtctClientAccount, validateCtctPartner } from './rules.js';

export { defaultPartnerSecretEnv } from '../naming.js';

export interface ConstantContactPartnerProps {
  /** The partner's application: its API key is sent as `x-api-key` on partner calls. */
  readonly application: ConstantContactApplication;
  /** The `partner_client_id` API Support issued. @default - assigned by the target on create */
  readonly partnerClientId?: string;
  /**
   * Where the `partner_secret` is kept: a name, never the value.
   * @default - `{ env: 'GRANTFORM_CTCT_PARTNERS_<NAME>_PARTNER_SECRET' }`
   */
  readonly partnerSecret?: SecretRef;
  /**
   * Rotate the partner secret once it is `maxAgeDays` old.
   * @default - the app-wide policy (`new GrantformApp({ rotation })`), else none
   */
  readonly rotation?: RotationPolicy;
}

export interface ConstantContactClientAccountProps {
  /** Managed accounts accept `account_operations/sync` calls from their partner. @default true */
  readonly managed?: boolean;
  /** The owner's login name, 6–50 characters, unique across every account. */
  readonly loginName: string;
  readonly contactEmail: string;
  /** @default - the account name */
  readonly organizationName?: string;
  /** ISO 3166-1 alpha-2. @default 'US' */
  readonly countryCode?: string;
  /** Required (two letters) for US and CA. @default '' */
  readonly stateCode?: string;
  /** @default '' */
  readonly firstName?: string;
  /** @default '' */
  readonly lastName?: string;
}

/** Every Constant Contact partner of `app`, in declaration order. */
export function ctctPartners(app: AppNode): ConstantContactPartner[] {
  return app.node.children.filter((c): c is ConstantContactPartner => kindOf(c) === 'ctct-partner');
}

/**
 * A Constant Contact technology partner; its address is `ctct/partners/<name>`.
 * @example
 * const agency = new ConstantContactPartner(app, 'agency', { application: partnerApp });
 * agency.addClientAccount('bakery', { loginName: 'bakery_owner', contactEmail: 'owner@bakery.example', stateCode: 'MA' });
 */
export class ConstantContactPartner extends Construct {
  /** Whether `x` is a ConstantContactPartner, from any copy of this package. */
  static isConstantContactPartner(x: unknown): x is ConstantContactPartner {
    return kindOf(x) === 'ctct-partner';
  }

  readonly [GRANTFORM_KIND] = 'ctct-partner' as const;
  readonly app: AppNode;
  readonly name: string;
  /** The resource address, `ctct/partners/<name>`. */
  readonly address: string;
  readonly application: ConstantContactApplication;
  readonly partnerClientId: string | undefined;
  readonly partnerSecret: SecretRef;
  /** The rotation policy given to this partner (not the app-wide one). */
  readonly ownRotation: RotationPolicy | undefined;

  constructor(scope: AppNode, name: string, props: ConstantContactPartnerProps) {
    super(scope, freeChildId(scope, `${CTCT_ADDRESS_ROOT}/partners/${name}`));
    this.app = scope;
    this.name = name;
    this.address = `${CTCT_ADDRESS_ROOT}/partners/${name}`;
    this.application = props.application;
    this.partnerClientId = props.partnerClientId;
    this.partnerSecret = props.partnerSecret ?? { env: defaultPartnerSecretEnv(this.address) };
    this.ownRotation = props.rotation;
    this.node.addValidation({ validate: () => this.validationIssues().map(formatIssue) });
  }

  /** Adds a client account; the same as `new ConstantContactClientAccount(partner, name, props)`. */
  addClientAccount(name: string, props: ConstantContactClientAccountProps): ConstantContactClientAccount {
    return new ConstantContactClientAccount(this, name, props);
  }

  /** The client accounts, in declaration order. */
  clientAccounts(): ConstantContactClientAccount[] {
    return this.node.children.filter((c): c is ConstantContactClientAccount => kindOf(c) === 'ctct-client-account');
  }

  /** The policy the partner secret is rotated by: its own, else the app-wide one. */
  get rotation(): RotationPolicy | undefined {
    return this.ownRotation ?? this.app.rotation;
  }

  validationIssues(): ValidationIssue[] {
    const siblings = ctctPartners(this.app);
    const index = siblings.indexOf(this);
    const known = ctctApplications(this.app).includes(this.application);
    return toIssues(this.address, [
      ...validateCtctPartner({
        name: this.name,
        index,
        siblingNames: siblings.map((p) => p.name),
        kindLabel: 'Constant Contact partner',
        scopeLabel: 'the app',
        applicationAddress: known ? this.application.address : undefined,
        sharedWith: known
          ? siblings
              .slice(0, Math.max(index, 0))
              .filter((p) => p.application === this.application)
              .map((p) => p.name)
          : [],
        partnerClientId: this.partnerClientId,
        partnerSecret: this.partnerSecret,
        defaultPartnerSecretEnv: defaultPartnerSecretEnv(this.address),
        reservedNameTaken: this.app.tenants().some((t) => t.name === CTCT_ADDRESS_ROOT),
      }),
      ...(this.ownRotation === undefined
        ? []
        : runRules(rotationRules, { policy: this.ownRotation, lifetimeDays: null, expiring: '' })),
    ]);
  }
}

/**
 * A client account of a partner; its address is `ctct/partners/<partner>/accounts/<name>`.
 * @example
 * new ConstantContactClientAccount(agency, 'bakery', { loginName: 'bakery_owner', contactEmail: 'owner@bakery.example', stateCode: 'MA' });
 */
export class ConstantContactClientAccount extends Construct {
  /** Whether `x` is a ConstantContactClientAccount, from any copy of this package. */
  static isConstantContactClientAccount(x: unknown): x is ConstantContactClientAccount {
    return kindOf(x) === 'ctct-client-account';
  }

  readonly [GRANTFORM_KIND] = 'ctct-client-account' as const;
  readonly partner: ConstantContactPartner;
  readonly name: string;
  /** The resource address, `<partner>/accounts/<name>`. */
  readonly address: string;
  readonly managed: boolean;
  readonly loginName: string;
  readonly contactEmail: string;
  readonly organizationName: string;
  readonly countryCode: string;
  readonly stateCode: string;
  readonly firstName: string;
  readonly lastName: string;

  constructor(scope: ConstantContactPartner, name: string, props: ConstantContactClientAccountProps) {
    super(scope, freeChildId(scope, `accounts/${name}`));
    this.partner = scope;
    this.name = name;
    this.address = `${scope.address}/accounts/${name}`;
    const d = DEFAULTS['ctct-client-account'];
    this.managed = props.managed ?? d.managed;
    this.loginName = props.loginName;
    this.contactEmail = props.contactEmail;
    this.organizationName = props.organizationName ?? name;
    this.countryCode = props.countryCode ?? d.countryCode;
    this.stateCode = props.stateCode ?? d.stateCode;
    this.firstName = props.firstName ?? d.firstName;
    this.lastName = props.lastName ?? d.lastName;
    this.node.addValidation({ validate: () => this.validationIssues().map(formatIssue) });
  }

  validationIssues(): ValidationIssue[] {
    const siblings = this.partner.clientAccounts();
    const everyAccount = ctctPartners(this.partner.app).flatMap((p) => p.clientAccounts());
    const login = this.loginName.toLowerCase();
    const first = everyAccount.find((a) => a.loginName.toLowerCase() === login);
    return toIssues(
      this.address,
      validateCtctClientAccount({
        name: this.name,
        index: siblings.indexOf(this),
        siblingNames: siblings.map((a) => a.name),
        kindLabel: 'client account',
        scopeLabel: `partner '${this.partner.name}'`,
        loginName: this.loginName,
        loginNameTakenBy: first === undefined || first === this ? undefined : first.address,
        contactEmail: this.contactEmail,
        countryCode: this.countryCode,
        stateCode: this.stateCode,
      }),
    );
  }
}
