/**
 * @module
 * Installed-package rules: name, source business unit, and at most one API integration and one
 * Marketing Cloud App per package.
 */
import { type NamedSubject, nameRules } from './name-rules.js';
import { type Finding, type Rule, runRules } from './rule.js';

/** Everything the package rules look at. */
export interface InstalledPackageSubject extends NamedSubject {
  readonly tenantName: string;
  /** Every MID of the tenant; `null` when it is not known (the package checked alone): `sourceMid` is then checked by the target. */
  readonly tenantMids: readonly number[] | null;
  readonly sourceMid: number;
  readonly apiIntegrationCount: number;
  readonly appCount: number;
}

const packageRules: readonly Rule<InstalledPackageSubject>[] = [
  {
    code: 'ERR_BU_UNKNOWN',
    field: 'sourceMid',
    when: (p) => p.tenantMids !== null && !p.tenantMids.includes(p.sourceMid),
    message: (p) =>
      `sourceMid ${String(p.sourceMid)} is not a business unit of tenant '${p.tenantName}' (its MIDs: ${(p.tenantMids ?? []).join(', ')}): use one of them, or omit sourceMid to use the enterprise business unit`,
  },
  {
    code: 'ERR_COMPONENT_DUPLICATE',
    field: 'apiIntegration',
    when: (p) => p.apiIntegrationCount > 1,
    message: (p) =>
      `package '${p.name}' has ${p.apiIntegrationCount} API integrations, and Marketing Cloud allows one per package: keep one and move the others to their own InstalledPackage`,
  },
  {
    code: 'ERR_COMPONENT_DUPLICATE',
    field: 'app',
    when: (p) => p.appCount > 1,
    message: (p) =>
      `package '${p.name}' has ${p.appCount} Marketing Cloud Apps, and Marketing Cloud allows one per package: keep one and move the others to their own InstalledPackage`,
  },
];

/** Every failure of an installed package. */
export function validateInstalledPackage(pkg: InstalledPackageSubject): Finding[] {
  return [...runRules(nameRules, pkg), ...runRules(packageRules, pkg)];
}
