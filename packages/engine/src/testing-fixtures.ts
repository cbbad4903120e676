/**
 * @module
 * Hand-written manifests for tests and benchmarks: valid defaults, overridable per test.
 */
import type {
  ApiIntegrationSpec,
  InstalledPackageSpec,
  Manifest,
  ManifestResource,
  MarketingCloudAppSpec,
  TenantSpec,
} from '@grantform/config';

export const TENANT_SUBDOMAIN = 'mc563885gzs27c5t9-63k636ttgm';

export function tenantResource(overrides: Partial<TenantSpec> = {}, address = 'acme'): ManifestResource {
  return {
    address,
    kind: 'tenant',
    dependsOn: [],
    spec: {
      name: 'acme',
      subdomain: TENANT_SUBDOMAIN,
      stackKey: 'S7',
      enterpriseMid: 100,
      businessUnits: [
        { mid: 100, name: 'Acme', parentMid: null },
        { mid: 200, name: 'Acme EU', parentMid: 100 },
        { mid: 300, name: 'Acme US', parentMid: 100 },
      ],
      ...overrides,
    },
  };
}

export function packageResource(
  address = 'acme/crm-sync',
  overrides: Partial<InstalledPackageSpec> = {},
): ManifestResource {
  return {
    address,
    kind: 'installed-package',
    dependsOn: [],
    spec: {
      tenant: 'acme',
      name: address.split('/').at(-1) ?? address,
      description: 'CRM sync',
      legacy: false,
      sourceMid: 100,
      ...overrides,
    },
  };
}

export function integrationResource(
  address = 'acme/crm-sync/api',
  overrides: Partial<ApiIntegrationSpec> = {},
): ManifestResource {
  const pkg = address.split('/').slice(0, -1).join('/');
  const envPrefix =
    pkg
      .split('/')
      .at(-1)
      ?.toUpperCase()
      .replace(/[^A-Z0-9]/g, '_') ?? 'X';
  return {
    address,
    kind: 'api-integration',
    dependsOn: [],
    spec: {
      package: pkg,
      type: 'server-to-server',
      scopes: ['data_extensions_read', 'email_read'],
      redirectUris: [],
      businessUnits: [100, 200],
      clientSecret: { env: `${envPrefix}_CLIENT_SECRET` },
      pkce: 'optional',
      ...overrides,
    },
  };
}

export function appResource(
  address = 'acme/crm-sync/app',
  overrides: Partial<MarketingCloudAppSpec> = {},
): ManifestResource {
  return {
    address,
    kind: 'marketing-cloud-app',
    dependsOn: [],
    spec: {
      package: address.split('/').slice(0, -1).join('/'),
      loginUrl: 'https://app.example.com/login',
      redirectUrl: 'https://app.example.com/callback',
      logoutUrl: 'https://app.example.com/logout',
      jwtSigningSecret: { env: 'CRM_SYNC_JWT_SECRET' },
      claimsVersion: 2,
      ...overrides,
    },
  };
}

export function manifestOf(resources: readonly ManifestResource[]): Manifest {
  return {
    apiVersion: 'grantform.dev/v1',
    resources: [...resources].sort((a, b) => (a.address < b.address ? -1 : 1)),
  };
}

/** One tenant, one package with a server-to-server integration. */
export function basicManifest(): Manifest {
  return manifestOf([tenantResource(), packageResource(), integrationResource()]);
}

/** `n` packages each with a server-to-server integration, in one tenant. */
export function manyIntegrations(n: number): Manifest {
  const resources: ManifestResource[] = [tenantResource()];
  for (let i = 0; i < n; i += 1) {
    const name = `pkg-${String(i).padStart(5, '0')}`;
    resources.push(packageResource(`acme/${name}`));
    resources.push(integrationResource(`acme/${name}/api`, { clientSecret: { env: `PKG_${i}_CLIENT_SECRET` } }));
  }
  return manifestOf(resources);
}
