/**
 * @module
 * The config code an import of a Marketing Cloud integration prints (pure): a `Tenant` with its
 * business-unit tree, the package and its API integration, only non-default props.
 */
import type { ApiIntegrationSpec, BusinessUnitSpec, TenantSpec } from '@grantform/config';
import { tsString } from '../../../codegen.js';

function buTreeCode(bus: readonly BusinessUnitSpec[], enterpriseMid: number, indent: string): string {
  const node = (mid: number, depth: string): string => {
    const bu = bus.find((b) => b.mid === mid);
    const kids = bus.filter((b) => b.parentMid === mid);
    const name = tsString(bu?.name ?? String(mid));
    if (kids.length === 0) return `{ mid: ${mid}, name: ${name} }`;
    return `{\n${depth}  mid: ${mid},\n${depth}  name: ${name},\n${depth}  children: [\n${kids.map((k) => `${depth}    ${node(k.mid, `${depth}    `)},`).join('\n')}\n${depth}  ],\n${depth}}`;
  };
  return node(enterpriseMid, indent);
}

/** The config code for an imported tenant/package/integration. */
export function importCode(
  tenant: TenantSpec,
  pkgName: string,
  pkgDescription: string,
  integration: Pick<ApiIntegrationSpec, 'type' | 'scopes' | 'redirectUris' | 'businessUnits' | 'clientSecret' | 'pkce'>,
  sourceMid: number = tenant.enterpriseMid,
): string {
  const props: string[] = [
    `  type: ${tsString(integration.type)},`,
    `  scopes: [${integration.scopes.map(tsString).join(', ')}],`,
  ];
  if (integration.redirectUris.length > 0)
    props.push(`  redirectUris: [${integration.redirectUris.map(tsString).join(', ')}],`);
  props.push(
    `  businessUnits: ${integration.businessUnits === 'all' ? "'all'" : `[${integration.businessUnits.join(', ')}]`},`,
  );
  if (integration.clientSecret !== null)
    props.push(`  clientSecret: { env: ${tsString(integration.clientSecret.env)} },`);
  if (integration.pkce === 'required' && integration.type !== 'public-app') props.push(`  pkce: 'required',`);
  const varName = tenant.name.replace(/[^A-Za-z0-9_$]/g, '_');
  return [
    "import { GrantformApp, Tenant } from '@grantform/config';",
    '',
    'const app = new GrantformApp();',
    `const ${varName} = new Tenant(app, ${tsString(tenant.name)}, {`,
    `  subdomain: ${tsString(tenant.subdomain)},`,
    `  stackKey: ${tsString(tenant.stackKey)},`,
    `  enterprise: ${buTreeCode(tenant.businessUnits, tenant.enterpriseMid, '  ')},`,
    '});',
    `${varName}.addPackage(${tsString(pkgName)}, { description: ${tsString(pkgDescription)}${sourceMid === tenant.enterpriseMid ? '' : `, sourceMid: ${sourceMid}`} }).addApiIntegration({`,
    ...props,
    '});',
    '',
    'export default app;',
    '',
  ].join('\n');
}
