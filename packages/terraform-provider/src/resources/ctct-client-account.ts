/**
 * @module
 * `grantform_ctct_client_account`: a client account of a Constant Contact partner (engine kind
 * `ctct-client-account`; its id is the `encoded_account_id`). Its login name cannot change in place.
 */
import { DEFAULTS, validateCtctClientAccount } from '@grantform/config/rules';
import { attr, type Schema } from '@grantform/terraform-plugin';
import { assigned, fromDescriptor } from '../descriptors.js';
import { type KindBinding, kindResource } from '../kind-resource.js';
import { known } from '../rules.js';
import { pair, str } from '../values.js';

const KIND = 'ctct-client-account';
const D = DEFAULTS[KIND];

export const ctctClientAccountSchema = {
  description: 'A client account a Constant Contact partner created (managed or not).',
  attributes: {
    id: assigned(KIND, 'id', attr.string({ computed: true, description: 'The encoded_account_id.' })),
    partner_id: fromDescriptor(
      KIND,
      'partner',
      attr.string({ required: true, description: 'Its partner: grantform_ctct_partner.<name>.id.' }),
    ),
    name: fromDescriptor(
      KIND,
      'name',
      attr.string({ required: true, description: 'The account name (its grantform address).' }),
    ),
    managed: fromDescriptor(KIND, 'managed', attr.bool({ optional: true, computed: true, default: D.managed })),
    login_name: fromDescriptor(
      KIND,
      'loginName',
      attr.string({
        required: true,
        description: 'The owner login (6–50 characters). Changing it replaces the account.',
      }),
    ),
    contact_email: fromDescriptor(KIND, 'contactEmail', attr.string({ required: true })),
    organization_name: fromDescriptor(
      KIND,
      'organizationName',
      attr.string({ optional: true, computed: true, description: 'Default: the account name.' }),
    ),
    country_code: fromDescriptor(
      KIND,
      'countryCode',
      attr.string({ optional: true, computed: true, default: D.countryCode }),
    ),
    state_code: fromDescriptor(
      KIND,
      'stateCode',
      attr.string({ optional: true, computed: true, default: D.stateCode }),
    ),
    first_name: fromDescriptor(
      KIND,
      'firstName',
      attr.string({ optional: true, computed: true, default: D.firstName }),
    ),
    last_name: fromDescriptor(KIND, 'lastName', attr.string({ optional: true, computed: true, default: D.lastName })),
  },
} satisfies Schema;

export const ctctClientAccountBinding: KindBinding<typeof ctctClientAccountSchema> = {
  typeName: 'grantform_ctct_client_account',
  kind: KIND,
  schema: ctctClientAccountSchema,
  fields: {
    partner: 'partner_id',
    name: 'name',
    managed: 'managed',
    loginName: 'login_name',
    contactEmail: 'contact_email',
    organizationName: 'organization_name',
    countryCode: 'country_code',
    stateCode: 'state_code',
    firstName: 'first_name',
    lastName: 'last_name',
  },
  parentId: (v) => v.partner_id,
  spec: (v) => ({
    partner: v.partner_id,
    name: v.name,
    managed: v.managed ?? D.managed,
    loginName: v.login_name,
    contactEmail: v.contact_email,
    organizationName: v.organization_name ?? v.name,
    countryCode: v.country_code ?? D.countryCode,
    stateCode: v.state_code ?? D.stateCode,
    firstName: v.first_name ?? D.firstName,
    lastName: v.last_name ?? D.lastName,
  }),
  state: (id, a, base) => ({
    id,
    partner_id: base.partner_id,
    name: str(a.name, base.name) ?? base.name,
    managed: typeof a.managed === 'boolean' ? a.managed : base.managed,
    login_name: str(a.loginName, base.login_name) ?? base.login_name,
    contact_email: str(a.contactEmail, base.contact_email) ?? base.contact_email,
    organization_name: str(a.organizationName, base.organization_name),
    country_code: str(a.countryCode, base.country_code),
    state_code: str(a.stateCode, base.state_code),
    first_name: str(a.firstName, base.first_name),
    last_name: str(a.lastName, base.last_name),
  }),
  rules: (c) => {
    const name = known<string>(c.name);
    const loginName = known<string>(c.login_name);
    const contactEmail = known<string>(c.contact_email);
    const countryCode = c.country_code === null ? D.countryCode : known<string>(c.country_code);
    const stateCode = c.state_code === null ? D.stateCode : known<string>(c.state_code);
    if (!name || !loginName || !contactEmail || countryCode === undefined || stateCode === undefined) return null;
    return validateCtctClientAccount({
      name,
      index: 0,
      siblingNames: [name],
      kindLabel: 'client account',
      scopeLabel: 'its partner',
      loginName,
      loginNameTakenBy: undefined,
      contactEmail,
      countryCode,
      stateCode,
    });
  },
  plan: ({ config, planned }) => {
    const name = known<string>(planned.name);
    return config.organization_name === null && name !== undefined
      ? { planned: { ...planned, organization_name: name } }
      : undefined;
  },
  importState: (id) => {
    const parts = pair(id);
    return parts === null
      ? `import a client account as PARTNER_CLIENT_ID/ENCODED_ACCOUNT_ID, not ${JSON.stringify(id)}`
      : { partner_id: parts[0], id: parts[1] };
  },
};

export const ctctClientAccountResource = kindResource(ctctClientAccountBinding);
