/**
 * @module
 * The links from a construct to its parent, as interfaces: an integration reads its package, a
 * package its tenant, a tenant and the Constant Contact constructs their app. Parents import their
 * children (to create and list them); children know their parents only through these, so the
 * construct modules never import each other both ways.
 */
import type { IConstruct } from 'constructs';
import type { RotationPolicy } from '../rotation.js';

/** What a tenant and the Constant Contact constructs read of their app. */
export interface AppNode extends IConstruct {
  /** The app-wide rotation policy, inherited by every secret-bearing integration without its own. */
  readonly rotation: RotationPolicy | undefined;
  /** The tenants, in declaration order. */
  tenants(): readonly TenantNode[];
}

/** What a package reads of its tenant (and a tenant of its siblings). */
export interface TenantNode extends IConstruct {
  readonly app: AppNode;
  readonly name: string;
  /** The resource address: the tenant name. */
  readonly address: string;
  readonly subdomain: string;
  /** The enterprise MID. */
  readonly enterpriseMid: number;
  /** Every MID of the tenant, in tree order. */
  mids(): number[];
  /** The installed packages, in declaration order. */
  packages(): readonly PackageNode[];
}

/** What an integration or an app reads of its package (and a package of its siblings). */
export interface PackageNode extends IConstruct {
  readonly tenant: TenantNode;
  readonly name: string;
  /** The resource address, `<tenant>/<name>`. */
  readonly address: string;
}
