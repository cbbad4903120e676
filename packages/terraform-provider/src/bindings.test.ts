import { BUILT_IN_REGISTRY } from '@grantform/engine';
import type { Schema } from '@grantform/terraform-plugin';
import { describe, expect, it } from 'vitest';
import type { KindBinding } from './kind-resource.js';
import { apiIntegrationBinding } from './resources/api-integration.js';
import { ctctApplicationBinding } from './resources/ctct-application.js';
import { ctctClientAccountBinding } from './resources/ctct-client-account.js';
import { ctctPartnerBinding } from './resources/ctct-partner.js';
import { installedPackageBinding } from './resources/installed-package.js';
import { marketingCloudAppBinding } from './resources/marketing-cloud-app.js';
import { tenantBinding } from './resources/tenant.js';
import { RULE_SUMMARY, ruleDiagnostics } from './rules.js';

const BINDINGS: readonly KindBinding<Schema>[] = [
  tenantBinding,
  installedPackageBinding,
  apiIntegrationBinding,
  marketingCloudAppBinding,
  ctctApplicationBinding,
  ctctPartnerBinding,
  ctctClientAccountBinding,
] as unknown as readonly KindBinding<Schema>[];

describe('the resource bindings', () => {
  it('cover every kind the engine registers, one resource type each', () => {
    // GIVEN the engine's kinds WHEN compared with the provider's bindings THEN each has exactly one
    expect(BINDINGS.map((b) => b.kind).sort()).toEqual([...BUILT_IN_REGISTRY.kinds].sort());
  });

  it.each(BINDINGS.map((b) => [b.typeName, b] as const))('%s lists every descriptor attribute in fields', (_, b) => {
    // GIVEN the kind's descriptor WHEN its spec attributes are compared with the binding's fields THEN none is missing
    const attributes = Object.keys(BUILT_IN_REGISTRY.kind(b.kind).attributes);
    expect(attributes.filter((a) => !(a in b.fields))).toEqual([]);
    // AND every field named maps to an attribute of the Terraform schema (or to none)
    const schemaAttributes = Object.keys(b.schema.attributes ?? {});
    const mapped = Object.values(b.fields).filter((v): v is string => v !== null);
    expect(mapped.filter((a) => !schemaAttributes.includes(a))).toEqual([]);
  });
});

describe('grantform rule findings as Terraform diagnostics', () => {
  it('carry the message and code at the attribute of the field (an index into a set points at the set)', () => {
    // GIVEN findings on scopes[1] and on a field Terraform does not offer
    const diagnostics = ruleDiagnostics(
      [
        { code: 'ERR_SCOPE_UNKNOWN', message: "unknown scope 'emails_raed'", field: 'scopes[1]' },
        { code: 'ERR_X', message: 'something else', field: 'appExchange' },
      ] as never,
      { scopes: 'scopes', appExchange: null },
    );
    // THEN the first points at `scopes`, the second at no attribute
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        summary: RULE_SUMMARY,
        detail: "unknown scope 'emails_raed' [ERR_SCOPE_UNKNOWN]",
        path: ['scopes'],
      },
      { severity: 'error', summary: RULE_SUMMARY, detail: 'something else [ERR_X]' },
    ]);
  });
});
