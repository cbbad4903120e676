/**
 * @module
 * The `grantform/grantform` Terraform provider's form of a manifest (`GrantformStack` with
 * `resourceType: 'grantform'`): one provider resource per manifest resource, its attributes in the
 * provider's names, a parent named by reference (`grantform_tenant.acme.id`), so Terraform orders
 * them and `terraform plan` shows each attribute that changes. The provider's schema lives in
 * `@grantform/terraform-provider` (which depends on this package, so it is not imported here); its
 * end-to-end test applies this form with the real Terraform.
 */
import { TerraformProvider, TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';
import type { ManifestResource } from '../manifest.js';

/** The provider's source address and the version constraint the stack requires. */
export const GRANTFORM_PROVIDER_SOURCE = 'grantform/grantform';

/** Provider block values (`provider "grantform" { … }`). */
export interface GrantformProviderConfig {
  readonly target?: string;
  readonly endpoint?: string;
  readonly secretsFile?: string;
  readonly version?: string;
}

/** `provider "grantform"`, for cdktf (no generated bindings needed). */
export class GrantformProvider extends TerraformProvider {
  private readonly config: GrantformProviderConfig;

  constructor(scope: Construct, id: string, config: GrantformProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'grantform',
      terraformGeneratorMetadata: {
        providerName: 'grantform',
        ...(config.version === undefined ? {} : { providerVersionConstraint: config.version }),
      },
      terraformProviderSource: GRANTFORM_PROVIDER_SOURCE,
    });
    this.config = config;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return {
      target: this.config.target,
      endpoint: this.config.endpoint,
      secrets_file: this.config.secretsFile,
    };
  }
}

/** One resource of the provider with plain attributes. */
export class GrantformProviderResource extends TerraformResource {
  private readonly attributes: Record<string, unknown>;

  constructor(
    scope: Construct,
    id: string,
    type: string,
    attributes: Record<string, unknown>,
    provider: GrantformProvider,
  ) {
    super(scope, id, {
      terraformResourceType: type,
      provider,
      terraformGeneratorMetadata: { providerName: 'grantform' },
    });
    this.attributes = attributes;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return this.attributes;
  }
}

const env = (ref: { readonly env: string } | null): string | undefined => (ref === null ? undefined : ref.env);

/**
 * The provider resource type and attributes of a manifest resource; `ref(address)` is the id of the
 * resource at `address` (its parent) as a Terraform reference.
 */
export function providerResource(
  r: ManifestResource,
  ref: (address: string) => string,
): { readonly type: string; readonly attributes: Record<string, unknown> } {
  switch (r.kind) {
    case 'tenant': {
      const s = r.spec;
      const enterprise = s.businessUnits.find((b) => b.mid === s.enterpriseMid);
      return {
        type: 'grantform_tenant',
        attributes: {
          name: s.name,
          subdomain: s.subdomain,
          stack_key: s.stackKey,
          enterprise: { mid: s.enterpriseMid, name: enterprise?.name ?? s.name },
          business_units: s.businessUnits
            .filter((b) => b.mid !== s.enterpriseMid)
            .map((b) => ({
              mid: b.mid,
              name: b.name,
              parent_mid: b.parentMid === s.enterpriseMid ? null : b.parentMid,
            })),
        },
      };
    }
    case 'installed-package':
      return {
        type: 'grantform_installed_package',
        attributes: {
          tenant_id: ref(r.spec.tenant),
          name: r.spec.name,
          description: r.spec.description,
          legacy: r.spec.legacy,
          source_mid: r.spec.sourceMid,
        },
      };
    case 'api-integration':
      return {
        type: 'grantform_api_integration',
        attributes: {
          package_id: ref(r.spec.package),
          type: r.spec.type,
          scopes: r.spec.scopes,
          redirect_uris: r.spec.redirectUris,
          business_units: r.spec.businessUnits === 'all' ? undefined : r.spec.businessUnits,
          pkce: r.spec.pkce,
          client_secret_env: env(r.spec.clientSecret),
        },
      };
    case 'marketing-cloud-app':
      return {
        type: 'grantform_marketing_cloud_app',
        attributes: {
          package_id: ref(r.spec.package),
          login_url: r.spec.loginUrl,
          redirect_url: r.spec.redirectUrl,
          logout_url: r.spec.logoutUrl,
          claims_version: r.spec.claimsVersion,
          jwt_signing_secret_env: r.spec.jwtSigningSecret.env,
        },
      };
    case 'ctct-application':
      return {
        type: 'grantform_ctct_application',
        attributes: {
          name: r.spec.name,
          api_key: r.spec.apiKey ?? undefined,
          type: r.spec.type,
          redirect_uris: r.spec.redirectUris,
          scopes: r.spec.scopes,
          pkce: r.spec.pkce,
          refresh_tokens: r.spec.refreshTokens,
          client_secret_env: env(r.spec.clientSecret),
        },
      };
    case 'ctct-partner':
      return {
        type: 'grantform_ctct_partner',
        attributes: {
          name: r.spec.name,
          application_id: ref(r.spec.application),
          partner_client_id: r.spec.partnerClientId ?? undefined,
          partner_secret_env: r.spec.partnerSecret.env,
        },
      };
    case 'ctct-client-account':
      return {
        type: 'grantform_ctct_client_account',
        attributes: {
          partner_id: ref(r.spec.partner),
          name: r.spec.name,
          managed: r.spec.managed,
          login_name: r.spec.loginName,
          contact_email: r.spec.contactEmail,
          organization_name: r.spec.organizationName,
          country_code: r.spec.countryCode,
          state_code: r.spec.stateCode,
          first_name: r.spec.firstName,
          last_name: r.spec.lastName,
        },
      };
  }
}
