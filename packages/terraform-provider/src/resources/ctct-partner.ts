/**
 * @module
 * `grantform_ctct_partner`: a Constant Contact technology partner of an application (engine kind
 * `ctct-partner`; its id is the `partner_client_id`). Its partner secret goes to the sink under
 * `partner_secret_env` (by default `GRANTFORM_CTCT_PARTNERS_<NAME>_PARTNER_SECRET`).
 */
import { CTCT_ADDRESS_ROOT, defaultPartnerSecretEnv, validateCtctPartner } from '@grantform/config/rules';
import { attr, type Schema, types } from '@grantform/terraform-plugin';
import { assigned, fromDescriptor, secretDateAttributes } from '../descriptors.js';
import { type KindBinding, kindResource } from '../kind-resource.js';
import { known } from '../rules.js';
import { endpoints, pair, ref, refEnv, secretDateValues, str } from '../values.js';

const KIND = 'ctct-partner';

const defaultEnv = (name: string) => defaultPartnerSecretEnv(`${CTCT_ADDRESS_ROOT}/partners/${name}`);

export const ctctPartnerSchema = {
  description: 'A Constant Contact technology partner: partner credentials for one application.',
  attributes: {
    id: assigned(KIND, 'id', attr.string({ computed: true, description: 'The partner_client_id.' })),
    client_id: assigned(
      KIND,
      'clientId',
      attr.string({ computed: true, description: 'The partner_client_id the target assigned.' }),
    ),
    name: fromDescriptor(KIND, 'name', attr.string({ required: true })),
    application_id: fromDescriptor(
      KIND,
      'application',
      attr.string({ required: true, description: "Its application's API key: grantform_ctct_application.<name>.id." }),
    ),
    partner_client_id: fromDescriptor(
      KIND,
      'partnerClientId',
      attr.string({
        optional: true,
        description: 'The partner_client_id API Support issued. Default: assigned on create.',
      }),
    ),
    partner_secret_env: fromDescriptor(
      KIND,
      'partnerSecret',
      attr.string({
        optional: true,
        computed: true,
        description:
          'The env name the partner secret is kept under in the secrets sink. Default: GRANTFORM_CTCT_PARTNERS_<NAME>_PARTNER_SECRET.',
      }),
    ),
    endpoints: assigned(KIND, 'endpoints', attr.map(types.string, { computed: true })),
    ...secretDateAttributes(KIND, 'partner_secret', 'partner secret'),
  },
} satisfies Schema;

export const ctctPartnerBinding: KindBinding<typeof ctctPartnerSchema> = {
  typeName: 'grantform_ctct_partner',
  kind: KIND,
  schema: ctctPartnerSchema,
  fields: {
    name: 'name',
    application: 'application_id',
    partnerClientId: 'partner_client_id',
    partnerSecret: 'partner_secret_env',

    // Staged rotation is `grantform rotate`'s, over grantform's own state: the provider offers no
    // rotation policy yet (README, "Not yet: staged rotation").
    rotation: null,
  },
  parentId: (v) => v.application_id,
  spec: (v) => ({
    name: v.name,
    application: v.application_id,
    partnerClientId: v.partner_client_id,
    partnerSecret: ref(v.partner_secret_env),
  }),
  state: (id, a, base) => ({
    id,
    client_id: str(a.clientId, base.client_id ?? id),
    name: str(a.name, base.name) ?? base.name,
    application_id: base.application_id,
    partner_client_id: base.partner_client_id,
    partner_secret_env: refEnv(a.partnerSecret),
    endpoints: endpoints(a.endpoints, base.endpoints),
    ...secretDateValues(a, 'partnerSecret', 'partner_secret', base),
  }),
  rules: (c) => {
    const name = known<string>(c.name);
    const partnerClientId = c.partner_client_id === null ? null : known<string>(c.partner_client_id);
    const env = c.partner_secret_env === null ? null : known<string>(c.partner_secret_env);
    if (!name || partnerClientId === undefined || env === undefined) return null;
    return validateCtctPartner({
      name,
      index: 0,
      siblingNames: [name],
      kindLabel: 'Constant Contact partner',
      scopeLabel: 'the configuration',
      // Its application is another resource, named by id.
      applicationAddress: 'application_id',
      sharedWith: [],
      partnerClientId: partnerClientId ?? undefined,
      partnerSecret: { env: env ?? defaultEnv(name) },
      defaultPartnerSecretEnv: defaultEnv(name),
      reservedNameTaken: false,
    });
  },
  plan: ({ config, planned }) => {
    const name = known<string>(planned.name);
    return config.partner_secret_env === null && name !== undefined
      ? { planned: { ...planned, partner_secret_env: defaultEnv(name) } }
      : undefined;
  },
  importState: (id) => {
    const parts = pair(id);
    return parts === null
      ? `import a partner as APPLICATION_API_KEY/PARTNER_CLIENT_ID, not ${JSON.stringify(id)}`
      : { application_id: parts[0], id: parts[1] };
  },
};

export const ctctPartnerResource = kindResource(ctctPartnerBinding);
