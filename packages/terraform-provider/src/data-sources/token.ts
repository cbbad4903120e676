/**
 * @module
 * `data "grantform_token"`: proves a server-to-server integration works, as `grantform verify` does:
 * it requests a real token (client_credentials, with `account_id` when given) from the integration's
 * auth endpoint and asks the REST `tokenContext` which business unit it is for. It exposes the
 * granted scopes and the business unit, never the token. A refused request fails the plan or apply
 * with the vendor's error.
 */
import { clientCredentialsToken, tokenContext } from '@grantform/engine';
import { attr, type DataSourceDefinition, type Schema, types } from '@grantform/terraform-plugin';
import type { GrantformClient } from '../client.js';
import { secretValue } from '../secret-values.js';
import { num, sortedStrings } from '../values.js';

export const tokenSchema = {
  description:
    "A token requested with an integration's own credentials (server-to-server): its scopes and business unit, never the token.",
  attributes: {
    client_id: attr.string({ required: true, description: 'grantform_api_integration.<name>.client_id.' }),
    client_secret_env: attr.string({
      required: true,
      description:
        'Where its secret is kept: grantform_api_integration.<name>.client_secret_env (env, else the secrets sink).',
    }),
    auth_url: attr.string({
      required: true,
      description: 'The auth base URL: grantform_api_integration.<name>.endpoints["auth"].',
    }),
    account_id: attr.number({
      optional: true,
      description: 'The business unit (MID) to ask a token for. Default: the one the vendor picks.',
    }),
    scope: attr.set(types.string, {
      optional: true,
      description: 'Scopes to ask for. Default: every scope of the integration.',
    }),
    scopes: attr.set(types.string, { computed: true, description: 'The scopes the token carries.' }),
    business_unit: attr.number({
      computed: true,
      description: 'The MID the token is for (REST tokenContext organization.id).',
    }),
    enterprise_id: attr.number({ computed: true, description: "The tenant's enterprise MID." }),
    rest_instance_url: attr.string({ computed: true }),
    soap_instance_url: attr.string({ computed: true }),
    expires_in: attr.number({ computed: true, description: 'Seconds the token lives.' }),
  },
} satisfies Schema;

export const tokenDataSource: DataSourceDefinition<GrantformClient, typeof tokenSchema> = {
  schema: tokenSchema,
  read: async ({ client, config, diagnostics }) => {
    const empty = {
      ...config,
      scopes: null,
      business_unit: null,
      enterprise_id: null,
      rest_instance_url: null,
      soap_instance_url: null,
      expires_in: null,
    };
    const secret = await secretValue(client, config.client_secret_env);
    if ('missing' in secret) {
      diagnostics.error('Client secret not found', secret.missing, ['client_secret_env']);
      return empty;
    }
    const token = await clientCredentialsToken(client.fetch, {
      authBase: config.auth_url,
      clientId: config.client_id,
      clientSecret: secret.value,
      ...(config.account_id === null ? {} : { accountId: num(config.account_id) }),
      ...(config.scope === null ? {} : { scope: sortedStrings(config.scope).join(' ') }),
    });
    if (!token.ok) {
      diagnostics.error(
        'Token refused',
        `${config.auth_url}v2/token refused client ${config.client_id}: HTTP ${token.status} ${token.error}${token.description === '' ? '' : `: ${token.description}`}`,
      );
      return empty;
    }
    const context =
      token.restInstanceUrl === null
        ? null
        : await tokenContext(client.fetch, token.restInstanceUrl, token.accessToken);
    if (context !== null && context.mid === null) {
      diagnostics.error(
        'tokenContext failed',
        `${token.restInstanceUrl}platform/v1/tokenContext answered HTTP ${context.status}${context.message === null ? '' : ` (${context.message})`}`,
      );
    }
    return {
      ...config,
      scopes: sortedStrings(token.scopes),
      business_unit: context?.mid ?? null,
      enterprise_id: context?.enterpriseId ?? null,
      rest_instance_url: token.restInstanceUrl,
      soap_instance_url: token.soapInstanceUrl,
      expires_in: token.expiresIn,
    };
  },
};
