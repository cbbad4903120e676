/**
 * @module
 * `grantform_api_integration`: the API Integration component of a package (engine kind
 * `api-integration`). Its client secret goes to the secrets sink under `client_secret_env` (by
 * default the env name `@grantform/config` gives it: `GRANTFORM_<TENANT>_<PACKAGE>_API_CLIENT_SECRET`);
 * state holds the name only. The vendor can neither change its type nor remove it on its own.
 */
import { DEFAULTS, defaultPkce, defaultSecretEnv, validateApiIntegration } from '@grantform/config/rules';
import { attr, type Schema, type StateValues, types, unknown } from '@grantform/terraform-plugin';
import { packageAddress } from '../addresses.js';
import { assigned, fromDescriptor, secretDateAttributes } from '../descriptors.js';
import { type KindBinding, kindResource } from '../kind-resource.js';
import { known } from '../rules.js';
import {
  endpoints,
  pair,
  ref,
  refEnv,
  secretDateValues,
  sortedNumbers,
  sortedStrings,
  str,
  strings,
} from '../values.js';

const KIND = 'api-integration';

export const apiIntegrationSchema = {
  description: 'The API Integration of an installed package: server-to-server, web app or public app.',
  attributes: {
    id: assigned(KIND, 'id', attr.string({ computed: true, description: 'The client id.' })),
    client_id: assigned(
      KIND,
      'clientId',
      attr.string({ computed: true, description: 'The client id the target assigned.' }),
    ),
    package_id: fromDescriptor(
      KIND,
      'package',
      attr.string({ required: true, description: 'Its package: grantform_installed_package.<name>.id.' }),
    ),
    type: fromDescriptor(
      KIND,
      'type',
      attr.string({
        required: true,
        description:
          'server-to-server, web-app or public-app. The vendor cannot change it: a change replaces the integration, which means replacing its package.',
      }),
    ),
    scopes: fromDescriptor(
      KIND,
      'scopes',
      attr.set(types.string, { required: true, description: 'Scope names (a set).' }),
    ),
    redirect_uris: fromDescriptor(
      KIND,
      'redirectUris',
      attr.set(types.string, {
        optional: true,
        computed: true,
        default: DEFAULTS[KIND].redirectUris,
        description: 'Exact redirect URIs (web-app and public-app; a set).',
      }),
    ),
    business_units: fromDescriptor(
      KIND,
      'businessUnits',
      attr.set(types.number, {
        optional: true,
        description: 'The MIDs it may get tokens for (a set). Default: all business units of the tenant.',
      }),
    ),
    pkce: fromDescriptor(
      KIND,
      'pkce',
      attr.string({
        optional: true,
        computed: true,
        description: 'optional or required. Default: required for a public-app, optional otherwise.',
      }),
    ),
    client_secret_env: fromDescriptor(
      KIND,
      'clientSecret',
      attr.string({
        optional: true,
        computed: true,
        description:
          'The env name the client secret is kept under in the secrets sink (never in state). Default: GRANTFORM_<TENANT>_<PACKAGE>_API_CLIENT_SECRET; none for a public-app. Renaming it rotates the secret.',
      }),
    ),
    endpoints: assigned(
      KIND,
      'endpoints',
      attr.map(types.string, { computed: true, description: 'auth, rest and soap base URLs.' }),
    ),
    ...secretDateAttributes(KIND, 'client_secret', 'client secret'),
  },
} satisfies Schema;

type Integration = StateValues<typeof apiIntegrationSchema>;

/** An example env name for messages, where the address is not known. */
const EXAMPLE_ENV = defaultSecretEnv('acme/crm-sync/api', 'client-secret');

