/**
 * @module
 * An installed package: the container of an API integration and a Marketing Cloud App.
 */
import { Construct } from 'constructs';
import { DEFAULTS } from '../defaults.js';
import { formatIssue } from '../validation/format.js';
import { validateInstalledPackage } from '../validation/package-rules.js';
import { toIssues, type ValidationIssue } from '../validation/rule.js';
import { ApiIntegration, type ApiIntegrationProps } from './api-integration.js';
import { freeChildId, GRANTFORM_KIND, kindOf } from './guards.js';
import { MarketingCloudApp, type MarketingCloudAppProps } from './marketing-cloud-app.js';
import type { PackageNode, TenantNode } from './nodes.js';

export interface InstalledPackageProps {
  /** The package description shown in Setup → Installed Packages. @default '' */
  readonly description?: string;
  /**
   * A legacy package (created before 1 Aug 2019: `v1/requestToken`, per-BU credentials).
   * @default false - an enhanced (OAuth 2.0) package
   */
  readonly legacy?: boolean;
  /** MID of the business unit that creates the package. @default - the tenant's enterprise MID */
  readonly sourceMid?: number;
}

/**
 * An installed package. Its address is `<tenant>/<name>`, e.g. `acme/crm-sync`. It holds at most
 * one {@link ApiIntegration} (`<address>/api`) and one {@link MarketingCloudApp} (`<address>/app`).
 * @example
 * const crmSync = new InstalledPackage(acme, 'crm-sync', { description: 'Nightly CRM sync' });
 */
export class InstalledPackage extends Construct implements PackageNode {
  /** Whether `x` is an InstalledPackage, from any copy of this package. */
  static isInstalledPackage(x: unknown): x is InstalledPackage {
    return kindOf(x) === 'installed-package';
  }

  readonly [GRANTFORM_KIND] = 'installed-package' as const;
  readonly tenant: TenantNode;
  readonly name: string;
  /** The resource address, `<tenant>/<name>`. */
  readonly address: string;
  readonly description: string;
  readonly legacy: boolean;
  readonly sourceMid: number;

  constructor(scope: TenantNode, name: string, props: InstalledPackageProps = {}) {
    super(scope, freeChildId(scope, name));
    this.tenant = scope;
    this.name = name;
    this.address = `${scope.address}/${name}`;
    this.description = props.description ?? DEFAULTS['installed-package'].description;
    this.legacy = props.legacy ?? DEFAULTS['installed-package'].legacy;
    this.sourceMid = props.sourceMid ?? scope.enterpriseMid;
    this.node.addValidation({ validate: () => this.validationIssues().map(formatIssue) });
  }

  /** Adds the API integration; the same as `new ApiIntegration(pkg, props)`. */
  addApiIntegration(props: ApiIntegrationProps): ApiIntegration {
    return new ApiIntegration(this, props);
  }

  /** Adds the Marketing Cloud App; the same as `new MarketingCloudApp(pkg, props)`. */
  addApp(props: MarketingCloudAppProps): MarketingCloudApp {
    return new MarketingCloudApp(this, props);
  }

  /** The API integrations (valid configurations have at most one). */
  apiIntegrations(): ApiIntegration[] {
    return this.node.children.filter((c): c is ApiIntegration => kindOf(c) === 'api-integration');
  }

  /** The Marketing Cloud Apps (valid configurations have at most one). */
  apps(): MarketingCloudApp[] {
    return this.node.children.filter((c): c is MarketingCloudApp => kindOf(c) === 'marketing-cloud-app');
  }

  validationIssues(): ValidationIssue[] {
    const siblings = this.tenant.packages();
    return toIssues(
      this.address,
      validateInstalledPackage({
        name: this.name,
        index: siblings.indexOf(this),
        siblingNames: siblings.map((p) => p.name),
        kindLabel: 'package',
        scopeLabel: `tenant '${this.tenant.name}'`,
        tenantName: this.tenant.name,
        tenantMids: this.tenant.mids(),
        sourceMid: this.sourceMid,
        apiIntegrationCount: this.apiIntegrations().length,
        appCount: this.apps().length,
      }),
    );
  }
}
