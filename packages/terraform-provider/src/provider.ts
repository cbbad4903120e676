/**
 * @module
 * The provider `grantform/grantform`: the provider block, one resource per engine kind, the token
 * data source and the client-secret ephemeral resource.
 */
import { createProvider, type Provider } from '@grantform/terraform-plugin';
import type { GrantformClient } from './client.js';
import { tokenDataSource } from './data-sources/token.js';
import { clientSecretEphemeral } from './ephemeral/client-secret.js';
import { type ConfigureOptions, configureProvider, providerSchema } from './provider-config.js';
import { apiIntegrationResource } from './resources/api-integration.js';
import { ctctApplicationResource } from './resources/ctct-application.js';
import { ctctClientAccountResource } from './resources/ctct-client-account.js';
import { ctctPartnerResource } from './resources/ctct-partner.js';
import { installedPackageResource } from './resources/installed-package.js';
import { marketingCloudAppResource } from './resources/marketing-cloud-app.js';
import { tenantResource } from './resources/tenant.js';

/**
 * The grantform provider, ready for `serve()`.
 * @example
 * await serve(grantformProvider());
 */
export function grantformProvider(options: ConfigureOptions = {}): Provider<GrantformClient> {
  return createProvider({
    name: 'grantform',
    schema: providerSchema,
    configure: (request) => configureProvider(request, options),
  })
    .resource('grantform_tenant', tenantResource)
    .resource('grantform_installed_package', installedPackageResource)
    .resource('grantform_api_integration', apiIntegrationResource)
    .resource('grantform_marketing_cloud_app', marketingCloudAppResource)
    .resource('grantform_ctct_application', ctctApplicationResource)
    .resource('grantform_ctct_partner', ctctPartnerResource)
    .resource('grantform_ctct_client_account', ctctClientAccountResource)
    .dataSource('grantform_token', tokenDataSource)
    .ephemeralResource('grantform_client_secret', clientSecretEphemeral);
}
