/**
 * @module
 * `grantform_installed_package`: an installed package in a tenant (engine kind `installed-package`).
 * Its JWT signing secret is kept only when a `grantform_marketing_cloud_app` names where (as in
 * `@grantform/config`): the app has the target issue it into the sink.
 */
import { DEFAULTS, validateInstalledPackage } from '@grantform/config/rules';
import { attr, type Schema } from '@grantform/terraform-plugin';
import { assigned, fromDescriptor, secretDateAttributes } from '../descriptors.js';
import { type KindBinding, kindResource } from '../kind-resource.js';
import { known } from '../rules.js';
import { num, pair, secretDateValues, str } from '../values.js';

const KIND = 'installed-package';

export const installedPackageSchema = {
  description: 'An installed package of a Marketing Cloud tenant (Setup → Installed Packages).',
  attributes: {
    id: assigned(
      KIND,
      'id',
      attr.string({ computed: true, description: 'The package id (a UUID) the target assigned.' }),
    ),
    tenant_id: fromDescriptor(
      KIND,
      'tenant',
      attr.string({ required: true, description: 'The tenant: grantform_tenant.<name>.id.' }),
    ),
    name: fromDescriptor(
      KIND,
      'name',
      attr.string({ required: true, description: 'The package name, unique in its tenant.' }),
    ),
    description: fromDescriptor(
      KIND,
      'description',
      attr.string({ optional: true, computed: true, default: DEFAULTS[KIND].description }),
    ),
    legacy: fromDescriptor(
      KIND,
      'legacy',
      attr.bool({
        optional: true,
        computed: true,
        default: DEFAULTS[KIND].legacy,
        description: 'A legacy (pre-2019, v1/requestToken) package. Changing it replaces the package.',
      }),
    ),
    source_mid: fromDescriptor(
      KIND,
      'sourceMid',
      attr.number({
        optional: true,
        computed: true,
        description:
          'The business unit that creates the package. Default: the enterprise. Changing it replaces the package.',
      }),
    ),
    ...secretDateAttributes(KIND, 'jwt_signing_secret', 'JWT signing secret'),
  },
} satisfies Schema;

export const installedPackageBinding: KindBinding<typeof installedPackageSchema> = {
  typeName: 'grantform_installed_package',
  kind: KIND,
  schema: installedPackageSchema,
  fields: {
    tenant: 'tenant_id',
    name: 'name',
    description: 'description',
    legacy: 'legacy',
    sourceMid: 'source_mid',
    apiIntegration: null,
    app: null,
  },
  parentId: (v) => v.tenant_id,
  spec: (v) => ({
    tenant: v.tenant_id,
    name: v.name,
    description: v.description ?? DEFAULTS[KIND].description,
    legacy: v.legacy ?? DEFAULTS[KIND].legacy,
    // left to the target (its enterprise) when not configured
    sourceMid: v.source_mid === null ? undefined : num(v.source_mid),
  }),
  state: (id, a, base) => ({
    id,
    tenant_id: base.tenant_id,
    name: str(a.name, base.name) ?? base.name,
    description: str(a.description, base.description),
    legacy: typeof a.legacy === 'boolean' ? a.legacy : base.legacy,
    source_mid: typeof a.sourceMid === 'number' ? a.sourceMid : base.source_mid,
    ...secretDateValues(a, 'jwtSigningSecret', 'jwt_signing_secret', base),
  }),
  rules: (c) => {
    const name = known<string>(c.name);
    const sourceMid = c.source_mid === null ? 0 : known<number | bigint>(c.source_mid);
    if (name === undefined || sourceMid === undefined) return null;
    return validateInstalledPackage({
      name,
      index: 0,
      siblingNames: [name],
      kindLabel: 'package',
      scopeLabel: 'its tenant',
      tenantName: '',
      // The tenant is another resource: its business units are checked by the target.
      tenantMids: null,
      sourceMid: num(sourceMid),
      apiIntegrationCount: 0,
      appCount: 0,
    });
  },
  importState: (id) => {
    const parts = pair(id);
    return parts === null
      ? `import a package as TENANT_SUBDOMAIN/PACKAGE_ID (e.g. mc563885gzs27c5t9-63k636ttgm/3f2c…), not ${JSON.stringify(id)}`
      : { tenant_id: parts[0], id: parts[1] };
  },
};

export const installedPackageResource = kindResource(installedPackageBinding);
