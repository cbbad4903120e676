/**
 * @module
 * `grantform_marketing_cloud_app`: the Marketing Cloud App component of a package (engine kind
 * `marketing-cloud-app`: SSO login, redirect and logout URLs). It names where its package's JWT
 * signing secret is kept: on create the target issues that secret into the sink under
 * `jwt_signing_secret_env`; renaming the env moves the value in the sink.
 */
import { DEFAULTS, defaultSecretEnv, validateMarketingCloudApp } from '@grantform/config/rules';
import { attr, type Schema, unknown } from '@grantform/terraform-plugin';
import { packageAddress } from '../addresses.js';
import { assigned, fromDescriptor } from '../descriptors.js';
import { type KindBinding, kindResource } from '../kind-resource.js';
import { known } from '../rules.js';
import { num, ref, refEnv, str } from '../values.js';

const KIND = 'marketing-cloud-app';
const EXAMPLE_ENV = defaultSecretEnv('acme/portal/app', 'jwt-signing-secret');

export const marketingCloudAppSchema = {
  description: 'The Marketing Cloud App of an installed package (SSO into Marketing Cloud).',
  attributes: {
    id: assigned(KIND, 'id', attr.string({ computed: true, description: 'Its package id.' })),
    package_id: fromDescriptor(
      KIND,
      'package',
      attr.string({ required: true, description: 'Its package: grantform_installed_package.<name>.id.' }),
    ),
    login_url: fromDescriptor(
      KIND,
      'loginUrl',
      attr.string({ required: true, description: 'Where the SSO JWT is POSTed (https).' }),
    ),
    redirect_url: fromDescriptor(
      KIND,
      'redirectUrl',
      attr.string({ required: true, description: 'Where the app sends the user after login (https).' }),
    ),
    logout_url: fromDescriptor(
      KIND,
      'logoutUrl',
      attr.string({ required: true, description: 'Called on logout (https).' }),
    ),
    claims_version: fromDescriptor(
      KIND,
      'claimsVersion',
      attr.number({
        optional: true,
        computed: true,
        default: DEFAULTS[KIND].claimsVersion,
        description: 'SSO JWT claim-set version: 2 or 1.',
      }),
    ),
    jwt_signing_secret_env: fromDescriptor(
      KIND,
      'jwtSigningSecret',
      attr.string({
        optional: true,
        computed: true,
        description:
          "The env name the package's JWT signing secret is kept under in the secrets sink (never in state). Default: GRANTFORM_<TENANT>_<PACKAGE>_APP_JWT_SIGNING_SECRET.",
      }),
    ),
  },
} satisfies Schema;

export const marketingCloudAppBinding: KindBinding<typeof marketingCloudAppSchema> = {
  typeName: 'grantform_marketing_cloud_app',
  kind: KIND,
  schema: marketingCloudAppSchema,
  fields: {
    package: 'package_id',
    loginUrl: 'login_url',
    redirectUrl: 'redirect_url',
    logoutUrl: 'logout_url',
    claimsVersion: 'claims_version',
    jwtSigningSecret: 'jwt_signing_secret_env',
  },
  parentId: (v) => v.package_id,
  spec: (v) => ({
    package: v.package_id,
    loginUrl: v.login_url,
    redirectUrl: v.redirect_url,
    logoutUrl: v.logout_url,
    claimsVersion: v.claims_version === null ? DEFAULTS[KIND].claimsVersion : num(v.claims_version),
    jwtSigningSecret: ref(v.jwt_signing_secret_env),
  }),
  state: (id, a, base) => ({
    id,
    package_id: base.package_id,
    login_url: str(a.loginUrl, base.login_url) ?? base.login_url,
    redirect_url: str(a.redirectUrl, base.redirect_url) ?? base.redirect_url,
    logout_url: str(a.logoutUrl, base.logout_url) ?? base.logout_url,
    claims_version: typeof a.claimsVersion === 'number' ? a.claimsVersion : base.claims_version,
    jwt_signing_secret_env: refEnv(a.jwtSigningSecret),
  }),
  rules: (c) => {
    const loginUrl = known<string>(c.login_url);
    const redirectUrl = known<string>(c.redirect_url);
    const logoutUrl = known<string>(c.logout_url);
    const claims = c.claims_version === null ? DEFAULTS[KIND].claimsVersion : known<number | bigint>(c.claims_version);
    const env = c.jwt_signing_secret_env === null ? EXAMPLE_ENV : known<string>(c.jwt_signing_secret_env);
    if (!loginUrl || !redirectUrl || !logoutUrl || claims === undefined || env === undefined) return null;
    return validateMarketingCloudApp({
      loginUrl,
      redirectUrl,
      logoutUrl,
      jwtSigningSecret: { env },
      defaultJwtSigningSecretEnv: EXAMPLE_ENV,
      claimsVersion: num(claims),
    });
  },
  complete: async (client, v) => {
    if (v.jwt_signing_secret_env !== null) return v;
    const address = await packageAddress(client, v.package_id);
    if (address === null) {
      throw new Error(
        `the ${client.target} target cannot tell package ${v.package_id}'s grantform address: set jwt_signing_secret_env`,
      );
    }
    return { ...v, jwt_signing_secret_env: defaultSecretEnv(`${address}/app`, 'jwt-signing-secret') };
  },
  plan: ({ config, planned, prior }) =>
    // Imported without one: the apply names it and has the target issue the secret there.
    config.jwt_signing_secret_env === null && prior !== null && prior.jwt_signing_secret_env === null
      ? { planned: { ...planned, jwt_signing_secret_env: unknown } }
      : undefined,
  importState: (id) => ({ id, package_id: id }),
};

export const marketingCloudAppResource = kindResource(marketingCloudAppBinding);
