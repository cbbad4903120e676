/**
 * @module
 * `synth(app)`: validate the tree and emit the manifest: one resource per tenant, installed
 * package, API integration and Marketing Cloud App, sorted by address, normalised.
 */

import { ctctResources, rotationOf } from './constant-contact/synth.js';
import type { ApiIntegration } from './constructs/api-integration.js';
import type { GrantformApp } from './constructs/grantform-app.js';
import type { InstalledPackage } from './constructs/installed-package.js';
import type { MarketingCloudApp } from './constructs/marketing-cloud-app.js';
import type { Tenant } from './constructs/tenant.js';
import { ConfigValidationError } from './errors.js';
import { MANIFEST_API_VERSION, type Manifest, type ManifestResource } from './manifest.js';
import { validate } from './validate.js';

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortedUnique = <T extends string | number>(list: readonly T[]): T[] =>
  [...new Set(list)].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : byString(String(a), String(b)),
  );

function tenantResource(t: Tenant): ManifestResource {
  return {
    address: t.address,
    kind: 'tenant',
    dependsOn: [],
    spec: {
      name: t.name,
      subdomain: t.subdomain,
      stackKey: t.stackKey,
      enterpriseMid: t.enterpriseMid,
      businessUnits: t
        .businessUnits()
        .map(({ mid, name, parentMid }) => ({ mid, name, parentMid }))
        .sort((a, b) => a.mid - b.mid),
    },
  };
}

function packageResource(p: InstalledPackage): ManifestResource {
  return {
    address: p.address,
    kind: 'installed-package',
    dependsOn: [p.tenant.address],
    spec: {
      tenant: p.tenant.address,
      name: p.name,
      description: p.description,
      legacy: p.legacy,
      sourceMid: p.sourceMid,
    },
  };
}

function integrationResource(i: ApiIntegration): ManifestResource {
  return {
    address: i.address,
    kind: 'api-integration',
    dependsOn: [i.package.address],
    spec: {
      package: i.package.address,
      type: i.type,
      scopes: sortedUnique(i.scopes),
      redirectUris: sortedUnique(i.redirectUris),
      businessUnits: i.businessUnits === 'all' ? 'all' : sortedUnique(i.businessUnits),
      clientSecret: i.clientSecret === null ? null : { env: i.clientSecret.env },
      pkce: i.pkce,
      ...rotationOf(i.rotation),
    },
  };
}

function appResource(a: MarketingCloudApp): ManifestResource {
  return {
    address: a.address,
    kind: 'marketing-cloud-app',
    dependsOn: [a.package.address],
    spec: {
      package: a.package.address,
      loginUrl: a.loginUrl,
      redirectUrl: a.redirectUrl,
      logoutUrl: a.logoutUrl,
      jwtSigningSecret: { env: a.jwtSigningSecret.env },
      claimsVersion: a.claimsVersion,
    },
  };
}

/**
 * Validates the configuration and returns its manifest. Throws a {@link ConfigValidationError}
 * (code `ERR_CONFIG_INVALID`) listing every issue when the configuration is not valid.
 * The manifest holds secret names only, never values. Write it with `serializeManifest`.
 * @example
 * const manifest = synth(app);
 * await writeFile('manifest.json', serializeManifest(manifest));
 */
export function synth(app: GrantformApp): Manifest {
  const issues = validate(app);
  if (issues.length > 0) throw new ConfigValidationError(issues);
  const resources = [
    ...app
      .tenants()
      .flatMap((t) => [
        tenantResource(t),
        ...t
          .packages()
          .flatMap((p) => [
            packageResource(p),
            ...p.apiIntegrations().map(integrationResource),
            ...p.apps().map(appResource),
          ]),
      ]),
    ...ctctResources(app),
  ];
  return {
    apiVersion: MANIFEST_API_VERSION,
    resources: resources.sort((a, b) => byString(a.address, b.address)),
  };
}
