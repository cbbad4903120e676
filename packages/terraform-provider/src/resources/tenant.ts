/**
 * @module
 * `grantform_tenant`: a Marketing Cloud tenant (engine kind `tenant`), its enterprise business unit
 * and the business units under it. Its id is its subdomain (derived from the name unless given, as
 * in `@grantform/config`), so packages know it at plan time.
 */
import { DEFAULTS, deriveSubdomain, validateTenant } from '@grantform/config/rules';
import type { JsonObject } from '@grantform/engine';
import { attr, type Schema, type StateValues, types } from '@grantform/terraform-plugin';
import { assigned, fromDescriptor } from '../descriptors.js';
import { type KindBinding, kindResource } from '../kind-resource.js';
import { known } from '../rules.js';
import { endpoints, num, str } from '../values.js';

const KIND = 'tenant';

const businessUnit = {
  attributes: {
    mid: attr.number({ required: true, description: 'The MID shown in Setup → Business Units.' }),
    name: attr.string({ required: true, description: 'Its name, unique within the tenant.' }),
    parent_mid: attr.number({ optional: true, description: 'The business unit above it. Default: the enterprise.' }),
  },
} satisfies Schema;

export const tenantSchema = {
  description: 'A Marketing Cloud tenant: its subdomain, stack and business-unit tree.',
  attributes: {
    id: assigned(KIND, 'id', attr.string({ computed: true, description: 'The tenant subdomain.' })),
    name: fromDescriptor(
      KIND,
      'name',
      attr.string({ required: true, description: 'The tenant name (its grantform address).' }),
    ),
    subdomain: fromDescriptor(
      KIND,
      'subdomain',
      attr.string({
        optional: true,
        computed: true,
        description:
          'The 28-character subdomain of https://<subdomain>.auth.marketingcloudapis.com. Default: derived from the name. Changing it replaces the tenant.',
      }),
    ),
    stack_key: fromDescriptor(
      KIND,
      'stackKey',
      attr.string({
        optional: true,
        computed: true,
        default: DEFAULTS.tenant.stackKey,
        description: 'The stack, e.g. S7.',
      }),
    ),
    enterprise: fromDescriptor(
      KIND,
      'enterpriseMid',
      attr.nested(
        'single',
        {
          attributes: {
            mid: attr.number({ required: true, description: 'The enterprise MID.' }),
            name: attr.string({ required: true, description: 'The enterprise business unit name.' }),
          },
        },
        { required: true, description: 'The enterprise (parent) business unit.' },
      ),
    ),
    business_units: fromDescriptor(
      KIND,
      'businessUnits',
      attr.nested('set', businessUnit, {
        optional: true,
        description: 'The business units under the enterprise (a set: order does not matter).',
      }),
    ),
    endpoints: assigned(
      KIND,
      'endpoints',
      attr.map(types.string, { computed: true, description: 'The tenant base URLs: auth, rest, soap.' }),
    ),
  },
} satisfies Schema;

type Tenant = StateValues<typeof tenantSchema>;

interface Unit {
  readonly mid: number;
  readonly name: string;
  readonly parentMid: number | null;
}

function units(v: Pick<Tenant, 'enterprise' | 'business_units'>): Unit[] {
  const e = { mid: num(v.enterprise.mid), name: v.enterprise.name, parentMid: null };
  const children = (v.business_units ?? []).map((b) => ({
    mid: num(b.mid),
    name: b.name,
    parentMid: b.parent_mid === null ? e.mid : num(b.parent_mid),
  }));
  return [e, ...children].sort((a, b) => a.mid - b.mid);
}

export const tenantBinding: KindBinding<typeof tenantSchema> = {
  typeName: 'grantform_tenant',
  kind: KIND,
  schema: tenantSchema,
  fields: {
    name: 'name',
    subdomain: 'subdomain',
    stackKey: 'stack_key',
    enterpriseMid: 'enterprise',
    businessUnits: 'business_units',
    // rule findings name the tree's fields
    enterprise: 'enterprise',
    business_units: 'business_units',
  },
  parentId: () => null,
  spec: (v) => ({
    name: v.name,
    subdomain: v.subdomain ?? deriveSubdomain(v.name),
    stackKey: v.stack_key ?? DEFAULTS.tenant.stackKey,
    enterpriseMid: num(v.enterprise.mid),
    businessUnits: units(v) as unknown as JsonObject[],
  }),
  state: (id, a, base) => {
    const all = (Array.isArray(a.businessUnits) ? a.businessUnits : []) as unknown as Unit[];
    const enterprise = all.find((u) => u.parentMid === null);
    const explicit = (mid: number) => base.business_units?.find((b) => num(b.mid) === mid)?.parent_mid != null;
    const children = all
      .filter((u) => u.parentMid !== null)
      .map((u) => ({
        mid: u.mid,
        name: u.name,
        parent_mid: u.parentMid === enterprise?.mid && !explicit(u.mid) ? null : u.parentMid,
      }));
    return {
      id,
      name: str(a.name, base.name) ?? base.name,
      subdomain: str(a.subdomain, id),
      stack_key: str(a.stackKey, base.stack_key),
      enterprise: {
        mid: typeof a.enterpriseMid === 'number' ? a.enterpriseMid : base.enterprise.mid,
        name: enterprise?.name ?? base.enterprise.name,
      },
      business_units: children.length > 0 ? children : base.business_units === null ? null : [],
      endpoints: endpoints(a.endpoints, base.endpoints),
    };
  },
  rules: (c) => {
    const name = known<string>(c.name);
    const enterprise = known<Tenant['enterprise']>(c.enterprise);
    const children = known<Tenant['business_units']>(c.business_units);
    const subdomain = c.subdomain === null ? null : known<string>(c.subdomain);
    const stackKey = c.stack_key === null ? DEFAULTS.tenant.stackKey : known<string>(c.stack_key);
    if (!name || !enterprise || children === undefined || subdomain === undefined || stackKey === undefined)
      return null;
    const sub = subdomain ?? deriveSubdomain(name);
    return validateTenant({
      name,
      index: 0,
      siblingNames: [name],
      kindLabel: 'tenant',
      scopeLabel: 'the configuration',
      subdomain: sub,
      siblingSubdomains: [sub],
      stackKey,
      businessUnits: [
        { mid: num(enterprise.mid), name: enterprise.name, parentMid: null, field: 'enterprise' },
        ...(children ?? []).map((b) => ({
          mid: num(b.mid),
          name: b.name,
          parentMid: b.parent_mid === null ? num(enterprise.mid) : num(b.parent_mid),
          field: 'business_units',
        })),
      ],
    });
  },
  plan: ({ config, planned, prior }) => {
    // The subdomain (the tenant's id) is derived from the name unless configured: known at plan time.
    const name = known<string>(planned.name);
    const subdomain =
      config.subdomain === null
        ? name === undefined
          ? undefined
          : deriveSubdomain(name)
        : known<string>(planned.subdomain);
    if (subdomain === undefined) return undefined;
    return {
      planned: { ...planned, subdomain, id: subdomain },
      requiresReplace: prior !== null && prior.subdomain !== subdomain ? ['subdomain'] : [],
    };
  },
};

export const tenantResource = kindResource(tenantBinding);
