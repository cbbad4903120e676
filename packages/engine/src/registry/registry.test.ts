import { describe, expect, it } from 'vitest';
import { VENDORS } from '../vendors/index.js';
import { describeKind } from './descriptor.js';
import { createRegistry } from './registry.js';
import type { VendorProfile } from './vendor.js';

const widget = describeKind<{ name: string }>({
  kind: 'tenant',
  noun: 'widget',
  attributes: { name: { compare: 'value', onChange: 'update' } },
  computed: [],
  parent: null,
  component: false,
  secrets: [],
  outputs: () => ({}),
});

describe('createRegistry', () => {
  it('knows the built-in kinds, their vendors, and the secrets children declare for their parents', () => {
    // GIVEN the built-in vendors
    const registry = createRegistry(VENDORS);
    // THEN
    expect(registry.kinds).toEqual([
      'tenant',
      'installed-package',
      'api-integration',
      'marketing-cloud-app',
      'ctct-application',
      'ctct-partner',
      'ctct-client-account',
    ]);
    expect(registry.vendorOf('ctct-partner').name).toBe('constant-contact');
    expect(registry.kind('installed-package').parent).toEqual({ attribute: 'tenant', kind: 'tenant' });
    expect(registry.secretsDeclaredBy('marketing-cloud-app')).toEqual([
      { parentKind: 'installed-package', name: 'jwtSigningSecret', attribute: 'jwtSigningSecret' },
    ]);
    expect([...registry.secretNames].sort()).toEqual(['clientSecret', 'jwtSigningSecret', 'partnerSecret']);
    expect(registry.has('toy-widget')).toBe(false);
    expect(() => registry.kind('toy-widget')).toThrow(
      'unknown resource kind toy-widget (registered: tenant, installed-package, api-integration, marketing-cloud-app, ctct-application, ctct-partner, ctct-client-account)',
    );
  });

  it('hands an import address to the vendor that claims it, else to the fallback one', () => {
    const registry = createRegistry(VENDORS);
    const marketingCloud = VENDORS[0]?.importer;
    const constantContact = VENDORS[1]?.importer;
    expect(registry.importerFor('ctct/apps/newsletter')).toBe(constantContact);
    expect(registry.importerFor('acme/crm-sync/api')).toBe(marketingCloud);
    expect(createRegistry([]).importerFor('acme/crm-sync/api')).toBeUndefined();
  });

  it('refuses a kind registered twice, and a parent kind no vendor registered', () => {
    const twice: VendorProfile = { name: 'toy', kinds: [widget] };
    expect(() => createRegistry([...VENDORS, twice])).toThrow(
      'resource kind tenant is registered twice (vendors marketing-cloud and toy)',
    );
    const orphan: VendorProfile = {
      name: 'toy',
      kinds: [{ ...widget, kind: 'toy-gadget', parent: { attribute: 'name', kind: 'toy-box' } }],
    };
    expect(() => createRegistry([orphan])).toThrow(
      'resource kind toy-gadget names parent kind toy-box, which no vendor registered',
    );
  });
});
