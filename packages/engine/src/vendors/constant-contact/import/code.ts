/**
 * @module
 * The config code a Constant Contact import prints (pure): the application, and for a partner the
 * partner and one `addClientAccount` per account, declaring only non-default props.
 */
import type { SecretRef } from '@grantform/config';
import { defaultPartnerSecretEnv } from '@grantform/config';
import { tsString, tsValue } from '../../../codegen.js';
import type { ApplicationModel, PartnerModel } from './models.js';

/** `{ a: 1, b: 'x' }` over several lines, without `undefined` values, in key order. */
function propsBlock(props: object, extra: readonly string[] = []): string {
  const lines = [
    ...extra,
    ...Object.entries(props)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}: ${tsValue(v)}`),
  ];
  return `{\n${lines.map((l) => `  ${l},`).join('\n')}\n}`;
}

const RESERVED = new Set([
  'app',
  'new',
  'class',
  'const',
  'default',
  'delete',
  'function',
  'import',
  'export',
  'in',
  'var',
]);

function camel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Variable names for the application and the partner: `agencyApp`, `agency`. */
function varNames(appName: string, partnerName: string): { appVar: string; partnerVar: string } {
  const a = camel(appName);
  const appVar = a.endsWith('App') || a === 'app' ? (a === 'app' ? 'application' : a) : `${a}App`;
  const p = camel(partnerName);
  return { appVar, partnerVar: RESERVED.has(p) || p === appVar ? `${p}Partner` : p };
}

export function ctctCode(application: ApplicationModel, partner: PartnerModel | null): string {
  const imports = [
    'ConstantContactApplication',
    ...(partner === null ? [] : ['ConstantContactPartner']),
    'GrantformApp',
  ];
  const lines = [`import { ${imports.join(', ')} } from '@grantform/config';`, '', 'const app = new GrantformApp();'];
  if (partner === null) {
    lines.push(`new ConstantContactApplication(app, ${tsString(application.name)}, ${propsBlock(application.props)});`);
  } else {
    const { appVar, partnerVar } = varNames(application.name, partner.name);
    lines.push(
      `const ${appVar} = new ConstantContactApplication(app, ${tsString(application.name)}, ${propsBlock(application.props)});`,
      `const ${partnerVar} = new ConstantContactPartner(app, ${tsString(partner.name)}, ${propsBlock(
        partnerProps(partner),
        [`application: ${appVar}`],
      )});`,
      ...partner.accounts.map((a) => `${partnerVar}.addClientAccount(${tsString(a.name)}, ${propsBlock(a.props)});`),
    );
  }
  lines.push('', 'export default app;', '');
  return lines.join('\n');
}

export function partnerProps(p: PartnerModel): { partnerClientId: string; partnerSecret?: SecretRef } {
  const address = `ctct/partners/${p.name}`;
  return {
    partnerClientId: p.partnerClientId,
    ...(p.partnerSecret.env === defaultPartnerSecretEnv(address) ? {} : { partnerSecret: p.partnerSecret }),
  };
}
