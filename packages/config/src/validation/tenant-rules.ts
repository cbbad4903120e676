/**
 * @module
 * Tenant rules: name, subdomain, stack key and the business-unit tree.
 */
import { STACK_KEY_PATTERN, SUBDOMAIN_PATTERN } from '../naming.js';
import { type NamedSubject, nameRules } from './name-rules.js';
import { type Finding, type Rule, runRules } from './rule.js';

/** A business unit of the tree, flattened, with the field it was declared at. */
export interface FlatBusinessUnit {
  readonly mid: number;
  readonly name: string;
  readonly parentMid: number | null;
  /** e.g. `enterprise`, `enterprise.children[1]`. */
  readonly field: string;
}

/** Everything the tenant rules look at. */
export interface TenantSubject extends NamedSubject {
  readonly subdomain: string;
  /** Subdomains of every tenant of the app, in declaration order. */
  readonly siblingSubdomains: readonly string[];
  readonly stackKey: string;
  readonly businessUnits: readonly FlatBusinessUnit[];
}

interface UnitSubject {
  readonly unit: FlatBusinessUnit;
  readonly index: number;
  readonly all: readonly FlatBusinessUnit[];
}

const tenantRules: readonly Rule<TenantSubject>[] = [
  {
    code: 'ERR_SUBDOMAIN_FORMAT',
    field: 'subdomain',
    when: (t) => !SUBDOMAIN_PATTERN.test(t.subdomain),
    message: (t) =>
      `subdomain '${t.subdomain}' is not a Marketing Cloud tenant subdomain: it has 28 characters, 'mc' then lower-case letters, digits or '-' (it is the first label of https://<subdomain>.auth.marketingcloudapis.com); copy it from the package's Authentication Base URI, or omit it to derive one from the tenant name`,
  },
  {
    code: 'ERR_SUBDOMAIN_DUPLICATE',
    field: 'subdomain',
    when: (t) => t.siblingSubdomains.indexOf(t.subdomain) < t.index,
    message: (t) =>
      `subdomain '${t.subdomain}' is already used by tenant '${t.siblingNames[t.siblingSubdomains.indexOf(t.subdomain)] ?? ''}': each tenant has its own subdomain`,
  },
  {
    code: 'ERR_STACK_KEY_FORMAT',
    field: 'stackKey',
    when: (t) => !STACK_KEY_PATTERN.test(t.stackKey),
    message: (t) =>
      `stackKey '${t.stackKey}' is not a stack key: write 'S' and the stack number, e.g. 'S7' (the number in host names such as auth-s7.exacttargetapis.com)`,
  },
];

const unitRules: readonly Rule<UnitSubject>[] = [
  {
    code: 'ERR_BU_MID',
    field: (u) => `${u.unit.field}.mid`,
    when: (u) => !Number.isSafeInteger(u.unit.mid) || u.unit.mid <= 0,
    message: (u) =>
      `MID ${String(u.unit.mid)} is not valid: a MID is a positive whole number, as shown in Setup → Business Units`,
  },
  {
    code: 'ERR_BU_NAME',
    field: (u) => `${u.unit.field}.name`,
    when: (u) => typeof u.unit.name !== 'string' || u.unit.name.trim() === '',
    message: (u) => `business unit ${String(u.unit.mid)} has no name: give it the name shown in Setup → Business Units`,
  },
  {
    code: 'ERR_BU_MID_DUPLICATE',
    field: (u) => `${u.unit.field}.mid`,
    when: (u) => u.all.findIndex((other) => other.mid === u.unit.mid) < u.index,
    message: (u) => {
      const first = u.all.find((other) => other.mid === u.unit.mid);
      return `MID ${u.unit.mid} is already used by business unit '${first?.name ?? ''}' (${first?.field ?? ''}): every business unit has its own MID`;
    },
  },
  {
    code: 'ERR_BU_NAME_DUPLICATE',
    field: (u) => `${u.unit.field}.name`,
    when: (u) => u.all.findIndex((other) => sameName(other.name, u.unit.name)) < u.index,
    message: (u) => {
      const first = u.all.find((other) => sameName(other.name, u.unit.name));
      return `business unit name '${u.unit.name}' is already used by MID ${first?.mid ?? ''} (${first?.field ?? ''}): business unit names are unique within a tenant, rename one`;
    },
  },
];

function sameName(a: string, b: string): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Every failure of a tenant. */
export function validateTenant(tenant: TenantSubject): Finding[] {
  const units = tenant.businessUnits;
  return [
    ...runRules(nameRules, tenant),
    ...runRules(tenantRules, tenant),
    ...units.flatMap((unit, index) => runRules(unitRules, { unit, index, all: units })),
  ];
}
