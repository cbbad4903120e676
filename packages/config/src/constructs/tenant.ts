/**
 * @module
 * A Marketing Cloud tenant: its subdomain, stack and business-unit tree.
 */
import { Construct } from 'constructs';
import { DEFAULTS } from '../defaults.js';
import { deriveSubdomain } from '../naming.js';
import { formatIssue } from '../validation/format.js';
import { toIssues, type ValidationIssue } from '../validation/rule.js';
import { type FlatBusinessUnit, validateTenant } from '../validation/tenant-rules.js';
import { freeChildId, GRANTFORM_KIND, kindOf } from './guards.js';
import { InstalledPackage, type InstalledPackageProps } from './installed-package.js';
import type { AppNode, TenantNode } from './nodes.js';

/** A business unit and, nested, the business units under it. */
export interface BusinessUnitProps {
  /** The MID (member ID) shown in Setup → Business Units. */
  readonly mid: number;
  /** The name shown in Setup → Business Units; unique within the tenant. */
  readonly name: string;
  /** Business units under this one. @default [] */
  readonly children?: readonly BusinessUnitProps[];
}

export interface TenantProps {
  /**
   * The tenant subdomain: 28 characters starting with `mc`, the first label of
   * `https://<subdomain>.auth.marketingcloudapis.com`.
   * @default - derived from the tenant name: `mc` + 26 base-36 characters of a sha256 of the name
   */
  readonly subdomain?: string;
  /** The stack the tenant runs on, e.g. `S7`. @default 'S7' */
  readonly stackKey?: string;
  /** The enterprise (parent) business unit, with its child business units nested in `children`. */
  readonly enterprise: BusinessUnitProps;
}

/**
 * A tenant (a Marketing Cloud account). Its address is its name, e.g. `acme`.
 * @example
 * new Tenant(app, 'acme', {
 *   enterprise: { mid: 100, name: 'Acme', children: [{ mid: 101, name: 'Acme US' }] },
 * });
 */
export class Tenant extends Construct implements TenantNode {
  /** Whether `x` is a Tenant, from any copy of this package. */
  static isTenant(x: unknown): x is Tenant {
    return kindOf(x) === 'tenant';
  }

  readonly [GRANTFORM_KIND] = 'tenant' as const;
  readonly app: AppNode;
  readonly name: string;
  /** The resource address: the tenant name. */
  readonly address: string;
  readonly subdomain: string;
  readonly stackKey: string;
  readonly enterprise: BusinessUnitProps;

  constructor(scope: AppNode, name: string, props: TenantProps) {
    super(scope, freeChildId(scope, name));
    this.app = scope;
    this.name = name;
    this.address = name;
    this.subdomain = props.subdomain ?? deriveSubdomain(name);
    this.stackKey = props.stackKey ?? DEFAULTS.tenant.stackKey;
    this.enterprise = props.enterprise;
    this.node.addValidation({ validate: () => this.validationIssues().map(formatIssue) });
  }

  /** The enterprise MID. */
  get enterpriseMid(): number {
    return this.enterprise.mid;
  }

  /** Adds an installed package; the same as `new InstalledPackage(tenant, name, props)`. */
  addPackage(name: string, props: InstalledPackageProps = {}): InstalledPackage {
    return new InstalledPackage(this, name, props);
  }

  /** The installed packages, in declaration order. */
  packages(): InstalledPackage[] {
    return this.node.children.filter((c): c is InstalledPackage => kindOf(c) === 'installed-package');
  }

  /** Every business unit of the tree, depth first, with the field it was declared at. */
  businessUnits(): FlatBusinessUnit[] {
    const flat: FlatBusinessUnit[] = [];
    const visit = (unit: BusinessUnitProps, parentMid: number | null, field: string) => {
      flat.push({ mid: unit.mid, name: unit.name, parentMid, field });
      (unit.children ?? []).forEach((child, i) => {
        visit(child, unit.mid, `${field}.children[${i}]`);
      });
    };
    visit(this.enterprise, null, 'enterprise');
    return flat;
  }

  /** Every MID of the tenant, in tree order. */
  mids(): number[] {
    return this.businessUnits().map((u) => u.mid);
  }

  validationIssues(): ValidationIssue[] {
    const siblings = this.app.tenants();
    return toIssues(
      this.address,
      validateTenant({
        name: this.name,
        index: siblings.indexOf(this),
        siblingNames: siblings.map((t) => t.name),
        kindLabel: 'tenant',
        scopeLabel: 'the app',
        subdomain: this.subdomain,
        siblingSubdomains: siblings.map((t) => t.subdomain),
        stackKey: this.stackKey,
        businessUnits: this.businessUnits(),
      }),
    );
  }
}
