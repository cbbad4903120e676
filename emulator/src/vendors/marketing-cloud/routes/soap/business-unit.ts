/**
 * @module
 * `Retrieve` of `BusinessUnit` from the tenant's tree. Without `QueryAllAccounts` a token sees only its
 * own BU; with it, its BU and every descendant (the token never reaches a parent or a sibling).
 * Filters: `SimpleFilterPart` (equals, notEquals, greaterThan[OrEqual], lessThan[OrEqual], like, IN,
 * isNull, isNotNull) and `ComplexFilterPart` (AND/OR) over the supported properties.
 */
import type { BusinessUnitRecord, TenantRecord } from '../../store/records.js';
import { asNode, asText, type XmlNode, type XmlValue } from './envelope.js';

type Row = Record<string, string>;

const PROPERTIES = [
  'ID',
  'Name',
  'ParentID',
  'ParentName',
  'IsActive',
  'CustomerKey',
  'AccountType',
  'Description',
  'ObjectID',
  'PartnerKey',
  'Client',
  'Client.ID',
  'Client.EnterpriseID',
] as const;
export const BUSINESS_UNIT_PROPERTIES: ReadonlySet<string> = new Set(PROPERTIES);

function row(tenant: TenantRecord, bu: BusinessUnitRecord): Row {
  const parent = tenant.businessUnits.find((b) => b.mid === bu.parentMid);
  return {
    ID: String(bu.mid),
    Name: bu.name,
    ParentID: bu.parentMid === null ? '0' : String(bu.parentMid),
    ParentName: parent?.name ?? '',
    IsActive: 'true',
    CustomerKey: String(bu.mid),
    AccountType: bu.mid === tenant.enterpriseMid ? 'ENTERPRISE_2' : 'BUSINESS_UNIT',
    Description: '',
    ObjectID: '',
    PartnerKey: '',
    'Client.ID': String(bu.mid),
    'Client.EnterpriseID': String(tenant.enterpriseMid),
  };
}

/** The BUs a token for `mid` may see. */
export function visibleUnits(tenant: TenantRecord, mid: number, queryAllAccounts: boolean): BusinessUnitRecord[] {
  const own = tenant.businessUnits.find((b) => b.mid === mid);
  if (!own) return [];
  if (!queryAllAccounts) return [own];
  const out: BusinessUnitRecord[] = [];
  const walk = (m: number) => {
    for (const b of tenant.businessUnits) {
      if (b.mid === m || b.parentMid !== m) continue;
      out.push(b);
      walk(b.mid);
    }
  };
  out.push(own);
  walk(mid);
  return out;
}

const values = (v: XmlValue): string[] =>
  (Array.isArray(v) ? v : [v]).map((x) => asText(x) ?? '').filter((x) => x !== undefined);

/** Throws `Error` with the vendor-ish message for unsupported filters. */
export function matches(filter: XmlNode, r: Row): boolean {
  if ('LeftOperand' in filter) {
    const left = asNode(filter.LeftOperand);
    const right = asNode(filter.RightOperand);
    const op = (asText(filter.LogicalOperator) ?? '').toUpperCase();
    if (!left || !right || (op !== 'AND' && op !== 'OR')) throw new Error('Invalid ComplexFilterPart.');
    return op === 'AND' ? matches(left, r) && matches(right, r) : matches(left, r) || matches(right, r);
  }
  const property = asText(filter.Property) ?? '';
  if (!(property in r)) throw new Error(`The filter property ${property} is not a retrievable BusinessUnit property.`);
  const actual = r[property] ?? '';
  const op = asText(filter.SimpleOperator) ?? '';
  const vals = values(filter.Value);
  const value = vals[0] ?? '';
  const num = (s: string) => (s.trim() !== '' && !Number.isNaN(Number(s)) ? Number(s) : s);
  const cmp = (a: string, b: string) => {
    const x = num(a);
    const y = num(b);
    return typeof x === 'number' && typeof y === 'number' ? x - y : a.localeCompare(b);
  };
  switch (op) {
    case 'equals':
      return actual.toLowerCase() === value.toLowerCase();
    case 'notEquals':
      return actual.toLowerCase() !== value.toLowerCase();
    case 'greaterThan':
      return cmp(actual, value) > 0;
    case 'greaterThanOrEqual':
      return cmp(actual, value) >= 0;
    case 'lessThan':
      return cmp(actual, value) < 0;
    case 'lessThanOrEqual':
      return cmp(actual, value) <= 0;
    case 'IN':
      return vals.some((v) => v.toLowerCase() === actual.toLowerCase());
    case 'like': {
      const re = new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*')}$`, 'i');
      return re.test(actual);
    }
    case 'isNull':
      return actual === '';
    case 'isNotNull':
      return actual !== '';
    default:
      throw new Error(`The filter operator ${op} is not supported.`);
  }
}

/** Builds one `Results` element with the requested properties, in the requested order. */
export function resultNode(tenant: TenantRecord, bu: BusinessUnitRecord, properties: readonly string[]): XmlNode {
  const r = row(tenant, bu);
  const node: XmlNode = { '@_xsi:type': 'BusinessUnit' };
  const client: XmlNode = {};
  for (const p of properties) {
    if (p === 'Client') {
      client.ID = r['Client.ID'];
    } else if (p.startsWith('Client.')) {
      client[p.slice(7)] = r[p];
    } else {
      node[p] = r[p];
    }
  }
  if (Object.keys(client).length > 0) node.Client = client;
  return node;
}

export { row as businessUnitRow };