export const apiIntegrationBinding: KindBinding<typeof apiIntegrationSchema> = {
  typeName: 'grantform_api_integration',
  kind: KIND,
  schema: apiIntegrationSchema,
  fields: {
    package: 'package_id',
    type: 'type',
    scopes: 'scopes',
    redirectUris: 'redirect_uris',
    businessUnits: 'business_units',
    pkce: 'pkce',
    clientSecret: 'client_secret_env',
    // Set by hand on the emulator only; no target API sets it.
    appExchange: null,
    // Staged rotation is `grantform rotate`'s, over grantform's own state: the provider offers no
    // rotation policy yet (README, "Not yet: staged rotation").
    rotation: null,
  },
  parentId: (v) => v.package_id,
  spec: (v) => ({
    package: v.package_id,
    type: v.type,
    scopes: sortedStrings(v.scopes),
    redirectUris: sortedStrings(v.redirect_uris ?? []),
    businessUnits: v.business_units === null ? 'all' : sortedNumbers(v.business_units),
    pkce: v.pkce ?? defaultPkce(v.type),
    clientSecret: ref(v.client_secret_env),
  }),
  state: (id, a, base): Integration => ({
    id,
    client_id: str(a.clientId, base.client_id ?? id),
    package_id: base.package_id,
    type: str(a.type, base.type) ?? base.type,
    scopes: strings(a.scopes),
    redirect_uris: strings(a.redirectUris),
    business_units: Array.isArray(a.businessUnits) ? sortedNumbers(a.businessUnits as number[]) : null,
    pkce: str(a.pkce, base.pkce),
    client_secret_env: refEnv(a.clientSecret),
    endpoints: endpoints(a.endpoints, base.endpoints),
    ...secretDateValues(a, 'clientSecret', 'client_secret', base),
  }),
  rules: (c) => {
    const type = known<string>(c.type);
    const scopes = known<readonly string[]>(c.scopes);
    const redirectUris = c.redirect_uris === null ? [] : known<readonly string[]>(c.redirect_uris);
    const units = c.business_units === null ? 'all' : known<readonly (number | bigint)[]>(c.business_units);
    const pkce = c.pkce === null ? null : known<string>(c.pkce);
    const env = c.client_secret_env === null ? null : known<string>(c.client_secret_env);
    if (!type || !scopes || !redirectUris || units === undefined || pkce === undefined || env === undefined)
      return null;
    return validateApiIntegration({
      type,
      scopes,
      redirectUris,
      businessUnits: units === 'all' ? 'all' : units.map(Number),
      clientSecretGiven: env !== null,
      clientSecret: env !== null ? { env } : type === 'public-app' ? null : { env: EXAMPLE_ENV },
      defaultClientSecretEnv: EXAMPLE_ENV,
      pkce: pkce ?? defaultPkce(type),
      tenantName: '',
      // The tenant is another resource: the business units are checked by the target.
      tenantMids: null,
    });
  },
  plan: ({ config, planned, prior, diagnostics }) => {
    const type = known<string>(planned.type);
    let next = planned;
    if (config.pkce === null && type !== undefined) next = { ...next, pkce: defaultPkce(type) };
    if (config.client_secret_env === null && type === 'public-app') next = { ...next, client_secret_env: null };
    // Imported without one: the apply names it (and takes the secret from that env, or rotates it).
    else if (config.client_secret_env === null && prior !== null && prior.client_secret_env === null)
      next = { ...next, client_secret_env: unknown };
    // A type change replaces the integration, and the vendor cannot remove one from its package:
    // unless the package is replaced too (a new package_id), the apply cannot succeed.
    if (prior !== null && type !== undefined && type !== prior.type && planned.package_id === prior.package_id) {
      diagnostics.warning(
        'The package must be replaced too',
        `Marketing Cloud cannot change the type of an API integration (${prior.type} → ${type}) or remove it from its package: replace its package as well, e.g. terraform apply -replace=<the grantform_installed_package whose id is ${prior.package_id}>.`,
        ['type'],
      );
    }
    return next === planned ? undefined : { planned: next };
  },
  complete: async (client, v) => {
    if (v.client_secret_env !== null || v.type === 'public-app') return v;
    const address = await packageAddress(client, v.package_id);
    if (address === null) {
      throw new Error(
        `the ${client.target} target cannot tell package ${v.package_id}'s grantform address: set client_secret_env`,
      );
    }
    return { ...v, client_secret_env: defaultSecretEnv(`${address}/api`, 'client-secret') };
  },
  importState: (id) => {
    const parts = pair(id);
    return parts === null
      ? `import an API integration as PACKAGE_ID/CLIENT_ID, not ${JSON.stringify(id)}`
      : { package_id: parts[0], id: parts[1] };
  },
};

export const apiIntegrationResource = kindResource(apiIntegrationBinding);
