import { describe, expect, it } from 'vitest';
import { createDesired } from '../desired.js';
import { createPlan } from '../plan.js';
import { emptyState } from '../state/state-file.js';
import {
  basicManifest,
  integrationResource,
  manifestOf,
  packageResource,
  tenantResource,
} from '../testing-fixtures.js';
import { renderPlan } from './render-plan.js';

function applied() {
  const { desired } = createDesired(basicManifest());
  const resources = Object.fromEntries(
    Object.values(desired.resources).map((r) => [
      r.address,
      { kind: r.kind, id: `id-${r.address}`, attributes: r.attributes, specHash: r.specHash, dependsOn: r.dependsOn },
    ]),
  );
  return { ...emptyState('l'), serial: 1, resources };
}

describe('renderPlan', () => {
  it('renders a replacement with the attribute that forces it', () => {
    // GIVEN the integration type changes
    const { desired } = createDesired(
      manifestOf([
        tenantResource(),
        packageResource(),
        integrationResource('acme/crm-sync/api', { type: 'web-app', redirectUris: ['https://a.example/cb'] }),
      ]),
    );
    // WHEN rendered
    const text = renderPlan(createPlan(desired, applied(), null, { mode: 'normal' }));
    // THEN
    expect(text).toBe(
      [
        'grantform will perform the following actions:',
        '',
        '  # acme/crm-sync must be replaced',
        '  # (acme/crm-sync/api must be re-created; the vendor cannot remove a component, so the package is re-created)',
        '  ± installed-package "acme/crm-sync" {',
        '        id = "id-acme/crm-sync"',
        '    }',
        '',
        '  # acme/crm-sync/api must be replaced',
        '  # (type cannot change in place)',
        '  ± api-integration "acme/crm-sync/api" {',
        '        id = "id-acme/crm-sync/api"',
        '      ~ type = "server-to-server" → "web-app" # forces replacement',
        '      ~ redirectUris',
        '          + "https://a.example/cb"',
        '    }',
        '',
        'Plan: 0 to create, 0 to update, 2 to replace, 0 to delete.',
        '',
      ].join('\n'),
    );
  });

  it('renders a destroy', () => {
    const { desired } = createDesired(basicManifest());
    const text = renderPlan(createPlan(desired, applied(), null, { mode: 'destroy' }));
    expect(text).toContain(
      '  # acme/crm-sync/api will be destroyed\n  # (removed with acme/crm-sync)\n  - api-integration',
    );
    expect(text).toContain('Plan: 0 to create, 0 to update, 0 to replace, 3 to delete.');
  });

  it('says so when there is nothing to do', () => {
    const { desired } = createDesired(basicManifest());
    expect(renderPlan(createPlan(desired, applied(), null, { mode: 'normal' }))).toBe(
      'No changes. The target matches the configuration.\n',
    );
  });
});
