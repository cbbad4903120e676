/**
 * @module
 * `grantform_ctct_application`: a Constant Contact v3 application (engine kind `ctct-application`;
 * its id is the API key). Its client secret goes to the sink under `client_secret_env` (by default
 * `GRANTFORM_CTCT_APPS_<NAME>_CLIENT_SECRET`, as in `@grantform/config`).
 */
import {
  CTCT_ADDRESS_ROOT,
  DEFAULTS,
  defaultPkce,
  defaultSecretEnv,
  validateCtctApplication,
} from '@grantform/config/rules';
import { attr, type Schema, types } from '@grantform/terraform-plugin';
import { assigned, fromDescriptor, secretDateAttributes } from '../descriptors.js';
import { type KindBinding, kindResource } from '../kind-resource.js';
import { known } from '../rules.js';
import { endpoints, ref, refEnv, secretDateValues, sortedStrings, str, strings } from '../values.js';

const KIND = 'ctct-application';

/** The default env of an application's client secret, from its grantform address `ctct/apps/<name>`. */
const defaultEnv = (name: string) => defaultSecretEnv(`${CTCT_ADDRESS_ROOT}/apps/${name}`, 'client-secret');

export const ctctApplicationSchema = {
  description: 'A Constant Contact v3 application (an API key with its OAuth settings).',
  attributes: {
    id: assigned(KIND, 'id', attr.string({ computed: true, description: 'The API key (OAuth client_id).' })),
    client_id: assigned(
      KIND,
      'clientId',
      attr.string({ computed: true, description: 'The API key the target assigned.' }),
    ),
    name: fromDescriptor(KIND, 'name', attr.string({ required: true, description: 'The application name.' })),
    api_key: fromDescriptor(
      KIND,
      'apiKey',
      attr.string({
        optional: true,
        description: 'The API key of an existing application. Default: assigned on create.',
      }),
    ),
    type: fromDescriptor(
      KIND,
      'type',
      attr.string({
        optional: true,
        computed: true,
        default: DEFAULTS[KIND].type,
        description: 'confidential or public.',
      }),
    ),
    redirect_uris: fromDescriptor(
      KIND,
      'redirectUris',
      attr.set(types.string, { optional: true, computed: true, default: DEFAULTS[KIND].redirectUris }),
    ),
    scopes: fromDescriptor(KIND, 'scopes', attr.set(types.string, { required: true })),
    pkce: fromDescriptor(
      KIND,
      'pkce',
      attr.string({ optional: true, computed: true, description: 'Default: required for public, optional otherwise.' }),
    ),
    refresh_tokens: fromDescriptor(
      KIND,
      'refreshTokens',
      attr.string({
        optional: true,
        computed: true,
        default: DEFAULTS[KIND].refreshTokens,
        description: 'rotating or long-lived.',
      }),
    ),
    client_secret_env: fromDescriptor(
      KIND,
      'clientSecret',
      attr.string({
        optional: true,
        computed: true,
        description:
          'The env name the client secret is kept under in the secrets sink. Default: GRANTFORM_CTCT_APPS_<NAME>_CLIENT_SECRET; none for a public application.',
      }),
    ),
    endpoints: assigned(KIND, 'endpoints', attr.map(types.string, { computed: true })),
    ...secretDateAttributes(KIND, 'client_secret', 'client secret'),
  },
} satisfies Schema;

export const ctctApplicationBinding: KindBinding<typeof ctctApplicationSchema> = {
  typeName: 'grantform_ctct_application',
  kind: KIND,
  schema: ctctApplicationSchema,
  fields: {
    name: 'name',
    apiKey: 'api_key',
    type: 'type',
    redirectUris: 'redirect_uris',
    scopes: 'scopes',
    pkce: 'pkce',
    refreshTokens: 'refresh_tokens',
    clientSecret: 'client_secret_env',

    // Staged rotation is `grantform rotate`'s, over grantform's own state: the provider offers no
    // rotation policy yet (README, "Not yet: staged rotation").
    rotation: null,
  },
  parentId: () => null,
  spec: (v) => {
    const type = v.type ?? DEFAULTS[KIND].type;
    return {
      name: v.name,
      apiKey: v.api_key,
      type,
      redirectUris: sortedStrings(v.redirect_uris ?? []),
      scopes: sortedStrings(v.scopes),
      pkce: v.pkce ?? defaultPkce(type),
      refreshTokens: v.refresh_tokens ?? DEFAULTS[KIND].refreshTokens,
      clientSecret: ref(v.client_secret_env),
    };
  },
  state: (id, a, base) => ({
    id,
    client_id: str(a.clientId, base.client_id ?? id),
    name: str(a.name, base.name) ?? base.name,
    api_key: base.api_key,
    type: str(a.type, base.type),
    redirect_uris: strings(a.redirectUris),
    scopes: strings(a.scopes),
    pkce: str(a.pkce, base.pkce),
    refresh_tokens: str(a.refreshTokens, base.refresh_tokens),
    client_secret_env: refEnv(a.clientSecret),
    endpoints: endpoints(a.endpoints, base.endpoints),
    ...secretDateValues(a, 'clientSecret', 'client_secret', base),
  }),
  rules: (c) => {
    const name = known<string>(c.name);
    const type = c.type === null ? DEFAULTS[KIND].type : known<string>(c.type);
    const apiKey = c.api_key === null ? null : known<string>(c.api_key);
    const scopes = known<readonly string[]>(c.scopes);
    const redirectUris = c.redirect_uris === null ? [] : known<readonly string[]>(c.redirect_uris);
    const pkce = c.pkce === null ? null : known<string>(c.pkce);
    const refresh = c.refresh_tokens === null ? DEFAULTS[KIND].refreshTokens : known<string>(c.refresh_tokens);
    const env = c.client_secret_env === null ? null : known<string>(c.client_secret_env);
    if (!name || !type || apiKey === undefined || !scopes || !redirectUris || pkce === undefined || !refresh)
      return null;
    if (env === undefined) return null;
    return validateCtctApplication({
      name,
      index: 0,
      siblingNames: [name],
      kindLabel: 'Constant Contact application',
      scopeLabel: 'the configuration',
      type,
      apiKey: apiKey ?? undefined,
      siblingApiKeys: [apiKey ?? undefined],
      scopes,
      redirectUris,
      clientSecretGiven: env !== null,
      clientSecret: env !== null ? { env } : type === 'public' ? null : { env: defaultEnv(name) },
      defaultClientSecretEnv: defaultEnv(name),
      pkce: pkce ?? defaultPkce(type),
      refreshTokens: refresh,
      reservedNameTaken: false,
    });
  },
  plan: ({ config, planned }) => {
    const type = known<string>(planned.type);
    const name = known<string>(planned.name);
    let next = planned;
    if (config.pkce === null && type !== undefined) next = { ...next, pkce: defaultPkce(type) };
    if (config.client_secret_env === null && type !== undefined && name !== undefined) {
      next = { ...next, client_secret_env: type === 'public' ? null : defaultEnv(name) };
    }
    return next === planned ? undefined : { planned: next };
  },
};

export const ctctApplicationResource = kindResource(ctctApplicationBinding);
